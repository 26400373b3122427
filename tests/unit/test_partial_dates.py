"""A date as precise as its source: read from front-matter, written in Dutch, ordered, cited."""

from __future__ import annotations

import datetime as dt

import pytest

from helpers import ROOT
from lessons.collect import collect, load_vocabularies
from lessons.normalize.dates import PartialDate, find_partial_date, format_nl, parse_partial_date
from lessons.outputs.citations import Citable, bibtex, csl_json, person, ris
from lessons.outputs.csl import references


def vancouver(c: Citable) -> str:
    return references(csl_json(c))["vancouver"].text


def apa(c: Citable) -> str:
    return references(csl_json(c))["apa"].text

YEAR, MONTH, DAY = PartialDate(2022), PartialDate(2022, 1), PartialDate(2022, 1, 14)
VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")


@pytest.mark.parametrize("value, expected", [
    (dt.date(2022, 1, 14), DAY),
    (dt.datetime(2022, 1, 14, 9, 30), DAY),
    ("2022-01-14", DAY),
    ("14 januari 2022", DAY),
    ("vrijdag 14 jan. 2022", DAY),
    ("2022-01", MONTH),
    ("2022-1", MONTH),
    ("januari 2022", MONTH),
    ("Januari 2022", MONTH),
    ("jan. 2022", MONTH),
    (" 2022 ", YEAR),
    ("2022", YEAR),
    (2022, YEAR),
])
def test_front_matter_dates_keep_their_precision(value, expected):
    assert parse_partial_date(value) == expected


@pytest.mark.parametrize("value, message", [
    ("2022-13", "'2022-13' is not a real date"),
    ("2022-00", "'2022-00' is not a real date"),
    ("2021-02-30", "'2021-02-30' is not a real date"),
    ("30 februari 2021", "'30 februari 2021' is not a real date"),
    ("0000", "'0000' is not a real date"),
    ("medio 2022", "'medio 2022' is not a date; write a day (2022-01-14 or 14 januari 2022), "
                   "a month (2022-01 or januari 2022) or a year (2022)"),
    ("22", "'22' is not a date; write a day"),
    (True, "'True' is not a date; write a day"),
    ([2022], "'[2022]' is not a date; write a day"),
])
def test_what_is_no_date_at_any_precision_is_refused_with_the_forms(value, message):
    with pytest.raises(ValueError) as err:
        parse_partial_date(value)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize("value, written, iso, parts", [
    (YEAR, "2022", "2022", [2022]),
    (MONTH, "januari 2022", "2022-01", [2022, 1]),
    (PartialDate(2022, 12), "december 2022", "2022-12", [2022, 12]),
    (DAY, "14 januari 2022", "2022-01-14", [2022, 1, 14]),
    (dt.date(2021, 3, 23), "23 maart 2021", None, None),
])
def test_dates_are_written_no_more_precisely_than_they_are(value, written, iso, parts):
    assert format_nl(value) == written
    if iso:
        assert value.iso() == iso and value.parts == parts


def test_a_period_sorts_by_its_first_day_before_more_precise_dates_on_that_day():
    dates = [DAY, PartialDate(2021, 12, 31), YEAR, PartialDate(2022, 1, 1), MONTH,
             PartialDate(2022, 2)]
    assert sorted(dates) == [PartialDate(2021, 12, 31), YEAR, MONTH, PartialDate(2022, 1, 1),
                             DAY, PartialDate(2022, 2)]
    assert max(dates) == PartialDate(2022, 2) and YEAR < MONTH <= MONTH < DAY
    assert YEAR.start == MONTH.start == dt.date(2022, 1, 1)


@pytest.mark.parametrize("parts", [(2022, None, 3), (2022, 2, 30), (2022, 13), (2022, 0)])
def test_a_partial_date_cannot_be_made_impossible(parts):
    with pytest.raises(ValueError):
        PartialDate(*parts)


@pytest.mark.parametrize("text, expected", [
    ("Den Haag, medio augustus 2020", PartialDate(2020, 8)),
    ("Datum 14 juli 2020", PartialDate(2020, 7, 14)),
    ("Jaarverslag 2021", None),
    # An event over several days is dated by its month.
    ("De bijeenkomst van 3-6 maart 2025 in Rome", PartialDate(2025, 3)),
    ("op 3 en 4 juni 2021", PartialDate(2021, 6)),
    # Slashes are day-first, as the Dutch write them, unless that is impossible.
    ("Datum: 11/08/2022", PartialDate(2022, 8, 11)),
    ("Sent: Mon 7/20/2020 4:34 PM", PartialDate(2020, 7, 20)),
])
def test_dates_found_in_text_keep_their_precision(text, expected):
    assert find_partial_date(text) == expected


def _cite(date) -> Citable:
    return Citable(id="x", title="Verkenning", url="https://lessen.example.org/documenten/x/",
                   date=date, publisher="Lessen uit de praktijk", authors=[person("J. Jansen")])


@pytest.mark.parametrize("date, vancouver_date, month, ris_date, parts", [
    (YEAR, "2022", None, "2022///", [[2022]]),
    (MONTH, "januari 2022", "jan", "2022/01//", [[2022, 1]]),
    # nlm-citation-sequence.csl gives a report's year and month, even when the day is known
    (DAY, "januari 2022", "jan", "2022/01/14/", [[2022, 1, 14]]),
    (dt.date(2022, 1, 14), "januari 2022", "jan", "2022/01/14/", [[2022, 1, 14]]),
])
def test_citations_give_the_parts_that_are_known(date, vancouver_date, month, ris_date,
                                                 parts):
    cited = _cite(date)
    # NLM (nlm-citation-sequence.csl), Dutch terms: the parts the report has, no more.
    assert f"Lessen uit de praktijk; {vancouver_date}. Beschikbaar op:" in vancouver(cited)
    # APA 7 dates reports and grey literature by the year alone.
    assert apa(cited).startswith("Jansen, J. (2022). Verkenning.")
    bib = bibtex(cited)
    assert "  year = {2022}," in bib
    assert (f"  month = {{{month}}}," in bib) if month else ("month" not in bib)
    assert f"DA  - {ris_date}\r\n" in ris(cited) and "PY  - 2022\r\n" in ris(cited)
    assert csl_json(cited)["issued"] == {"date-parts": parts}


DOCUMENT = """---
id: x-doc
kind: memo
title: T
date: {date}
summary: S
themes: [governance]
stakeholders: [rivm]
organisation: VWS
status: published
publish_after: {embargo}
---

Tekst.
"""


@pytest.mark.parametrize("date, expected", [
    ("2022", YEAR), ("'2022'", YEAR), ("2022-01", MONTH), ("'2022-01'", MONTH),
    ("januari 2022", MONTH), ("2022-01-14", DAY), ("14 januari 2022", DAY),
])
def test_a_document_is_dated_as_precisely_as_its_front_matter(date, expected):
    result = collect([("x.md", DOCUMENT.format(date=date, embargo="2022-02-01").encode())],
                     VOCABS)
    assert result.problems == []
    doc = result.documents[0]
    assert doc.date == expected and doc.year == 2022
    assert doc.publish_after == dt.date(2022, 2, 1)


def test_a_bad_date_names_file_line_field_and_the_accepted_forms():
    result = collect([("x.md", DOCUMENT.format(date="ergens in 2022", embargo="2022-02-01")
                       .encode())], VOCABS)
    assert [str(p) for p in result.problems] == [
        "x.md:5: date: 'ergens in 2022' is not a date; write a day (2022-01-14 or 14 januari "
        "2022), a month (2022-01 or januari 2022) or a year (2022)"]


def test_an_embargo_still_needs_a_day():
    result = collect([("x.md", DOCUMENT.format(date="2022", embargo="januari 2022").encode())],
                     VOCABS)
    assert [str(p) for p in result.problems] == [
        "x.md:11: publish_after: 'januari 2022' is not a date; write it as YYYY-MM-DD, "
        "e.g. 2021-03-23"]


@pytest.mark.parametrize("date, csl_type, part_of, expected", [
    # apa.csl writes the month before the day, whatever the language
    (DAY, "webpage", "", "(2022, januari 14)"),
    (MONTH, "webpage", "", "(2022, januari)"),
    (YEAR, "webpage", "", "(2022)"),
    (DAY, "report", "", "(2022)"),
    (DAY, "chapter", "Het rapport", "(2022)"),  # a lesson: a part of its document
])
def test_apa_dates_a_webpage_as_precisely_as_known_and_a_report_by_its_year(
        date, csl_type, part_of, expected):
    cited = _cite(date)
    cited.csl_type, cited.part_of = csl_type, part_of
    assert apa(cited).startswith(f"Jansen, J. {expected}. Verkenning.")


def test_an_empty_date_names_the_accepted_forms():
    result = collect([("x.md", DOCUMENT.format(date="''", embargo="2022-02-01").encode())],
                     VOCABS)
    assert [str(p) for p in result.problems] == [
        "x.md:5: date: is empty; write a day (2022-01-14 or 14 januari 2022), a month "
        "(2022-01 or januari 2022) or a year (2022)"]
