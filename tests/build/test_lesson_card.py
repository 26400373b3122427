"""The lesson card: the snippet other sites paste (API `card_html`, the lesson page's copy
box) is self-contained, and `lessen/<id>/kaart.html` is a whole page of its own. Its
accessibility and markup in a browser: tests/browser/test_browser_quality.py and
test_markup.py (page type "lesson-card")."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, build_site, make_docs

LESSON = "huisarts-vroeg-betrekken"
STATEMENT = "Betrek de huisarts vanaf het begin bij wijkafspraken."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("card-site")
    built = build_site(make_docs(tmp, FIXTURES / "search-corpus"), tmp, strict=True)
    assert not built.failed, built.messages
    return built


@pytest.fixture(scope="module")
def snippet(site) -> str:
    lessons = json.loads((site.site / "api" / "lessons.json").read_text(encoding="utf-8"))
    return next(x for x in lessons["lessons"] if x["id"] == LESSON)["card_html"]


def test_the_card_page_is_a_whole_responsive_document_with_the_statement_as_heading(site):
    text = (site.site / "lessen" / LESSON / "kaart.html").read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>\n")
    tree = LexborHTMLParser(text)
    assert tree.css_first("html").attributes["lang"] == "nl"
    assert tree.css_first("meta[charset]").attributes["charset"] == "utf-8"
    assert "width=device-width" in tree.css_first("meta[name=viewport]").attributes["content"]
    assert tree.css_first("title").text() == f"Les: {STATEMENT} - Lessen uit de praktijk"
    # The browser asks for no /favicon.ico, which the site has not.
    assert tree.css_first("link[rel=icon]").attributes["href"] == "data:,"
    main = tree.css("main")
    assert len(main) == 1
    assert main[0].css_first("blockquote h1").text() == STATEMENT
    assert [h.text() for h in tree.css("h1")] == [STATEMENT]
    assert main[0].css_first("footer a").attributes["href"].endswith(f"/lessen/{LESSON}/")


def test_the_snippet_to_paste_is_self_contained_and_has_no_heading_of_its_own(snippet):
    tree = LexborHTMLParser(snippet)
    body = tree.body
    assert [n.tag for n in body.iter()] == ["blockquote"]
    assert tree.css("script, link, style, img, iframe, h1, h2, h3, [class], [id]") == []
    assert all("style" in node.attributes for node in tree.css("blockquote, blockquote p"))
    assert tree.css_first("blockquote > p").text() == STATEMENT
    # A long address wraps inside the card instead of widening the page it is pasted in.
    assert "overflow-wrap:break-word" in tree.css_first("blockquote").attributes["style"]


def test_the_lesson_page_offers_the_same_snippet_to_copy(site, snippet):
    box = site.html(f"lessen/{LESSON}/").css_first("textarea.lessons-card-code")
    assert box.text() == snippet
