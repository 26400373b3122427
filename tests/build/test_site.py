"""Build the fixture corpus with the real configuration and check the HTML a visitor gets."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, build_site, make_docs


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fixture-site")
    docs = make_docs(tmp, FIXTURES / "corpus")

    return build_site(docs, tmp, strict=True)


def titles(tree, selector=".lessons-item:not(.lessons-lesson) > a"):
    return [a.text(strip=True) for a in tree.css(selector)]


def test_builds_strict_without_warnings(site):
    assert not site.failed, site.messages
    assert site.messages == []


def test_url_derives_from_id_not_path(site):
    assert site.exists("documenten/gamma-rapport")
    assert not site.exists("documenten/sub/c")
    assert not (site.site / "documenten" / "sub").exists()


def test_theme_page_lists_its_public_documents_grouped_by_kind(site):
    tree = site.html("themas/gegevensuitwisseling")
    assert tree.css_first("h1").text() == "Gegevensuitwisseling"
    groups = {g.css_first("h2").text(strip=True).split("(")[0]: titles(g)
              for g in tree.css(".lessons-group")}
    assert groups == {"Gespreksverslagen": ["Alpha verslag"], "Memo's": ["Beta memo"],
                      "Rapporten": ["Gamma rapport"]}


def test_alias_in_front_matter_lands_on_canonical_theme(site):
    # beta-memo wrote "regie", an alias of governance
    assert "Beta memo" in titles(site.html("themas/governance"))


def test_stakeholder_page_includes_children(site):
    assert titles(site.html("organisaties/vws-dco")) == ["Epsilon voorbeeld"]
    assert "Epsilon voorbeeld" in titles(site.html("organisaties/ministerie-vws"))
    # grouped by kind in the order of the kinds table, newest first within a kind
    assert titles(site.html("organisaties/zonmw")) == ["Alpha verslag", "Delta paper",
                                                       "Gamma rapport"]


def test_related_documents_ranked_by_weighted_overlap(site):
    tree = site.html("documenten/alpha-verslag")
    # beta shares 2 themes + 1 stakeholder (5), gamma 1 theme + 2 stakeholders (4),
    # delta 2 stakeholders (2); epsilon shares nothing.
    assert titles(tree, ".lessons-related a") == ["Beta memo", "Gamma rapport", "Delta paper"]


def test_backlinks_by_path_and_by_url(site):
    assert titles(site.html("documenten/alpha-verslag"), ".lessons-backlinks a") == ["Beta memo"]
    assert titles(site.html("documenten/gamma-rapport"), ".lessons-backlinks a") == ["Beta memo"]
    link = site.html("documenten/beta-memo").css_first(".lessons-body a").attributes["href"]
    assert link == "../alpha-verslag/"


def test_metadata_panel_links_kind_date_themes_stakeholders(site):
    panel = site.html("documenten/beta-memo").css_first(".lessons-meta")
    links = {a.text(strip=True): a.attributes["href"] for a in panel.css("a")}
    assert links["Memo"] == "../../soorten/memos/"
    assert links["1 mei 2020"] == "../../jaren/2020/"
    assert links["Governance, rollen en verantwoordelijkheden"] == "../../themas/governance/"
    assert links["Rijksinstituut voor Volksgezondheid en Milieu"] == "../../organisaties/rivm/"


def test_drafts_and_embargoed_documents_are_nowhere(site):
    assert not site.exists("documenten/zeta-concept")
    assert not site.exists("documenten/eta-embargo")
    for page in site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Zeta concept" not in text and "Eta onder embargo" not in text, page


def test_counts_exclude_drafts(site):
    home = site.html("")
    assert "6 documenten en 2 lessen" in home.css_first(".lessons-count-line").text()


def test_kind_and_year_pages(site):
    assert titles(site.html("soorten/memos")) == ["Beta memo"]
    assert titles(site.html("jaren/2021")) == ["Alpha verslag"]
    years = [a.text() for a in site.html("jaren").css(".lessons-terms a")]
    assert years == ["2022", "2021", "2020", "2019", "2018"]


def test_redaction_mark_names_legal_ground(site):
    mark = site.html("documenten/alpha-verslag").css_first(".lessons-redaction")
    assert mark.text() == "[5.1.2e]"
    assert "persoonlijke levenssfeer" in mark.attributes["title"]


def test_markup_like_metadata_is_escaped_everywhere(site):
    # theta-script's fields are valid plain text, written to end an element or an attribute
    # early wherever a template forgets to escape (markup proper is refused by the check).
    for page in site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "</script &" not in text and "</script alert" not in text, page
        assert not LexborHTMLParser(text).css("[onmouseover]"), page
    tree = site.html("documenten/theta-script")
    assert tree.css_first("h1").text() == "Theta </script & \"aanhalingstekens\" 'x' < y"
    assert "</script &" in tree.css_first("title").text()
    assert tree.css_first(".lessons-statement").text() == "</script alert('lesson')"


def test_navigation_does_not_list_documents(site):
    nav = site.html("documenten/alpha-verslag").css_first("nav.md-nav--primary")
    assert "Alpha verslag" not in nav.text()
