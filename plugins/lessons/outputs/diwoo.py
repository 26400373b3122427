"""Sitemaps for the Woo-index: the sitemap protocol with the DiWoo metadata extension,
metadata version 0.9.8 (standaarden.overheid.nl/diwoo/metadata).

What the DiWoo instructions ask, and how this module answers:
- The Woo-harvester reads robots.txt, which names the sitemap indexes (not the sitemaps);
  it reads only indexes named `sitemapindex-diwoo-infocatNNN.xml`, NNN the Woo
  information category. Only kinds that map onto a Woo category (kinds.py) are offered:
  meeting reports and practice examples are no Woo information and stay in sitemap.xml.
- `<loc>` must point at the document itself: a link to an HTML page "leads to broken links
  on open.overheid.nl". It is the document's PDF (urls.document_pdf), a format on the
  PLOOI list of file types the harvester takes, and https where the site is.
- At most 50,000 addresses per sitemap (the sitemap protocol): a category with more is
  split over several sitemaps in its index.
- `lastmod` tells the harvester when the file last changed, so it knows to fetch it again.
  The build does not know that (the date a document carries is when it was written, not
  when its PDF last changed), so no lastmod is written rather than a wrong one.

The record (`<diwoo:Document>`): the DiWoo elements in the order of DiWooType in
diwoo-metadata.xsd 0.9.8, with codes from its value lists (diwoo-metadata-lijsten.xsd,
generated from the TOOI value lists): information category, kind of handling
(`vaststelling`), language (EU language table) and format (PLOOI file types). The
namespace carries no version; xsi:schemaLocation names the 0.9.8 schema.

Who: the organisation that issued the document (issuer.py) is publisher, verantwoordelijke
and opsteller where it has a TOOI address (the publisher's `resource` must come from the
TOOI organisation lists). Where it has none, the site's own body is the publisher: it
makes the document public in the Woo-index from its own site (registered in the Register
van Overheidsorganisaties for this domain), as the Woo has a body publish research it had
made by others; the issuing organisation is then named as `naamOpsteller` (a plain name:
the element that takes a name without an identifier), and no verantwoordelijke is
claimed for it. `notes()` tells the editors which documents this concerns.

Dates: `creatiedatum` is an xs:date and optional, so it is written only for a document
dated to the day. The adoption (`documenthandeling`) is required in the DiWoo record and
its `atTime` is a whole xs:dateTime. A document dated only by its month or year still gets
the whole record, because the Woo-index searches and filters on the record's fields only
(name/value fields are shown, never searched: "Aanbevelingen voor metadata"), and a
report without a findable publisher serves no one; its atTime is the first day of the
period, the one place a day is supplied, and its date as precise as it is ("2022-01")
follows as the name/value field `datum`. `notes()` tells the editor, who may know the day.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..graph import Corpus
from ..issuer import Organisation, issuer
from ..model.document import Document
from ..model.schema import Vocabularies
from . import urls
from .exports import xml_document

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO = "https://standaarden.overheid.nl/diwoo/metadata/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
METADATA_VERSION = "0.9.8"
SCHEMA_LOCATION = (f"{SITEMAP} {SITEMAP}/sitemap.xsd "
                   f"{DIWOO} {DIWOO}{METADATA_VERSION}/xsd/diwoo/diwoo-metadata.xsd")
TOOI = "https://identifier.overheid.nl/tooi/def/thes/kern/"
MAX_URLS = 50_000  # per sitemap file, by the sitemap protocol


@dataclass(frozen=True)
class Concept:
    """A value from a value list: its URI (the `resource` attribute) and its label."""
    uri: str
    label: str


@dataclass(frozen=True)
class Category:
    number: int  # NNN in the index names the harvester looks for (Woo art. 3.3 order)
    concept: Concept  # the TOOI informatiecategorie


CATEGORIES = {
    "adviezen": Category(10, Concept(TOOI + "c_99a836c7", "adviezen")),
    "woo-verzoeken": Category(14, Concept(TOOI + "c_3baef532", "Woo-verzoeken en -besluiten")),
    "onderzoeksrapporten": Category(15, Concept(TOOI + "c_fdaee95e", "onderzoeksrapporten")),
}
# The document's date is when it was adopted ("vaststelling"; soorthandelinglijst).
ADOPTION = Concept(TOOI + "c_641ecd76", "vaststelling")
# The value lists give these with http (taallijst, formatlijst).
_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
LANGUAGES = {
    "nl": Concept(_LANGUAGE + "NLD", "Nederlands"),
    "en": Concept(_LANGUAGE + "ENG", "Engels"),
    "de": Concept(_LANGUAGE + "DEU", "Duits"),
    "fr": Concept(_LANGUAGE + "FRA", "Frans"),
    "fy": Concept(_LANGUAGE + "FRY", "Fries"),
}
PDF = Concept("http://publications.europa.eu/resource/authority/file-type/PDF", "PDF")


@dataclass(frozen=True)
class Parties:
    """Who a record names: the publisher always; the issuing organisation as responsible
    and drafting body where it has a TOOI address, else by name only."""
    publisher: Organisation
    issuer: Organisation | None  # verantwoordelijke, opsteller, wasAssociatedWith
    drafter_name: str = ""  # naamOpsteller

    @classmethod
    def of(cls, doc: Document, vocabs: Vocabularies, site: Organisation) -> Parties:
        made_by = issuer(doc, vocabs.stakeholders, site)
        if made_by.tooi:
            return cls(made_by, made_by)
        return cls(site, None, made_by.name)


def _q(tag: str, ns: str = DIWOO) -> str:
    return f"{{{ns}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None,
         value: Concept | Organisation | None = None) -> ET.Element:
    element = ET.SubElement(parent, _q(tag))
    if isinstance(value, Concept):
        element.set("resource", value.uri)
        element.text = value.label
    elif isinstance(value, Organisation):
        element.set("resource", value.tooi)
        element.text = value.name
    else:
        element.text = text
    return element


def _record(document: ET.Element, doc: Document, category: Category, parties: Parties,
            vocabs: Vocabularies, page: str) -> None:
    """The DiWoo record, its elements in DiWooType's order."""
    diwoo = ET.SubElement(document, _q("DiWoo"))
    identifiers = _sub(diwoo, "identifiers")
    _sub(identifiers, "identifier", page)  # the permanent address of its page
    _sub(identifiers, "identifier", doc.id)  # and its id on this site (kenmerk)
    _sub(diwoo, "publisher", value=parties.publisher)
    if parties.issuer:
        _sub(diwoo, "verantwoordelijke", value=parties.issuer)
        _sub(diwoo, "opsteller", value=parties.issuer)
    if parties.drafter_name:
        _sub(diwoo, "naamOpsteller", parties.drafter_name)
    _sub(_sub(diwoo, "titelcollectie"), "officieleTitel", doc.title)
    _sub(_sub(diwoo, "omschrijvingen"), "omschrijving", doc.summary)
    classification = _sub(diwoo, "classificatiecollectie")
    _sub(_sub(classification, "informatiecategorieen"), "informatiecategorie",
         value=category.concept)
    if doc.themes:
        keywords = _sub(classification, "trefwoorden")
        for key in doc.themes:
            _sub(keywords, "trefwoord", vocabs.themes.label(key))
    if doc.date.precision == "day":  # an xs:date: no invented day for a month or a year
        _sub(diwoo, "creatiedatum", doc.date.iso())
    if doc.language in LANGUAGES:
        _sub(diwoo, "language", value=LANGUAGES[doc.language])
    _sub(diwoo, "format", value=PDF)
    handling = _sub(_sub(diwoo, "documenthandelingen"), "documenthandeling")
    _sub(handling, "soortHandeling", value=ADOPTION)
    # atTime is a required, whole xs:dateTime: a document dated by its month or year gets
    # the period's first day here (and its date as precise as it is in `datum`, _precise).
    _sub(handling, "atTime", f"{doc.date.start.isoformat()}T00:00:00")
    if parties.issuer:
        _sub(handling, "wasAssociatedWith", value=parties.issuer)


def _precise(document: ET.Element, doc: Document) -> None:
    """For a document dated by its month or year: its date as precise as it is ("2022-01"),
    as a name/value field after the record (the record's atTime needs a whole day)."""
    field = _sub(_sub(_sub(document, "extraMetadata"), "extraMetadatavelden"),
                 "extraMetadataveld")
    _sub(field, "key", "datum")
    _sub(_sub(field, "values"), "value", doc.date.iso())


def index_name(category: Category) -> str:
    return f"sitemaps/sitemapindex-diwoo-infocat{category.number:03d}.xml"


def sitemap_name(category: Category, part: int) -> str:
    return f"sitemaps/sitemap-diwoo-infocat{category.number:03d}-{part}.xml"


def offered(corpus: Corpus) -> dict[str, list[Document]]:
    """Woo category key -> its public documents, by id."""
    by_category: dict[str, list[Document]] = {}
    for doc in sorted(corpus.documents, key=lambda d: d.id):
        if doc.kind.woo_category:
            by_category.setdefault(doc.kind.woo_category, []).append(doc)
    return by_category


def sitemaps(corpus: Corpus, vocabs: Vocabularies, absolute, publisher: Organisation,
             max_urls: int = MAX_URLS) -> dict[str, str]:
    """Relative path -> XML for every category that has public documents. `publisher` is
    the site's own body (with its TOOI address); `max_urls` addresses per sitemap."""
    ET.register_namespace("diwoo", DIWOO)
    ET.register_namespace("xsi", XSI)
    files: dict[str, str] = {}
    for key, docs in sorted(offered(corpus).items()):
        category = CATEGORIES[key]
        index = ET.Element(_q("sitemapindex", SITEMAP))
        for part, start in enumerate(range(0, len(docs), max_urls), 1):
            urlset = ET.Element(_q("urlset", SITEMAP), {_q("schemaLocation", XSI):
                                                        SCHEMA_LOCATION})
            for doc in docs[start:start + max_urls]:
                url = ET.SubElement(urlset, _q("url", SITEMAP))
                ET.SubElement(url, _q("loc", SITEMAP)).text = absolute(urls.document_pdf(doc.id))
                document = ET.SubElement(url, _q("Document"))
                parties = Parties.of(doc, vocabs, publisher)
                page = absolute(urls.document(doc.id))
                _record(document, doc, category, parties, vocabs, page)
                if doc.date.precision != "day":
                    _precise(document, doc)
            name = sitemap_name(category, part)
            files[name] = xml_document(urlset, SITEMAP)
            entry = ET.SubElement(index, _q("sitemap", SITEMAP))
            ET.SubElement(entry, _q("loc", SITEMAP)).text = absolute(name)
        files[index_name(category)] = xml_document(index, SITEMAP)
    return files


def notes(corpus: Corpus, vocabs: Vocabularies, publisher: Organisation) -> list[str]:
    """For the editors: the documents the Woo-index gets less of than they hold."""
    out = []
    for docs in offered(corpus).values():
        for doc in docs:
            parties = Parties.of(doc, vocabs, publisher)
            if parties.drafter_name:
                out.append(
                    f"{doc.path}:{doc.line_of('organisation')}: organisation: "
                    f"{parties.drafter_name} has no TOOI address, so the Woo-index lists this "
                    f"document with {publisher.name} as publisher and "
                    f"{parties.drafter_name} by name only; add its 'tooi:' to "
                    "stakeholders.yml if it is on a TOOI list")
            if doc.date.precision != "day":
                out.append(
                    f"{doc.path}:{doc.line_of('date')}: date: dated to the "
                    f"{doc.date.precision} only, and a DiWoo record needs the day it was "
                    "adopted, so the Woo-index gets the first day of that period there (and "
                    "the date as it is in the field 'datum'); give the day in 'date:' if the "
                    "document has one")
    return sorted(out)


def robots(absolute, files: dict[str, str]) -> str:
    """robots.txt: everything may be crawled; where the sitemaps are (for the
    Woo-harvester: the indexes, not the sitemaps in them)."""
    lines = ["User-agent: *", "Allow: /", "", f"Sitemap: {absolute('sitemap.xml')}"]
    lines += [f"Sitemap: {absolute(name)}" for name in sorted(files)
              if name.startswith("sitemaps/sitemapindex-")]
    return "\n".join(lines) + "\n"
