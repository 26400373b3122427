"""What `lessons import` writes into the site: a draft never breaks the public build, and
`lessons check` still tells the editor what to fill in; the pictures the reader extracted
are on the page once it is published, and nowhere before."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import frontmatter

from helpers import FIXTURES, ROOT, build_site, make_docs
from lessons.cli import main as cli_main
from lessons.collect import load_vocabularies
from lessons.importers import registry
from lessons.importers.writer import import_file

IMPORTS = FIXTURES / "import"
# Real-world drafts: a letter, a report dated by month, a memo with a Woo redaction, and
# one with personal data in its body and no date at all.
DRAFTS = ("kamerbrief-layout.txt", "rapport-layout.txt", "memo-woo.txt", "mail.txt")


def _project(tmp_path: Path, monkeypatch) -> Path:
    docs = make_docs(tmp_path, FIXTURES / "corpus" / "documenten").rename(tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n"
                                         "site_url: https://x.example/\n")
    monkeypatch.chdir(tmp_path)
    return docs


def test_imported_drafts_never_break_the_strict_build(tmp_path, monkeypatch, capsys):
    docs = _project(tmp_path, monkeypatch)
    for name in DRAFTS:
        shutil.copy(IMPORTS / name, tmp_path / name)
    (tmp_path / "bellijst.txt").write_text(
        "Bellijst teststraten\n\nBel bij vragen Jan Jansen op 06-12345678 of "
        "j.jansen@example.org; hij coördineert de teststraten in de regio.\n",
        encoding="utf-8")
    before = set((docs / "documenten").rglob("*.md"))
    # Without --out, as the README tells editors: into content/documenten/<kind>/.
    assert cli_main(["import", *DRAFTS, "bellijst.txt"]) == 0
    capsys.readouterr()
    drafts = sorted(set((docs / "documenten").rglob("*.md")) - before)
    assert len(drafts) == len(DRAFTS) + 1
    built = build_site(docs, tmp_path, strict=True)
    assert not built.failed, built.messages
    assert not [m for m in built.messages if any(d.name in m for d in drafts)]
    for draft in drafts:
        doc_id = frontmatter.loads(draft.read_text(encoding="utf-8"))["id"]
        assert not built.exists(f"documenten/{doc_id}")
    # The editor still hears what is missing before the draft can be published.
    assert cli_main(["check"]) == 1
    out = capsys.readouterr().out
    assert "bellijst-teststraten.md:" in out and "personal data" in out


def test_a_published_import_shows_its_pictures(tmp_path, monkeypatch):
    docs = _project(tmp_path, monkeypatch)
    picture = (ROOT / "site_src" / "assets").glob("*.png")
    data = next(picture, None)
    png = data.read_bytes() if data else bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
    source = tmp_path / "verslag.docx"
    source.write_bytes(b"PK\x03\x04 stand-in for a .docx")
    converted = registry.Converted(
        "Verslag regio-overleg\n\nDe kaart toont de regio's.",
        "# Verslag regio-overleg\n\nDe kaart toont de regio's.\n\n"
        "![Kaart van de regio's](media/image1.png)\n",
        structured=True, assets={"image1.png": png})
    monkeypatch.setitem(registry.READERS, ".docx", lambda path: converted)
    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    result = import_file(source, tmp_path, vocabs, kind="meeting-report",
                         out=docs / "documenten" / "import", today=dt.date(2026, 1, 1))
    # As a draft, neither the document nor its pictures are on the site.
    built = build_site(docs, tmp_path, strict=True)
    assert not built.failed, built.messages
    assert not list(built.site.rglob("image1.png"))
    post = frontmatter.loads(result.target.read_text(encoding="utf-8"))
    post.metadata.update(status="published", summary="Verslag van het regio-overleg.",
                         date="2021-03-01", themes=["governance"], stakeholders=["ggd"])
    del post.metadata["review_needed"]
    result.target.write_text(frontmatter.dumps(post), encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True)
    assert not built.failed, built.messages
    page = built.html(f"documenten/{post['id']}/")
    image = page.css_first("article img") or page.css_first("img[alt^='Kaart']")
    assert image is not None
    src = image.attributes["src"]
    served = (built.site / f"documenten/{post['id']}/" / src).resolve()
    assert served.read_bytes() == png
