"""Helpers templates call as `lessons.*`: labels, URLs and dates, in one place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from ..followup import Record
from ..graph import Corpus
from ..issuer import Organisation, issuer
from ..model.document import Document, FollowUp, Lesson
from ..model.kinds import Kind
from ..model.lifecycle import State
from ..model.schema import Vocabularies
from ..normalize.dates import PartialDate, format_nl
from . import citations, csl, followup_pages, headmeta, urls
from .card import NEUTRAL, lesson_card


class TemplateHelpers:
    def __init__(self, vocabs: Vocabularies, corpus: Corpus | None = None, site_url: str = "",
                 organisation: Organisation | None = None, site_name: str = "",
                 licence: str = "", citation_cache: Path | None = None):
        self._vocabs = vocabs
        self._citation_cache = citation_cache
        csl.use_cache(citation_cache)
        self._corpus = corpus
        self._site_url = site_url.rstrip("/") + "/" if site_url else "/"
        self._organisation = organisation or Organisation(site_name)
        self._site_name = site_name
        self.licence = licence
        self.card_style = NEUTRAL  # the lesson card's colours (the plugin sets the site's)
        self._cited: dict[tuple[int, int], tuple] = {}

    def with_corpus(self, corpus: Corpus) -> TemplateHelpers:
        """The same helpers over another graph (a preview after an edit)."""
        helpers = TemplateHelpers(self._vocabs, corpus, self._site_url, self._organisation,
                                  self._site_name, self.licence, self._citation_cache)
        helpers.card_style = self.card_style
        return helpers

    def issuer(self, doc: Document) -> Organisation:
        """The organisation that issued the document (issuer.py)."""
        return issuer(doc, self._vocabs.stakeholders, self._organisation)

    def theme_labels(self, keys: list[str]) -> list[str]:
        return [self._vocabs.themes.label(k) for k in keys]

    def stakeholder_labels(self, keys: list[str]) -> list[str]:
        return [self._vocabs.stakeholders.label(k) for k in keys]

    def cite(self, doc: Document, lesson: Lesson | None = None) -> citations.Citable:
        # A page asks three times (head, citation block, downloads): made once per build.
        key = (id(doc), id(lesson))
        found = self._cited.get(key)
        if found is None or found[0] is not doc or found[1] is not lesson:
            found = self._cited[key] = (doc, lesson, self._cite(doc, lesson))
        return found[2]

    def _cite(self, doc: Document, lesson: Lesson | None) -> citations.Citable:
        if lesson is None:
            cited = citations.from_document(doc, self.absolute(urls.document(doc.id)),
                                            self.issuer(doc), self.theme_labels(doc.themes),
                                            self._site_name)
            cited.pdf_url = self.absolute(urls.document_pdf(doc.id))
            return cited
        record = self._corpus.follow_up.records.get(lesson.id) if self._corpus else None
        cited = citations.from_lesson(lesson, doc, self.absolute(urls.lesson(lesson.id)),
                                      self.issuer(doc), self.theme_labels(lesson.themes),
                                      self._site_name, record)
        cited.pdf_url = self.absolute(urls.lesson_pdf(lesson.id))
        return cited

    def head(self, doc: Document, lesson: Lesson | None = None):
        cited = self.cite(doc, lesson)
        if lesson is None:
            return headmeta.head(cited, schema_type=doc.kind.schema_type,
                                 site_name=self._site_name)
        return headmeta.head(cited, schema_type="CreativeWork", site_name=self._site_name,
                             part_of_url=self.absolute(urls.document(doc.id)))

    def card(self, lesson: Lesson, doc: Document) -> str:
        return lesson_card(lesson, doc, self.absolute(urls.lesson(lesson.id)),
                           self.issuer(doc).name, self.licence, style=self.card_style)

    def prepare_citations(self) -> csl.Formatter:
        """Format the reference of every document and lesson in one engine run (csl.py),
        before the pages are rendered; entries come from the cache where they can."""
        items = []
        for doc in self._corpus.documents if self._corpus else []:
            items.append(citations.csl_json(self.cite(doc)))
            items += [citations.csl_json(self.cite(doc, lesson)) for lesson in doc.lessons]
        return csl.prepare(items)

    @property
    def citation_styles(self) -> tuple[csl.Style, ...]:
        return csl.STYLES

    def citation(self, cited: citations.Citable, style: str) -> csl.Entry:
        """The reference to `cited` in one style of csl.STYLES ("vancouver", "apa",
        "ntvg"): `.html` as the page shows it (escaped, italics as <i>), `.text` as it
        is copied. Every place that prints a reference (page, API, PDF) asks here."""
        return csl.references(citations.csl_json(cited))[style]

    def citation_html(self, cited: citations.Citable, style: str) -> Markup:
        return Markup(self.citation(cited, style).html)  # escaped by the engine

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

    def date(self, value: PartialDate | dt.date) -> str:
        """'14 januari 2022', 'januari 2022' or '2022': never more precise than the date."""
        return format_nl(value)

    # Follow-up (followup.py): what became of a lesson, for the lesson, document and
    # organisation pages.

    @property
    def today(self) -> dt.date:
        """The build's day: overdue and outstanding are judged against it."""
        return self._corpus.follow_up.today if self._corpus else dt.date.today()

    def record(self, lesson: Lesson) -> Record | None:
        """The follow-up of a lesson with a page (None for one of a draft's in a public
        build, which has no record)."""
        if not self._corpus:
            return None
        return self._corpus.follow_up.records.get(lesson.id)

    def follows(self, doc: Document) -> list[tuple[Lesson, FollowUp]]:
        """The lessons (of other documents) this document says it follows up."""
        return self._corpus.follow_up.follows.get(doc.id, []) if self._corpus else []

    def lesson_state(self, key: str) -> State | None:
        """A lesson state by key ('' or unknown: None)."""
        states = self._vocabs.lifecycle.lesson
        return states[key] if key in states else None

    def response(self, record: Record) -> str:
        """'uitstaand' past the response deadline without a response, 'gevraagd' while the
        deadline is still to come, '' when answered or no response is asked."""
        if record.response_due is None or record.responded:
            return ""
        return "uitstaand" if record.outstanding(self.today) else "gevraagd"

    def follow_up_url(self, state: State | str | None = None) -> str:
        """The overview /opvolging/, or the listing of one state."""
        if state is None:
            return followup_pages.overview_url()
        return followup_pages.state_url(state if isinstance(state, str) else state.key)
