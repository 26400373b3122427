"""A date is shown and cited as precisely as the document is dated: a year, a month or a day.

Three documents, dated "2022", "januari 2022" and 14 January 2022, built with the real
configuration: no page, citation, export or feed may invent the day (or month) that the
editor did not give.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
import pytest

from helpers import build_site, make_docs

HEAD = """---
id: {id}
kind: {kind}
title: {title}
date: {date}
summary: Over {title}.
themes: [financiering]
stakeholders: [rivm]
authors: [J. Jansen]
organisation: RIVM
status: published
{extra}---

Tekst van {title}.
"""
DOCS = {
    "jaar": dict(id="jaar-rapport", kind="report", title="Jaarrapport", date="2022",
                 extra="lessons:\n  - id: jaar-les\n    statement: Leer van het jaar.\n"),
    "maand": dict(id="maand-memo", kind="memo", title="Maandmemo", date="januari 2022",
                  extra=""),
    "maand-iso": dict(id="maand-iso", kind="memo", title="Maand in ISO", date="2022-03",
                      extra=""),
    "dag": dict(id="dag-rapport", kind="report", title="Dagrapport", date="14 januari 2022",
                extra=""),
}
BASE = "https://lessen.example.org/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DW = "{https://standaarden.overheid.nl/diwoo/metadata/}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dates")
    docs = make_docs(tmp)
    for name, fields in DOCS.items():
        (docs / "documenten" / f"{name}.md").write_text(HEAD.format(**fields), encoding="utf-8")
    built = build_site(docs, tmp, strict=True)
    assert not built.failed, built.messages
    return built


def _time(tree) -> tuple[str, str]:
    time = tree.css_first(".lessons-meta time, dl time")
    return time.attributes["datetime"], time.text(strip=True)


def test_document_page_shows_the_date_at_its_precision(site):
    assert _time(site.html("documenten/jaar-rapport")) == ("2022", "2022")
    assert _time(site.html("documenten/maand-memo")) == ("2022-01", "januari 2022")
    assert _time(site.html("documenten/maand-iso")) == ("2022-03", "maart 2022")
    assert _time(site.html("documenten/dag-rapport")) == ("2022-01-14", "14 januari 2022")
    page = (site.site / "documenten" / "maand-memo" / "index.html").read_text()
    assert "1 januari 2022" not in page and "2022-01-01" not in page


def test_lesson_page_shows_its_documents_date_as_precisely(site):
    assert _time(site.html("lessen/jaar-les")) == ("2022", "2022")
    # Where lessons are listed, their source is named with its date, as precise.
    item = site.html("lessen").css_first(".lessons-lesson .lessons-item__meta")
    assert item.text() == "Uit: Jaarrapport · Rapport, 2022"


def _listed(site, url: str) -> list[tuple[str, str]]:
    return [(item.css_first("a").text(strip=True), item.css_first("time").text(strip=True))
            for item in site.html(url).css(".lessons-item:not(.lessons-lesson)")]


def test_listings_show_the_precision_and_sort_a_period_by_its_first_day(site):
    # Newest first: a month sorts as its first day, a year as 1 January, and a less
    # precise date before a more precise one that starts on the same day.
    assert _listed(site, "soorten/rapporten") == [("Dagrapport", "14 januari 2022"),
                                                  ("Jaarrapport", "2022")]
    assert _listed(site, "soorten/memos") == [("Maand in ISO", "maart 2022"),
                                              ("Maandmemo", "januari 2022")]
    # The year page has them all, each at its precision.
    assert sorted(_listed(site, "jaren/2022")) == [
        ("Dagrapport", "14 januari 2022"), ("Jaarrapport", "2022"),
        ("Maand in ISO", "maart 2022"), ("Maandmemo", "januari 2022")]
    assert "2022" in [a.text(strip=True) for a in site.html("jaren").css("li a")]


def test_citations_never_invent_a_day_or_month(site):
    def cite(doc_id: str) -> tuple[str, str]:
        tree = site.html(f"documenten/{doc_id}")
        return (tree.css_first(".lessons-cite__vancouver .lessons-cite__text").text(),
                tree.css_first(".lessons-cite__apa .lessons-cite__text").text())

    vancouver, apa = cite("maand-memo")
    assert ("Rijksinstituut voor Volksgezondheid en Milieu; januari 2022. Beschikbaar op:"
            in vancouver)
    assert apa.startswith("Jansen, J. (2022). Maandmemo.")
    vancouver, _ = cite("jaar-rapport")
    assert "Rijksinstituut voor Volksgezondheid en Milieu; 2022. Beschikbaar op:" in vancouver
    vancouver, _ = cite("dag-rapport")
    # nlm-citation-sequence.csl gives a report's year and month, whatever else is known
    assert ("Rijksinstituut voor Volksgezondheid en Milieu; januari 2022. Beschikbaar op:"
            in vancouver)


def _download(site, doc_id: str, name: str) -> str:
    return (site.site / "documenten" / doc_id / name).read_text(encoding="utf-8")


def test_bibtex_has_a_month_only_when_it_is_known(site):
    year = _download(site, "jaar-rapport", "citeer.bib")
    assert "  year = {2022}," in year and "month" not in year and "  date = {2022}," in year
    month = _download(site, "maand-memo", "citeer.bib")
    assert "  month = {jan}," in month and "  date = {2022-01}," in month
    day = _download(site, "dag-rapport", "citeer.bib")
    assert "  month = {jan}," in day and "  date = {2022-01-14}," in day


def test_csl_json_date_parts_have_as_many_parts_as_are_known(site):
    def parts(doc_id: str) -> list[list[int]]:
        return json.loads(_download(site, doc_id, "citeer.json"))[0]["issued"]["date-parts"]

    assert parts("jaar-rapport") == [[2022]]
    assert parts("maand-memo") == [[2022, 1]]
    assert parts("dag-rapport") == [[2022, 1, 14]]


def test_ris_keeps_the_slashes_of_unknown_parts(site):
    def dates(doc_id: str) -> list[str]:
        return [line for line in _download(site, doc_id, "citeer.ris").splitlines()
                if line.startswith(("PY", "DA"))]

    assert dates("jaar-rapport") == ["PY  - 2022", "DA  - 2022///"]
    assert dates("maand-memo") == ["PY  - 2022", "DA  - 2022/01//"]
    assert dates("dag-rapport") == ["PY  - 2022", "DA  - 2022/01/14/"]


def _head(site, url: str) -> dict[str, str]:
    tree = site.html(url)
    out = {m.attributes.get("name") or m.attributes.get("property"): m.attributes["content"]
           for m in tree.css("head meta") if "content" in m.attributes}
    ld = json.loads(tree.css_first('script[type="application/ld+json"]').text())
    out["datePublished"] = ld["datePublished"]
    return out


@pytest.mark.parametrize("url, highwire, iso", [
    ("documenten/jaar-rapport", "2022", "2022"),
    ("documenten/maand-memo", "2022/01", "2022-01"),
    ("documenten/dag-rapport", "2022/01/14", "2022-01-14"),
    ("lessen/jaar-les", "2022", "2022"),
])
def test_head_metadata_gives_the_date_at_its_precision(site, url, highwire, iso):
    head = _head(site, url)
    assert head["citation_publication_date"] == highwire
    assert head["dcterms.issued"] == head["article:published_time"] == iso
    assert head["datePublished"] == iso


def test_json_export_dates_at_their_precision_validate_against_the_schema(site):
    data = json.loads((site.site / "api" / "documents.json").read_text())
    schema = json.loads((site.site / "api" / "schema" / "documents.schema.json").read_text())
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert {d["id"]: d["date"] for d in data["documents"]} == {
        "jaar-rapport": "2022", "maand-memo": "2022-01", "maand-iso": "2022-03",
        "dag-rapport": "2022-01-14"}
    lessons = json.loads((site.site / "api" / "lessons.json").read_text())["lessons"]
    assert [x["date"] for x in lessons] == ["2022"]
    # The schema refuses what is no date at any precision.
    data["documents"][0]["date"] = "januari 2022"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_feed_entries_are_dated_by_the_first_day_of_their_period(site):
    feed = feedparser.parse((site.site / "feeds" / "documenten.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [(e.title, e.published) for e in feed.entries] == [
        ("Maand in ISO", "2022-03-01T00:00:00Z"), ("Dagrapport", "2022-01-14T00:00:00Z"),
        ("Maandmemo", "2022-01-01T00:00:00Z"), ("Jaarrapport", "2022-01-01T00:00:00Z")]
    assert feed.feed.updated == "2022-03-01T00:00:00Z"
    json_feed = json.loads((site.site / "feeds" / "documenten.json").read_text())
    assert [i["date_published"] for i in json_feed["items"]][-1] == "2022-01-01T00:00:00Z"


def test_diwoo_writes_a_creation_date_only_for_a_day(site):
    located = {}
    for path in (site.site / "sitemaps").glob("sitemap-diwoo-*.xml"):
        for url in ET.parse(path).getroot().findall(f"{SM}url"):
            located[url.findtext(f"{SM}loc").removeprefix(BASE)] = url
    day = located["documenten/dag-rapport/dag-rapport.pdf"]
    assert day.findtext(f"{DW}Document/{DW}DiWoo/{DW}creatiedatum") == "2022-01-14"
    month = located["documenten/maand-memo/maand-memo.pdf"]
    # No creatiedatum for a month; the adoption's atTime is a required xs:dateTime (the
    # month's first day), so the date at its precision follows in a name/value field.
    assert month.find(f"{DW}Document/{DW}DiWoo/{DW}creatiedatum") is None
    assert [v.text for f in month.iter(f"{DW}extraMetadataveld")
            if f.findtext(f"{DW}key") == "datum" for v in f.iter(f"{DW}value")] == ["2022-01"]


def test_search_filters_by_year_and_sorts_by_the_date_at_its_precision(site):
    records = {r["url"].strip("/"): r for r in site.search_records()}
    assert records["documenten/jaar-rapport"]["filters"]["jaar"] == ["2022"]
    assert records["documenten/jaar-rapport"]["meta"]["datum"] == "2022"
    assert records["documenten/maand-memo"]["meta"]["datum"] == "januari 2022"
    # Pagefind sorts these as text: '2022' < '2022-01' < '2022-01-14', as the lists do.
    page = site.html("documenten/maand-memo")
    assert page.css_first("[data-pagefind-sort]").attributes["data-pagefind-sort"] == (
        "datum:2022-01")
    year = site.html("zoeken").css_first('fieldset[data-facet="jaar"]')
    assert [li.text(strip=True) for li in year.css("li")] == ["2022(5)"]
