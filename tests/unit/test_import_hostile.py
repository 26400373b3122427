"""Hostile and malformed input to `lessons import`: each is refused with a message that
names the file and what to do, or imported without losing a word; never a traceback, and
a refused import writes nothing."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import frontmatter
import pypandoc

from helpers import ROOT
from lessons.cli import main as cli_main

TEXT = "De GGD coördineerde de crisis en leerde veel over samenwerking met gemeenten.\n"


def _project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    shutil.copytree(ROOT / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _written(root: Path) -> list[Path]:
    return sorted(p for folder in ("content/documenten", "sources")
                  if (root / folder).exists() for p in (root / folder).rglob("*") if p.is_file())


def _refused(root: Path, name: str, capsys) -> str:
    assert cli_main(["import", name]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{name}: not imported: " in err
    assert _written(root) == []
    return err


def _draft(root: Path) -> frontmatter.Post:
    drafts = list((root / "content" / "documenten").rglob("*.md"))
    assert len(drafts) == 1
    return frontmatter.loads(drafts[0].read_text(encoding="utf-8"))


def test_an_unreadable_file_is_refused_saying_so(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, monkeypatch)
    (root / "geheim.txt").write_text(TEXT, encoding="utf-8")
    original = Path.read_bytes

    def denied(self):
        if self.name == "geheim.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)  # as root, chmod 000 reads anyway
    err = _refused(root, "geheim.txt", capsys)
    assert "cannot be read (Permission denied)" in err


def test_a_mail_with_damaged_headers_is_refused_or_read_never_a_traceback(
        tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, monkeypatch)
    (root / "kapot.eml").write_bytes(
        b"From: =?utf-8?B?!!!?=\nContent-Type: multipart/mixed; boundary=\"x\"\n\n--x\n"
        b"Content-Type: text/plain; charset=bogus\n\n" + TEXT.encode() + b"\n--x--\n")
    code = cli_main(["import", "kapot.eml"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    if code == 0:  # the undecodable sender is kept as it stands, the text is there
        post = _draft(root)
        assert "samenwerking met gemeenten" in post["title"] + post.content
        assert "=?utf-8?B?!!!?=" in post["title"] + post.content
    else:
        assert "kapot.eml: not imported: " in err and _written(root) == []


def test_an_unexpected_error_names_the_file_and_writes_nothing(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, monkeypatch)
    (root / "notitie.txt").write_text(TEXT, encoding="utf-8")
    from lessons.importers import registry

    def broken(path):
        raise IndexError("list index out of range")

    monkeypatch.setitem(registry.READERS, ".txt", broken)
    err = _refused(root, "notitie.txt", capsys)
    assert "IndexError" in err and "report this as a bug" in err


def test_front_matter_aliases_are_not_expanded(tmp_path, monkeypatch, capsys):
    # 'Billion laughs' in YAML: nine levels of nine aliases are 9**8 strings once
    # expanded; the reader must not build them (it took 4 GB and did not finish).
    root = _project(tmp_path, monkeypatch)
    levels = ["a: &a [x,x,x,x,x,x,x,x,x]"] + [
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefg", "bcdefgh", strict=True)]
    (root / "lol.md").write_text("---\n" + "\n".join(levels) + "\ntitle: *h\n---\n\n"
                                 "# Lessen van de GGD\n\n" + TEXT, encoding="utf-8")
    assert cli_main(["import", "lol.md"]) == 0
    post = _draft(root)
    assert post["title"] == "Lessen van de GGD"
    assert any("front-matter" in note and "not used" in note
               for note in post["review_needed"])


def test_utf16_files_are_read_as_text(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, monkeypatch)
    (root / "a.txt").write_bytes(("Evaluatie coördinatie\n\n" + TEXT).encode("utf-16"))
    (root / "b.md").write_bytes(("# Evaluatie coördinatie\n\n" + TEXT).encode("utf-16"))
    (root / "c.html").write_bytes(
        ("<html><head><title>Evaluatie coördinatie</title></head><body><main><p>"
         + TEXT + "</p></main></body></html>").encode("utf-16"))
    (root / "d.md").write_bytes(("# Evaluatie coördinatie\n\n" + TEXT).encode("cp1252"))
    assert cli_main(["import", "--out", "uit", "a.txt", "b.md", "c.html", "d.md"]) == 0
    for draft in sorted((root / "uit").glob("*.md")):
        post = frontmatter.loads(draft.read_text(encoding="utf-8"))
        assert post["title"].startswith("Evaluatie coördinatie"), draft
        assert "GGD coördineerde de crisis" in post["title"] + post.content, draft
        assert "\ufffd" not in post.content


def _docx(tmp_path: Path) -> Path:
    source = tmp_path / "basis.md"
    source.write_text("# Evaluatie\n\n" + TEXT, encoding="utf-8")
    target = tmp_path / "basis.docx"
    pypandoc.convert_file(str(source), "docx", outputfile=str(target))
    source.unlink()
    return target


def test_a_zip_bomb_docx_is_refused_before_pandoc(tmp_path, monkeypatch, capsys):
    # A document.xml of 200 MB compresses to under 1 MB; pandoc ran on it for more than
    # five minutes (no limit) and would have kept the editor waiting indefinitely.
    root = _project(tmp_path, monkeypatch)
    good = _docx(tmp_path)
    para = b"<w:p><w:r><w:t>aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa</w:t></w:r></w:p>"
    with zipfile.ZipFile(good) as zin, \
            zipfile.ZipFile(root / "bom.docx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + para * 1_000_000)
            zout.writestr(item, data)
    good.unlink()

    def no_pandoc(*args, **kwargs):
        raise AssertionError("pandoc was started on a zip bomb")

    monkeypatch.setattr(pypandoc, "convert_file", no_pandoc)
    err = _refused(root, "bom.docx", capsys)
    assert "word/document.xml" in err and "MB" in err


def test_an_image_link_cannot_copy_a_file_from_outside_the_documents_folder(
        tmp_path, monkeypatch, capsys):
    # A received Markdown or HTML file linking '/home/x/.ssh/id_rsa' or '../../secret'
    # as an image made the import copy that file beside the document, to be published.
    root = _project(tmp_path, monkeypatch)
    (tmp_path / "geheim.txt").write_text("GEHEIM-WACHTWOORD\n", encoding="utf-8")
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (inbox / "stuk.md").write_text(
        f"# Lessen uit de regio\n\n{TEXT}\n![a]({tmp_path / 'geheim.txt'})\n\n"
        "![b](../geheim.txt)\n\n![c](logo.png)\n", encoding="utf-8")
    (inbox / "stuk.html").write_text(
        f"<html><body><main><h1>Lessen uit de regio</h1><p>{TEXT}</p>"
        f"<img src='{tmp_path / 'geheim.txt'}'><img src='../geheim.txt'></main></body></html>",
        encoding="utf-8")
    assert cli_main(["import", "--out", "uit", "inbox/stuk.md", "inbox/stuk.html"]) == 0
    out = capsys.readouterr().out
    copied = [p for p in (root / "uit").rglob("*") if p.is_file() and p.suffix != ".md"]
    assert [p.name for p in copied] == ["logo.png"]
    assert not any(b"GEHEIM" in p.read_bytes() for p in (root / "uit").rglob("*") if p.is_file())
    assert "outside the imported file's folder" in out


def test_a_package_that_unpacks_too_large_is_refused(tmp_path, monkeypatch, capsys):
    # Pictures count too: pandoc writes each to disk. The limit is lowered for the test
    # rather than a gigabyte written.
    from lessons.importers import structured

    root = _project(tmp_path, monkeypatch)
    good = _docx(tmp_path)
    with zipfile.ZipFile(good, "a") as archive:
        archive.writestr("word/media/groot.png", b"\0" * 2_000_000)
    shutil.move(good, root / "groot.docx")
    monkeypatch.setattr(structured, "MAX_PACKAGE", 1_000_000)
    err = _refused(root, "groot.docx", capsys)
    assert "unpacks to 1 MB" in err and "compress pictures" in err


def test_files_embedded_in_a_pdf_are_named_for_review(tmp_path, monkeypatch, capsys):
    from fpdf import FPDF

    root = _project(tmp_path, monkeypatch)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Lessen uit de regio\n\n" + TEXT.replace("ö", "o") * 3)
    pdf.embed_file(basename="begroting.xlsx", bytes=b"PK" * 100)
    pdf.output(str(root / "met-bijlage.pdf"))
    assert cli_main(["import", "met-bijlage.pdf"]) == 0
    notes = _draft(root)["review_needed"]
    assert any("attachment 'begroting.xlsx' embedded in the PDF not imported" in n
               for n in notes)
