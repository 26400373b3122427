"""Helpers templates call as `lessons.*`: labels, URLs and dates, in one place."""

from __future__ import annotations

import datetime as dt

from ..model.document import Document
from ..model.kinds import Kind
from ..model.schema import Vocabularies
from ..normalize.dates import format_nl
from . import urls


class TemplateHelpers:
    def __init__(self, vocabs: Vocabularies):
        self._vocabs = vocabs

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
