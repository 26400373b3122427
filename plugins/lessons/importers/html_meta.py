"""What a web page says about itself: <title>, Dublin Core (DC.*, DCTERMS.*), the
Dutch government's OVERHEID* tags, Open Graph, Highwire citation_* tags, microformats
(ReSpec's h-card authors and dt-published date).

Order of trust, per field (the first that gives a usable value wins):
- title: DC.title / DCTERMS.title, citation_title; else the page's single <h1> (the
  page's own heading wins over a <title> that disagrees with it); else the first part of
  <title> that is not the site's name (' | Overheid.nl', ' - Baseline ...'); og:title.
  A generic title ('Index', 'Vergadering', 'Zoekresultaat') is never used.
- date: DCTERMS.issued, DC.date, DCTERMS.available, DCTERMS.created,
  article:published_time, citation_publication_date / citation_date, a microformat
  dt-published; never a modification date. Kept at its precision ('2017', '2017-06').
- authors: citation_author, microformat p-author names, and an `author` meta tag that
  names a person (a company or 'Name - URL' is not an author).
- summary: DC.description / DCTERMS.abstract / description / og:description /
  citation_abstract when it is a sentence (six words or more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from ..normalize.dates import PartialDate, find_partial_date
from .docprops import person_name, usable_title

TITLE_KEYS = ("dc.title", "dcterms.title", "citation_title")
DATE_KEYS = ("dcterms.issued", "dc.date", "dc.date.issued", "dcterms.available",
             "dcterms.created", "article:published_time", "citation_publication_date",
             "citation_date", "date")
SUMMARY_KEYS = ("dc.description", "dcterms.abstract", "dcterms.description",
                "citation_abstract", "description", "og:description")
SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|>)\s+")
GENERIC_PAGE_TITLES = {"index", "home", "start", "homepage", "zoekresultaat",
                       "zoekresultaten", "search results", "vergadering", "pagina", "page"}
ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class PageMeta:
    title: str = ""
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    summary: str = ""
    publisher: str = ""
    notes: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _usable(title: str) -> bool:
    return usable_title(title) and title.strip().lower() not in GENERIC_PAGE_TITLES


def iso_date(value: str) -> str | None:
    """'2017-06-14', '2017-06-14T10:00:00Z', '2017' -> ISO at that precision; free text
    ('3 december 2020') through find_partial_date."""
    value = value.strip()
    match = ISO.match(value)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            date = PartialDate(year, month, day)  # type: ignore[arg-type]
            date.start  # noqa: B018 - validates month and day
        except ValueError:
            return None
        return date.iso() if 1900 <= year <= 2100 else None  # type: ignore[operator]
    found = find_partial_date(value)
    return found.iso() if found else None


def _page_title(tree: LexborHTMLParser, metas: dict[str, list[str]]) -> str:
    for key in TITLE_KEYS:
        for value in metas.get(key, []):
            if _usable(value):
                return value
    h1s = [_clean(h.text()) for h in tree.css("h1") if _clean(h.text())]
    if len(h1s) == 1 and _usable(h1s[0]):  # the page's own heading, when it has one
        return h1s[0]
    node = tree.css_first("title")
    if node is not None and _clean(node.text()):
        usable = [p for p in SITE_SEPARATOR.split(_clean(node.text())) if _usable(p)]
        if usable:
            return usable[0]
    for value in metas.get("og:title", []):
        if _usable(value):
            return value
    return ""


def read(html: str) -> PageMeta:
    tree = LexborHTMLParser(html)
    metas: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        key = node.attributes.get("name") or node.attributes.get("property") or ""
        value = _clean(node.attributes.get("content") or "")
        if key and value:
            metas.setdefault(key.lower(), []).append(value)
    meta = PageMeta(title=_page_title(tree, metas))
    for key in DATE_KEYS:
        found = next((d for v in metas.get(key, []) if (d := iso_date(v))), None)
        if found:
            meta.date, meta.notes = found, [f"date from the page's {key} tag"]
            break
    if meta.date is None:
        published = tree.css_first("time.dt-published[datetime], .dt-published[datetime]")
        if published is not None:
            meta.date = iso_date(published.attributes.get("datetime") or "")
    authors = list(metas.get("citation_author", []))
    for card in tree.css(".p-author"):
        name = card.css_first(".p-name, .fn")
        authors.append(_clean((name or card).text()))
    authors += [n for key in ("author", "dc.creator", "dcterms.creator")
                for v in metas.get(key, []) if (n := person_name(v))]
    meta.authors = list(dict.fromkeys(a for a in authors if a))
    for key in SUMMARY_KEYS:
        value = next((v for v in metas.get(key, []) if len(v.split()) >= 6), "")
        if value:
            meta.summary = value
            break
    meta.publisher = next(iter(metas.get("dcterms.publisher", metas.get("dc.publisher", []))),
                          "")
    return meta
