"""Pages the build core renders (documents, lessons, generated pages) as MkDocs would have:
with the navigation they are in, anchors MkDocs checks, `--dirty` builds, and a preview
update equal to a whole build on a corpus where documents and lessons relate."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpers import FIXTURES, ROOT, build_site, make_docs, site_files
from lessons.build import chrome
from lessons.preview_build import PreviewBuild

_spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def _config(tmp_path: Path, extra: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "custom_dir: site_src", f"custom_dir: {ROOT / 'site_src'}") + extra, encoding="utf-8")
    return config


def test_a_document_and_a_lesson_in_the_navigation_keep_their_place_in_it(
        tmp_path, monkeypatch):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    nav = ("  - Uitgelicht: documenten/documenten/b.md\n"
           "  - Les uitgelicht: lessen/alpha-les-een.md\n")
    config = _config(tmp_path, "")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - Zoeken: zoeken/index.md\n",
                                   "  - Zoeken: zoeken/index.md\n" + nav), encoding="utf-8")
    # Trusted from the first page on: a navigation state taken into a chrome shows.
    monkeypatch.setattr(chrome, "PROVE_PAGES", 0)
    filled = build_site(docs, tmp_path / "filled", config_file=config)
    monkeypatch.setenv("LESSONS_FULL_RENDER", "1")
    whole = build_site(docs, tmp_path / "whole", config_file=config)
    for page in ("documenten/beta-memo/index.html", "lessen/alpha-les-een/index.html"):
        html = (filled.site / page).read_text(encoding="utf-8")
        assert 'rel="prev"' in html and 'rel="next"' in html, page
    pages = sorted(p.relative_to(whole.site) for p in whole.site.rglob("*.html"))
    assert [p for p in pages if (filled.site / p).read_bytes() != (whole.site / p).read_bytes()
            ] == []


def test_a_link_to_a_missing_anchor_fails_a_strict_build(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    source = docs / "documenten" / "documenten" / "b.md"
    source.write_text(source.read_text(encoding="utf-8")
                      + "\nZie [alpha](a.md#bestaat-niet).\n", encoding="utf-8")
    config = _config(tmp_path, "")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  links:\n", "  links:\n    anchors: warn\n", 1),
                      encoding="utf-8")
    built = build_site(docs, tmp_path / "one", strict=True, config_file=config)
    assert built.failed
    assert any("does not contain an anchor '#bestaat-niet'" in m for m in built.messages), \
        built.messages


def test_a_dirty_build_leaves_the_pages_of_unchanged_documents_as_they_were(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    site = tmp_path / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site))
    config.plugins["lessons"].config["cache_dir"] = str(tmp_path / "cache")
    config.plugins["lessons"].config["manifest"] = ""
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    page = site / "documenten" / "beta-memo" / "index.html"
    before = page.read_text(encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site))
    config.plugins["lessons"].config["cache_dir"] = str(tmp_path / "cache")
    config.plugins["lessons"].config["manifest"] = ""
    build(config, dirty=True)
    config.plugins.on_shutdown()
    assert page.read_text(encoding="utf-8") == before
    assert "<title>Beta memo - " in before


def test_an_update_after_new_titles_equals_a_whole_build(tmp_path):
    """Lessons list related lessons with their document's title: a changed title is shown
    there too (and in related documents, listings, feeds)."""
    corpus = generate.generate(60, tmp_path / "corpus")
    project = tmp_path / "project"
    shutil.copytree(corpus, project / "docs")
    config = project / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: docs\n"
                      f"theme:\n  name: material\n  custom_dir: {ROOT / 'site_src'}\n",
                      encoding="utf-8")
    preview = PreviewBuild(config, 8997, drafts=False)
    try:
        served = tmp_path / "served"
        assert preview(served).error is None
        changed = sorted((project / "docs" / "documenten").rglob("*.md"))[5:9]
        for path in changed:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("\ntitle: ", "\ntitle: Herziene ", 1),
                            encoding="utf-8")
        result = preview.update(set(changed), served)
        assert result is not None
        result.then()
        whole = tmp_path / "whole"
        assert preview(whole).error is None
        served_files, whole_files = site_files(served), site_files(whole)
        assert served_files.keys() == whole_files.keys()
        assert [p for p in whole_files if served_files[p] != whole_files[p]] == []
    finally:
        preview.close()


def test_a_template_error_names_the_page_it_broke(tmp_path, caplog):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    theme = tmp_path / "site_src"
    shutil.copytree(ROOT / "site_src", theme)
    part = theme / "lessons" / "document-content.html"
    part.write_text("{{ doc.title.bogus() }}\n" + part.read_text(encoding="utf-8"),
                    encoding="utf-8")
    config = _config(tmp_path, "").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace(str(ROOT / "site_src"), str(theme)),
                                         encoding="utf-8")
    with pytest.raises(Exception, match="bogus"):
        build_site(docs, tmp_path / "one", config_file=tmp_path / "mkdocs.yml")
    assert any(r.getMessage().startswith("Error building page 'documenten/documenten/")
               for r in caplog.records), [r.getMessage() for r in caplog.records]
