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


def test_without_strict_no_valid_document_is_dropped(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "kapot.md").write_text(BAD, encoding="utf-8")
    (docs / "documenten" / "binary.md").write_bytes(b"\x00\x01\x02junk")
    built = build_site(docs, tmp_path)
    assert not built.failed
    for doc_id in ("alpha-verslag", "beta-memo", "gamma-rapport", "delta-paper",
                   "epsilon-voorbeeld", "theta-script"):
        assert built.exists(f"documenten/{doc_id}"), doc_id
    # The broken one is still visible to the editor in a preview, at its own address.
    assert built.exists("documenten/kapot-document")
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


def test_a_preview_of_hostile_documents_shows_them_but_runs_nothing(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    hostile = ("script-fields", "script-body", "event-handler", "javascript-link",
               "external-image", "form-embed", "style-element")
    for name in hostile:
        text = (FIXTURES / "invalid" / f"{name}.md").read_text(encoding="utf-8")
        # one id per file, so each gets its own page in the preview
        text = text.replace("id: voorbeeld-document", f"id: {name}", 1)
        text = text.replace("id: theta-script", f"id: {name}", 1)
        (docs / "documenten" / f"{name}.md").write_text(text, encoding="utf-8")
    built = build_site(docs, tmp_path)
    assert not built.failed, built.messages
    for name in hostile:
        tree = built.html(f"documenten/{name}")
        assert tree.css_first("h1") is not None, name
    for page in built.site.rglob("*.html"):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        assert not [s for s in tree.css("script:not([type='application/ld+json'])")
                    if "alert" in (s.text() or "")], page
        if "documenten" in page.parts:  # the search page has a form of its own
            assert not tree.css('.md-content :is(iframe, object, embed, form, input), '
                                'link[href*="example.com"]'), page
        assert not [s for s in tree.css("style") if "display: none" in (s.text() or "")], page
        for node in tree.css("*"):
            for attr, value in node.attributes.items():
                assert not attr.startswith("on"), (page, node.tag, attr)
                if attr in ("href", "src") and value:
                    assert not value.lstrip().lower().startswith("javascript:"), page
                    assert "tracker.example" not in value and "cdn.example" not in value, page
    # What the editor wrote is still there to read, as text.
    body = built.html("documenten/script-body").css_first(".md-content").text()
    assert "<script>alert('body')</script>" in body
