"""The frame of every page as a visitor gets it: the organisation's look (huisstijl),
header, footer, breadcrumbs, skip link, titles; and the checks on a site's own tokens."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, build_site, make_docs
from lessons.outputs import huisstijl

VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"
SITE = "Lessen uit de praktijk"
GGD_TOKENS = {"primary": "#00589c", "bar_text": "#00589c", "footer_background": "#00589c",
              "link": "#0b5d1e", "font_family": "Open Sans, Arial, sans-serif"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("huisstijl-site")
    built = build_site(make_docs(tmp, FIXTURES / "corpus"), tmp, strict=True)
    assert not built.failed, built.messages
    return built


@pytest.fixture(scope="module")
def ggd(tmp_path_factory):
    """A GGD's site: its own name, the NL Design System basis and its own colours."""
    tmp = tmp_path_factory.mktemp("ggd-site")
    built = build_site(make_docs(tmp, FIXTURES / "corpus"), tmp, strict=True,
                       organisation="", publisher="GGD Voorbeeldregio",
                       huisstijl={"basis": "nl-design-system", "tokens": GGD_TOKENS})
    assert not built.failed, built.messages
    return built


def pages(site) -> list[Path]:
    return sorted(p for p in site.site.rglob("*.html")
                  if "pagefind" not in p.parts and p.name != "kaart.html"
                  and "http-equiv=\"refresh\"" not in p.read_text(encoding="utf-8"))


def tree(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def resolves(site, page: Path, href: str) -> bool:
    """A relative link on a page leads to a file of the built site."""
    folder = page.parent.relative_to(site.site).as_posix()
    target = posixpath.normpath(posixpath.join(folder, href.split("#")[0]))
    path = site.site / target
    return path.is_file() or (path / "index.html").is_file()


def test_header_names_the_organisation_and_the_site(site):
    html = site.html("documenten/alpha-verslag")
    assert html.css_first("header .lessons-org__name").text(strip=True) == VWS
    assert html.css_first("header .lessons-site-name").text(strip=True) == SITE
    form = html.css_first("header form[role=search]")
    assert form.attributes["aria-label"] == "Zoeken op deze site"
    assert form.attributes["action"] == "../../zoeken/"
    assert html.css_first("header label[for=lessons-header-q]").text(strip=True)
    # No English in the frame: the theme's "Header" landmark name is gone.
    assert 'aria-label="Header"' not in html.html


def test_footer_is_dutch_and_its_links_lead_to_the_sites_own_files(site):
    for url in ("", "documenten/alpha-verslag/", "themas/gegevensuitwisseling/"):
        page = site.site / url / "index.html"
        html = tree(page)
        footer = html.css_first("footer")
        links = {a.text(strip=True): a.attributes["href"] for a in footer.css("a")}
        for label in ("Over deze site", "Toegankelijkheid", "Feed: nieuwe documenten",
                      "Feed: nieuwe lessen", "Open data: documenten", "Open data: lessen"):
            assert resolves(site, page, links[label]), (url, label, links[label])
        assert links["Licentie: CC BY 4.0"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "Teksten onder CC BY 4.0, tenzij anders vermeld." in footer.text()
        assert "Material for MkDocs" not in html.html


def crumbs(site, url: str) -> list[tuple[str, str | None]]:
    nav = site.html(url).css_first('nav[aria-label="Kruimelpad"]')
    assert nav is not None, url
    items = nav.css("ol > li")
    current = items[-1].css_first('[aria-current="page"]')
    assert current is not None and current.tag == "span"
    return [(li.text(strip=True), (a.attributes["href"] if (a := li.css_first("a")) else None))
            for li in items]


def test_breadcrumbs_on_a_document_a_lesson_and_a_theme(site):
    assert crumbs(site, "documenten/alpha-verslag") == [
        ("Home", "../.."), ("Documenten", "../../bladeren/"), ("Alpha verslag", None)]
    lesson = next(p.name for p in (site.site / "lessen").iterdir() if p.is_dir())
    trail = crumbs(site, f"lessen/{lesson}")
    assert trail[:2] == [("Home", "../.."), ("Lessen", "../")] and len(trail) == 3
    assert crumbs(site, "themas/gegevensuitwisseling") == [
        ("Home", "../.."), ("Thema's", "../"), ("Gegevensuitwisseling", None)]
    assert site.html("").css_first('nav[aria-label="Kruimelpad"]') is None


def test_every_page_has_a_skip_link_to_its_content_before_the_title(site):
    found = pages(site)
    assert len(found) > 30
    for page in found:
        text = page.read_text(encoding="utf-8")
        html = LexborHTMLParser(text)
        skip = html.css_first("a.lessons-skip")
        assert skip is not None and skip.text(strip=True) == "Naar de inhoud", page
        assert skip.attributes["href"] == "#inhoud", page
        # The first thing a keyboard reaches, before the header.
        assert text.index('class="lessons-skip"') < text.index("<header"), page
        target = text.find('id="inhoud"')
        assert target > 0 and text.count('id="inhoud"') == 1, page
        h1 = text.find("<h1")
        assert h1 < 0 or target < h1, page
    # On a document the skip lands before the title and its metadata, not past them.
    text = (site.site / "documenten/alpha-verslag/index.html").read_text(encoding="utf-8")
    assert text.index('id="inhoud"') < text.index("<h1") < text.index("lessons-meta")


def test_titles_name_the_page_then_the_site(site):
    assert site.html("").css_first("title").text() == f"{SITE} - {VWS}"
    assert site.html("documenten/alpha-verslag").css_first("title").text() == (
        f"Alpha verslag - {SITE}")
    assert site.html("themas").css_first("title").text() == f"Thema's - {SITE}"


def test_home_shows_the_newest_lessons_with_their_document_and_date(site):
    section = site.html("").css_first('section[aria-labelledby="nieuwste-lessen"]')
    assert section.css_first("h2").text(strip=True) == "Nieuwste lessen"
    items = section.css("li")
    assert 1 <= len(items) <= 5
    for item in items:
        assert item.css_first("a").attributes["href"].startswith("lessen/")
        assert item.css_first(".lessons-item__meta").text().startswith("Uit: ")
        assert item.css_first("time").attributes["datetime"]


def test_feeds_are_announced_without_a_link_the_theme_takes_for_a_language(site):
    for url in ("", "documenten/alpha-verslag/", "themas/gegevensuitwisseling/"):
        page = site.site / url / "index.html"
        links = tree(page).css("head link[rel]")
        # mkdocs-material fetches <href>/../sitemap.xml for every link[rel=alternate].
        assert not [a for a in links if a.attributes["rel"] == "alternate"], url
        feeds = [a for a in links if "alternate" in a.attributes["rel"].split()]
        assert len(feeds) >= 4
        for link in feeds:
            assert link.attributes["rel"] == "alternate feed"
            assert resolves(site, page, link.attributes["href"]), link.attributes["href"]


def test_the_rijkshuisstijl_comes_from_the_site_itself_and_is_small(site):
    css = (site.site / "assets/huisstijl.css").read_text(encoding="utf-8")
    assert "--rhc-color-lintblauw-500: #154273;" in css
    assert "--huisstijl-primary: var(--rhc-color-lintblauw-500);" in css
    assert ".utrecht-breadcrumb-nav__list{" in css  # the component, but only what is used
    assert ".utrecht-accordion" not in css
    assert len(css.encode()) < 25_000
    assert not re.search(r"url\(|@import|https?://", css)
    head = site.html("").css_first("head").html
    assert 'href="assets/huisstijl.css"' in head
    assert "palette" not in head  # the theme's indigo is gone


def test_an_organisations_own_tokens_make_its_look_without_the_rijkshuisstijl(ggd):
    css = (ggd.site / "assets/huisstijl.css").read_text(encoding="utf-8")
    assert "--huisstijl-primary: #00589c;" in css
    assert "--huisstijl-link: #0b5d1e;" in css
    assert '--huisstijl-font-family: "Open Sans", "Arial", sans-serif;' in css
    assert "--rhc-color" not in css and "#154273" not in css
    assert "Rijkshuisstijl (" not in css
    html = ggd.html("")
    assert html.css_first(".lessons-org__name").text(strip=True) == "GGD Voorbeeldregio"
    assert html.css_first("title").text() == f"{SITE} - GGD Voorbeeldregio"
    # The vertical band beside the name is part of the Rijksoverheid's logo: not here.
    assert html.css_first(".lessons-org__lint") is None


def test_a_ggd_site_shows_no_vws_blue_anywhere_and_its_lesson_cards_take_its_colours(ggd):
    """The embeddable card has inline styles (no var()): the site's colours resolved."""
    shown = [p for p in ggd.site.rglob("*") if p.suffix in (".html", ".css", ".json", ".js")
             and "pagefind" not in p.parts]
    # A follow-up state's own colour (lifecycle.yml, the editors' data) may be any colour.
    state = re.compile(r'--lessons-state-color: #[0-9a-f]{6}|fill="#[0-9a-f]{6}" data-state')
    assert [p.relative_to(ggd.site).as_posix() for p in shown
            if "#154273" in state.sub("", p.read_text(encoding="utf-8"))] == []
    card = next(ggd.site.glob("lessen/*/kaart.html")).read_text(encoding="utf-8")
    assert "border-left:4px solid #00589c;background:#f3f6f9" in card


def test_the_rijkshuisstijl_site_has_its_band_and_its_cards_in_lintblauw(site):
    assert site.html("").css_first(".lessons-org__lint") is not None
    card = next(site.site.glob("lessen/*/kaart.html")).read_text(encoding="utf-8")
    assert "border-left:4px solid #154273" in card


@pytest.mark.parametrize(("tokens", "field", "words"), [
    ({"primary": "red;} body {display:none"}, "tokens: primary", "is not a colour"),
    ({"primary": "#12345"}, "tokens: primary", "is not a colour"),
    ({"primary": None}, "tokens: primary", "in YAML a # starts a comment, so put the value "
     "in quotes"),
    ({"link": "url(https://example.org/x.png)"}, "tokens: link", "is not a colour"),
    ({"font_family": "Arial; } * {color: red"}, "tokens: font_family", "is not a font name"),
    ({"primery": "#00589c"}, "tokens: primery", "unknown token"),
    ({"primary": "#8ab4f8"}, "tokens: primary_text / primary",
     "text on the header band: #ffffff on #8ab4f8 has a contrast of 2.1:1; WCAG asks at "
     "least 4.5:1"),
    ({"link": "#6b9bd1"}, "tokens: link", "links on white: #6b9bd1 on #ffffff has a "
     "contrast of 2.9:1"),
    ({"focus": "#dddddd"}, "tokens: focus", "least 3:1"),
    # On white 4.9:1, but on the panel behind a document's details 4.4:1.
    ({"link": "#1a73c8"}, "tokens: link / surface", "links on the panels (a document's "
     "details): #1a73c8 on #f3f6f9 has a contrast of 4.4:1; WCAG asks at least 4.5:1"),
    ({"surface": "#bbbbbb", "link": "#062a52"}, "tokens: text_subtle / surface",
     "secondary text on the panels"),
    # A coloured organisation bar: the black focus outline no longer shows on it.
    ({"bar": "#00589c", "bar_text": "#ffffff"}, "tokens: focus / bar",
     "the focus outline on the organisation's bar"),
    # Counts in the landscape's darkest cell, the primary colour at 55% over white.
    ({"primary": "#000000"}, "tokens: text / primary", "counts in the landscape's darkest "
     "cells (primary at 55%): #1a1a1a on #737373"),
])
def test_tokens_are_checked(tokens, field, words):
    with pytest.raises(huisstijl.HuisstijlError) as caught:
        huisstijl.choose("nl-design-system", tokens)
    assert caught.value.field == field
    assert words in caught.value.message


def test_the_rijkshuisstijl_basis_passes_its_own_contrast_checks():
    node_modules = Path(__file__).resolve().parents[2] / "node_modules"
    design = huisstijl.read_tokens((node_modules / huisstijl.TOKENS_CSS).read_text())
    look = huisstijl.choose("rijkshuisstijl", {}, design)
    assert huisstijl.contrast("#ffffff", "#154273") > 10
    assert look.values["primary"] == "var(--rhc-color-lintblauw-500)"


def test_a_bad_token_in_mkdocs_yml_stops_the_build_naming_option_and_fix(tmp_path):
    built = build_site(make_docs(tmp_path), tmp_path,
                       huisstijl={"basis": "nl-design-system", "tokens": {"link": "#aaaaaa"}})
    assert built.failed
    assert ("lessons: mkdocs.yml: plugins: lessons: huisstijl: tokens: link: links on white: "
            "#aaaaaa on #ffffff has a contrast of 2.3:1; WCAG asks at least 4.5:1: choose a "
            "darker or lighter colour") in built.messages


def test_an_unknown_basis_stops_the_build(tmp_path):
    built = build_site(make_docs(tmp_path), tmp_path, huisstijl={"basis": "ggd-huisstijl"})
    assert built.failed
    assert any("huisstijl: basis: unknown basis 'ggd-huisstijl'; choose one of "
               "rijkshuisstijl, nl-design-system" in m for m in built.messages)


def test_without_node_modules_the_build_says_to_run_npm_ci(tmp_path):
    built = build_site(make_docs(tmp_path), tmp_path, node_modules=str(tmp_path / "none"))
    assert built.failed
    message = next(m for m in built.messages if "not found" in m)
    assert "none/@rijkshuisstijl-community/" in message
    assert "run `npm ci` (or `make site`)" in message
