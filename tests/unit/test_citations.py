"""Author names as editors write them, cited as the style guides want them."""

from __future__ import annotations

import datetime as dt

import pytest

from lessons.outputs.citations import Citable, Person, apa, person, vancouver


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
