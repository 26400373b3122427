"""The search index on disk is whole or the build fails: what pagefind holds is what we
write, and an index with a file missing or cut short is refused by name."""

from __future__ import annotations

import gzip
import json

import pytest

from lessons.search.pagefind import PagefindIndex, SearchIndexError, check_written, write_files

PAGE = """<html lang="nl"><body><main data-pagefind-body>
<h1 data-pagefind-meta="title">Document {n}</h1>
<span data-pagefind-filter="soort">{kind}</span><span data-pagefind-filter="jaar">{year}</span>
<p>{text}</p></main></body></html>"""
WORDS = "gegevens uitwisseling bestuur zorg regio crisis evaluatie burger informatie".split()


def fill(index: PagefindIndex, pages: int = 12) -> None:
    for n in range(pages):
        # Varied words, so the word index and fragments are not trivially small.
        text = " ".join(f"{WORDS[(n * 7 + i) % len(WORDS)]}{i % 97}" for i in range(900))
        index.add_html(f"/documenten/doc-{n}/", PAGE.format(
            n=n, kind=["Rapport", "Memo"][n % 2], year=2020 + n % 3, text=text))


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    index = PagefindIndex({"force_language": "nl"})
    try:
        fill(index)
        return index.files()
    finally:
        index.close()


@pytest.fixture
def written(files, tmp_path):
    out = tmp_path / "site" / "pagefind"
    write_files(files, out)
    return out


def entry(folder):
    return json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_write_returns_with_every_file_on_disk_and_pagefind_stopped(tmp_path):
    index = PagefindIndex({"force_language": "nl"})
    fill(index)
    out = tmp_path / "site" / "pagefind"
    index.write(out)
    assert index._proc.poll() is not None  # nothing is left running that could still write
    page_count = entry(out)["languages"]["nl"]["page_count"]
    assert page_count == 12
    assert len(list((out / "fragment").glob("*.pf_fragment"))) == page_count
    assert len(list((out / "filter").glob("*.pf_filter"))) == 2
    check_written(out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["pagefind"]  # no staging left


def test_what_is_written_is_byte_for_byte_what_pagefind_holds(files, written):
    on_disk = {p.relative_to(written).as_posix(): p.read_bytes()
               for p in written.rglob("*") if p.is_file()}
    assert on_disk == files
    assert "pagefind-entry.json" in files and any(n.startswith("fragment/") for n in files)


def test_a_new_index_replaces_the_old_folder_entirely(files, tmp_path):
    out = tmp_path / "site" / "pagefind"
    (out / "fragment").mkdir(parents=True)
    (out / "fragment" / "nl_stale.pf_fragment").write_bytes(b"from an earlier build")
    name = next(n for n in files if n.startswith("fragment/"))
    (out / name).write_bytes(files[name][:10])  # an earlier build's torn copy of the same file
    write_files(files, out)
    assert not (out / "fragment" / "nl_stale.pf_fragment").exists()
    assert (out / name).read_bytes() == files[name]


def test_folders_left_by_a_killed_build_are_cleared(files, tmp_path):
    """MkDocs' clean build keeps hidden entries of site_dir, so the next write must."""
    out = tmp_path / "site" / "pagefind"
    for left in (".pagefind.new", ".pagefind.old"):
        (tmp_path / "site" / left / "fragment").mkdir(parents=True)
        (tmp_path / "site" / left / "fragment" / "x.pf_fragment").write_bytes(b"half")
    write_files(files, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["pagefind"]
    assert not (out / "fragment" / "x.pf_fragment").exists()


def test_an_incomplete_index_is_never_put_in_place(files, tmp_path):
    out = tmp_path / "site" / "pagefind"
    out.mkdir(parents=True)
    (out / "pagefind-entry.json").write_text("{}", encoding="utf-8")  # the previous index
    fragment = sorted(n for n in files if n.startswith("fragment/"))[3]
    incomplete = {name: data for name, data in files.items() if name != fragment}
    with pytest.raises(SearchIndexError, match=f"lacks {fragment}"):
        write_files(incomplete, out)
    assert (out / "pagefind-entry.json").read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in out.parent.iterdir()) == ["pagefind"]  # no staging left


def test_pagefind_may_not_name_a_file_outside_the_index(files, tmp_path):
    for name in ("../index.html", "/tmp/x.js", "fragment/../../x"):
        with pytest.raises(SearchIndexError, match="outside its folder"):
            write_files({**files, name: b"x"}, tmp_path / "site" / "pagefind")
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_written_index_passes_the_check(written):
    check_written(written)


@pytest.mark.parametrize("kind", ["fragment", "index", "filter"])
def test_check_refuses_an_index_missing_a_file_its_metadata_names(written, kind):
    victim = sorted(written.glob(f"{kind}/*"))[0]
    victim.unlink()
    with pytest.raises(SearchIndexError,
                       match=f"the search index in {written} lacks {kind}/{victim.name}"):
        check_written(written)


@pytest.mark.parametrize("name", ["pagefind.js", "pagefind-worker.js", "wasm.nl.pagefind"])
def test_check_refuses_an_index_missing_a_file_the_entry_needs(written, name):
    (written / name).unlink()
    with pytest.raises(SearchIndexError, match=f"lacks {name}"):
        check_written(written)


def test_check_refuses_an_index_without_its_metadata(written):
    meta = next(written.glob("pagefind.*.pf_meta"))
    meta.unlink()
    with pytest.raises(SearchIndexError, match=f"lacks {meta.name}"):
        check_written(written)


@pytest.mark.parametrize("content", ["", "{", '{"version": "1.5.2"}', '{"languages": 3}'])
def test_check_refuses_an_empty_or_broken_entry_file(written, content):
    (written / "pagefind-entry.json").write_text(content, encoding="utf-8")
    with pytest.raises(SearchIndexError, match="pagefind-entry.json is missing or incomplete"):
        check_written(written)


def test_check_refuses_a_missing_entry_file(written):
    (written / "pagefind-entry.json").unlink()
    with pytest.raises(SearchIndexError, match="pagefind-entry.json is missing or incomplete"):
        check_written(written)


@pytest.mark.parametrize("pattern", ["fragment/*", "index/*", "filter/*", "wasm.nl.pagefind"])
def test_check_refuses_a_file_cut_short(written, pattern):
    """What the race in pagefind left: a prefix of the real file (at a 4 KiB boundary
    when the file is larger than that)."""
    victim = max(written.glob(pattern), key=lambda p: p.stat().st_size)
    data = victim.read_bytes()
    victim.write_bytes(data[:4096] if len(data) > 4096 else data[:len(data) // 2])
    with pytest.raises(SearchIndexError, match=f"cut short: .*{victim.name}"):
        check_written(written)


def test_check_refuses_an_empty_script(written):
    (written / "pagefind.js").write_bytes(b"")
    with pytest.raises(SearchIndexError, match="cut short: pagefind.js"):
        check_written(written)


def test_check_refuses_metadata_that_disagrees_with_the_entry(written):
    data = json.loads((written / "pagefind-entry.json").read_text(encoding="utf-8"))
    data["languages"]["nl"]["page_count"] = 13
    (written / "pagefind-entry.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SearchIndexError, match="names 12 pages, the entry file 13"):
        check_written(written)


def test_check_refuses_unreadable_metadata(written):
    meta = next(written.glob("pagefind.*.pf_meta"))
    meta.write_bytes(gzip.compress(b"pagefind_dcd\xff"))
    with pytest.raises(SearchIndexError, match=f"{meta.name}: unreadable or of an unknown"):
        check_written(written)
