"""Personal data never reaches the site: the strict build fails, and a preview masks it."""

from __future__ import annotations

import shutil

from helpers import FIXTURES, build_site, make_docs

LEAKY = FIXTURES / "invalid" / "pii-contact.md"
ALLOWED = """---
id: praktijk-met-contact
kind: practice-example
title: Praktijk met publiek contact
date: 2022-01-01
summary: Een voorbeeld met een zakelijk contactadres.
themes: [regie]
stakeholders: [gemeenten]
organisation: gemeenten
status: published
allow_personal_data:
  - value: p.projectleider@voorbeeld.nl
    reason: zakelijk adres van de projectleider, door de gemeente zelf gepubliceerd
---

Contact: p.projectleider@voorbeeld.nl.
"""


def site_text(built) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace")
                     for p in built.site.rglob("*") if p.is_file()
                     and p.suffix in {".html", ".xml", ".json", ".txt"})


def test_strict_build_fails_on_unallowed_personal_data(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    shutil.copy(LEAKY, docs / "documenten" / "memo.md")
    built = build_site(docs, tmp_path, strict=True)
    assert built.failed
    assert ("lessons: documenten/memo.md:13: body: personal data: e-mail address "
            "'j.jansen@example.nl' would be published.") in "\n".join(built.messages)


def test_a_non_strict_build_leaves_the_document_out(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    shutil.copy(LEAKY, docs / "documenten" / "memo.md")
    built = build_site(docs, tmp_path, strict=False, include_drafts=True)
    assert not built.failed
    assert not built.exists("documenten/pii-contact")
    text = site_text(built)
    for value in ("j.jansen@example.nl", "06-12345678", "123 45 67", "1234 5678",
                  "pii-contact"):
        assert value not in text


def test_masking_defuses_every_field_of_a_document():
    """The second line of defence, for any use of a document that was not refused."""
    from helpers import ROOT
    from lessons.collect import collect, load_vocabularies

    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    doc = collect([("memo.md", LEAKY.read_bytes())], vocabs).documents[0]
    assert "[persoonsgegeven verwijderd]" in doc.body and "[persoonsgegeven verwijderd]" in (
        doc.summary)
    for value in ("j.jansen@example.nl", "06-12345678", "123 45 67", "1234 5678"):
        assert value not in doc.body + doc.summary
    assert "info@rivm.nl" in doc.body


def test_allowed_value_is_published(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (docs / "documenten" / "praktijk.md").write_text(ALLOWED, encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True)
    assert not built.failed, built.messages
    body = built.html("documenten/praktijk-met-contact").css_first(".lessons-body").text()
    assert "p.projectleider@voorbeeld.nl" in body
