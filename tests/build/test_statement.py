"""The accessibility statement at /toegankelijkheid/ as a visitor reads it: the sections of the
Dutch model, the status, the dates, the automated checks with their tools and versions from
the committed record, the contact; and a build that refuses a statement its facts or its
record do not support."""

from __future__ import annotations

import json
import re

import pytest

from helpers import ROOT, build_site, make_docs
from lessons.permalinks import read_manifest

RECORD = json.loads((ROOT / "content" / "vocabularies" / "toegankelijkheidsonderzoek.json")
                    .read_text(encoding="utf-8"))
EVALUATION = """evaluations:
  - date: 2026-10-01
    by: Onderzoeksbureau Toegankelijk
    method: WCAG-EM
    report: https://lessen.example.org/rapport.pdf
"""


@pytest.fixture(scope="module")
def statement(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("statement")
    built = build_site(ROOT / "content", tmp, strict=True,
                       manifest=str(ROOT / "published-urls.txt"))
    assert not built.failed, built.messages
    return built.html("toegankelijkheid")


def _text(node) -> str:
    """The text as read: one space between words, none before punctuation."""
    return re.sub(r" ([.,;:])", r"\1", " ".join(node.text(separator=" ").split()))


def test_the_statement_has_the_sections_of_the_model(statement):
    assert [_text(h).rstrip("¶ ") for h in statement.css("article h1, article h2")] == [
        "Toegankelijkheidsverklaring", "Nalevingsstatus", "Onderbouwing: het onderzoek",
        "Bekende beperkingen", "Maatregelen om de toegankelijkheid te borgen",
        "Feedback en contactgegevens", "Handhavingsprocedure",
        "Uitleg over de nalevingsstatussen"]
    assert statement.css_first("html").attributes["lang"] == "nl"


def test_the_statement_says_its_status_dates_and_scope(statement):
    text = _text(statement.css_first("article"))
    assert "De status van deze website is: C – eerste maatregelen genomen." in text
    assert ("Ministerie van Volksgezondheid, Welzijn en Sport streeft ernaar om haar online "
            "informatie en dienstverlening toegankelijk te maken") in text
    assert "Deze verklaring is opgesteld op 24 november 2026." in text
    assert "Er is nog geen volledig onderzoek volgens de onderzoeksmethode WCAG-EM gedaan. " \
           "Dat onderzoek is gepland voor 3 mei 2027." in text
    assert "Documenten die uit pdf-bestanden zijn overgenomen" in text
    assert "Gereed: 31 maart 2027" in text


def test_the_checks_come_from_the_record_with_their_tools_and_versions(statement):
    text = _text(statement.css_first("article"))
    day = RECORD["date"].split("-")
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")
    assert f"Op {int(day[2])} {months[int(day[1]) - 1]} {day[0]} zijn de volgende " \
           f"automatische toetsen uitgevoerd" in text
    headings = [_text(h) for h in statement.css("h4")]
    for name, check in RECORD["checks"].items():
        assert check["title"] in headings
        facts = _text(statement.css_first(f"#toets-{name} ~ ul"))
        for tool in check["tools"]:
            assert RECORD["tools"][tool] in facts, (tool, facts)
        problems = sum(len(o["problems"]) for o in RECORD["outcomes"] if o["check"] == name)
        assert f"Uitkomst: {problems} problemen gevonden" in facts
    assert "axe-core 4.11.0" in text  # the version package-lock.json installs
    assert "1.4.10 Reflow (AA)" in text
    assert "van de 50 succescriteria van WCAG 2.1 niveau A en AA" in text
    # A page type checked, with the widths the record lists for it.
    label = RECORD["page_types"]["accessibility"]
    widths = sorted({o["width"] for o in RECORD["outcomes"]
                     if o["page_type"] == "accessibility" and o["width"]})
    shown = ", ".join(map(str, widths[:-1])) + " en " + str(widths[-1])
    assert f"{label} ({shown} pixels)" in text


def test_the_statement_says_where_to_report_a_problem_and_complain(statement):
    links = {_text(a): a.attributes["href"] for a in statement.css("article a")}
    assert links["redactie@lessen.example.org"] == "mailto:redactie@lessen.example.org"
    assert links["de Nationale ombudsman"] == "https://www.nationaleombudsman.nl/"
    text = _text(statement.css_first("article"))
    assert "Binnen 5 werkdagen krijgt u een ontvangstbevestiging." in text


def test_the_published_address_stays():
    assert "toegankelijkheid/" in read_manifest(ROOT / "published-urls.txt")


def _docs(tmp_path, facts: str | None = None, record: dict | None = None):
    docs = make_docs(tmp_path)
    folder = docs / "vocabularies"
    if facts is not None:
        (folder / "toegankelijkheid.yml").write_text(facts, encoding="utf-8")
    if record is not None:
        (folder / "toegankelijkheidsonderzoek.json").write_text(json.dumps(record, indent=2),
                                                                 encoding="utf-8")
    return docs


def _failing_record() -> dict:
    record = json.loads(json.dumps(RECORD))
    first_axe = next(o for o in record["outcomes"] if o["check"] == "axe")
    first_axe["problems"] = ["color-contrast: Elements must meet minimum color contrast ratio "
                             "thresholds (2x)"]
    return record


def test_a_record_with_failures_next_to_full_compliance_stops_the_build(tmp_path):
    facts = (f"status: A\ndate: 2026-11-24\ncontact:\n  email: redactie@lessen.example.org\n"
             f"{EVALUATION}")
    assert not build_site(_docs(tmp_path / "ok", facts), tmp_path / "ok").failed
    built = build_site(_docs(tmp_path, facts, _failing_record()), tmp_path)
    assert built.failed
    message = "\n".join(built.messages)
    assert "vocabularies/toegankelijkheid.yml:1: status: status A (voldoet volledig), but the " \
           "automated check 'axe'" in message
    assert "found 1 problem" in message
    assert not (tmp_path / "site" / "toegankelijkheid" / "index.html").exists()


def test_a_status_the_facts_do_not_support_stops_the_build(tmp_path):
    facts = "status: B\ndate: 2026-11-24\ncontact:\n  email: redactie@lessen.example.org\n"
    built = build_site(_docs(tmp_path, facts), tmp_path)
    assert built.failed
    assert "toegankelijkheid.yml:1: status: status B (voldoet gedeeltelijk) needs an " \
           "evaluation by an expert after WCAG-EM" in "\n".join(built.messages)


def test_a_garbled_or_missing_data_file_names_its_line_and_field(tmp_path):
    built = build_site(_docs(tmp_path / "a", "status: C\ndate: [2026\n"), tmp_path / "a")
    assert built.failed
    assert "vocabularies/toegankelijkheid.yml:3: yaml: invalid YAML" in "\n".join(built.messages)
    docs = _docs(tmp_path / "b")
    (docs / "vocabularies" / "toegankelijkheid.yml").unlink()
    built = build_site(docs, tmp_path / "b")
    assert built.failed
    assert "vocabularies/toegankelijkheid.yml:1: file: is missing" in "\n".join(built.messages)


def test_every_value_is_escaped(tmp_path):
    facts = ((ROOT / "content" / "vocabularies" / "toegankelijkheid.yml").read_text()
             .replace("title: Documenten die uit pdf-bestanden zijn overgenomen",
                      "title: Tabellen met < 3 kolommen & \"koppen\""))
    built = build_site(_docs(tmp_path, facts), tmp_path, strict=True)
    assert not built.failed, built.messages
    raw = (built.site / "toegankelijkheid" / "index.html").read_text(encoding="utf-8")
    assert "<h3>Tabellen met &lt; 3 kolommen &amp; &#34;koppen&#34;</h3>" in raw
