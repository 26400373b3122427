"""Files for other platforms: Atom and JSON Feed 1.1 feeds, the JSON export with its
schema, and per document and lesson the citation downloads and the lesson card.

Everything is derived from the public corpus only (drafts are never in it), ordered
deterministically, and dated by the documents, never by the build, so two builds of
the same content write the same bytes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..graph import Corpus
from ..issuer import Organisation, issuer
from ..model.document import Document, Lesson
from ..model.schema import Vocabularies
from . import citations, csl, followup_api, urls
from .card import NEUTRAL, CardStyle, card_page, lesson_card

FEED_SIZE = 100
# 1.1: "date" is a year, a month or a day, as precise as known.
# 1.2: lesson follow-up: per lesson "follow_up" (state, transitions, actions, the
#      documents that followed it up) and the file's "as_of"; per document "follows_up";
#      api/lifecycle.json describes the states (schema api/schema/lifecycle.schema.json).
# 1.3: per document and lesson "pdf" (its PDF's address); per document "publisher"
#      (key, label, TOOI address of the issuing organisation);
#      "organisation" is its name, also where the document names none (the site's body).
#      "citation" gains "ntvg" (Nederlands Tijdschrift voor Geneeskunde); all three texts
#      are now the official CSL styles' output (outputs/csl.py).
API_VERSION = "1.3"
ATOM = "http://www.w3.org/2005/Atom"


@dataclass
class Site:
    url: str  # absolute, ends with "/"
    name: str
    organisation: Organisation  # that runs the site; the issuer of what names none
    licence: str
    licence_url: str
    card_style: CardStyle = NEUTRAL  # the lesson card's colours, from the huisstijl

    def absolute(self, path: str) -> str:
        return self.url + path.lstrip("/")

    @property
    def publisher(self) -> str:
        return self.organisation.name


def _authors(doc: Document, vocabs: Vocabularies, site: Site) -> list[str]:
    """A feed entry's authors: the persons named, one each, else the organisation that
    issued it (one author, its name whole; never the website)."""
    return list(doc.authors) or [_issuer(doc, vocabs, site).name]


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _labels(keys: list[str], vocab) -> list[dict[str, str]]:
    return [{"key": k, "label": vocab.terms[k].label if k in vocab.terms else k} for k in keys]


def _timestamp(doc: Document) -> str:
    """Atom (RFC 3339 date-time) and JSON Feed (date_published, RFC 3339) need a full
    timestamp: a document dated by its month or year is dated by the period's first day,
    as it is sorted. Neither format has a field for a month or a year; a JSON Feed item
    has the date as precisely as it is known beside it (_lessons.issued)."""
    return f"{doc.date.start.isoformat()}T00:00:00Z"


def _issued(doc: Document) -> str:
    """The date as precisely as known: '2022', '2022-01' or '2022-01-14'."""
    return doc.date.iso()


@dataclass
class _Item:
    id: str
    url: str
    title: str
    summary: str
    doc: Document
    themes: list[dict[str, str]]
    authors: list[str]


def xml_document(root: ET.Element, default_namespace: str) -> str:
    """Indented XML with its declaration. ElementTree keeps the default prefix in global
    state (its default_namespace option refuses unprefixed attributes such as href), and
    the feeds and sitemaps each want their own: set it right before serializing."""
    ET.register_namespace("", default_namespace)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def atom_sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    """An Atom element under `parent`, with its text."""
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(site: Site, title: str, self_path: str, updated: str | None) -> ET.Element:
    """An Atom feed's head: its address, title, last change (None: an empty feed),
    publisher and licence."""
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    atom_sub(feed, "id", site.absolute(self_path))
    atom_sub(feed, "title", f"{title} · {site.name}")
    atom_sub(feed, "updated", updated or "1970-01-01T00:00:00Z")
    atom_sub(feed, "link", rel="self", href=site.absolute(self_path))
    atom_sub(feed, "link", rel="alternate", href=site.url)
    atom_sub(atom_sub(feed, "author"), "name", site.publisher)
    atom_sub(feed, "rights", f"{site.licence} ({site.licence_url})")
    return feed


def _atom(site: Site, title: str, self_path: str, items: list[_Item]) -> str:
    feed = atom_feed(site, title, self_path, _timestamp(items[0].doc) if items else None)
    sub = atom_sub
    for item in items:
        entry = sub(feed, "entry")
        sub(entry, "id", item.url)
        sub(entry, "title", item.title)
        sub(entry, "link", rel="alternate", href=item.url, type="text/html")
        sub(entry, "published", _timestamp(item.doc))
        sub(entry, "updated", _timestamp(item.doc))
        # No dcterms:issued beside it: feed readers (feedparser) take it for the entry's
        # published date and then cannot parse "2022-01"; the page and the API have it.
        for name in item.authors:
            sub(sub(entry, "author"), "name", name)
        if item.summary:
            sub(entry, "summary", item.summary)
        for theme in item.themes:
            sub(entry, "category", term=theme["key"], label=theme["label"],
                scheme=site.absolute(urls.THEMES + "/"))
        sub(entry, "rights", f"{site.licence} ({site.licence_url})")
    return xml_document(feed, ATOM)


def json_feed(site: Site, title: str, self_path: str, items: list[dict[str, Any]]) -> str:
    """A JSON Feed 1.1 with its address, title, publisher and licence around `items`."""
    return json_text({
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{title} · {site.name}",
        "home_page_url": site.url,
        "feed_url": site.absolute(self_path),
        "language": "nl",
        "authors": [{"name": site.publisher}],
        "_licence": {"id": site.licence, "url": site.licence_url},
        "items": items,
    })


def _json_feed(site: Site, title: str, self_path: str, items: list[_Item]) -> str:
    return json_feed(site, title, self_path, [{
            "id": item.url, "url": item.url, "title": item.title,
            "content_text": item.summary or item.title,
            **({"summary": item.summary} if item.summary else {}),
            "date_published": _timestamp(item.doc),
            # JSON Feed's extensions start with "_" and hold an object.
            "_lessons": {"issued": _issued(item.doc)},
            "authors": [{"name": name} for name in item.authors],
            "tags": [theme["label"] for theme in item.themes],
            "language": item.doc.language,
        } for item in items])


def _document_items(docs: list[Document], site: Site, vocabs: Vocabularies) -> list[_Item]:
    return [_Item(d.id, site.absolute(urls.document(d.id)), d.title, d.summary, d,
                  _labels(d.themes, vocabs.themes), _authors(d, vocabs, site))
            for d in docs[:FEED_SIZE]]


def _lesson_items(lessons: list[Lesson], corpus: Corpus, site: Site,
                  vocabs: Vocabularies) -> list[_Item]:
    return [_Item(x.id, site.absolute(urls.lesson(x.id)), x.statement, x.explanation,
                  doc, _labels(x.themes, vocabs.themes), _authors(doc, vocabs, site))
            for x in lessons[:FEED_SIZE] if (doc := corpus.lesson_document(x))]


def feeds(corpus: Corpus, vocabs: Vocabularies, site: Site) -> dict[str, str]:
    out: dict[str, str] = {}

    def both(base: str, title: str, items: list[_Item]) -> None:
        out[f"{base}.xml"] = _atom(site, title, f"{base}.xml", items)
        out[f"{base}.json"] = _json_feed(site, title, f"{base}.json", items)

    both("feeds/documenten", "Documenten", _document_items(corpus.documents, site, vocabs))
    both("feeds/lessen", "Lessen", _lesson_items(corpus.lessons, corpus, site, vocabs))
    # Every theme has its feeds, empty or not: a subscription must not break when a
    # theme's last document or lesson moves elsewhere (the manifest guards them).
    for term in vocabs.themes:
        both(f"feeds/themas/{term.key}/documenten", f"Documenten over {term.label}",
             _document_items(corpus.themes.get(term.key, []), site, vocabs))
        both(f"feeds/themas/{term.key}/lessen", f"Lessen over {term.label}",
             _lesson_items(corpus.lesson_themes.get(term.key, []), corpus, site, vocabs))
    return out


def _issuer(doc: Document, vocabs: Vocabularies, site: Site) -> Organisation:
    return issuer(doc, vocabs.stakeholders, site.organisation)


def _issued_by(org: Organisation) -> dict[str, Any]:
    """A document's "organisation" (its name) and "publisher" in the API."""
    return {"organisation": org.name,
            "publisher": {"key": org.key or None, "label": org.name, "tooi": org.tooi or None}}


def _citation_block(cited: citations.Citable) -> dict[str, str]:
    """The page's references as plain text, one per style (csl.py), the same texts."""
    entries = csl.references(citations.csl_json(cited))
    return {style.key: entries[style.key].text for style in csl.STYLES}


def api(corpus: Corpus, vocabs: Vocabularies, site: Site,
        cite: Callable[[Document, Lesson | None], citations.Citable]) -> dict[str, str]:
    licence = {"id": site.licence, "url": site.licence_url}
    documents = [{
        "id": d.id, "url": site.absolute(urls.document(d.id)), "kind": d.kind.key,
        "kind_label": d.kind.label, "title": d.title, "date": d.date.iso(),
        "summary": d.summary, "language": d.language,
        "themes": _labels(d.themes, vocabs.themes),
        "stakeholders": _labels(d.stakeholders, vocabs.stakeholders),
        "authors": d.authors,
        **_issued_by(_issuer(d, vocabs, site)),
        "lessons": [x.id for x in d.lessons],
        "pdf": site.absolute(urls.document_pdf(d.id)),
        "citation": _citation_block(cite(d, None)),
        "follows_up": followup_api.document_follows_up(d, corpus.follow_up, site.absolute),
    } for d in corpus.documents]
    lessons = []
    for x in corpus.lessons:
        doc = corpus.lesson_document(x)
        url = site.absolute(urls.lesson(x.id))
        lessons.append({
            "id": x.id, "url": url, "statement": x.statement,
            "explanation": x.explanation or None,
            "document": {"id": doc.id, "title": doc.title,
                         "url": site.absolute(urls.document(doc.id))},
            "date": doc.date.iso(),
            "themes": _labels(x.themes, vocabs.themes),
            "stakeholders": _labels(x.stakeholders, vocabs.stakeholders),
            "pdf": site.absolute(urls.lesson_pdf(x.id)),
            "citation": _citation_block(cite(doc, x)),
            "card_html": lesson_card(x, doc, url,
                                     _issuer(doc, vocabs, site).name,
                                     site.licence, style=site.card_style),
            "follow_up": followup_api.lesson_follow_up(
                corpus.follow_up.of(x), corpus.follow_up.today, vocabs.stakeholders,
                site.absolute),
        })
    head = {"schema_version": API_VERSION, "publisher": site.publisher, "licence": licence}
    return {
        "api/documents.json": json_text({**head, "$schema": site.absolute(
            "api/schema/documents.schema.json"), "documents": documents}),
        # as_of: the day overdue and outstanding are computed for (the build's today).
        "api/lessons.json": json_text({**head, "$schema": site.absolute(
            "api/schema/lessons.schema.json"), "as_of": corpus.follow_up.today.isoformat(),
            "lessons": lessons}),
        "api/lifecycle.json": json_text({**head, "$schema": site.absolute(
            "api/schema/lifecycle.schema.json"),
            **followup_api.lifecycle(corpus.follow_up.lifecycle)}),
        **{f"api/schema/{name}.schema.json": json_text(schema)
           for name, schema in SCHEMAS.items()},
    }


def downloads(corpus: Corpus, cite: Callable[[Document, Lesson | None], citations.Citable],
              site: Site) -> dict[str, str]:
    out: dict[str, str] = {}
    for doc in corpus.documents:
        out.update(document_downloads(doc, cite, site))
    return out


def document_downloads(doc: Document,
                       cite: Callable[[Document, Lesson | None], citations.Citable],
                       site: Site) -> dict[str, str]:
    """The citation files of one document and of each of its lessons, and each lesson's
    card: site path to text."""
    out: dict[str, str] = {}
    _cite_files(out, urls.document(doc.id), cite(doc, None))
    for lesson in doc.lessons:
        base = urls.lesson(lesson.id)
        cited = cite(doc, lesson)
        _cite_files(out, base, cited)
        out[f"{base}kaart.html"] = card_page(lesson, doc, site.absolute(base),
                                             cited.publisher, site.licence, site.name,
                                             site.card_style)
    return out


def _cite_files(out: dict[str, str], base: str, cited: citations.Citable) -> None:
    out[f"{base}citeer.bib"] = citations.bibtex(cited)
    out[f"{base}citeer.ris"] = citations.ris(cited)
    out[f"{base}citeer.json"] = citations.csl_json_text(cited)


# A date as precise as the document is dated: '2022', '2022-01' or '2022-01-14'.
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
         "description": "ISO 8601 at the precision the document is dated with: a year "
                        "('2022'), a month ('2022-01') or a day ('2022-01-14')."}
_TERMS = {"type": "array", "items": {
    "type": "object", "required": ["key", "label"], "additionalProperties": False,
    "properties": {"key": {"type": "string"}, "label": {"type": "string"}}}}
_CITATION = {"type": "object", "required": list(csl.STYLE_KEYS),
             "description": "The reference as plain text by the official CSL styles: "
                            "vancouver (NLM, nlm-citation-sequence.csl), apa (APA 7, "
                            "apa.csl), ntvg (Nederlands Tijdschrift voor Geneeskunde), "
                            "with Dutch terms (locales-nl-NL.xml).",
             "properties": {key: {"type": "string"} for key in csl.STYLE_KEYS}}
_HEAD = {
    "schema_version": {"const": API_VERSION},
    "$schema": {"type": "string", "format": "uri"},
    "publisher": {"type": "string"},
    "licence": {"type": "object", "required": ["id", "url"],
                "properties": {"id": {"type": "string"}, "url": {"type": "string"}}},
}
_AS_OF = {"type": "string", "format": "date", "description": "The day each lesson's "
          "response_outstanding and each action's overdue are computed for."}
SCHEMAS: dict[str, dict[str, Any]] = {
    "documents": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Documenten (lessons API v1)",
        "description": "All published documents. Republish with attribution: the "
                       "citation and url of each item, under the licence given.",
        "type": "object", "required": ["schema_version", "licence", "documents"],
        "properties": {**_HEAD, "documents": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "url", "kind", "kind_label", "title", "date", "summary",
                         "language", "themes", "stakeholders", "authors", "organisation",
                         "publisher", "lessons", "pdf", "citation", "follows_up"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
                "url": {"type": "string", "format": "uri"},
                "kind": {"type": "string"}, "kind_label": {"type": "string"},
                "title": {"type": "string"}, "date": _DATE,
                "summary": {"type": "string"}, "language": {"type": "string"},
                "themes": _TERMS, "stakeholders": _TERMS,
                "authors": {"type": "array", "items": {"type": "string"}},
                "organisation": {"type": ["string", "null"]},
                "pdf": {"type": "string", "format": "uri",
                        "description": "The document as an accessible PDF (PDF/UA)."},
                "publisher": {
                    "type": "object", "required": ["key", "label", "tooi"],
                    "description": "The organisation that issued the document: its key in "
                                   "the stakeholders vocabulary (null for the site's body "
                                   "configured by name only), name and TOOI address.",
                    "properties": {"key": {"type": ["string", "null"]},
                                   "label": {"type": "string"},
                                   "tooi": {"type": ["string", "null"]}}},
                "lessons": {"type": "array", "items": {"type": "string"}},
                "citation": _CITATION,
                "follows_up": followup_api.FOLLOWS_UP}}}},
    },
    "lessons": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Lessen (lessons API v1)",
        "description": "All published lessons, each with its source document, a "
                       "citation, an embeddable card and its follow-up.",
        "type": "object", "required": ["schema_version", "licence", "as_of", "lessons"],
        "properties": {**_HEAD, "as_of": _AS_OF, "lessons": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "url", "statement", "explanation", "document", "date",
                         "themes", "stakeholders", "pdf", "citation", "card_html",
                         "follow_up"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
                "url": {"type": "string", "format": "uri"},
                "statement": {"type": "string"},
                "explanation": {"type": ["string", "null"]},
                "document": {"type": "object", "required": ["id", "title", "url"]},
                "date": _DATE,
                "themes": _TERMS, "stakeholders": _TERMS, "citation": _CITATION,
                "card_html": {"type": "string"},
                "pdf": {"type": "string", "format": "uri",
                        "description": "The lesson on one page as a PDF (PDF/UA)."},
                "follow_up": followup_api.FOLLOW_UP}}}},
    },
    "lifecycle": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Levenscyclus van een les (lessons API v1)",
        "description": "The states a lesson goes through, from identified to learned, and "
                       "the states of the actions taken on it: what the state keys in "
                       "api/lessons.json and api/documents.json mean. A lesson starts in "
                       "the first lesson state; each transition is dated and, where one "
                       "exists, recorded by a document. A lesson whose kind asks a "
                       "response is answered once it reaches a state with response true; "
                       "until then, after its deadline, its response is outstanding.",
        "type": "object", "additionalProperties": False,
        "required": ["schema_version", "licence", "response_months", "response_kinds",
                     "lesson_states", "action_states"],
        "properties": {**_HEAD, **followup_api.LIFECYCLE},
    },
}
