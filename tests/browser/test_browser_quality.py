"""Accessibility (axe-core, WCAG 2.1 A/AA and best practices, at 390 and 1366 px, with and
without JavaScript), reflow at 320 px, failed requests and screenshots on every page type
(page_types.py), each outcome kept in the evaluation record (evaluation.py); privacy (no
foreign requests), keyboard use and browsing without JavaScript, in a real browser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from evaluation import record
from page_types import AXE_WIDTHS, BY_NAME, PAGE_TYPES, WIDTHS, WITHOUT_JAVASCRIPT
from playwright.sync_api import expect
from visits import SCREENSHOTS


@pytest.mark.parametrize("width", AXE_WIDTHS)
@pytest.mark.parametrize("name", list(BY_NAME))
def test_no_axe_violations(visits, name, width):
    """axe-core with WCAG 2.1 A/AA and its best-practice rules, at a phone's and a laptop's
    width, on every page type (page_types.py)."""
    problems = visits(BY_NAME[name], width).axe
    record("axe", name, width, problems)
    assert not problems, f"{visits.url(BY_NAME[name])} at {width} px:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", WITHOUT_JAVASCRIPT)
def test_no_axe_violations_without_javascript(visits, name):
    """The page frame as a browser without JavaScript shows it."""
    width = AXE_WIDTHS[-1]
    problems = visits.without_javascript(BY_NAME[name], width).axe
    record("axe-no-js", name, width, problems)
    assert not problems, (f"{visits.url(BY_NAME[name])} without JavaScript at {width} px:\n"
                          + "\n".join(problems))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(BY_NAME))
def test_no_sideways_scrolling_and_nothing_cut_off(visits, name, width):
    """WCAG 2.1 1.4.10 (reflow): at 320 CSS pixels no page scrolls sideways, the document's
    metadata box (long words, theme chips) and the search form included; nor on a phone,
    where a page without a viewport meta is laid out 980 pixels wide. Nothing is cut off at
    the right edge either (the landscape's labels). Data tables and the network graph may
    scroll inside their own box, as the criterion allows."""
    visit = visits(BY_NAME[name], width)
    problems = ([f"the page is {visit.scroll_width} px wide in a window of {width} px"]
                if visit.scroll_width > width else []) + visit.cut_off
    record("reflow", name, width, problems)
    assert not problems, (f"{visits.url(BY_NAME[name])} at {width} px:\n"
                          + "\n".join(problems))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(BY_NAME))
def test_no_request_fails(visits, name, width):
    """No page asks for anything that is not there (a 404 for the theme's language sitemap,
    a missing font or icon), at any width."""
    problems = visits(BY_NAME[name], width).failed_requests
    if name in WITHOUT_JAVASCRIPT and width == AXE_WIDTHS[-1]:
        problems = problems + visits.without_javascript(BY_NAME[name], width).failed_requests
    record("requests", name, width, problems)
    assert not problems, f"{visits.url(BY_NAME[name])} at {width} px:\n" + "\n".join(problems)


def test_every_page_type_has_a_screenshot_at_both_widths(visits):
    """Kept as a CI artifact (artifacts/screenshots/), to see each page as a visitor does."""
    missing = []
    for page_type in PAGE_TYPES:
        for width in AXE_WIDTHS:
            visits(page_type, width)
            if not (SCREENSHOTS / f"{page_type.name}-{width}.png").is_file():
                missing.append(f"{page_type.name}-{width}.png")
    assert missing == []


def test_the_follow_up_chart_is_an_image_with_a_name_and_the_table_its_twin(
        page, follow_up_base_url):
    page.goto(follow_up_base_url + "opvolging/")
    chart = page.get_by_role("img", name=re.compile("^Aantal lessen per stand"))
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Lessen per stand van opvolging")
    expect(table.get_by_role("row")).to_have_count(8)  # head, six states, total
    # From the table to a state's lessons, with the keyboard.
    link = table.get_by_role("link", name="In uitvoering")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Lessen: in uitvoering")
    expect(page.get_by_role("link", name="Maak één loket voor vragen over gegevensdeling."
                            )).to_be_visible()


def test_pages_request_nothing_from_other_hosts(page, base_url):
    own = urlsplit(base_url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "documenten/regionale-tafels-2021/", "lessen/huisarts-vroeg-betrekken/",
                 "overzicht/", "zoeken/?q=financiering"):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    foreign = sorted({u for u in requested if urlsplit(u).netloc not in (own, "")
                      and not u.startswith("data:")})
    assert foreign == []
    assert any("/pagefind/" in u for u in requested)  # the search really ran


def test_search_and_facets_work_with_the_keyboard(page, base_url):
    page.goto(base_url + "zoeken/")
    page.locator("#lessons-q").focus()
    page.keyboard.type("financiering")
    page.keyboard.press("Enter")
    status = page.locator(".lessons-search__status")
    expect(status).to_have_text("2 resultaten voor ‘financiering’")
    # The facets are counted for this search after its results are shown.
    expect(page.locator(".lessons-search__facets")).not_to_have_attribute("aria-busy", "true")
    box = page.locator("[data-facet=soort] input").first
    for _ in range(40):  # tab until the first facet checkbox has focus
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the facet checkboxes cannot be reached with Tab")
    page.keyboard.press("Space")
    expect(status).to_have_text("1 resultaat voor ‘financiering’")


def test_browse_page_works_without_javascript(page_without_js, base_url):
    page_without_js.goto(base_url + "bladeren/")
    page_without_js.get_by_role("link", name="1 praktijkvoorbeelden over Financiering").click()
    expect(page_without_js.locator("h1")).to_have_text("Praktijkvoorbeelden over Financiering"
                                                        " en bekostiging")
    expect(page_without_js.locator("#jaar-2023 ~ ul a")).to_have_text(
        ["Financiering van wijkteams"])


def test_lesson_permalink_opens(page, base_url):
    response = page.goto(base_url + "lessen/huisarts-vroeg-betrekken/")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text(
        "Betrek de huisarts vanaf het begin bij wijkafspraken.")
    page.locator(".lessons-meta a").first.click()  # to the lesson in its document
    expect(page).to_have_url(
        f"{base_url}documenten/rol-van-de-huisarts/#les-huisarts-vroeg-betrekken")
    expect(page.locator("#les-huisarts-vroeg-betrekken")).to_be_in_viewport()


def test_the_follow_up_facet_alone_finds_the_lessons_in_that_state(page, follow_up_base_url):
    """Without a search term the results are sorted by date: a lesson page carries a date
    to sort by, or pagefind would leave every lesson out."""
    page.goto(follow_up_base_url + "zoeken/")
    page.locator("[data-facet=opvolging]").get_by_label("Geïdentificeerd (2)").check()
    expect(page.locator(".lessons-search__status")).to_have_text("2 resultaten")
    expect(page.locator(".lessons-search__result h2 a")).to_have_text([
        "Vraag de regio's wat zij van het loket vinden.",
        "Leg vast wie besluit over gegevensdeling."])
    expect(page).to_have_url(re.compile(r"\?opvolging=Ge%C3%AFdentificeerd$"))
