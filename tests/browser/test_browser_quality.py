"""Accessibility (axe-core, WCAG 2.1 A/AA), privacy (no foreign requests), keyboard use
and browsing without JavaScript, in a real browser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "meeting report": "documenten/regionale-tafels-2021/",
    "memo": "documenten/rol-van-de-huisarts/",
    "report": "documenten/crisisstructuur-evaluatie/",
    "position paper": "documenten/bekostiging-preventie/",
    "practice example": "documenten/financiering-wijkteams/",
    "correspondence": "documenten/brief-over-testcapaciteit/",
    "lesson": "lessen/huisarts-vroeg-betrekken/",
    "lessons": "lessen/",
    "theme": "themas/financiering/",
    "stakeholder": "organisaties/gemeenten/",
    "browse": "bladeren/",
    "browse cell": "bladeren/financiering/praktijkvoorbeelden/",
    "overview": "overzicht/",
    "follow-up": "opvolging/",
    "search results": "zoeken/?q=financiering",
    "accessibility statement": "toegankelijkheid/",
}

# Pages of the follow-up site (tests/fixtures/follow-up): the overview with its chart and
# tables, a state's listing, a lesson with a timeline and actions (one overdue), an
# organisation with its follow-up section, a document that follows lessons up.
FOLLOW_UP_PAGES = {
    "follow-up overview": "opvolging/",
    "follow-up state": "opvolging/geidentificeerd/",
    "lesson with timeline": "lessen/les-in-uitvoering/",
    "lesson with response outstanding": "lessen/les-geidentificeerd/",
    "organisation with follow-up": "organisaties/ministerie-vws/",
    "document following up": "documenten/memo-2023/",
}
WIDTHS = {"phone": 390, "desktop": 1366}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs axe-core from npm")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_a_or_aa_violations(page, base_url, axe_source, name):
    page.goto(base_url + PAGES[name])
    if name == "search results":
        expect(page.locator(".lessons-search__result").first).to_be_visible()
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
                for v in result["violations"]]
    assert not problems, "\n".join(problems)


def axe_problems(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
            for v in result["violations"]]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(FOLLOW_UP_PAGES))
def test_follow_up_pages_have_no_wcag_a_or_aa_violations(browser, follow_up_base_url,
                                                         axe_source, name, width):
    context = browser.new_context(locale="nl-NL",
                                  viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.goto(follow_up_base_url + FOLLOW_UP_PAGES[name])
    problems = axe_problems(page, axe_source)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", list(FOLLOW_UP_PAGES))
def test_follow_up_pages_reflow_at_320_pixels(browser, follow_up_base_url, name):
    """The figures' tables may scroll inside their own box (WCAG 1.4.10); the page not."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(follow_up_base_url + FOLLOW_UP_PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


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


@pytest.mark.parametrize("name", [n for n in PAGES if n != "search results"])
def test_pages_reflow_at_320_pixels_without_sideways_scrolling(browser, base_url, name):
    """WCAG 2.1 1.4.10 (reflow): at 320 CSS pixels the page needs no horizontal scrolling,
    the document's metadata box (long words, theme chips) included. Data tables and the
    network graph may scroll inside their own box, as the criterion allows."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(base_url + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


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
