"""Importer fixtures: each input in fixtures/import beside its expected document.

`name.ext` is imported as it is; `name.ext.md` is first written to `name.ext` with pandoc
(so no binary .docx/.odt/.rtf/.epub is committed). The expected file holds the inferred
front-matter fields that matter to the editor and the exact Markdown body.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import frontmatter
import pypandoc
import pytest

from helpers import FIXTURES, ROOT
from lessons.cli import main as cli_main
from lessons.collect import load_vocabularies
from lessons.importers.writer import import_file

FOLDER = FIXTURES / "import"
CASES = sorted(p for p in FOLDER.iterdir() if not p.name.endswith(".expected"))
VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
CHECKED = ("kind", "title", "date", "themes", "stakeholders", "lessons")


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
    assert got == {k: expected.metadata[k] for k in got}
    assert written.content.strip() == expected.content.strip()
    # Provenance: the original is kept, with its checksum, and review is asked for.
    assert (tmp_path / written["source"]["file"]).read_bytes() == source.read_bytes()
    assert written["source"]["checksum"].startswith("sha256:")
    assert written["status"] == "draft" and written["review_needed"]


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
    # a second import refuses to overwrite without --force
    assert cli_main(["import", "memo.txt"]) == 1
    assert "exists; use --force" in capsys.readouterr().err


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
