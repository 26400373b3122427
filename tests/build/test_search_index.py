"""The pagefind index built with the site: only public documents, with their facets."""

from __future__ import annotations

import gzip

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
