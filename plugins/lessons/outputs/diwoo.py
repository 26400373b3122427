"""Sitemaps for the Woo-index: the sitemap protocol with the DiWoo metadata extension.

The Woo-harvester (open.overheid.nl) reads robots.txt, follows the sitemap indexes named
`sitemapindex-diwoo-infocatNNN.xml` (one per Woo information category) to their sitemaps,
and takes each <url> with its <diwoo:Document> metadata. Only kinds that map onto a
Woo category (kinds.py) are offered; meeting reports and practice examples are not Woo
information and stay in the ordinary sitemap.xml only. Codes and labels come from the
TOOI "informatiecategorie" and "soort handeling" lists. Only elements whose place in the
DiWoo schema (0.9.x) is certain are written: publisher, title, category and keywords,
creation date, and the adoption as document handling.

Dates: `creatiedatum` is an xs:date and optional, so it is written only for a document
dated to the day; a month or a year is not turned into an invented day there. The
adoption's `atTime` (xs:dateTime) and the sitemap's `lastmod` (xs:date or xs:dateTime)
are required or expected whole, so they take the first day of the period, as the feeds do.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..graph import Corpus
from ..issuer import Organisation
from ..model.schema import Vocabularies
from . import urls
from .exports import xml_document

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI = "https://identifier.overheid.nl/tooi/def/thes/kern/"
MAX_URLS = 50_000  # per sitemap file, by the sitemap protocol


@dataclass(frozen=True)
class Category:
    number: int  # NNN in the file names the harvester looks for
    code: str  # TOOI concept
    label: str


CATEGORIES = {
    "adviezen": Category(10, "c_99a836c7", "adviezen"),
    "woo-verzoeken": Category(14, "c_3baef532", "Woo-verzoeken en -besluiten"),
    "onderzoeksrapporten": Category(15, "c_fdaee95e", "onderzoeksrapporten"),
}
# The document's date is when it was adopted ("vaststelling").
HANDLING = ("c_641ecd76", "vaststelling")


def _q(tag: str, ns: str = DIWOO) -> str:
    return f"{{{ns}}}{tag}"


def _metadata(url_el: ET.Element, doc, category: Category, publisher: Organisation,
              vocabs: Vocabularies) -> None:
    document = ET.SubElement(url_el, _q("Document"))
    diwoo = ET.SubElement(document, _q("DiWoo"))
    ET.SubElement(diwoo, _q("publisher"), resource=publisher.tooi).text = publisher.name
    titles = ET.SubElement(diwoo, _q("titelcollectie"))
    ET.SubElement(titles, _q("officieleTitel")).text = doc.title
    classification = ET.SubElement(diwoo, _q("classificatiecollectie"))
    categories = ET.SubElement(classification, _q("informatiecategorieen"))
    ET.SubElement(categories, _q("informatiecategorie"),
                  resource=TOOI + category.code).text = category.label
    keywords = ET.SubElement(classification, _q("trefwoorden"))
    for key in doc.themes:
        ET.SubElement(keywords, _q("trefwoord")).text = vocabs.themes.label(key)
    if doc.date.precision == "day":
        ET.SubElement(diwoo, _q("creatiedatum")).text = doc.date.iso()
    handlings = ET.SubElement(diwoo, _q("documenthandelingen"))
    handling = ET.SubElement(handlings, _q("documenthandeling"))
    ET.SubElement(handling, _q("soortHandeling"), resource=TOOI + HANDLING[0]).text = HANDLING[1]
    ET.SubElement(handling, _q("atTime")).text = f"{doc.date.start.isoformat()}T00:00:00"


def index_name(category: Category) -> str:
    return f"sitemaps/sitemapindex-diwoo-infocat{category.number:03d}.xml"


def sitemaps(corpus: Corpus, vocabs: Vocabularies, absolute, publisher: Organisation
             ) -> dict[str, str]:
    """Relative path -> XML for every category that has public documents."""
    ET.register_namespace("diwoo", DIWOO)
    by_category: dict[str, list] = {}
    for doc in sorted(corpus.documents, key=lambda d: d.id):
        if doc.kind.woo_category:
            by_category.setdefault(doc.kind.woo_category, []).append(doc)
    files: dict[str, str] = {}
    for key, docs in sorted(by_category.items()):
        category = CATEGORIES[key]
        index = ET.Element(_q("sitemapindex", SITEMAP))
        for part, start in enumerate(range(0, len(docs), MAX_URLS), 1):
            chunk = docs[start:start + MAX_URLS]
            name = f"sitemaps/sitemap-diwoo-infocat{category.number:03d}-{part}.xml"
            urlset = ET.Element(_q("urlset", SITEMAP))
            for doc in chunk:
                url_el = ET.SubElement(urlset, _q("url", SITEMAP))
                ET.SubElement(url_el, _q("loc", SITEMAP)).text = absolute(urls.document(doc.id))
                ET.SubElement(url_el, _q("lastmod", SITEMAP)).text = doc.date.start.isoformat()
                _metadata(url_el, doc, category, publisher, vocabs)
            files[name] = xml_document(urlset, SITEMAP)
            entry = ET.SubElement(index, _q("sitemap", SITEMAP))
            ET.SubElement(entry, _q("loc", SITEMAP)).text = absolute(name)
            ET.SubElement(entry, _q("lastmod", SITEMAP)).text = max(
                d.date for d in chunk).start.isoformat()
        files[index_name(category)] = xml_document(index, SITEMAP)
    return files


def robots(absolute, files: dict[str, str]) -> str:
    """robots.txt: everything may be crawled; where the sitemaps are."""
    lines = ["User-agent: *", "Allow: /", "", f"Sitemap: {absolute('sitemap.xml')}"]
    lines += [f"Sitemap: {absolute(name)}" for name in sorted(files)
              if name.startswith("sitemaps/sitemapindex-")]
    return "\n".join(lines) + "\n"
