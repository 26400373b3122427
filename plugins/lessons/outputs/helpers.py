"""Helpers templates call as `lessons.*`: labels, URLs and dates, in one place."""

from __future__ import annotations

import datetime as dt

from ..graph import Corpus
from ..model.document import Document, Lesson
from ..model.kinds import Kind
from ..model.schema import Vocabularies
from ..normalize.dates import format_nl
from . import urls


class TemplateHelpers:
    def __init__(self, vocabs: Vocabularies, corpus: Corpus | None = None, site_url: str = ""):
        self._vocabs = vocabs
        self._corpus = corpus
        self._site_url = site_url.rstrip("/") + "/" if site_url else "/"

    def document(self, doc_id: str) -> Document | None:
        return self._corpus.by_id.get(doc_id) if self._corpus else None

    def has_page(self, lesson: Lesson) -> bool:
        """Lessons of drafts (in a preview) or of invalid documents have no page."""
        return bool(self._corpus) and lesson.document_id in self._corpus.by_id

    def lesson_url(self, lesson: Lesson) -> str:
        return urls.lesson(lesson.id)

    def absolute(self, url: str) -> str:
        """The full public address of a site-relative URL (for citations and feeds)."""
        return self._site_url + url.lstrip("/")

    def theme(self, key: str):
        return self._vocabs.themes.terms.get(key)

    def stakeholder(self, key: str):
        return self._vocabs.stakeholders.terms.get(key)

    def theme_url(self, key: str) -> str:
        return urls.theme(key)

    def stakeholder_url(self, key: str) -> str:
        return urls.stakeholder(key)

    def kind_url(self, kind: Kind) -> str:
        return urls.kind(kind)

    def year_url(self, year: int) -> str:
        return urls.year(year)

    def document_url(self, doc: Document) -> str:
        return urls.document(doc.id)

    def date(self, value: dt.date) -> str:
        return format_nl(value)
