"""The frame of every page in a real browser: no request fails, the skip link and the
menu work with a keyboard, focus is visible on the dark band and on white, and home,
a document and a theme page (with breadcrumbs) have no WCAG 2.1 A/AA violations on a phone
and a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "document": "documenten/regionale-tafels-2021/",
    "lesson": "lessen/huisarts-vroeg-betrekken/",
    "theme": "themas/financiering/",
    "organisation": "organisaties/gemeenten/",
    "lessons": "lessen/",
    "search": "zoeken/?q=financiering",
    "not found": "404.html",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_request_on_a_page_fails(page, base_url, name):
    """mkdocs-material fetched <feed>/../sitemap.xml for every feed link (a 404, three
    times a page); nothing else may fail either."""
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(f"failed {request.url}"))
    page.on("response", lambda response: response.status >= 400 and failed.append(
        f"{response.status} {response.url}"))
    page.goto(base_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert failed == []


@pytest.mark.parametrize("path", ["", "over/", PAGES["document"]])
def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(page, base_url, path):
    """Pages with a table of contents (home, about) had the theme's own as well."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(base_url + path)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Naar de inhoud")
    expect(skip).to_be_in_viewport()
    assert page.locator("a:visible", has_text="Ga naar inhoud").count() == 0


def test_the_skip_link_lands_before_the_documents_title(page, base_url):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(base_url + PAGES["document"])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("inhoud")
    # The next Tab goes into the document, not past its title and metadata.
    page.keyboard.press("Tab")
    inside = page.evaluate("""() => {
        const h1 = document.querySelector('article h1');
        const focused = document.activeElement;
        return !!(h1.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING)
            && !!focused.closest('article') && !focused.closest('.lessons-body');
    }""")
    assert inside


def outline(page) -> tuple[str, float, str]:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }""")


def test_focus_is_visible_in_the_header_and_in_the_content(page, base_url):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(base_url + PAGES["theme"])
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the organisation's name, on white
    expect(page.locator(":focus")).to_have_class(re.compile(r"\blessons-org\b"))
    style, width, colour = outline(page)
    assert style == "solid" and width >= 2 and colour == "rgb(0, 0, 0)"
    page.locator("#lessons-header-q").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # the search field, on the dark band: a white outline
    expect(page.locator(":focus")).to_have_id("lessons-header-q")
    style, width, colour = outline(page)
    assert style == "solid" and width >= 2 and colour == "rgb(255, 255, 255)"
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("type", "submit")
    assert outline(page)[0] == "solid"
    page.locator('nav[aria-label="Kruimelpad"] a').first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # a breadcrumb link, on white
    style, width, colour = outline(page)
    assert style == "solid" and width >= 2 and colour == "rgb(0, 0, 0)"


def test_the_menu_opens_with_the_keyboard_on_a_phone(page, base_url):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(base_url + PAGES["document"])
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_hidden()  # the navigation stands beside the content
    page.set_viewport_size({"width": 390, "height": 800})
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    assert outline(page)[0] == "solid"
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).to_be_checked()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".md-nav--primary")).to_be_in_viewport()
    expect(page.locator(":focus")).to_have_text("Home")  # the menu's first link
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press(" ")
    expect(page.locator("#__drawer")).to_be_checked()


@pytest.mark.parametrize("javascript", [True, False])
def test_a_closed_menu_on_a_phone_takes_no_keyboard_focus(browser, base_url, javascript):
    """Tab never lands on a link out of sight in the closed menu (WCAG 2.4.3, 2.4.7)."""
    context = browser.new_context(locale="nl-NL", java_script_enabled=javascript,
                                  viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(base_url + "themas/")
    stops = []
    for _ in range(15):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const e = document.activeElement;
            const r = e.getBoundingClientRect();
            return [(e.textContent || e.name || '').trim().slice(0, 30), r.right > 0]; }"""))
    context.close()
    assert [text for text, seen in stops if not seen] == []
    assert any(text.startswith("Crisisorganisatie") for text, _ in stops)  # the content


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("name", ["home", "document", "theme"])
def test_the_frame_has_no_wcag_a_or_aa_violations(browser, base_url, name, width):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs axe-core from npm")
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + PAGES[name])
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    context.close()
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
                for v in result["violations"]]
    assert not problems, "\n".join(problems)
