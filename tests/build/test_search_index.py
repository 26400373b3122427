"""The pagefind index built with the site: only public documents, with their facets."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

from helpers import FIXTURES, build_site, make_docs


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search-site")
    return build_site(make_docs(tmp, FIXTURES / "corpus"), tmp, strict=True)


def by_url(site):
    return {record["url"]: record for record in site.search_records()}


def test_index_holds_every_public_document_and_lesson_and_nothing_else(site):
    assert not site.failed, site.messages
    assert sorted(by_url(site)) == [
        "/documenten/alpha-verslag/", "/documenten/beta-memo/", "/documenten/delta-paper/",
        "/documenten/epsilon-voorbeeld/", "/documenten/gamma-rapport/",
        "/documenten/theta-script/", "/lessen/alpha-les-een/", "/lessen/theta-les/"]
    lesson = by_url(site)["/lessen/alpha-les-een/"]
    assert lesson["filters"]["soort"] == ["Les"]
    assert lesson["meta"]["title"] == "Begin klein."


def test_record_carries_facets_and_display_metadata(site):
    alpha = by_url(site)["/documenten/alpha-verslag/"]
    assert alpha["filters"]["soort"] == ["Gespreksverslag"]
    assert alpha["filters"]["jaar"] == ["2021"]
    assert sorted(alpha["filters"]["thema"]) == ["Gegevensuitwisseling",
                                                 "Governance, rollen en verantwoordelijkheden"]
    assert "Rijksinstituut voor Volksgezondheid en Milieu" in alpha["filters"]["organisatie"]
    assert alpha["meta"]["title"] == "Alpha verslag"
    assert alpha["meta"]["datum"] == "1 januari 2021"


def test_indexed_text_is_the_document_not_the_page_chrome(site):
    alpha = by_url(site)["/documenten/alpha-verslag/"]
    assert "Alpha tekst met" in alpha["content"]
    assert "Begin klein." in alpha["content"]  # lessons are searchable
    assert "¶" not in alpha["content"]  # heading permalinks
    assert "Gerelateerde documenten" not in alpha["content"]
    assert "Zoeken" not in alpha["content"]


def test_drafts_and_embargoed_documents_are_in_no_index_file(site):
    for path in (site.site / "pagefind").rglob("*"):
        if path.is_file() and path.suffix.startswith(".pf_"):
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            assert b"Zeta concept" not in data and b"zeta-concept" not in data, path
            assert b"Eta onder embargo" not in data and b"eta-embargo" not in data, path


def facet_labels(built, name):
    """The facet values and totals the search page shows before any search."""
    page = built.html("zoeken/")
    return [" ".join(label.text().split()) for label in
            page.css(f"[data-facet={name}] label")]


def test_search_page_shows_facet_totals_that_match_the_index(site):
    records = site.search_records()
    for name in ("soort", "thema", "organisatie", "jaar"):
        counted: dict[str, int] = {}
        for record in records:
            for value in set(record["filters"].get(name, [])):
                counted[value] = counted.get(value, 0) + 1
        assert sorted(facet_labels(site, name)) == sorted(
            f"{value} ({count})" for value, count in counted.items()), name
    years = [label.split()[0] for label in facet_labels(site, "jaar")]
    assert years == sorted(years, reverse=True) and len(years) > 1  # newest year first
    assert "Les (2)" in facet_labels(site, "soort")


def test_a_preview_shows_a_drafts_lessons_but_never_indexes_them(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    draft = docs / "documenten" / "documenten" / "f-draft.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "status: draft\n", "status: draft\nlessons:\n  - id: zeta-les\n"
                           "    statement: Bliksemafleider zeta.\n"), encoding="utf-8")
    preview = build_site(docs, tmp_path, strict=True, include_drafts=True)
    assert not preview.failed, preview.messages
    assert preview.exists("lessen/zeta-les/")  # the editor can see it
    urls = {record["url"] for record in preview.search_records()}
    assert "/lessen/zeta-les/" not in urls and "/documenten/zeta-concept/" not in urls
    assert "/lessen/alpha-les-een/" in urls
    assert "Les (2)" in facet_labels(preview, "soort")  # the draft's lesson is not counted
    assert "Memo (1)" in facet_labels(preview, "soort")


def test_the_built_index_holds_every_file_its_entry_and_metadata_name(site):
    from lessons.search.pagefind import check_written
    folder = site.site / "pagefind"
    check_written(folder)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    info = entry["languages"]["nl"]
    assert (folder / f"wasm.{info['wasm']}.pagefind").is_file()
    for script in ("pagefind.js", "pagefind-worker.js"):  # what search.js loads
        assert (folder / script).stat().st_size > 1000, script
    # Independently of check_written: one fragment per indexed page, each pointing at a
    # page the site has; every fragment, word index and filter file is named in the
    # language's metadata and unpacks whole.
    meta = gzip.decompress((folder / f"pagefind.{info['hash']}.pf_meta").read_bytes())
    fragments = sorted(folder.glob("fragment/*.pf_fragment"))
    assert len(fragments) == info["page_count"] == len(by_url(site)) == 8
    assert all(site.exists(url) for url in by_url(site))
    filters = sorted(folder.glob("filter/*.pf_filter"))
    assert len(filters) == 5  # soort, thema, organisatie, jaar, opvolging
    for path in [*fragments, *folder.glob("index/*.pf_index"), *filters]:
        assert path.stem.encode() in meta, path
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path
    # Nothing of the writing is left beside it (the index is written aside, then moved).
    assert [p.name for p in site.site.iterdir() if "pagefind" in p.name] == ["pagefind"]


def test_a_search_index_cut_short_fails_the_build(site, tmp_path):
    from lessons.search.pagefind import SearchIndexError, check_written
    index = tmp_path / "pagefind"
    shutil.copytree(site.site / "pagefind", index)
    check_written(index)  # the index the build wrote is whole
    next(index.glob("fragment/*.pf_fragment")).unlink()
    with pytest.raises(SearchIndexError, match="lacks fragment/"):
        check_written(index)
    (index / "pagefind.js").unlink()
    with pytest.raises(SearchIndexError, match="lacks pagefind.js"):
        check_written(index)
    (index / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(SearchIndexError, match="pagefind-entry.json is missing or incomplete"):
        check_written(index)


def test_a_build_whose_index_comes_out_torn_fails_and_publishes_no_index(tmp_path, monkeypatch):
    """Whatever goes wrong between pagefind and the disk, the build says so and the site
    gets no half index (here: a fragment arrives cut short)."""
    from lessons.search import pagefind
    received = pagefind.PagefindIndex.files

    def torn(self):
        files = received(self)
        victim = sorted(name for name in files if name.startswith("fragment/"))[0]
        files[victim] = files[victim][:len(files[victim]) // 2]
        return files

    monkeypatch.setattr(pagefind.PagefindIndex, "files", torn)
    built = build_site(make_docs(tmp_path, FIXTURES / "corpus"), tmp_path, strict=True)
    assert built.failed
    said = (f"search index: the search index in {built.site / 'pagefind'} has files cut "
            "short: fragment/")
    assert any(message.startswith(said) for message in built.messages), built.messages
    assert not (built.site / "pagefind").exists()
