"""The yardstick of bench/import_eval.py: how it decides that an imported title, date,
phrase or code block is right, on small made-up inputs."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load():
    spec = importlib.util.spec_from_file_location("import_eval", ROOT / "bench" / "import_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_eval"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


ev = _load()


# ---------------------------------------------------------------- titles

@pytest.mark.parametrize("written", [
    "Charter Kennisplatform API’s",
    "CHARTER KENNISPLATFORM API'S",
    "Charter  kennisplatform APIs.",
])
def test_title_ignores_case_punctuation_and_apostrophes(written):
    assert ev.title_matches("Charter Kennisplatform API’s", written)


def test_title_may_add_a_few_words_after_the_expected_title():
    assert ev.title_matches("Gemeenteraad 29 juni 2015", "Gemeenteraad 29 juni 2015 17:00:00")


def test_title_with_a_whole_paragraph_after_it_is_wrong():
    written = "Gemeenteraad 29 juni 2015 " + "en nog veel meer tekst van de eerste pagina hier"
    assert not ev.title_matches("Gemeenteraad 29 juni 2015", written)


def test_title_without_its_subtitle_is_right_when_the_head_says_enough():
    expected = "Impactanalyse modernisering Digikoppeling ebMS: van ebMS2 naar eDelivery"
    assert ev.title_matches(expected, "Impactanalyse modernisering Digikoppeling ebMS")
    assert ev.title_matches("Burgerpeiling Waar staat je gemeente – Richtlijnen voor afname",
                            "Burgerpeiling ‘Waar staat je gemeente’")


def test_a_two_word_head_is_not_the_title():
    assert not ev.title_matches("DiS Geo: Architectuurbeschrijving Voorzieningen", "DiS Geo")


@pytest.mark.parametrize("written", [
    "Inhoud", "De Minister van Volksgezondheid, Welzijn en Sport", "Projecttitel:", "",
    "Modernisering Digikoppeling",  # the expected title is not a prefix of this
])
def test_wrong_titles(written):
    assert not ev.title_matches("Modernisering Digikoppeling ebMS koppelvlak", written)


def test_title_also_lists_other_accepted_titles():
    assert ev.title_matches("Review issues in versie 1.2ec", "IMKL2015 – Dataspecificatie",
                            also=["IMKL2015 - Dataspecificatie"])


# ---------------------------------------------------------------- dates

def test_date_precision_must_match_exactly():
    assert ev.date_matches("2020-08", "2020-08")
    assert not ev.date_matches("2020-08", "2020-08-01")
    assert not ev.date_matches("2020-08-14", "2020-08")
    assert not ev.date_matches("2020", "2020-01-01")


def test_date_read_back_from_yaml_as_a_date_object():
    assert ev.date_matches("2020-08-14", dt.date(2020, 8, 14))
    assert not ev.date_matches("2020-08", dt.date(2020, 8, 1))


def test_no_date_expected_means_none_may_be_invented():
    assert ev.date_matches(None, "")
    assert ev.date_matches(None, None)
    assert not ev.date_matches(None, "2024-10-31")


def test_date_also():
    assert ev.date_matches("2020-07", "2020-07-22", also=["2020-07-22"])
    assert not ev.date_matches("2020-07", "2020-07-01", also=["2020-07-22"])


# ---------------------------------------------------------------- phrases

def test_phrase_across_lines_hyphens_links_and_markup():
    body = ("Het **wetsvoorstel** over [milieu-\ninformatie](https://example.org/x) is "
            "regel-\ngeving voor\n\n<td>iedereen</td>.")
    assert ev.phrase_found("het wetsvoorstel over milieu-informatie is regelgeving voor iedereen",
                           body)


def test_phrase_words_must_be_consecutive():
    assert not ev.phrase_found("een twee drie", "een twee en drie")
    assert not ev.phrase_found("wet- en regelgeving", "wet en regel geving")


# ---------------------------------------------------------------- code blocks

def test_fenced_and_indented_blocks_are_code():
    assert ev.code_blocks("tekst\n\n```\nx = 1\n```\n") == 1
    assert ev.code_blocks("tekst\n\n    ingesprongen regel uit pdftotext -layout\n"
                          "    nog een\n\nverder\n\n\tmet een tab\n") == 2


def test_indentation_that_is_not_code():
    nested_list = "- punt\n\n    vervolg van het punt\n\n    1. genest\n"
    lazy_line = "een alinea\n    die doorloopt\n"
    html = "<table>\n    <tr><td>cel</td></tr>\n</table>\n"
    assert ev.code_blocks(nested_list) == 0
    assert ev.code_blocks(lazy_line) == 0
    assert ev.code_blocks(html) == 0
    # The site renders admonitions and footnotes (mkdocs.yml): their indented bodies are
    # not code.
    assert ev.code_blocks("!!! note\n\n    Een opmerking.\n") == 0
    assert ev.code_blocks("Tekst[^1].\n\n[^1]: Noot.\n\n    Tweede alinea van de noot.\n") == 0


def test_a_list_ends_at_an_unindented_paragraph():
    assert ev.code_blocks("- punt\n\nalinea\n\n    code na de lijst\n") == 1


# ---------------------------------------------------------------- one file through the harness

def _vocabs():
    from lessons.collect import load_vocabularies

    return load_vocabularies(ROOT / "content" / "vocabularies")


def test_a_refusal_expected_and_given_counts_as_right(tmp_path):
    odd = tmp_path / "lijst.xyz"
    odd.write_text("geen document", encoding="utf-8")
    result = ev.evaluate(odd, {"file": odd.name, "format": "xyz", "refuse": True},
                         _vocabs(), tmp_path)
    assert result.refused and result.all_ok
    assert "ImportFailure" in result.error


def test_a_crash_is_reported_not_raised(tmp_path, monkeypatch):
    from lessons.importers import writer

    def broken(*args, **kwargs):
        raise ZeroDivisionError("kapot")

    monkeypatch.setattr(writer, "import_file", broken)
    source = tmp_path / "a.md"
    source.write_text("# Titel\n\nTekst.\n", encoding="utf-8")
    result = ev.evaluate(source, {"file": "a.md", "format": "md", "kind": "report"},
                         _vocabs(), tmp_path)
    assert not result.all_ok
    assert result.error.startswith("ZeroDivisionError: kapot")


def test_an_imported_markdown_file_is_read_back(tmp_path):
    source = tmp_path / "verslag.md"
    source.write_text("# Verslag van de werkgroep\n\nDe eerste zin van het verslag staat hier.\n\n"
                      "## Afsluiting\n\nDe voorzitter sluit de vergadering om vijf uur.\n",
                      encoding="utf-8")
    expected = {"file": source.name, "format": "md", "kind": "meeting-report",
                "date": None, "title": "Verslag van de werkgroep",
                "first": "De eerste zin van het verslag",
                "last": "sluit de vergadering om vijf uur"}
    result = ev.evaluate(source, expected, _vocabs(), tmp_path)
    assert result.error == ""
    assert result.first_ok and result.last_ok
    assert result.code_blocks == 0
    assert result.title_ok
    assert result.lost_words == 0
