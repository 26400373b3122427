"""`lessons serve` after a saved document: only the touched pages are made again, and the
site it then serves is the site a whole build makes of the same content."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, Built, make_docs, site_files
from lessons.preview_build import PreviewBuild


@pytest.fixture
def project(tmp_path) -> Path:
    make_docs(tmp_path, FIXTURES / "corpus" / "documenten")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("docs_dir: content", "docs_dir: docs")
        + "\n# each test its own render cache\n", encoding="utf-8")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _updated(preview: PreviewBuild, changed: set[Path], site: Path) -> None:
    result = preview.update(changed, site)
    assert result is not None and result.error is None
    if result.then is not None:
        result.then()


def test_an_update_makes_the_site_a_whole_build_makes(project, tmp_path):
    docs = project / "docs" / "documenten"
    preview = PreviewBuild(project / "mkdocs.yml", 8999, drafts=False)
    try:
        served = tmp_path / "served"
        assert preview(served).error is None
        page = served / "documenten" / "alpha-verslag" / "index.html"
        before = page.stat().st_mtime_ns
        untouched = served / "documenten" / "beta-memo" / "index.html"
        kept = untouched.stat().st_mtime_ns

        # A new paragraph: the document's page only.
        _edit(docs / "a.md", "\n## ", "\nEen nieuwe alinea over kwispelstaarten.\n\n## ")
        _updated(preview, {docs / "a.md"}, served)
        assert "kwispelstaarten" in page.read_text(encoding="utf-8")
        assert page.stat().st_mtime_ns != before
        assert untouched.stat().st_mtime_ns == kept  # not made again

        # A new title: the listings, feeds and related pages show it too.
        _edit(docs / "b.md", "title: ", "title: Herziene ")
        _updated(preview, {docs / "b.md"}, served)
        feed = (served / "feeds" / "documenten.xml").read_text(encoding="utf-8")
        assert "Herziene Beta memo" in feed

        # The search index follows in the background.
        deadline = time.monotonic() + 60
        while preview.reindex.done < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        words = " ".join(r.get("content", "") for r in Built(served, [], False).search_records())
        assert "kwispelstaarten" in words

        whole = tmp_path / "whole"
        assert preview(whole).error is None
        served_files, whole_files = site_files(served), site_files(whole)
        assert served_files.keys() == whole_files.keys()
        differ = [p for p in whole_files if served_files[p] != whole_files[p]]
        assert differ == []
    finally:
        preview.close()


def test_what_only_a_whole_build_can_show_is_left_to_one(project, tmp_path):
    docs = project / "docs"
    preview = PreviewBuild(project / "mkdocs.yml", 8998, drafts=False)
    try:
        served = tmp_path / "served"
        assert preview(served).error is None
        new = docs / "documenten" / "nieuw.md"
        new.write_text((docs / "documenten" / "a.md").read_text(encoding="utf-8")
                       .replace("id: alpha-verslag", "id: nieuw-verslag"), encoding="utf-8")
        assert preview.update({new}, served) is None  # a new document
        new.unlink()
        _edit(docs / "documenten" / "a.md", "id: alpha-verslag", "id: alpha-hernoemd")
        assert preview.update({docs / "documenten" / "a.md"}, served) is None  # an address
        _edit(docs / "documenten" / "a.md", "id: alpha-hernoemd", "id: alpha-verslag")
        _edit(docs / "documenten" / "a.md", "date: 2021-01-01", "date: 2021-02-30")
        assert preview.update({docs / "documenten" / "a.md"}, served) is None  # invalid
        _edit(docs / "documenten" / "a.md", "date: 2021-02-30", "date: 2021-01-01")
        # Follow-up shows on the pages of other documents' lessons and on the
        # follow-up pages: a later document follows up a lesson, a lesson moves on.
        later = docs / "documenten" / "sub" / "c.md"  # dated after alpha-verslag
        _edit(later, "status: published", "status: published\nfollows_up: [alpha-les-een]")
        assert preview.update({later}, served) is None
        _edit(docs / "documenten" / "a.md", "statement: Begin klein.",
              "statement: Begin klein.\n    transitions:\n    - {state: aanvaard, "
              "date: 2021-05-01}")
        assert preview.update({docs / "documenten" / "a.md"}, served) is None
        vocabulary = docs / "vocabularies" / "themes.yml"
        assert preview.update({vocabulary}, served) is None
    finally:
        preview.close()
