"""The head metadata of document and lesson pages as Zotero reads it.

`zotero_item` follows Zotero's "Embedded Metadata" translator (zotero/translators,
Embedded Metadata.js, lastUpdated 2024-06-13) and the part of its "RDF" translator it
calls for the item type, as far as our pages need:

- Item type: a Highwire tag decides first (`hwType`, "generally most accurate"):
  citation_technical_report_institution -> report, citation_book_title or
  citation_inbook_title -> bookSection, citation_journal_title -> journalArticle,
  citation_conference_title -> conferencePaper, citation_dissertation_institution ->
  thesis. Without one, the RDF translator types the item from the dc/dcterms/og
  statements: og:type "website" -> webpage (a sure type), a dc type that is a Zotero type
  or "report"/"webpage" -> that; else the default: journalArticle when citation_title
  is there (hwTypeGuess), else webpage; og:type "article" is only a guess after that.
- Fields (HIGHWIRE_MAPPINGS, the first tag of each name): citation_title -> title,
  citation_publication_date / citation_date -> date, citation_technical_report_institution
  -> institution, citation_publisher -> publisher (for a report the same field as
  institution, set after it), citation_book_title -> bookTitle, citation_language ->
  language, citation_public_url -> url.
- Authors: each citation_author tag (if there are none, citation_authors). A tag's value
  is split at ";"; when there is one tag with one name that has a comma with a space on
  both sides of it ("Ministerie van Volksgezondheid, Welzijn en Sport"), it is split at
  the commas into several authors. Each name goes through ZU.cleanAuthor: with a comma,
  "Last, First"; without, the last word is the last name ("Regiegroep DOTT" becomes
  first name "Regiegroep", last name "DOTT"); leading and trailing punctuation is
  dropped ("B." -> "B"). With no citation_author, the RDF creators are used:
  dcterms.creator / dc.creator strings, split the same way.
- Publisher from RDF (dcterms.publisher) is overwritten by citation_publisher.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import ROOT

HW_TYPES = {"citation_journal_title": "journalArticle",
            "citation_technical_report_institution": "report",
            "citation_conference_title": "conferencePaper", "citation_conference":
            "conferencePaper", "citation_book_title": "bookSection",
            "citation_inbook_title": "bookSection",
            "citation_dissertation_institution": "thesis"}
MAPPINGS = {"citation_title": "title", "citation_publication_date": "date",
            "citation_date": "date", "citation_book_title": "bookTitle",
            "citation_technical_report_institution": "institution",
            "citation_publisher": "publisher", "citation_language": "language",
            "citation_public_url": "url"}
ZOTERO_TYPES = {"report", "webpage", "journalArticle", "bookSection", "book", "document"}
# Fields of an item type that share one base field: a report's publisher is its institution.
SAME_FIELD = {"report": {"publisher": "institution"}}


def clean_author(name: str, use_comma: bool) -> dict[str, str]:
    """ZU.cleanAuthor: punctuation trimmed, then "Last, First" or "First ... Last"."""
    name = re.sub(r"^[\s.,/\[\]:]+", "", name)
    name = re.sub(r"[\s,/\[\]:.]+$", "", name)
    if use_comma:
        parts = re.split(r", ?", name)
        if len(parts) > 1:
            return {"lastName": parts[0], "firstName": parts[1]}
        return {"lastName": name, "firstName": ""}
    if " " in name:
        first, last = name.rsplit(" ", 1)
        return {"lastName": last, "firstName": first}
    return {"lastName": name, "firstName": ""}


def highwire_creators(values: list[str], lang: str) -> list[dict[str, str]]:
    creators = []
    for value in values:
        names = re.split(r"\s*;\s*", value)
        if len(names) == 1 and len(values) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            two_word = (len(by_comma) == 2 and lang in ("es", "spa", "Spanish", "español")
                        and len(by_comma[0].split(" ")) == 2)
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1] and not two_word:
                names = by_comma
        for name in names:
            name = name.strip()
            if name and re.search(r"[^\s,\-.;]", name):
                creators.append(clean_author(name, "," in name))
    return creators


def zotero_item(html: str) -> dict:
    tree = LexborHTMLParser(html)
    metas: list[tuple[str, str]] = []
    for meta in tree.css("head meta"):
        key = meta.attributes.get("name") or meta.attributes.get("property")
        if key and meta.attributes.get("content"):
            metas.append((key, meta.attributes["content"]))
    first = {}
    for key, value in metas:
        first.setdefault(key, value)
    hw_type = next((HW_TYPES[k] for k, _ in reversed(metas) if k in HW_TYPES), None)
    if hw_type:
        item_type = hw_type
    else:
        og = first.get("og:type")
        dc = (first.get("dcterms.type") or first.get("DC.type") or "")
        sure = {"website": "webpage"}.get(og or "")
        dc_type = dc if dc in ZOTERO_TYPES else {"report": "report", "webpage": "webpage"}.get(
            dc.lower().replace(" ", ""))
        default = "journalArticle" if "citation_title" in first else "webpage"
        item_type = sure or dc_type or default
    item: dict = {"itemType": item_type}
    for tag, field in MAPPINGS.items():
        if tag in first:
            field = SAME_FIELD.get(item_type, {}).get(field, field)
            item[field] = " ".join(first[tag].split())
    lang = first.get("citation_language", "")
    authors = [v for k, v in metas if k == "citation_author"] or [
        v for k, v in metas if k == "citation_authors"]
    creators = highwire_creators(authors, lang)
    if not creators:  # the RDF translator's creators: dc(terms).creator strings
        rdf = [v for k, v in metas if k.lower() in ("dcterms.creator", "dc.creator")]
        creators = [clean_author(v, "," in v) for v in rdf]
    item["creators"] = creators
    return item


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    site = tmp_path_factory.mktemp("zotero") / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                   cwd=ROOT, check=True)
    return site


def read(site, path: str) -> dict:
    return zotero_item((site / path / "index.html").read_text(encoding="utf-8"))


VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"


def test_a_report_by_persons_is_a_report_of_its_institution(site):
    item = read(site, "documenten/verkenning-domeinoverstijgende-samenwerkingsverbanden-2022")
    assert item["itemType"] == "report"
    assert item["title"].startswith("Verkenning domeinoverstijgende samenwerkingsverbanden")
    assert item["creators"] == [
        {"lastName": "Pluut", "firstName": "B"}, {"lastName": "Waaijer", "firstName": "K"},
        {"lastName": "te Marvelde", "firstName": "D"}, {"lastName": "de Boer", "firstName": "V"}]
    assert item["institution"] == "ZonMw"  # the issuer, not the website
    assert item["date"] == "2022/01"  # a month: no invented day


def test_a_memo_by_an_organisation_with_a_comma_keeps_the_name_whole(site):
    item = read(site, "documenten/memo-bestuursraad-lessons-learned-2020")
    assert item["itemType"] == "report"
    assert item["title"] == "Memo aan de bestuursraad: afronding en opvolging Lessons Learned"
    # No person made of the ministry's name: the organisation is the institution, whole.
    assert item["creators"] == []
    assert item["institution"] == VWS
    assert re.fullmatch(r"2020/08/\d\d", item["date"])


def test_a_practice_example_names_its_organisation_and_year(site):
    item = read(site, "documenten/babyconnect-regio-west-planningssessies")
    assert item["itemType"] == "report"
    assert item["title"].startswith("Babyconnect regio West")
    assert item["creators"] == [] and item["institution"] == "Sleutelnet"
    assert item["date"] == "2021"  # dated by its year only


def test_a_lesson_is_a_section_of_its_document(site):
    item = read(site, "lessen/vws-tijd-voor-reflectie")
    assert item["itemType"] == "bookSection"
    assert item["title"] == ("Maak in teams tijd voor reflectie, ook als de druk om te leveren "
                             "hoog is.")
    assert item["bookTitle"] == "Memo aan de bestuursraad: afronding en opvolging Lessons Learned"
    assert item["creators"] == [] and item["publisher"] == VWS
    assert re.fullmatch(r"2020/08/\d\d", item["date"])


def test_the_reading_splits_what_zotero_splits():
    """The emulation itself, on the tags the site no longer writes."""
    one = '<html><head><meta name="citation_title" content="T"><meta name="citation_author" ' \
          f'content="{VWS}"></head></html>'
    assert zotero_item(one)["creators"] == [
        {"lastName": "Volksgezondheid", "firstName": "Ministerie van"},
        {"lastName": "Sport", "firstName": "Welzijn en"}]
    dc = '<html><head><meta name="citation_title" content="T"><meta name="dcterms.creator" ' \
         'content="Regiegroep DOTT"></head></html>'
    assert zotero_item(dc)["creators"] == [{"lastName": "DOTT", "firstName": "Regiegroep"}]
    assert zotero_item(dc)["itemType"] == "journalArticle"
