"""Searching in Dutch in a real browser: stemming, diacritics, facets, drafts."""

from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

from helpers import ROOT


def search(page, base_url, query):
    page.goto(f"{base_url}zoeken/?q={query}")
    expect(page.locator(".lessons-search__status")).to_contain_text("resulta")
    return page.locator(".lessons-search__result h2 a")


def test_inflected_query_finds_the_singular(page, base_url):
    results = search(page, base_url, "zorgverleners")
    expect(results.first).to_have_text("De rol van de huisarts in de wijk")


def test_query_without_diacritics_finds_the_word_with_them(page, base_url):
    results = search(page, base_url, "coordinatie")
    expect(results.first).to_have_text("Evaluatie van de crisisstructuur")


def test_result_shows_kind_date_and_highlighted_excerpt(page, base_url):
    search(page, base_url, "financiering")
    first = page.locator(".lessons-search__result").first
    expect(first.locator(".lessons-item__meta")).to_have_text(
        re.compile(r"^(Praktijkvoorbeeld|Position paper) · \d{1,2} \w+ 2023$"))
    expect(first.locator(".lessons-search__excerpt mark").first).to_have_text(
        re.compile("financiering", re.I))


def test_theme_facet_narrows_results_and_counts(page, base_url):
    search(page, base_url, "financiering")
    expect(page.locator(".lessons-search__status")).to_have_text("2 resultaten voor ‘financiering’")
    facet = page.locator("[data-facet=thema]")
    expect(facet.get_by_label("Preventie en gezondheidsbevordering (1)")).to_be_visible()
    facet.get_by_label("Preventie en gezondheidsbevordering (1)").check()
    expect(page.locator(".lessons-search__status")).to_have_text("1 resultaat voor ‘financiering’")
    expect(page.locator(".lessons-search__result h2 a")).to_have_text(["Bekostiging van preventie"])
    assert "thema=Preventie" in page.url  # the narrowed search can be shared


def test_facets_alone_browse_without_a_query(page, base_url):
    page.goto(f"{base_url}zoeken/?jaar=2023")
    expect(page.locator(".lessons-search__status")).to_have_text("2 resultaten")
    expect(page.get_by_role("button", name="Meer resultaten")).to_be_hidden()


def test_more_results_button_pages_through_the_results(page, paged_base_url):
    page.goto(f"{paged_base_url}zoeken/")
    expect(page.locator(".lessons-search__status")).to_have_text(re.compile("^Typ een zoekterm"))
    more = page.get_by_role("button", name="Meer resultaten")
    expect(more).to_be_hidden()
    page.locator("#lessons-q").fill("paginering")
    expect(page.locator(".lessons-search__status")).to_have_text("23 resultaten voor ‘paginering’")
    results = page.locator(".lessons-search__result")
    expect(results).to_have_count(10)
    more.click()
    expect(results).to_have_count(20)
    more.click()
    expect(results).to_have_count(23)
    expect(more).to_be_hidden()
    titles = results.locator("h2 a").all_inner_texts()
    assert sorted(titles) == sorted(f"Memo nummer {n}" for n in range(1, 24))


def test_typing_before_the_index_has_loaded_is_kept_and_answered(page, base_url):
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    page.goto(f"{base_url}zoeken/")
    box = page.locator("[data-lessons-search] input[name=q]")
    box.press_sequentially("crisisstructuur")
    expect(page.locator(".lessons-search__status")).to_have_text("Zoeken wordt geladen…")
    held[0].continue_()
    expect(page.locator(".lessons-search__result h2 a").first).to_have_text(
        "Evaluatie van de crisisstructuur")
    expect(box).to_have_value("crisisstructuur")


def test_opening_a_result_goes_to_the_document(page, base_url):
    results = search(page, base_url, "crisisstructuur")
    results.first.click()
    expect(page).to_have_url(f"{base_url}documenten/crisisstructuur-evaluatie/")
    expect(page.locator("h1")).to_have_text("Evaluatie van de crisisstructuur")


def test_drafts_are_not_found(page, base_url):
    search(page, base_url, "bliksemafleider")
    expect(page.locator(".lessons-search__status")).to_have_text(
        "0 resultaten voor ‘bliksemafleider’")


def test_header_form_searches_from_any_page(page, base_url):
    page.goto(f"{base_url}documenten/regionale-tafels-2021/")
    # Labelled for screen readers; on screen the magnifier button says what it is for.
    expect(page.get_by_role("searchbox", name="Zoek in documenten en lessen")).to_be_visible()
    assert page.locator("label[for=lessons-header-q]").bounding_box()["width"] <= 1
    page.fill("#lessons-header-q", "crisisstructuur")
    page.press("#lessons-header-q", "Enter")
    expect(page.locator(".lessons-search__result h2 a").first).to_have_text(
        "Evaluatie van de crisisstructuur")


def test_lessons_are_results_of_their_own(page, base_url):
    results = search(page, base_url, "huisarts")
    expect(results).to_have_text(["Betrek de huisarts vanaf het begin bij wijkafspraken.",
                                  "De rol van de huisarts in de wijk"])
    lesson = page.locator(".lessons-search__result").first
    expect(lesson.locator(".lessons-item__meta")).to_have_text("Les · 14 maart 2022")
    page.locator("[data-facet=soort]").get_by_label("Les (1)").check()
    expect(page.locator(".lessons-search__status")).to_have_text("1 resultaat voor ‘huisarts’")
    results.first.click()
    expect(page).to_have_url(f"{base_url}lessen/huisarts-vroeg-betrekken/")
    expect(page.locator("h1")).to_have_text("Betrek de huisarts vanaf het begin bij wijkafspraken.")


def test_without_javascript_the_search_page_points_to_browsing(page_without_js, base_url):
    page_without_js.goto(f"{base_url}documenten/regionale-tafels-2021/")
    page_without_js.fill("#lessons-header-q", "huisarts")
    page_without_js.press("#lessons-header-q", "Enter")
    assert "/zoeken/?q=huisarts" in page_without_js.url
    expect(page_without_js.locator("noscript, .lessons-notice").first).to_be_attached()


def test_without_javascript_the_notice_is_shown_and_leads_to_browsing(browser, base_url):
    # Playwright's switch for JavaScript leaves the page parsed as if scripts ran, so
    # <noscript> would not show: a browser with scripting off, as a visitor's.
    no_js = browser.browser_type.launch(
        executable_path=shutil.which("chromium") or "/usr/bin/chromium",
        args=["--headless", "--no-sandbox", "--disable-gpu",
              "--blink-settings=scriptEnabled=false"])
    page = no_js.new_page(locale="nl-NL")
    try:
        page.goto(f"{base_url}zoeken/")
        notice = page.locator(".lessons-notice")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("Zoeken werkt alleen met JavaScript")
        expect(page.locator(".lessons-search__facets")).to_be_hidden()
        # The page's own form is sent to the search page itself.
        page.fill("#lessons-q", "financiering")
        page.press("#lessons-q", "Enter")
        expect(page).to_have_url(f"{base_url}zoeken/?q=financiering")
        notice.get_by_role("link", name="bladeren").click()
        expect(page.locator("h1")).to_have_text("Bladeren")
        page.go_back()
        notice.get_by_role("link", name="thema", exact=True).click()
        expect(page.locator("h1")).to_have_text("Thema's")
    finally:
        no_js.close()


def test_compound_query_finds_its_first_part(page, base_url):
    results = search(page, base_url, "samenwerkingsverbanden")
    expect(results.first).to_have_text("Regionale tafels over de aanpak")


def test_first_results_need_no_facet_index_and_counts_follow(page, base_url):
    # The filter indexes grow with the corpus; the first results must not wait for them.
    held = []
    page.route("**/pagefind/filter/**", lambda route: held.append(route))
    page.goto(f"{base_url}zoeken/")
    expect(page.locator(".lessons-search__status")).to_have_text(re.compile("^Typ een zoekterm"))
    expect(page.locator("[data-facet=soort]").get_by_label("Les (1)")).to_be_visible()
    page.locator("#lessons-q").fill("financiering")
    expect(page.locator(".lessons-search__result h2 a")).to_have_count(2)
    expect(page.locator(".lessons-search__facets")).to_have_attribute("aria-busy", "true")
    for _ in range(100):  # the counting copy of pagefind asks for them after the results
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the facets were never counted"
    for route in held:
        route.continue_()
    page.unroute("**/pagefind/filter/**")
    # ...and then the facets count this search's results instead of all documents.
    expect(page.locator("[data-facet=soort]").get_by_label("Les (1)")).to_be_hidden()
    expect(page.locator("[data-facet=thema]").get_by_label(
        "Preventie en gezondheidsbevordering (1)")).to_be_visible()
    expect(page.locator(".lessons-search__facets")).not_to_have_attribute("aria-busy", "true")


def test_facet_totals_on_the_page_are_the_index_totals(page, base_url):
    page.goto(f"{base_url}zoeken/")
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '[data-facet]')].map((f) => [f.dataset.facet, [...f.querySelectorAll('label')]
        .map((l) => l.textContent.replace(/\\s+/g, ' ').trim()).sort()]))""")
    counted = page.evaluate("""async () => {
        const pagefind = await import('/pagefind/pagefind.js?test');
        const all = await pagefind.filters();
        return Object.fromEntries(Object.entries(all).map(([name, values]) => [name,
            Object.entries(values).map(([v, n]) => `${v} (${n})`).sort()]));
    }""")
    assert shown == counted


def test_search_works_after_instant_navigation(page, instant_base_url):
    base_url = instant_base_url
    page.goto(f"{base_url}documenten/regionale-tafels-2021/")
    page.evaluate("window.__samePage = true")  # gone if the browser loads a new page
    page.locator(".md-nav__link", has_text="Zoeken").first.click()
    expect(page).to_have_url(f"{base_url}zoeken/")
    assert page.evaluate("window.__samePage === true"), "the search page was loaded in full"
    page.locator("#lessons-q").fill("crisisstructuur")
    expect(page.locator(".lessons-search__result h2 a").first).to_have_text(
        "Evaluatie van de crisisstructuur")
    # Away and back again: the page is mounted afresh and searches once more.
    page.locator(".lessons-search__result h2 a").first.click()
    expect(page.locator("h1")).to_have_text("Evaluatie van de crisisstructuur")
    page.go_back()
    expect(page.locator(".lessons-search__result h2 a").first).to_have_text(
        "Evaluatie van de crisisstructuur")
    assert page.evaluate("window.__samePage === true")
    # Facets ticked and walked back with the browser's button, still without a page load.
    page.locator("#lessons-q").fill("financiering")
    settle(page, "2 resultaten voor ‘financiering’")
    page.locator("[data-facet=soort]").get_by_label("Position paper (1)").check()
    settle(page, "1 resultaat voor ‘financiering’")
    page.go_back()
    settle(page, "2 resultaten voor ‘financiering’")
    expect(page.locator("[data-facet=soort] input:checked")).to_have_count(0)
    page.go_forward()
    settle(page, "1 resultaat voor ‘financiering’")
    assert page.evaluate("window.__samePage === true")


def test_on_a_phone_the_facets_fold_above_the_results(browser, base_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    search(page, base_url, "financiering")
    expect(page.locator(".lessons-search__result").first).to_be_in_viewport()
    theme = page.locator("[data-facet=thema]")
    expect(theme).to_be_hidden()
    page.get_by_text("Verfijnen").click()
    theme.get_by_label("Preventie en gezondheidsbevordering (1)").check()
    expect(page.locator(".lessons-search__status")).to_have_text("1 resultaat voor ‘financiering’")
    # A shared link with a facet opens with the facets unfolded.
    page.goto(page.url)
    expect(theme.get_by_label("Preventie en gezondheidsbevordering", exact=False)).to_be_checked()
    expect(theme).to_be_visible()
    context.close()


# Facets as visitors of shops and government sites know them: the values of one facet
# are alternatives (OR), facets narrow each other (AND), and each value says how many
# results ticking it gives.

def settle(page, status):
    """Wait until the search shows `status` and its facets are counted."""
    expect(page.locator(".lessons-search__status")).to_have_text(status)
    expect(page.locator(".lessons-search__facets")).not_to_have_attribute("aria-busy", "true")


def listed(page, facet):
    """The values a facet offers, as the visitor reads them: 'Memo (1)'."""
    return [" ".join(text.split())
            for text in page.locator(f"[data-facet={facet}] label").all_inner_texts()]


def result_count(page, address):
    page.goto(address)
    status = page.locator(".lessons-search__status")
    expect(status).to_have_text(re.compile(r"^\d+ resulta"))
    return int(status.inner_text().split()[0])


def test_ticking_a_kind_keeps_the_other_kinds_listed_with_counts(page, base_url):
    page.goto(f"{base_url}zoeken/?q=financiering")
    settle(page, "2 resultaten voor ‘financiering’")
    assert listed(page, "soort") == ["Position paper (1)", "Praktijkvoorbeeld (1)"]
    page.locator("[data-facet=soort]").get_by_label("Praktijkvoorbeeld (1)").check()
    settle(page, "1 resultaat voor ‘financiering’")
    assert listed(page, "soort") == ["Position paper (1)", "Praktijkvoorbeeld (1)"]
    kinds = page.locator("[data-facet=soort]")
    expect(kinds.get_by_label("Position paper (1)")).not_to_be_checked()
    # The other facets count within the kind ticked.
    assert listed(page, "jaar") == ["2023 (1)"]
    assert listed(page, "thema") == ["Financiering en bekostiging (1)"]


def test_two_values_of_one_facet_give_either_and_facets_narrow_each_other(page, base_url):
    page.goto(f"{base_url}zoeken/")
    kinds = page.locator("[data-facet=soort]")
    kinds.get_by_label("Memo (1)").check()
    settle(page, "1 resultaat")
    kinds.get_by_label("Rapport (1)").check()
    settle(page, "2 resultaten")
    titles = page.locator(".lessons-search__result h2 a")
    expect(titles).to_have_text(["De rol van de huisarts in de wijk",
                                 "Evaluatie van de crisisstructuur"])
    # ...and an organisation with them: a memo or a report, by the RIVM.
    page.locator("[data-facet=organisatie]").get_by_label(
        "Rijksinstituut voor Volksgezondheid en Milieu (1)").check()
    settle(page, "1 resultaat")
    expect(titles).to_have_text(["Evaluatie van de crisisstructuur"])
    assert listed(page, "soort") == ["Correspondentie (1)", "Memo (0)", "Rapport (1)"]


def test_counts_shown_are_the_results_ticking_gives(page, base_url):
    search = f"{base_url}zoeken/?organisatie=Gemeenten"
    page.goto(search)
    settle(page, "4 resultaten")
    shown = {facet: listed(page, facet)
             for facet in ("soort", "thema", "organisatie", "jaar", "opvolging")}
    # Every organisation stays listed, counted as if it alone were ticked.
    assert shown["organisatie"] == ["Gemeenten (4)",
                                    "Rijksinstituut voor Volksgezondheid en Milieu (2)",
                                    "ZonMw (1)", "Zorgverzekeraars en zorgkantoren (1)"]
    checked = 0
    for facet, values in shown.items():
        for text in values:
            value, count = re.fullmatch(r"(.+) \((\d+)\)", text).groups()
            if facet == "organisatie":
                # Counted as if no other organisation were ticked: what it gives alone.
                address = f"{base_url}zoeken/?organisatie={quote(value)}"
            else:
                address = f"{search}&{facet}={quote(value)}"
            assert result_count(page, address) == int(count), (facet, value)
            checked += 1
    assert checked >= 10


def test_focus_stays_on_the_ticked_checkbox_and_the_count_is_read_out(page, base_url):
    page.goto(f"{base_url}zoeken/?q=financiering")
    settle(page, "2 resultaten voor ‘financiering’")
    status = page.locator(".lessons-search__status")
    expect(status).to_have_attribute("role", "status")  # polite: read out, focus stays
    box = page.locator("[data-facet=thema]").get_by_label(
        "Preventie en gezondheidsbevordering (1)")
    page.locator("#lessons-q").focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the theme's checkbox cannot be reached with Tab")
    focused = "() => document.activeElement.labels?.[0]?.textContent.replace(/\\s+/g, ' ')"
    page.keyboard.press("Space")
    settle(page, "1 resultaat voor ‘financiering’")
    # The lists were counted again (a kind without results left), the focus stayed.
    assert listed(page, "soort") == ["Position paper (1)"]
    assert page.evaluate(focused) == "Preventie en gezondheidsbevordering (1)"
    page.keyboard.press("Space")
    settle(page, "2 resultaten voor ‘financiering’")
    assert listed(page, "soort") == ["Position paper (1)", "Praktijkvoorbeeld (1)"]
    assert page.evaluate(focused) == "Preventie en gezondheidsbevordering (1)"
    expect(box).not_to_be_checked()


def test_the_search_round_trips_through_the_address(page, base_url):
    page.goto(f"{base_url}zoeken/")
    page.locator("#lessons-q").fill("financiering")
    page.keyboard.press("Enter")
    settle(page, "2 resultaten voor ‘financiering’")
    kinds = page.locator("[data-facet=soort]")
    kinds.get_by_label("Praktijkvoorbeeld (1)").check()
    settle(page, "1 resultaat voor ‘financiering’")
    kinds.get_by_label("Position paper (1)").check()
    settle(page, "2 resultaten voor ‘financiering’")
    state = parse_qs(urlsplit(page.url).query)
    assert state == {"q": ["financiering"], "soort": ["Position paper", "Praktijkvoorbeeld"]}
    # Reloaded (or shared): the same search, the same boxes ticked.
    page.reload()
    settle(page, "2 resultaten voor ‘financiering’")
    expect(page.locator("#lessons-q")).to_have_value("financiering")
    expect(kinds.get_by_label("Praktijkvoorbeeld (1)")).to_be_checked()
    expect(kinds.get_by_label("Position paper (1)")).to_be_checked()
    # Back: one box at a time, as it was ticked.
    page.go_back()
    settle(page, "1 resultaat voor ‘financiering’")
    expect(kinds.get_by_label("Position paper (1)")).not_to_be_checked()
    expect(kinds.get_by_label("Praktijkvoorbeeld (1)")).to_be_checked()
    page.go_back()
    settle(page, "2 resultaten voor ‘financiering’")
    expect(kinds.locator("input:checked")).to_have_count(0)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["financiering"]}
    page.go_forward()
    settle(page, "1 resultaat voor ‘financiering’")
    expect(kinds.get_by_label("Praktijkvoorbeeld (1)")).to_be_checked()
    expect(page.locator(".lessons-search__result h2 a")).to_have_text(
        ["Financiering van wijkteams"])


def test_more_results_are_kept_in_the_address(page, paged_base_url):
    page.goto(f"{paged_base_url}zoeken/?q=paginering")
    results = page.locator(".lessons-search__result")
    expect(results).to_have_count(10)
    page.get_by_role("button", name="Meer resultaten").click()
    expect(results).to_have_count(20)
    # The keyboard goes on at the first new result, not back to the top of the page.
    expect(results.nth(10).locator("a")).to_be_focused()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["paginering"], "pagina": ["2"]}
    page.reload()
    expect(results).to_have_count(20)
    page.goto(f"{paged_base_url}zoeken/?q=paginering&pagina=3")
    expect(results).to_have_count(23)
    expect(page.get_by_role("button", name="Meer resultaten")).to_be_hidden()


@pytest.mark.parametrize("width", [320, 390, 1366])
def test_search_page_does_not_scroll_sideways(browser, base_url, width):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{base_url}zoeken/?q=samenwerking&thema=Domeinoverstijgende+samenwerking")
    settle(page, "1 resultaat voor ‘samenwerking’")
    # A facet ticked in the address unfolds the facets on a phone too.
    expect(page.locator("[data-facet=thema]")).to_be_visible()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll <= width


@pytest.mark.parametrize("width", [390, 1366])
def test_search_page_passes_axe_with_best_practices(browser, base_url, width):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}zoeken/?q=financiering&soort=Position+paper")
    settle(page, "1 resultaat voor ‘financiering’")
    # Two search landmarks, the header's and this page's, told apart by their names.
    expect(page.get_by_role("search")).to_have_count(2)
    expect(page.get_by_role("search", name="Zoeken in documenten en lessen")).to_have_count(1)
    names = page.get_by_role("search").evaluate_all("els => els.map(el => el.ariaLabel)")
    assert len(set(names)) == 2, names
    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})""")
    context.close()
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
                for v in result["violations"]]
    assert not problems, "\n".join(problems)


def test_focus_is_visible_on_field_button_facets_and_results(page, base_url):
    page.goto(f"{base_url}zoeken/?q=financiering")
    settle(page, "2 resultaten voor ‘financiering’")
    ring = """() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.tagName, document.activeElement.type || '',
                s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    page.locator("#lessons-q").focus()
    seen = {}
    for _ in range(30):
        tag, kind, style, width = page.evaluate(ring)
        what = {"INPUT": kind, "BUTTON": "button", "A": "link", "SUMMARY": "summary"}.get(tag)
        if what and what not in seen:
            seen[what] = (style, width)
        if "link" in seen:
            break
        page.keyboard.press("Tab")
    assert set(seen) >= {"search", "button", "summary", "checkbox", "link"}, seen
    for what, (style, width) in seen.items():
        assert style == "solid" and width >= 2, (what, style, width)
