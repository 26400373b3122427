"""Machine-readable metadata in a page's <head>: Highwire Press (Google Scholar, Zotero),
Dublin Core / OWMS, Open Graph and schema.org JSON-LD. Every value is escaped here.

Dates are given as precisely as they are known: Highwire's '2022/01/14', '2022/01' or
'2022' (Google Scholar asks for the year alone when day and month are unknown), and
ISO 8601 at that precision ('2022-01') for Dublin Core, Open Graph and schema.org.

A lesson's follow-up state is schema.org's creativeWorkStatus ("the status of a creative
work in terms of its stage in a lifecycle"), the one property of these vocabularies for
it: Highwire and Dublin Core have none, and a citation_ or DC. tag of our own would be
read by no harvester. Its date has no property to go in (dateModified would say the
text changed, which it did not): the date is in the citation files and the API.

Who wrote it and who published it, as Zotero's Embedded Metadata translator reads it
(tests/build/test_zotero_metadata.py follows that translator): one citation_author per
person ("Family, Given"). An organisation as author gets no citation_author and no
dcterms.creator: Zotero splits a citation_author or a DC creator into first and last
name (at the comma, else at the last space: "Ministerie van Volksgezondheid, Welzijn en
Sport" would become two people, "Regiegroep DOTT" a Mr DOTT). The issuing organisation
is the publisher (citation_publisher, dcterms.publisher, JSON-LD publisher), read whole;
every document also has citation_technical_report_institution, the one Highwire tag
that names an organisation whole: it makes the item a report in Zotero, with the
organisation as its institution (a Zotero web page has no field for a publisher, and
a practice example would lose its organisation). A lesson names its document in
citation_book_title (a part of a book: Zotero's "book section"). The website is only
the collection (og:site_name), never author or publisher."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from .citations import Citable


def _person(p) -> str:
    return f"{p.family}, {p.given}" if p.given else p.family


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}">'


def head(c: Citable, *, schema_type: str, site_name: str, part_of_url: str = "") -> Markup:
    tags = [_meta("name", "citation_title", c.title)]
    people = [p for p in c.authors if not p.literal]  # a whole name is no person to split
    tags += [_meta("name", "citation_author", _person(p)) for p in people]
    tags += [
        _meta("name", "citation_publication_date", c.date.iso().replace("-", "/")),
        _meta("name", "citation_publisher", c.publisher),
        _meta("name", "citation_language", c.language),
        _meta("name", "citation_abstract_html_url", c.url),
        _meta("name", "citation_public_url", c.url),
    ]
    if c.pdf_url:  # Google Scholar indexes the full text by it
        tags.append(_meta("name", "citation_pdf_url", c.pdf_url))
    if not c.part_of:  # a document: see the module's docstring
        tags.append(_meta("name", "citation_technical_report_institution", c.publisher))
    if c.part_of:
        tags.append(_meta("name", "citation_book_title", c.part_of))
    tags += [
        _meta("name", "dcterms.title", c.title),
        _meta("name", "dcterms.identifier", c.url),
        _meta("name", "dcterms.type", schema_type),
        _meta("name", "dcterms.issued", c.date.iso()),
        _meta("name", "dcterms.language", c.language),
        _meta("name", "dcterms.publisher", c.publisher),
    ]
    tags += [_meta("name", "dcterms.creator", _person(p)) for p in people]
    if c.abstract:
        tags.append(_meta("name", "dcterms.abstract", c.abstract))
    tags += [_meta("name", "dcterms.subject", k) for k in c.keywords]
    if part_of_url:
        tags.append(_meta("name", "dcterms.isPartOf", part_of_url))
    tags += [
        # A web page (a practice example) is Open Graph's "website", which Zotero
        # imports as a web page; the rest are articles.
        _meta("property", "og:type", "website" if c.csl_type == "webpage" else "article"),
        _meta("property", "og:title", c.title),
        _meta("property", "og:url", c.url),
        _meta("property", "og:site_name", site_name),
        _meta("property", "og:locale", "nl_NL"),
    ]
    if c.csl_type != "webpage":
        tags.append(_meta("property", "article:published_time", c.date.iso()))
    if c.abstract:
        tags.append(_meta("property", "og:description", c.abstract))
    data = {
        "@context": "https://schema.org", "@type": schema_type, "@id": c.url, "url": c.url,
        "name": c.title, "headline": c.title[:110], "datePublished": c.date.iso(),
        "inLanguage": c.language,
        "author": ([{"@type": "Organization", "name": p.literal} if p.literal else
                    {"@type": "Person", "name": f"{p.given} {p.family}".strip(),
                     "familyName": p.family, "givenName": p.given} for p in c.authors]
                   or [{"@type": "Organization", "name": c.institution}]),
        # The issuing organisation, never the website; its TOOI address where it has one.
        "publisher": {"@type": "Organization", "name": c.publisher,
                      **({"identifier": c.publisher_tooi} if c.publisher_tooi else {})},
        "keywords": c.keywords,
        "about": [{"@type": "Thing", "name": k} for k in c.keywords],
    }
    if c.abstract:
        data["description"] = c.abstract
    if c.pdf_url:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": c.pdf_url,
                            "encodingFormat": "application/pdf"}
    if c.state:
        data["creativeWorkStatus"] = c.state
    if part_of_url:
        data["isPartOf"] = {"@type": "Report", "@id": part_of_url, "url": part_of_url,
                            "name": c.part_of}
    # json.dumps does not escape "<", "&"; inside <script> they could end the element.
    payload = (json.dumps(data, ensure_ascii=False, sort_keys=True)
               .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    tags.append(f'<script type="application/ld+json">{payload}</script>')
    return Markup("\n".join(tags))
