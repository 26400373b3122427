"""Invalid documents: a clear `path:line: field: message`, a failed strict build, nothing lost."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, build_site, make_docs

BAD = """---
id: kapot-document
kind: memo
title: Kapot document
date: 2021-02-30
summary: Een document met fouten.
themes: [gegevensuitwisseling, dataa, financiering]
stakeholders: [rivm]
status: published
organisation: VWS
tehmes: [governance]
---

Tekst.
"""


def test_strict_build_fails_with_every_problem_and_its_line(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "kapot.md").write_text(BAD, encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True)
    assert built.failed
    problems = [m for m in built.messages if m.startswith("lessons: documenten/kapot.md")]
    assert problems == [
        "lessons: documenten/kapot.md:5: date: '2021-02-30' is not a real date",
        "lessons: documenten/kapot.md:7: themes.1: unknown term 'dataa'; did you mean "
        "'gegevensuitwisseling' (Gegevensuitwisseling)?",
        "lessons: documenten/kapot.md:11: tehmes: unknown field; did you mean 'themes'?",
    ]
    assert not any("Traceback" in m for m in built.messages)


def test_without_strict_no_valid_document_is_dropped_and_no_invalid_one_published(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "kapot.md").write_text(BAD, encoding="utf-8")
    (docs / "documenten" / "binary.md").write_bytes(b"\x00\x01\x02junk")
    built = build_site(docs, tmp_path)
    assert not built.failed
    for doc_id in ("alpha-verslag", "beta-memo", "gamma-rapport", "delta-paper",
                   "epsilon-voorbeeld", "theta-script"):
        assert built.exists(f"documenten/{doc_id}"), doc_id
    # The broken one is reported, and never published, not even by a non-strict build.
    assert not built.exists("documenten/kapot-document")
    assert "kapot-document" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "lessons: documenten/kapot.md:5: date: '2021-02-30' is not a real date" in (
        built.messages)
    assert ("lessons: documenten/binary.md:1: file: file is binary, not Markdown text"
            in built.messages)


def test_broken_vocabulary_stops_the_build_with_its_line(tmp_path):
    docs = make_docs(tmp_path)
    (docs / "vocabularies" / "themes.yml").write_text(
        "data:\n  label: Data\nkapot:\n  parent: nergens\n  label: Kapot\n", encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert built.failed
    assert any("themes.yml:4: kapot.parent: term 'kapot' has unknown parent 'nergens'" in m
               for m in built.messages), built.messages


def test_hostile_documents_are_reported_and_not_published_even_in_a_preview(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    hostile = ("script-fields", "script-body", "event-handler", "javascript-link",
               "external-image", "form-embed", "style-element")
    for name in hostile:
        text = (FIXTURES / "invalid" / f"{name}.md").read_text(encoding="utf-8")
        # one id per file, so each would get its own page
        text = text.replace("id: voorbeeld-document", f"id: {name}", 1)
        text = text.replace("id: theta-script", f"id: {name}", 1)
        (docs / "documenten" / f"{name}.md").write_text(text, encoding="utf-8")
    built = build_site(docs, tmp_path, include_drafts=True)
    assert not built.failed, built.messages
    for name in hostile:
        assert not built.exists(f"documenten/{name}"), name
        assert any(m.startswith(f"lessons: documenten/{name}.md:") for m in built.messages), name
    for page in built.site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        assert not [s for s in tree.css("script:not([type='application/ld+json'])")
                    if "alert" in (s.text() or "")], page
