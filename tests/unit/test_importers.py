"""Importer fixtures: each input in fixtures/import beside its expected document.

`name.ext` is imported as it is; `name.ext.md` is first written to `name.ext` with pandoc
(so no binary .docx/.odt/.rtf/.epub is committed). The expected file holds the inferred
front-matter fields that matter to the editor and the exact Markdown body.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import frontmatter
import pypandoc
import pytest

from helpers import FIXTURES, ROOT
from lessons.cli import main as cli_main
from lessons.collect import load_vocabularies
from lessons.importers.writer import import_file
from lessons.model.kinds import KINDS

FOLDER = FIXTURES / "import"
CASES = sorted(p for p in FOLDER.iterdir() if not p.name.endswith(".expected"))
VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
CHECKED = ("kind", "title", "date", "themes", "stakeholders", "lessons", "summary", "authors",
           "review_needed")


def _materialize(case: Path, tmp: Path) -> Path:
    if case.name.endswith((".docx.md", ".odt.md", ".rtf.md", ".epub.md")):
        target = tmp / case.name[:-3]
        fmt = target.suffix[1:]
        pypandoc.convert_file(str(case), fmt, format="markdown", outputfile=str(target),
                              extra_args=["--standalone"] if fmt == "rtf" else [])
        return target
    target = tmp / case.name
    shutil.copy(case, target)
    return target


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_import_matches_expected(case: Path, tmp_path: Path):
    source = _materialize(case, tmp_path)
    result = import_file(source, tmp_path, VOCABS, today=dt.date(2026, 1, 1))
    written = frontmatter.loads(result.target.read_text(encoding="utf-8"))
    expected = frontmatter.loads(
        (FOLDER / f"{case.name}.expected").read_text(encoding="utf-8"))
    got = {k: written.metadata.get(k) for k in CHECKED if k in expected.metadata}
    # The fixtures are made by pandoc at test time, so their file dates are today's.
    got["review_needed"] = [n for n in got.get("review_needed", [])
                            if not n.startswith("file properties: created")]
    assert got == {k: expected.metadata[k] for k in got}
    assert written.content.strip() == expected.content.strip()
    # Provenance: the original is kept, with its checksum, and review is asked for.
    assert (tmp_path / written["source"]["file"]).read_bytes() == source.read_bytes()
    assert written["source"]["checksum"].startswith("sha256:")
    assert written["status"] == "draft" and written["review_needed"]
    # Nothing lost: every word of the original is in the document or listed as removed.
    assert result.lost == 0
    assert not [n for n in written["review_needed"] if "not in the output" in n]
    # Indentation is layout: no line may become a code block (lists keep theirs).
    assert not re.search(r"^(?: {4}|\t)(?!(?: {4})*(?:- |\d+\. ))", written.content, re.M)


def test_eml_headers_become_metadata(tmp_path: Path):
    eml = tmp_path / "bericht.eml"
    eml.write_text("From: Afdeling PG <pg@example.org>\nTo: 5.1.2e\n"
                   "Date: Mon, 20 Jul 2020 16:34:48 +0200\nSubject: FW: Verslag experttafel\n"
                   "Content-Type: text/plain; charset=utf-8\n\nZie bijlage.\n", encoding="utf-8")
    meta = frontmatter.loads(import_file(eml, tmp_path, VOCABS).target.read_text()).metadata
    assert (meta["kind"], meta["title"], meta["date"]) == (
        "correspondence", "Verslag experttafel", "2020-07-20")


def test_cli_imports_the_rest_when_one_file_fails(tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    shutil.copytree(ROOT / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    good = tmp_path / "memo.txt"
    shutil.copy(FOLDER / "memo-woo.txt", good)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "kapot.txt").write_bytes(b"\x00\x01binary")
    monkeypatch.chdir(tmp_path)
    code = cli_main(["import", "scan.pdf", "memo.txt", "kapot.txt"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "1 imported, 2 failed" in out
    assert "scan.pdf: not imported: not a readable PDF" in err
    assert "kapot.txt: not imported: binary file" in err
    assert len(list((tmp_path / "content" / "documenten").rglob("*.md"))) == 1
    # a second import of the same file names the document it already is
    assert cli_main(["import", "memo.txt"]) == 1
    assert ("memo.txt: not imported: already on the site as content/documenten/memos/"
            "vaccinatiecampagne-lessen-voor-de-uitvoering-2023.md") in capsys.readouterr().err
    # --force imports it again, over the same document
    assert cli_main(["import", "--force", "memo.txt"]) == 0
    written = list((tmp_path / "content" / "documenten").rglob("*.md"))
    assert len(written) == 1
    # ... but never over a document the editor has published
    written[0].write_text(written[0].read_text(encoding="utf-8").replace(
        "status: draft", "status: published"), encoding="utf-8")
    capsys.readouterr()
    assert cli_main(["import", "--force", "memo.txt"]) == 1
    assert "is published; --force does not replace a published document" in \
        capsys.readouterr().err
    assert "status: published" in written[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["???.txt", "…!.txt"])
def test_a_title_without_letters_still_gives_a_visible_valid_document(tmp_path, name):
    source = tmp_path / name
    source.write_text("!!!\n\nDe tekst van het document.\n", encoding="utf-8")
    result = import_file(source, tmp_path, VOCABS, today=dt.date(2024, 1, 1))
    assert not result.target.name.startswith(".")
    assert result.target.stem == result.meta["id"] and result.meta["id"]
    assert (tmp_path / result.meta["source"]["file"]).read_bytes() == source.read_bytes()
    from lessons.model.schema import SOURCE_FILE
    assert SOURCE_FILE.match(result.meta["source"]["file"])


def _project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    shutil.copytree(ROOT / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    return tmp_path


@pytest.mark.parametrize(("content", "message"), [
    (None, "the file does not exist"),
    (b"", "the file is empty (0 bytes)"),
    (b" \n\t\n", "has no text (no words)"),
])
def test_missing_and_empty_files_are_refused_saying_why(tmp_path, monkeypatch, capsys,
                                                        content, message):
    monkeypatch.chdir(_project(tmp_path))
    for name in ("notulen.txt", "notulen.docx"):
        if content is not None:
            (tmp_path / name).write_bytes(content)
        if content and name.endswith(".docx") and not content.strip():
            continue  # whitespace is not a .docx; pandoc's own complaint is right there
        assert cli_main(["import", name]) == 1
        err = capsys.readouterr().err
        assert f"{name}: not imported: {message}" in err
        assert "pandoc" not in err
    assert not (tmp_path / "content" / "documenten").exists()


def test_pictures_are_written_beside_the_document_and_linked(tmp_path, monkeypatch):
    from lessons.importers import registry

    picture = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    source = tmp_path / "verslag.docx"
    source.write_bytes(b"PK\x03\x04 stand-in for a .docx")
    converted = registry.Converted(
        "Verslag regio-overleg\n\nDe kaart toont de regio's.\n",
        "# Verslag regio-overleg\n\nDe kaart toont de regio's.\n\n"
        "![Kaart van de regio's](media/image1.png)\n",
        structured=True, assets={"image1.png": picture})
    monkeypatch.setitem(registry.READERS, ".docx", lambda path: converted)
    result = import_file(source, tmp_path, VOCABS, today=dt.date(2026, 1, 1))
    written = result.target.read_text(encoding="utf-8")
    doc_id = result.meta["id"]
    assert f"![Kaart van de regio's]({doc_id}/image1.png)" in written
    assert (result.target.parent / doc_id / "image1.png").read_bytes() == picture
    assert result.lost == 0


def test_lost_words_are_named_in_review_and_warned_about(tmp_path, monkeypatch, capsys):
    from lessons.importers import registry

    monkeypatch.chdir(_project(tmp_path))
    (tmp_path / "brief.txt").write_text("Brief over de teststraten.\n", encoding="utf-8")
    converted = registry.Converted("Brief over de teststraten. Vertrouwelijke bijlage.",
                                   "Brief over de teststraten.\n")
    monkeypatch.setitem(registry.READERS, ".txt", lambda path: converted)
    assert cli_main(["import", "brief.txt"]) == 0
    out, err = capsys.readouterr()
    assert "warning: 2 words of the original are not in the document" in err
    assert "2 words of the original are not in the output: vertrouwelijke, bijlage" in out
    document = next((tmp_path / "content" / "documenten").rglob("*.md"))
    review = frontmatter.loads(document.read_text(encoding="utf-8"))["review_needed"]
    assert any(n.startswith("2 words of the original are not in the output") for n in review)


def test_a_month_is_written_as_a_month_not_the_first_day(tmp_path):
    source = tmp_path / "rapport.txt"
    source.write_text("Evaluatie van de teststraten\n\nMedio augustus 2020\n\n"
                      + "De teststraten draaiden een jaar en dit rapport zegt wat we leerden. " * 3
                      + "\n", encoding="utf-8")
    result = import_file(source, tmp_path, VOCABS, today=dt.date(2026, 1, 1))
    text = result.target.read_text(encoding="utf-8")
    assert "\ndate: 2020-08\n" in text or "\ndate: '2020-08'\n" in text
    assert frontmatter.loads(text)["date"] == "2020-08"


def test_kind_cues_score_rather_than_take_the_first_hit():
    from lessons.model.kind_cues import cues, guess_kind

    assert all(cue.kind in KINDS for cue in cues())
    # 'rapport' comes first, but a letter's form says it is a letter
    letter = ("Retouradres Postbus 20350 2500 EJ Den Haag\nAan de Voorzitter van de Tweede "
              "Kamer der Staten-Generaal\nOns kenmerk 123\nBetreft Rapport over de GGD\n\n"
              "Geachte voorzitter,\n\nHierbij zend ik u het rapport.\n")
    assert guess_kind(letter) == "correspondence"
    assert guess_kind("Besluit op uw Woo-verzoek\n\nInventarislijst\n") == "correspondence"
    # 'Evaluatie' is the first cue, but the note's form outweighs it
    memo = ("Evaluatie van de teststraten\n\nNotitie\n\nAan: Bestuur GGD\nVan: Programmateam\n"
            "Onderwerp: evaluatie\n\nBeslispunten\n")
    assert guess_kind(memo) == "memo"
    assert guess_kind("Besluitenlijst\n\nAanwezig: de leden\n") == "meeting-report"
    assert guess_kind("Oplegnotitie\n\nAan: de minister\nOnderwerp: x\n") == "memo"
    assert guess_kind("Advies\n\nDe Raad voor Volksgezondheid en Samenleving adviseert\n") \
        == "position-paper"
    assert guess_kind("Ervaringen met de eerste publicatie van een JSON-schema\n\nWe "
                      "publiceerden ons eerste schema en het onderzoek ernaar.\n") \
        == "practice-example"
    assert guess_kind("Data science maakt kwetsbare inwoners zichtbaar\n\nGeplaatst door Anna "
                      "de Vries op woensdag 27 maart 2019\n\nHet onderzoek van de GGD.\n") \
        == "practice-example"
    # An 'Advies' written on commission is a report; an advisory body's advice a position.
    assert guess_kind("Advies over het gebruik van Geopackages\n\nManagementsamenvatting\n\n"
                      "Dit onderzoek is in opdracht uitgevoerd.\n\nBevindingen\n\nHet rapport "
                      "beschrijft de analyse.\n") == "report"
    assert guess_kind("Modernisering gegevensaanlevering\nStatus-update adviesrapport\n\n"
                      "Advies over het koppelvlak\n") == "report"
    assert guess_kind("Een tekst zonder enige aanwijzing.") is None


def test_a_wrong_cue_table_names_the_entry(tmp_path):
    from lessons.model.kind_cues import cues

    table = tmp_path / "cues.yml"
    table.write_text("cues:\n  - {kind: brief, pattern: x, weight: 1, where: head}\n")
    with pytest.raises(ValueError, match="cue 1: kind must be one of"):
        cues(table)


def test_import_file_says_a_missing_file_does_not_exist(tmp_path):
    from lessons.importers.registry import ImportFailure

    for name in ("weg.txt", "weg.docx", "weg.pdf"):
        with pytest.raises(ImportFailure, match="the file does not exist"):
            import_file(tmp_path / name, tmp_path, VOCABS)


def _inferred(text: str, **hints):
    from lessons.importers.infer import infer
    from lessons.importers.registry import Converted
    from lessons.importers.textclean import clean_text

    markdown, removed = clean_text(text)
    return infer(Converted(text, markdown, removed=removed, **hints), VOCABS)[0]


BODY = ("\n\nDe teststraten in de regio draaiden een jaar. Deze tekst vat samen wat de "
        "GGD leerde over planning, personeel en de samenwerking met laboratoria.\n")


@pytest.mark.parametrize(("head", "date"), [
    ("Den Haag, 12 augustus 2020", "2020-08-12"),
    ("Verslag van 1 februari 2021\n\nUtrecht, 3 maart 2021", "2021-03-03"),
    ("Datum vergadering: 3 maart 2021\nDatum verslag: 10 maart 2021", "2021-03-03"),
    ("Datum\n\n14 juli 2020", "2020-07-14"),
    ("Medio augustus 2020", "2020-08"),
    ("Voorjaar 2022, januari 2022", "2022-01"),
])
def test_dates_from_the_text_at_their_precision(head, date):
    assert _inferred(f"Evaluatie teststraten\n\n{head}{BODY}").date == date


@pytest.mark.parametrize(("head", "title"), [
    # an addressee, a contents heading and an introduction heading are never titles
    ("De Minister van Volksgezondheid, Welzijn en Sport\n\nInhoud\n\nInleiding",
     "Evaluatie teststraten"),
    # a form label with trailing spaces: its value is the title
    ("Aan:      Bestuur\nOnderwerp:       \n          Planning na de zomer",
     "Planning na de zomer"),
    ("Betreft: Planning na de zomer", "Planning na de zomer"),
])
def test_titles_skip_addressees_labels_and_headings(head, title):
    text = f"{head}\n\nEvaluatie teststraten{BODY}" if "Minister" in head else f"{head}{BODY}"
    assert _inferred(text).title == title


def test_reader_hints_come_first_unless_generic():
    text = f"Evaluatie teststraten{BODY}"
    assert _inferred(text, title_hint="Teststraten 2020-2021").title == "Teststraten 2020-2021"
    assert _inferred(text, title_hint="Microsoft Word - rapport_v3.docx").title == \
        "Evaluatie teststraten"
    assert _inferred(text, date_hint="2021-06").date == "2021-06"


def test_authors_from_the_cover():
    for head in ("Door: Anna de Vries en Piet Jansen", "Opgesteld door\nAnna de Vries\nPiet Jansen",
                 "Auteurs: dr. Anna de Vries, drs. Piet Jansen (GGD Noord)"):
        found = _inferred(f"Evaluatie teststraten\n\n{head}{BODY}").start.authors
        assert found == ["Anna de Vries", "Piet Jansen"], head


def test_summary_from_the_documents_own_description_is_trimmed():
    long = " ".join(f"Zin nummer {n} gaat over de planning van de teststraten." for n in range(40))
    start = _inferred(f"Evaluatie teststraten{BODY}", summary_hint=long).start
    assert start.summary_from == "the document's own description"
    assert len(start.summary) <= 600 and start.summary.endswith(".")


def test_a_form_laid_out_as_a_table_gives_its_title_never_its_markup():
    """A Word form whose cover is a table with merged cells comes out of the reader as an
    HTML table: the title is read from its cells, and '<table>' is never a title."""
    from lessons.importers.infer import infer
    from lessons.importers.registry import Converted

    markdown = ("<table>\n<thead>\n<tr>\n<th>Naam:</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                "<td>Organisatie: GGD Noord</td>\n</tr>\n<tr>\n"
                "<td colspan=\"2\">Evaluatie teststraten</td>\n</tr>\n</tbody>\n</table>\n"
                + BODY)
    converted = Converted(markdown, markdown, structured=True)
    title = infer(converted, VOCABS)[0].title
    assert title == "Evaluatie teststraten"


def test_a_second_file_with_the_same_title_gets_its_own_id_and_original(tmp_path: Path):
    """Two different files that make the same id (a PDF and the Word file it came from, two
    versions of minutes) are both kept: the second gets the next free id and a review note,
    and its original does not overwrite the first one's."""
    text = ("Evaluatie teststraten\n\nDatum: 3 maart 2021\n\n" + BODY.strip() + "\n")
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text + "\nEen tweede versie met een extra zin.\n", encoding="utf-8")
    one = import_file(first, tmp_path, VOCABS, out=tmp_path / "out")
    two = import_file(second, tmp_path, VOCABS, out=tmp_path / "out")
    assert one.meta["id"] == "evaluatie-teststraten-2021"
    assert two.meta["id"] == "evaluatie-teststraten-2021-2"
    assert one.target.exists() and two.target.exists()
    assert any("already in use" in note for note in two.review)
    assert (tmp_path / one.meta["source"]["file"]).read_bytes() == first.read_bytes()
    assert (tmp_path / two.meta["source"]["file"]).read_bytes() == second.read_bytes()


def test_a_subject_read_before_its_label_column_is_found():
    """OCR reads a letter's values before their label column: 'Betreft:' is empty and
    'Geachte …' follows, so the subject is the value read just above the labels."""
    text = ("Welzijn en Sport\n\n9 augustus 2022\n\n"
            "Besluit op uw verzoek over teststraten\n\nDatum:\n\nBetreft:\n\n"
            "Geachte mevrouw, heer,\n" + BODY)
    assert _inferred(text).title == "Besluit op uw verzoek over teststraten"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("besluit.docx", b"%PDF-1.7\n...", "this is a PDF with a '.docx' name; rename it to '.pdf'"),
    ("notulen.docx", b"# Notulen\n\nTekst.\n", "this is a text file, not a Word file"),
    ("notulen.pdf", b"# Notulen\n\nTekst.\n", "this is a text file, not a PDF"),
])
def test_a_file_under_the_wrong_name_is_told_what_it_is(tmp_path, name, content, message):
    from lessons.importers.registry import ImportFailure

    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(ImportFailure, match=re.escape(message)):
        import_file(source, tmp_path, VOCABS, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()
