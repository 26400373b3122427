"""Normalizers as tables: input and expected output side by side."""

from __future__ import annotations

import datetime as dt

import pytest

from lessons.normalize.dates import find_date, format_nl, parse_date
from lessons.normalize.redactions import codes_in, mark_up
from lessons.normalize.text import clean_inline, slugify


@pytest.mark.parametrize("text, marks, codes", [
    ("[redacted]", 1, ["redacted"]),
    ("naam: 5.1.2e, tel 5.1.2 e", 2, ["5.1.2e"]),
    ("mail 5.1.2e@minvws.nl", 1, ["5.1.2e"]),
    ("Wob (10)(2e) en (10)(2)(e)", 2, ["10.2e"]),
    ("10.2.e en 10.2g", 2, ["10.2e", "10.2g"]),
    ("[5.2] persoonlijke opvatting", 1, ["5.2"]),
    ("paragraaf 5.2 en hoofdstuk 5.1.2", 0, []),
    ("artikel 5.1.2e-lid", 1, ["5.1.2e"]),
    ("`5.1.2e` in code", 0, []),
])
def test_redaction_marks(text, marks, codes):
    assert mark_up(text).count('class="lessons-redaction"') == marks
    assert codes_in(text) == codes


def test_redaction_element_names_the_ground_and_keeps_surroundings():
    out = mark_up("Bel 5.1.2e@minvws.nl of [10.2e].")
    assert out.startswith('Bel <span class="lessons-redaction" role="note" title="Gelakt op '
                          'grond van art. 5.1.2e Woo: eerbiediging van de persoonlijke '
                          'levenssfeer">[5.1.2e]</span>@minvws.nl of ')
    assert "art. 10.2e Wob" in out


def test_redactions_in_fenced_code_are_left_alone():
    text = "```\n5.1.2e\n```\n\nen 5.1.2e"
    assert mark_up(text).startswith("```\n5.1.2e\n```")
    assert mark_up(text).count("lessons-redaction") == 1


@pytest.mark.parametrize("text, expected", [
    ("20 augustus 2020", dt.date(2020, 8, 20)),
    ("vrijdag 17 jul. 2020", dt.date(2020, 7, 17)),
    ("Mon 7/20/2020 4:34:48 PM", dt.date(2020, 7, 20)),
    ("Datum: 11/08/2022", dt.date(2022, 8, 11)),  # Dutch: day first
    ("Datum: 2021-03-23", dt.date(2021, 3, 23)),
    ("Regiegroep DOTT, 23 maart 2021", dt.date(2021, 3, 23)),
    ("Januari 2022", dt.date(2022, 1, 1)),
    ("03-11-2019", dt.date(2019, 11, 3)),
    ("Sent: Tuesday, March 3, 2020 10:12 AM", dt.date(2020, 3, 3)),
    ("geen datum hier", None),
    ("31-02-2020", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


@pytest.mark.parametrize("value, expected", [
    (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
    ("2020-01-02", dt.date(2020, 1, 2)),
    ("2 januari 2020", dt.date(2020, 1, 2)),
])
def test_parse_date_accepts(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["januari 2020", "2020-02-30", "morgen", 2020, None])
def test_parse_date_refuses(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_format_nl():
    assert format_nl(dt.date(2021, 3, 23)) == "23 maart 2021"


@pytest.mark.parametrize("text, slug", [
    ("Coördinatie & regie", "coordinatie-regie"),
    ("  Rode lijnen — 2021 ", "rode-lijnen-2021"),
])
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize("text, cleaned", [
    ("  Een   gewone titel ", "Een gewone titel"),
    ("Titel\u200bzonder\u00adonzichtbare\x07tekens", "Titelzonderonzichtbaretekens"),
    ("Regel\nen\ttab\u00a0en\u2028scheiding", "Regel en tab en scheiding"),
    ("Co\u00f6rdinatie \U0001F600", "Co\u00f6rdinatie \U0001F600"),
])
def test_clean_inline_drops_invisible_characters_and_collapses_space(text, cleaned):
    assert clean_inline(text) == cleaned
