"""Searching in Dutch in a real browser: stemming, diacritics, facets, drafts."""

from __future__ import annotations

import re

from playwright.sync_api import expect


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
