"""Author names as editors write them, cited as the style guides want them; a lesson's
follow-up state in the notes of its citation files, never in its reference."""

from __future__ import annotations

import datetime as dt

import pytest

from lessons.normalize.dates import PartialDate
from lessons.outputs.citations import (
    Citable,
    Person,
    apa,
    bibtex,
    csl_json,
    person,
    ris,
    vancouver,
)


@pytest.mark.parametrize(("written", "expected"), [
    ("J. Jansen", Person("Jansen", "J.")),
    ("A.B. van der Berg", Person("van der Berg", "A.B.")),
    ("Bettine Pluut", Person("Pluut", "B.")),
    ("Désirée te Marvelde", Person("te Marvelde", "D.")),
    ("Jan-Willem van den Heuvel", Person("van den Heuvel", "J.-W.")),
    ("Anna Maria Jansen", Person("Jansen", "A.M.")),
    ("Émile Zola", Person("Zola", "É.")),
])
def test_personal_names_are_split_into_family_name_and_initials(written, expected):
    assert person(written) == expected


@pytest.mark.parametrize("written", [
    "GGD GHOR Nederland", "Pluut & Partners", "Ministerie van VWS", "Sleutelnet",
    "Tim de Jong en Anna Smit", "Stichting Zorg Anders", "RIVM",
])
def test_organisations_and_lists_are_not_taken_for_a_person(written):
    assert person(written) is None


def test_full_names_cited_in_vancouver_and_apa():
    authors = [person(n) for n in ("Bettine Pluut", "Désirée te Marvelde", "Émile Zola")]
    cite = Citable(id="x", title="Verkenning", url="https://lessen.example.org/documenten/x/",
                   date=dt.date(2022, 6, 30), publisher="Lessen uit de praktijk",
                   authors=authors)
    # Citing Medicine: family name (with its particle) and initials without full stops
    assert vancouver(cite).startswith("Pluut B, te Marvelde D, Zola É. Verkenning [Internet].")
    # APA 7: Family, I., with "&" before the last
    assert apa(cite).startswith("Pluut, B., te Marvelde, D., & Zola, É. (2022).")


def lesson(**follow_up) -> Citable:
    return Citable(id="les", title="Begin klein.", url="https://lessen.example.org/lessen/les/",
                   date=PartialDate(2022, 1), publisher="Lessen uit de praktijk",
                   institution="GGD GHOR Nederland", part_of="Verslag",
                   csl_type="webpage", ris_type="ELEC", bibtex_type="misc", **follow_up)


@pytest.mark.parametrize(("since", "written"), [
    (PartialDate(2023, 4, 15), "15 april 2023"), (PartialDate(2023, 4), "april 2023"),
    (PartialDate(2023), "2023")])
def test_the_follow_up_state_and_its_date_are_a_note_in_every_citation_file(since, written):
    cited = lesson(state="In uitvoering", state_since=since)
    note = f"Opvolging: In uitvoering, sinds {written}"
    assert f"  note = {{Les uit: Verslag. {note}}},\n" in bibtex(cited)
    assert f"N1  - {note}\r\n" in ris(cited)
    item = csl_json(cited)
    assert item["note"] == note and "status" not in item  # see csl_json: status is not it


def test_the_reference_is_the_same_in_every_state():
    plain = lesson()
    for state in ("Geïdentificeerd", "Niet overgenomen", "Geborgd"):
        cited = lesson(state=state, state_since=PartialDate(2024, 2, 1))
        assert vancouver(cited) == vancouver(plain)
        assert apa(cited) == apa(plain) and apa(cited, html=True) == apa(plain, html=True)


def test_without_follow_up_the_files_are_as_before():
    cited = lesson()
    assert "  note = {Les uit: Verslag},\n" in bibtex(cited)
    assert "N1  -" not in ris(cited) and "note" not in csl_json(cited)
