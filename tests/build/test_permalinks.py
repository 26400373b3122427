"""Permanent addresses: lesson pages, redirects after a rename, the manifest guard."""

from __future__ import annotations

from pathlib import Path

from helpers import FIXTURES, build_site, make_docs
from lessons.cli import main as lessons_cli


def corpus(tmp_path: Path) -> Path:
    return make_docs(tmp_path, FIXTURES / "corpus")


def alpha(docs: Path) -> Path:
    return docs / "documenten" / "documenten" / "a.md"


def test_lesson_has_its_own_page_linked_to_its_anchor_in_the_document(tmp_path):
    built = build_site(corpus(tmp_path), tmp_path, strict=True)
    page = built.html("lessen/alpha-les-een")
    assert page.css_first("h1").text() == "Begin klein."
    source = page.css_first(".lessons-meta a")
    assert source.attributes["href"] == "../../documenten/alpha-verslag/#les-alpha-les-een"
    document = built.html("documenten/alpha-verslag")
    assert document.css_first("#les-alpha-les-een a").attributes["href"] == (
        "../../lessen/alpha-les-een/")
    theme = built.html("themas/gegevensuitwisseling")
    assert [a.text() for a in theme.css("#lessen ~ ul .lessons-lesson > a")] == ["Begin klein."]
    overview = built.html("lessen")
    assert sorted(a.text() for a in overview.css(".lessons-lesson > a")) == [
        "</script alert('lesson')", "Begin klein."]


def test_renamed_document_redirects_from_its_old_address(tmp_path):
    docs = corpus(tmp_path)
    source = alpha(docs)
    source.write_text(source.read_text(encoding="utf-8").replace(
        "id: alpha-verslag", "id: alpha-verslag-2021\nredirect_from: [alpha-verslag]"),
        encoding="utf-8")
    manifest = tmp_path / "published-urls.txt"
    manifest.write_text("/documenten/alpha-verslag/\n/lessen/alpha-les-een/\n")
    built = build_site(docs, tmp_path, strict=True, manifest=str(manifest))
    assert not built.failed, built.messages
    old = (built.site / "documenten" / "alpha-verslag" / "index.html").read_text()
    new = "documenten/alpha-verslag-2021/"
    assert f'<meta http-equiv="refresh" content="0; url=../../{new}">' in old
    assert f'<link rel="canonical" href="https://lessen.example.org/{new}">' in old
    assert built.exists("documenten/alpha-verslag-2021")


def test_build_refuses_to_drop_a_published_address(tmp_path):
    docs = corpus(tmp_path)
    alpha(docs).unlink()
    manifest = tmp_path / "published-urls.txt"
    manifest.write_text("# published\n/documenten/alpha-verslag/\n/documenten/beta-memo/\n")
    built = build_site(docs, tmp_path, manifest=str(manifest))
    assert built.failed
    assert ("published-urls.txt: 1 published address(es) would disappear: "
            "/documenten/alpha-verslag/.") in "\n".join(built.messages)
    assert "redirect_from" in "\n".join(built.messages)


def test_redirect_may_not_hide_an_existing_page(tmp_path):
    docs = corpus(tmp_path)
    source = alpha(docs)
    source.write_text(source.read_text(encoding="utf-8").replace(
        "id: alpha-verslag", "id: alpha-verslag\nredirect_from: [beta-memo]"), encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True)
    assert built.failed
    assert ("lessons: documenten/documenten/a.md:3: redirect_from: '/documenten/beta-memo/' is "
            "the address of a page that exists; a redirect may only replace an address that "
            "is gone") in built.messages
    assert "Beta memo" in built.html("documenten/beta-memo").css_first("h1").text()


def test_manifest_command_adds_new_addresses_and_reports_lost_ones(tmp_path, monkeypatch,
                                                                   capsys):
    project = tmp_path / "project"
    docs = make_docs(project, FIXTURES / "corpus")
    docs.rename(project / "content")
    (project / "mkdocs.yml").write_text("site_name: x\n")
    monkeypatch.chdir(project)
    assert lessons_cli(["manifest"]) == 0
    listed = (project / "published-urls.txt").read_text()
    assert "/documenten/alpha-verslag/\n" in listed and "/lessen/alpha-les-een/\n" in listed
    assert "zeta-concept" not in listed  # drafts are not published
    (project / "content" / "documenten" / "documenten" / "a.md").unlink()
    assert lessons_cli(["manifest"]) == 1
    assert "/documenten/alpha-verslag/" in capsys.readouterr().err
    assert "/documenten/alpha-verslag/\n" in (project / "published-urls.txt").read_text()
