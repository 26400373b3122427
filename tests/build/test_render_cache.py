"""Rendered bodies are reused between builds, and never when what they depend on changed."""

from __future__ import annotations

import re
from logging import DEBUG, INFO

from helpers import FIXTURES, build_site, make_docs


def page(built, url):
    return (built.site / url / "index.html").read_text(encoding="utf-8")


def test_second_build_reuses_the_cache_with_identical_pages(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    cache = tmp_path / "shared-cache"
    first = build_site(docs, tmp_path / "one", strict=True, cache_dir=str(cache))
    entries = sorted(cache.rglob("*.json"))
    assert entries, "the first build fills the cache"
    second = build_site(docs, tmp_path / "two", strict=True, cache_dir=str(cache))
    assert sorted(cache.rglob("*.json")) == entries
    for url in ("documenten/alpha-verslag", "documenten/beta-memo"):
        assert page(first, url) == page(second, url)


def test_edited_body_is_rendered_anew(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    cache = str(tmp_path / "shared-cache")
    build_site(docs, tmp_path / "one", strict=True, cache_dir=cache)
    source = docs / "documenten" / "documenten" / "a.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Alpha tekst met", "Herziene alpha tekst met"), encoding="utf-8")
    second = build_site(docs, tmp_path / "two", strict=True, cache_dir=cache)
    assert "Herziene alpha tekst met" in page(second, "documenten/alpha-verslag")


def test_link_follows_a_renamed_target_and_a_broken_link_still_fails(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    cache = str(tmp_path / "shared-cache")
    build_site(docs, tmp_path / "one", strict=True, cache_dir=cache)
    # The alpha document gets a new id: beta's unchanged body must link to the new address.
    source = docs / "documenten" / "documenten" / "a.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "id: alpha-verslag", "id: alpha-verslag-2021"), encoding="utf-8")
    second = build_site(docs, tmp_path / "two", strict=True, cache_dir=cache)
    assert 'href="../alpha-verslag-2021/"' in page(second, "documenten/beta-memo")
    source.unlink()
    third = build_site(docs, tmp_path / "three", strict=True, cache_dir=cache)
    assert third.failed
    assert any("a.md" in message for message in third.messages), third.messages


def _cache_report(built) -> str:
    return next(m for m in built.messages if "document bodies:" in m)


def test_an_unchanged_body_is_never_converted_twice(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    cache = str(tmp_path / "shared-cache")
    first = build_site(docs, tmp_path / "one", strict=True, cache_dir=cache, level=INFO)
    shown = len(list((first.site / "documenten").glob("*/index.html")))
    assert _cache_report(first).endswith(
        f"{shown} document bodies: {shown} converted, 0 from the render cache ({cache}/render)")
    source = docs / "documenten" / "documenten" / "a.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Alpha tekst met", "Herziene alpha tekst met"), encoding="utf-8")
    second = build_site(docs, tmp_path / "two", strict=True, cache_dir=cache, level=INFO)
    assert _cache_report(second).endswith(
        f"{shown} document bodies: 1 converted, {shown - 1} from the render cache ({cache}/render)")


def test_pages_filled_into_the_theme_rendered_once_equal_pages_rendered_whole(
        tmp_path, monkeypatch):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    filled = build_site(docs, tmp_path / "filled", strict=False, level=DEBUG)
    counts = [int(found.group(1)) for m in filled.messages
              if (found := re.search(r"(\d+) pages filled into the theme rendered once", m))]
    assert counts and counts[0] > 0, filled.messages
    monkeypatch.setenv("LESSONS_FULL_RENDER", "1")
    whole = build_site(docs, tmp_path / "whole", strict=False)
    pages = sorted(p.relative_to(whole.site) for p in whole.site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        assert (filled.site / page).read_bytes() == (whole.site / page).read_bytes(), page
