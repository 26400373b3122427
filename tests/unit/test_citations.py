"""Author names as editors write them, cited as the official CSL styles want them; a
lesson's follow-up state in the notes of its citation files, never in its reference."""

from __future__ import annotations

import datetime as dt

import pytest

from lessons.normalize.dates import PartialDate
from lessons.outputs.citations import Citable, Person, bibtex, csl_json, person, ris, typographic
from lessons.outputs.csl import references


def vancouver(c: Citable) -> str:
    return references(csl_json(c))["vancouver"].text


def apa(c: Citable) -> str:
    return references(csl_json(c))["apa"].html


@pytest.mark.parametrize(("written", "expected"), [
    ("J. Jansen", Person("Jansen", "J.")),
    ("A.B. van der Berg", Person("van der Berg", "A.B.")),
    ("Bettine Pluut", Person("Pluut", "B.")),
    ("Désirée te Marvelde", Person("te Marvelde", "D.")),
    # citeproc-js initialises a hyphenated given name joined ("JW"): so do we
    ("Jan-Willem van den Heuvel", Person("van den Heuvel", "J.W.")),
    ("Anna Maria Jansen", Person("Jansen", "A.M.")),
    ("Émile Zola", Person("Zola", "É.")),
    ("Sarah McDonald", Person("McDonald", "S.")),
    ("Sean O'Neill", Person("O'Neill", "S.")),
    ("IJsbrand Jansen", Person("Jansen", "I.")),
    ("Jan IJzerman", Person("IJzerman", "J.")),
    ("Ömer Yılmaz", Person("Yılmaz", "Ö.")),
    ("Łukasz Nowak", Person("Nowak", "Ł.")),
    ("Anna de Raad", Person("de Raad", "A.")),  # a family name, not a council
    ("Jan Nederland", Person("Nederland", "J.")),
    ("Mohammed El Amrani", Person("El Amrani", "M.")),
    ("Jansen, Jan", Person("Jansen", "J.")),  # "Family, Given", as reference lists write
    ("Boer, V. de", Person("de Boer", "V.")),
    ("Prof. dr. J. de Vries", Person("de Vries", "J.")),  # titles are no part of a name
    ("Ir. Piet Bakker", Person("Bakker", "P.")),
    ("J. Jansen MSc", Person("Jansen", "J.")),
])
def test_personal_names_are_split_into_family_name_and_initials(written, expected):
    assert person(written) == expected


@pytest.mark.parametrize("written", [
    "GGD GHOR Nederland", "Pluut & Partners", "Ministerie van VWS", "Sleutelnet",
    "Tim de Jong en Anna Smit", "Stichting Zorg Anders", "RIVM", "Afdeling X",
    "Regiegroep DOTT", "Jansen J.", "Ministerie van Volksgezondheid, Welzijn en Sport",
])
def test_organisations_and_lists_are_not_taken_for_a_person(written):
    assert person(written) is None


def test_every_name_stays_its_own_author_and_a_whole_name_is_never_split():
    from lessons.issuer import Organisation
    from lessons.model.document import Document
    from lessons.model.kinds import KINDS
    from lessons.outputs.citations import from_document

    doc = Document(path="a.md", id="a", kind=KINDS["report"], title="T",
                   date=PartialDate(2021), summary="", themes=[], stakeholders=[],
                   status="published", authors=["Bettine Pluut", "Pluut & Partners, Utrecht"])
    cite = from_document(doc, "https://x/", Organisation("ZonMw", "zonmw"), [])
    assert [a.get("literal") or a["family"] for a in csl_json(cite)["author"]] == [
        "Pluut", "Pluut & Partners, Utrecht"]
    # RIS has no corporate author: a name with a comma would be read "Family, Given"
    assert [line for line in ris(cite).splitlines() if line.startswith("AU")] == [
        "AU  - Pluut, B."]
    assert "author = {Pluut, B. and {Pluut \\& Partners, Utrecht}}" in bibtex(cite)


def test_an_organisation_with_a_comma_is_no_ris_author():
    vws = "Ministerie van Volksgezondheid, Welzijn en Sport"
    cite = Citable(id="x", title="Memo", url="https://x/", date=PartialDate(2020),
                   publisher=vws, institution=vws)
    lines = ris(cite).splitlines()
    assert not [x for x in lines if x.startswith("AU")] and f"PB  - {vws}" in lines


@pytest.mark.parametrize(("written", "expected"), [
    ("'s-Hertogenbosch", "’s-Hertogenbosch"), ("van 't Hof", "van ’t Hof"),
    ("de jaren '90", "de jaren ’90"), ("rock 'n' roll", "rock ’n’ roll"),
    ("'no regret'", "‘no regret’"), ("DSV's", "DSV’s"),
])
def test_elisions_get_an_apostrophe_and_quotes_open_and_close(written, expected):
    assert typographic(written) == expected


def test_full_names_cited_in_vancouver_and_apa():
    authors = [person(n) for n in ("Bettine Pluut", "Désirée te Marvelde", "Émile Zola")]
    cite = Citable(id="x", title="Verkenning", url="https://lessen.example.org/documenten/x/",
                   date=dt.date(2022, 6, 30), publisher="ZonMw", authors=authors)
    # Citing Medicine: family name (with its particle) and initials without full stops
    assert vancouver(cite).startswith("Pluut B, te Marvelde D, Zola É. Verkenning [Internet].")
    # APA 7: Family, I., with "&" before the last
    assert apa(cite).startswith("Pluut, B., te Marvelde, D., &amp; Zola, É. (2022).")
    # CSL-JSON: the particle apart, so a style prints it or sorts by it as it should
    assert csl_json(cite)["author"][1] == {"family": "Marvelde", "given": "D.",
                                           "non-dropping-particle": "te"}


def test_a_corporate_author_is_one_name_and_the_issuer_the_publisher():
    vws = "Ministerie van Volksgezondheid, Welzijn en Sport"
    cite = Citable(id="x", title="Memo", url="https://lessen.example.org/documenten/x/",
                   date=PartialDate(2020, 8), publisher=vws, institution=vws)
    item = csl_json(cite)
    assert item["author"] == [{"literal": vws}] and item["publisher"] == vws
    assert vancouver(cite) == (
        f"{vws}. Memo [Internet]. {vws}; augustus 2020. Beschikbaar op: "
        "https://lessen.example.org/documenten/x/")
    # BibTeX keeps the name whole in braces; RIS has no corporate author (see below)
    assert "author = {{" + vws + "}}" in bibtex(cite) and "AU  - " not in ris(cite)


@pytest.mark.parametrize(("written", "typeset"), [
    ("DSV's", "DSV’s"), ("de 'no regret'-zaken", "de ‘no regret’-zaken"),
    ('de "quick wins" (\'x\')', "de “quick wins” (‘x’)"), ("GGD'en", "GGD’en")])
def test_csl_json_has_typographic_quotes(written, typeset):
    assert typographic(written) == typeset


def lesson(**follow_up) -> Citable:
    return Citable(id="les", title="Begin klein.", url="https://lessen.example.org/lessen/les/",
                   date=PartialDate(2022, 1), publisher="Lessen uit de praktijk",
                   institution="GGD GHOR Nederland", part_of="Verslag",
                   csl_type="chapter", ris_type="CHAP", bibtex_type="incollection",
                   **follow_up)


@pytest.mark.parametrize(("since", "written"), [
    (PartialDate(2023, 4, 15), "15 april 2023"), (PartialDate(2023, 4), "april 2023"),
    (PartialDate(2023), "2023")])
def test_the_follow_up_state_and_its_date_are_a_note_in_every_citation_file(since, written):
    cited = lesson(state="In uitvoering", state_since=since)
    note = f"Opvolging: In uitvoering, sinds {written}"
    assert f"  note = {{{note}}},\n" in bibtex(cited)
    assert f"N1  - {note}\r\n" in ris(cited)
    item = csl_json(cited)
    assert item["note"] == note and "status" not in item  # see csl_json: status is not it


def test_the_reference_is_the_same_in_every_state():
    plain = lesson()
    for state in ("Geïdentificeerd", "Niet overgenomen", "Geborgd"):
        cited = lesson(state=state, state_since=PartialDate(2024, 2, 1))
        assert vancouver(cited) == vancouver(plain)
        assert apa(cited) == apa(plain)


def test_without_follow_up_the_files_are_as_before():
    cited = lesson()
    assert "  booktitle = {{Verslag}},\n" in bibtex(cited) and "note" not in bibtex(cited)
    assert "N1  -" not in ris(cited) and "note" not in csl_json(cited)


def test_a_lesson_is_cited_as_a_part_of_its_document():
    cited = lesson()
    assert vancouver(cited) == (
        "GGD GHOR Nederland. Begin klein. In: Verslag [Internet]. Lessen uit de praktijk; "
        "2022. Beschikbaar op: https://lessen.example.org/lessen/les/")
    assert apa(cited) == ("GGD GHOR Nederland. (2022). Begin klein. In <i>Verslag</i>. "
                          "Lessen uit de praktijk. https://lessen.example.org/lessen/les/")
