"""Public URLs, derived from ids and keys only, never from file paths or titles."""

from __future__ import annotations

from ..model.document import Document
from ..model.kinds import Kind

DOCUMENTS = "documenten"
THEMES = "themas"
STAKEHOLDERS = "organisaties"
KINDS = "soorten"
YEARS = "jaren"
SEARCH = "zoeken"
LESSONS = "lessen"
BROWSE = "bladeren"
LANDSCAPE = "overzicht"


def document(doc_id: str) -> str:
    return f"{DOCUMENTS}/{doc_id}/"


def document_pdf(doc_id: str) -> str:
    """The document as a PDF, named by its id so a saved copy keeps its name."""
    return f"{DOCUMENTS}/{doc_id}/{doc_id}.pdf"


def lesson_pdf(lesson_id: str) -> str:
    return f"{LESSONS}/{lesson_id}/{lesson_id}.pdf"


def document_dest(doc: Document) -> str:
    return f"{DOCUMENTS}/{doc.id}/index.html"


def theme(key: str) -> str:
    return f"{THEMES}/{key}/"


def stakeholder(key: str) -> str:
    return f"{STAKEHOLDERS}/{key}/"


def kind(k: Kind) -> str:
    return f"{KINDS}/{k.slug}/"


def year(value: int) -> str:
    return f"{YEARS}/{value}/"


def lesson(lesson_id: str) -> str:
    return f"{LESSONS}/{lesson_id}/"
