"""Every published address is guarded: `lessons manifest` lists exactly what a build
writes, and after a rename (document, lesson, theme, organisation) every old address keeps
answering, or the build fails naming the addresses and the fix."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest

from helpers import FIXTURES, ROOT, Built, build_site, make_docs
from lessons.cli import main as lessons_cli

# What a build writes that is not an address of ours: the theme's assets, the search
# index, MkDocs' own 404 page and sitemap.
NOT_OURS = ("assets/", "pagefind/")
NOT_OURS_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
ORIGINAL = "Het oorspronkelijke verslag van alpha, zoals het binnenkwam.\n"


def project(tmp_path: Path, content: Path | None = None) -> Path:
    """A project folder as an editor has it: mkdocs.yml, theme overrides, content/ (the
    fixture corpus, or a copy of `content`), sources/ with alpha's original."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site_src", root / "site_src")
    if content is not None:
        shutil.copytree(content, root / "content")
        shutil.copytree(ROOT / "sources", root / "sources")
        return root
    make_docs(root, FIXTURES / "corpus").rename(root / "content")
    original = root / "sources" / "alpha-verslag" / "bron.txt"
    original.parent.mkdir(parents=True)
    original.write_text(ORIGINAL, encoding="utf-8")
    edit(alpha(root), "status: published",
         "status: published\nsource:\n  file: sources/alpha-verslag/bron.txt")
    return root


def alpha(root: Path) -> Path:
    return root / "content" / "documenten" / "documenten" / "a.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def record_manifest(root: Path, monkeypatch) -> list[str]:
    """`lessons manifest` in the project: the addresses it publishes now."""
    monkeypatch.chdir(root)
    assert lessons_cli(["manifest"]) == 0
    lines = (root / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def build(root: Path, tmp_path: Path, name: str = "build") -> Built:
    out = tmp_path / name
    out.mkdir()
    # No search index: its files are not addresses, and it is not what is tested here.
    return build_site(root / "content", out, strict=True, config_file=root / "mkdocs.yml",
                      manifest=str(root / "published-urls.txt"), search=False)


def written(site: Path) -> set[str]:
    """The addresses of every file a build wrote: '/x/' for x/index.html."""
    found = set()
    for path in site.rglob("*"):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and not relative.startswith(NOT_OURS) and (
                relative not in NOT_OURS_FILES):
            found.add("/" + re.sub(r"(^|/)index\.html$", r"\1", relative))
    return found


def redirects_to(built: Built, old: str, new: str) -> bool:
    page = (built.site / old / "index.html").read_text(encoding="utf-8")
    depth = old.strip("/").count("/") + 1
    return f'<meta http-equiv="refresh" content="0; url={"../" * depth}{new}">' in page


def same_bytes(built: Built, old: str, new: str) -> bool:
    return (built.site / old).read_bytes() == (built.site / new).read_bytes()


@pytest.mark.parametrize("which", ["fixture corpus", "the project's own content"])
def test_the_manifest_lists_exactly_what_a_build_publishes(tmp_path, monkeypatch, which):
    root = project(tmp_path, ROOT / "content" if which.startswith("the project") else None)
    listed = record_manifest(root, monkeypatch)
    built = build(root, tmp_path)
    assert not built.failed, built.messages
    assert set(listed) == written(built.site)
    kinds = {"/", "/over/", "/themas/", "/organisaties/rivm/", "/soorten/memos/", "/jaren/",
             "/zoeken/", "/bladeren/", "/overzicht/", "/feeds/documenten.xml",
             "/feeds/lessen.json", "/api/documents.json", "/api/schema/lessons.schema.json",
             "/robots.txt", "/sitemaps/sitemapindex-diwoo-infocat010.xml"}
    assert kinds <= set(listed)
    assert any(re.fullmatch(r"/documenten/[a-z0-9-]+/origineel\.txt", a) for a in listed)
    assert any(re.fullmatch(r"/lessen/[a-z0-9-]+/kaart\.html", a) for a in listed)
    assert any(re.fullmatch(r"/feeds/themas/[a-z0-9-]+/lessen\.xml", a) for a in listed)
    assert any(re.fullmatch(r"/overzicht/[a-z0-9-]+/[a-z0-9-]+/", a) for a in listed)


def test_the_projects_manifest_guards_every_address_it_publishes(tmp_path, monkeypatch):
    root = project(tmp_path, ROOT / "content")
    published = set(record_manifest(root, monkeypatch))
    committed = (ROOT / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    missing = published - set(committed)
    assert not missing, f"run `lessons manifest` and commit published-urls.txt: {missing}"
    assert len(published) > 200


RENAMES = {
    "theme": ("themes.yml", "gegevensuitwisseling", "gegevensdeling",
              ["themas/{}/", "bladeren/{}/gespreksverslagen/", "overzicht/rivm/{}/"],
              ["feeds/themas/{}/documenten.xml", "feeds/themas/{}/documenten.json",
               "feeds/themas/{}/lessen.xml", "feeds/themas/{}/lessen.json"]),
    "organisation": ("stakeholders.yml", "rivm", "rijksinstituut",
                     ["organisaties/{}/", "overzicht/{}/gegevensuitwisseling/",
                      "overzicht/{}/governance/"], []),
}


@pytest.mark.parametrize("term", RENAMES)
def test_a_renamed_term_with_redirect_from_keeps_its_pages_and_feeds(tmp_path, monkeypatch,
                                                                      term):
    vocab, old, new, pages, files = RENAMES[term]
    root = project(tmp_path)
    record_manifest(root, monkeypatch)
    # The documents still name the old key: it resolves to the renamed term.
    edit(root / "content" / "vocabularies" / vocab, f"\n{old}:\n",
         f"\n{new}:\n  redirect_from: [{old}]\n")
    built = build(root, tmp_path)
    assert not built.failed, built.messages
    for page in pages:
        assert redirects_to(built, page.format(old), page.format(new)), page
        assert built.exists(page.format(new))
    for file in files:
        assert same_bytes(built, file.format(old), file.format(new)), file
    if files:
        feed = feedparser.parse((built.site / files[0].format(old)).read_bytes())
        assert not feed.bozo
        assert "https://lessen.example.org/documenten/alpha-verslag/" in [
            e.link for e in feed.entries]
        assert feed.feed.links[0].href.endswith(f"/feeds/themas/{new}/documenten.xml")
    assert "Alpha verslag" in built.html(pages[0].format(new)).body.text()


@pytest.mark.parametrize("term", RENAMES)
def test_a_renamed_term_without_redirect_from_fails_naming_addresses_and_fix(
        tmp_path, monkeypatch, term):
    vocab, old, new, pages, files = RENAMES[term]
    root = project(tmp_path)
    record_manifest(root, monkeypatch)
    edit(root / "content" / "vocabularies" / vocab, f"\n{old}:\n", f"\n{new}:\n")
    for doc in (root / "content" / "documenten").rglob("*.md"):
        doc.write_text(re.sub(rf"\b{old}\b", new, doc.read_text(encoding="utf-8")),
                       encoding="utf-8")
    built = build(root, tmp_path)
    assert built.failed
    message = "\n".join(built.messages)
    assert "published-urls.txt: " in message and "would disappear" in message
    assert f"/{pages[0].format(old)}" in message
    assert f"content/vocabularies/{vocab}" in message and "redirect_from" in message


def test_a_renamed_document_takes_its_citations_and_original_along(tmp_path, monkeypatch):
    root = project(tmp_path)
    listed = record_manifest(root, monkeypatch)
    assert "/documenten/alpha-verslag/origineel.txt" in listed
    edit(alpha(root), "id: alpha-verslag", "id: alpha-verslag-2021\nredirect_from: [alpha-verslag]")
    built = build(root, tmp_path)
    assert not built.failed, built.messages
    assert redirects_to(built, "documenten/alpha-verslag/", "documenten/alpha-verslag-2021/")
    for name in ("citeer.bib", "citeer.ris", "citeer.json", "origineel.txt"):
        assert same_bytes(built, f"documenten/alpha-verslag/{name}",
                          f"documenten/alpha-verslag-2021/{name}"), name
    old = built.site / "documenten" / "alpha-verslag"
    assert "https://lessen.example.org/documenten/alpha-verslag-2021/" in (
        old / "citeer.bib").read_text(encoding="utf-8")
    assert "UR  - https://lessen.example.org/documenten/alpha-verslag-2021/" in (
        old / "citeer.ris").read_text(encoding="utf-8")
    assert json.loads((old / "citeer.json").read_text(encoding="utf-8"))[0]["URL"] == (
        "https://lessen.example.org/documenten/alpha-verslag-2021/")
    # Served with a UTF-8 byte order mark (originals.py), which a reader decodes away.
    assert (old / "origineel.txt").read_text(encoding="utf-8-sig") == ORIGINAL
    assert same_bytes(built, "documenten/alpha-verslag/alpha-verslag.pdf",
                      "documenten/alpha-verslag-2021/alpha-verslag-2021.pdf")


def test_a_renamed_lesson_takes_its_card_and_citations_along(tmp_path, monkeypatch):
    root = project(tmp_path)
    record_manifest(root, monkeypatch)
    edit(alpha(root), "  - id: alpha-les-een",
         "  - id: alpha-begin-klein\n    redirect_from: [alpha-les-een]")
    built = build(root, tmp_path)
    assert not built.failed, built.messages
    assert redirects_to(built, "lessen/alpha-les-een/", "lessen/alpha-begin-klein/")
    for name in ("kaart.html", "citeer.bib", "citeer.ris", "citeer.json"):
        assert same_bytes(built, f"lessen/alpha-les-een/{name}",
                          f"lessen/alpha-begin-klein/{name}"), name
    assert same_bytes(built, "lessen/alpha-les-een/alpha-les-een.pdf",
                      "lessen/alpha-begin-klein/alpha-begin-klein.pdf")
    card = (built.site / "lessen" / "alpha-les-een" / "kaart.html").read_text(encoding="utf-8")
    assert "Begin klein." in card and "/lessen/alpha-begin-klein/" in card


@pytest.mark.parametrize("loss", ["original removed", "lesson removed"])
def test_a_published_file_that_disappears_fails_the_build(tmp_path, monkeypatch, loss):
    root = project(tmp_path)
    record_manifest(root, monkeypatch)
    if loss == "original removed":
        (root / "sources" / "alpha-verslag" / "bron.txt").unlink()
        expected = ["/documenten/alpha-verslag/origineel.txt"]
    elif loss == "lesson removed":
        edit(alpha(root), "lessons:\n  - id: alpha-les-een\n    statement: Begin klein.\n",
             "lessons: []\n")
        expected = ["/lessen/alpha-les-een/", "/lessen/alpha-les-een/kaart.html",
                    "/lessen/alpha-les-een/citeer.bib"]
    else:
        raise AssertionError(loss)
    built = build(root, tmp_path)
    assert built.failed
    message = "\n".join(built.messages)
    for address in expected:
        assert address in message, (address, message)


def test_a_listing_emptied_by_an_edit_keeps_answering(tmp_path, monkeypatch):
    """Alpha is the only meeting report, the only 2021 document and the only lesson of
    'gegevensuitwisseling': moved elsewhere, its cell, year and theme feed stay, empty."""
    root = project(tmp_path)
    listed = record_manifest(root, monkeypatch)
    emptied = ["/bladeren/gegevensuitwisseling/gespreksverslagen/", "/jaren/2021/",
               "/feeds/themas/gegevensuitwisseling/lessen.xml"]
    assert set(emptied) <= set(listed)
    edit(alpha(root), "themes: [gegevensuitwisseling, governance]", "themes: [governance]")
    edit(alpha(root), "date: 2021-01-01", "date: 2020-06-01")
    built = build(root, tmp_path)
    assert not built.failed, built.messages
    for page in emptied[:2]:
        assert built.html(page).css_first(".lessons-count-line").text() == "0 documenten"
    feed = feedparser.parse((built.site / emptied[2].lstrip("/")).read_bytes())
    assert not feed.bozo and feed.entries == []
    assert set(listed) <= written(built.site)
    # `lessons manifest` agrees: nothing new to add, nothing lost.
    assert lessons_cli(["manifest", "--check"]) == 0


def test_a_listing_both_emptied_and_renamed_redirects_to_its_new_empty_address(
        tmp_path, monkeypatch):
    root = project(tmp_path)
    record_manifest(root, monkeypatch)
    edit(root / "content" / "vocabularies" / "themes.yml", "\ngegevensuitwisseling:\n",
         "\ngegevensdeling:\n  redirect_from: [gegevensuitwisseling]\n")
    edit(alpha(root), "themes: [gegevensuitwisseling, governance]", "themes: [governance]")
    built = build(root, tmp_path)
    assert not built.failed, built.messages
    assert redirects_to(built, "bladeren/gegevensuitwisseling/gespreksverslagen/",
                        "bladeren/gegevensdeling/gespreksverslagen/")
    new = built.html("bladeren/gegevensdeling/gespreksverslagen/")
    assert new.css_first("h1").text() == "Gespreksverslagen over Gegevensuitwisseling"
    assert new.css_first(".lessons-count-line").text() == "0 documenten"


def test_a_site_organisation_without_a_tooi_address_says_why_its_diwoo_sitemaps_go(
        tmp_path, monkeypatch):
    """The DiWoo sitemaps exist while the site's organisation has a TOOI address; an
    editor who moves the site to another organisation learns why they would disappear."""
    root = project(tmp_path, ROOT / "content")  # VWS, with its TOOI address
    published = record_manifest(root, monkeypatch)
    assert any(line.startswith("/sitemaps/") for line in published)
    edit(root / "mkdocs.yml", "organisation: ministerie-vws", "organisation: rivm")
    built = build(root, tmp_path)
    assert built.failed
    message = "\n".join(built.messages)
    assert "would disappear: /sitemaps/" in message
    assert ("For the DiWoo sitemaps (the Woo-index harvests them): they are written only "
            "while the site's organisation") in message
    assert "'tooi:' address in content/vocabularies/stakeholders.yml" in message
