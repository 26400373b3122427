"""Quality gates on the built site: links, reproducibility, integrity, no third parties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, build_site, make_docs
from lessons.collect import collect, load_vocabularies, read_folder
from lessons.linkcheck import check

SITE_URL = "https://lessen.example.org/"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("quality")
    built = build_site(make_docs(tmp, FIXTURES / "corpus"), tmp, strict=True)
    assert not built.failed, built.messages
    return built


@pytest.fixture(scope="module")
def project_site(tmp_path_factory):
    """The project's own content, as `make site` builds it."""
    tmp = tmp_path_factory.mktemp("project")
    built = build_site(ROOT / "content", tmp, strict=True,
                       manifest=str(ROOT / "published-urls.txt"))
    assert not built.failed, built.messages
    return built


def test_no_broken_internal_link_or_anchor(fixture_site, project_site):
    assert check(fixture_site.site, SITE_URL) == []
    assert check(project_site.site, SITE_URL) == []


def test_link_checker_finds_a_broken_link_and_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"><a href="../b/">b</a> <a href="#here">ok</a> <a href="#gone">x</a>'
        '<a href="https://elsewhere.example/">ext</a></p>')
    assert [str(b) for b in check(tmp_path)] == [
        "a/index.html: ../b/: no such page or file",
        "a/index.html: #gone: no element with id 'gone'"]


def test_every_published_source_has_its_page(project_site):
    docs_dir = ROOT / "content"
    result = collect(read_folder(docs_dir / "documenten", docs_dir),
                     load_vocabularies(docs_dir / "vocabularies"))
    import datetime as dt
    public = {d.id for d in result.documents if d.is_public(dt.date.today())}
    assert public, "the project publishes its seed documents"
    pages = {p.parent.name for p in (project_site.site / "documenten").glob("*/index.html")
             if "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8")}
    assert pages == public


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    one = build_site(docs, tmp_path / "one", strict=True)
    two = build_site(docs, tmp_path / "two", strict=True)

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes()
                for p in sorted(site.rglob("*")) if p.is_file()}
    first, second = files(one.site), files(two.site)

    def stable(key: str) -> bool:
        # pagefind orders its filter and metadata indexes by a hash map upstream
        # (Pagefind issue #638); its page fragments, and everything else, are stable.
        return not key.startswith("pagefind/") or key.startswith("pagefind/fragment/")
    differ = {k for k in first.keys() | second.keys() if first.get(k) != second.get(k)}
    assert sorted(k for k in differ if stable(k)) == []
    assert len([k for k in first if stable(k)]) > 50


_EXTERNAL = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|icon|modulepreload|preconnect|"""
    r"""dns-prefetch))[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+(?:url\()?["']?(?:https?:)?//""", re.I)


def test_no_resource_is_loaded_from_another_host(fixture_site, project_site):
    for site in (fixture_site.site, project_site.site):
        for path in site.rglob("*"):
            if path.suffix in {".html", ".css"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                found = _EXTERNAL.search(text)
                assert found is None, f"{path}: {found.group(0) if found else ''}"


def test_accessibility_statement_and_dutch_language(project_site):
    tree = project_site.html("toegankelijkheid")
    assert tree.css_first("h1").text().rstrip("¶") == "Toegankelijkheidsverklaring"
    assert tree.css_first("html").attributes["lang"] == "nl"


def test_checked_text_originals_are_linked_and_published(project_site):
    page = project_site.html("documenten/babyconnect-regio-west-planningssessies")
    link = [a for a in page.css(".lessons-meta a") if a.text() == "Oorspronkelijke tekst"]
    assert link and link[0].attributes["href"] == "origineel.txt"
    assert (project_site.site / "documenten" / "babyconnect-regio-west-planningssessies"
            / "origineel.txt").is_file()


def test_original_with_unallowed_personal_data_stays_offline(tmp_path):
    from lessons.model.document import Document
    from lessons.model.kinds import KINDS
    from lessons.originals import original

    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "brief.txt").write_text("Bel J. Jansen op 06-12345678.\n")
    doc = Document(path="x.md", id="x", kind=KINDS["memo"], title="x", date=None,
                   summary="", themes=[], stakeholders=[], status="published",
                   source={"file": "sources/brief.txt"})
    found = original(doc, tmp_path / "sources")
    assert found.path is None and "persoonsgegevens" in found.reason
    doc.allow_personal_data = [{"value": "06-12345678", "reason": "test"}]
    assert original(doc, tmp_path / "sources").path == tmp_path / "sources" / "brief.txt"
    doc.source = {"file": "../elders.txt"}
    assert original(doc, tmp_path / "sources").path is None
