"""Bodies Python-Markdown would need minutes or hours for are refused before it starts,
and anything slow that slips past is stopped by a time limit: a message, never a hang."""

from __future__ import annotations

import time

import pytest

from helpers import ROOT
from lessons import content_check, render
from lessons.collect import collect, load_vocabularies
from lessons.render import BodyRenderer

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
HEAD = ("---\nid: zwaar\nkind: memo\norganisation: RIVM\ntitle: Zwaar\ndate: 2021-01-01\n"
        "summary: Zwaar.\nthemes: [regie]\nstakeholders: [rivm]\nstatus: published\n---\n\n"
        "Tekst.\n\n")
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "footnotes", "admonition",
              "md_in_html"]

# Each is quadratic (or worse) in Python-Markdown; at 1 MB each would take hours.
SHAPES = {
    "unclosed brackets": ("[a ", "'[' nested"),
    "brackets only": ("[", "'[' nested"),
    "images": ("![", "'[' nested"),
    "footnote refs": ("[^", "'[' nested"),
    "open addresses": ("[a](", "link addresses '](' that no ')' closes"),
    "nested quotes": ("> ", "quotes or list items opened on one line"),
    "nested lists": ("1. ", "quotes or list items opened on one line"),
    "nested bullets": ("- ", "quotes or list items opened on one line"),
    "one long block": ("---\n", "lines without a blank line between them"),
    "many lines": ("a\n", "lines without a blank line between them"),
}


@pytest.mark.parametrize("name", list(SHAPES))
def test_a_body_markdown_cannot_read_in_time_is_refused_at_once(name):
    piece, message = SHAPES[name]
    raw = (HEAD + piece * (1_000_000 // len(piece))).encode()
    start = time.process_time()
    result = collect([("documenten/zwaar.md", raw)], VOCABS)
    assert time.process_time() - start < 2.0
    assert any(p.field == "body" and message in p.message for p in result.problems), (
        [str(p) for p in result.problems][:3])


def test_ordinary_text_is_not_refused():
    body = ("Een alinea met een [link](https://example.org/) en een voetnoot[^1].\n\n"
            "- een lijst\n    - genest\n\n> een citaat\n\n[^1]: Voetnoot.\n\n") * 400
    result = collect([("documenten/gewoon.md", (HEAD + body).encode())], VOCABS)
    assert not result.problems


def test_what_slips_past_is_stopped_by_the_time_limit(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "documenten").mkdir(parents=True)
    import shutil
    shutil.copytree(ROOT / "content" / "vocabularies", docs / "vocabularies")
    # 80 KB of backslashes take Python-Markdown over a second; the limit is set lower.
    (docs / "documenten" / "zwaar.md").write_text(HEAD + "\\" * 80_000 + "\n",
                                                  encoding="utf-8")
    monkeypatch.setattr(render, "TIME_LIMIT", 0.2)
    start = time.monotonic()
    report = content_check.check(docs, VOCABS, BodyRenderer(EXTENSIONS))
    assert time.monotonic() - start < 5
    assert [str(p) for p in report.problems] == [
        "documenten/zwaar.md:12: body: Markdown took more than 0.2 s to convert this text: "
        "look for a long run of the same characters (brackets, backticks, '>' or "
        "backslashes) and break it up"]


@pytest.mark.parametrize("written, kind", [
    ("(06) 12345678", "phone"), ("06/12345678", "phone"), ("06\u201312345678", "phone"),
    ("06\u201112345678", "phone"), ("(020) 123 4567", "phone"), ("06\uff11\uff12345678", "phone"),
    ("j.devries(at)ggd.nl", "email"), ("j.devries [at] ggd.nl", "email"),
    ("mailto:j.jansen%40example.nl", "email"), ("piet@geme\u00ebnte.nl", "email"),
    ("j.jansen\uff20example.nl", "email"), ("nl91abna0417164300", "iban"),
    ("NL91-ABNA-0417-1643-00", "iban"),
])
def test_personal_data_written_in_unusual_ways_is_found_and_masked(written, kind):
    from lessons.privacy import mask, scan

    text = f"Neem contact op: {written}, graag."
    assert [f.kind for f in scan(text)] == [kind]
    masked = mask(text, set())
    assert written.split("(")[-1][-6:] not in masked and "graag." in masked


@pytest.mark.parametrize("text", ["info(at)ggd.nl", "Wat (at)tentie", "at the meeting",
                                  "Datum 2021-03-01, kenmerk 12345678", "5.1.2e@minvws.nl"])
def test_role_mailboxes_and_ordinary_text_are_not_personal_data(text):
    from lessons.privacy import scan

    assert scan(text) == []
