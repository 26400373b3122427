"""Every page type at every width, as a visitor sees it in a real browser: no sideways
scrolling at 320 px (WCAG 1.4.10), the metadata panel stacked on a phone and in two
columns on a desktop, wide tables scrolling inside a focusable box named by their caption,
the landscape picture with readable labels, a legend and its table, indexes that lead to no
empty page, and the citation block within reach from the top of the page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

# Page types the reflow tests of test_browser_quality.py do not visit.
SEARCH_CORPUS_PAGES = {
    "themes index": "themas/",
    "organisations index": "organisaties/",
    "kinds index": "soorten/",
    "kind": "soorten/rapporten/",
    "years index": "jaren/",
    "year": "jaren/2021/",
    "landscape cell": "overzicht/gemeenten/financiering/",
    "follow-up state": "opvolging/geidentificeerd/",
    "about": "over/",
    "empty theme": "themas/verantwoording/",
}
FOLLOW_UP_PAGES = {
    "landscape": "overzicht/",
    "browse": "bladeren/",
    "report with lessons": "documenten/evaluatie-2024/",
    "lesson accepted": "lessen/les-aanvaard/",
    "lessons": "lessen/",
}
DOCUMENT = "documenten/regionale-tafels-2021/"  # a meeting report: "Gespreksverslag"
LESSON = "lessen/huisarts-vroeg-betrekken/"
# Pages with a table (or picture) wider than a phone.
WIDE = {"browse": "bladeren/", "landscape": "overzicht/"}


def _at(browser, width: int):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
    return context, context.new_page()


@pytest.mark.parametrize("name", list(SEARCH_CORPUS_PAGES))
def test_more_page_types_reflow_at_320_pixels(browser, base_url, name):
    context, page = _at(browser, 320)
    page.goto(base_url + SEARCH_CORPUS_PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


@pytest.mark.parametrize("name", list(FOLLOW_UP_PAGES))
def test_follow_up_site_page_types_reflow_at_320_pixels(browser, follow_up_base_url, name):
    context, page = _at(browser, 320)
    page.goto(follow_up_base_url + FOLLOW_UP_PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


# Each term and its value in the panel: their boxes, and the words of the panel that a line
# break splits (a word whose pieces stand on different lines). The checksum may break.
_PANEL = """() => {
  const panel = document.querySelector('.lessons-meta');
  const box = el => { const r = el.getBoundingClientRect();
                      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const pairs = [...panel.querySelectorAll('dt')].map(dt => ({
    term: dt.textContent.trim(), dt: box(dt), dd: box(dt.nextElementSibling)}));
  const split = [];
  const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('.lessons-hash')) continue;
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  const cut = [...panel.querySelectorAll('dd, dd a')].filter(
    el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent.trim());
  return {pairs, split, cut, panel: box(panel)};
}"""


@pytest.mark.parametrize("url", [DOCUMENT, LESSON])
@pytest.mark.parametrize("width", [320, 390])
def test_the_metadata_panel_stacks_on_a_phone_without_breaking_words(browser, base_url,
                                                                      width, url):
    """A lesson's permanent address breaks after its / and - only."""
    context, page = _at(browser, width)
    page.goto(base_url + url)
    found = page.evaluate(_PANEL)
    context.close()
    assert found["pairs"], "no metadata panel"
    for pair in found["pairs"]:
        # The value below its term, starting at the same left edge.
        assert pair["dd"]["top"] >= pair["dt"]["bottom"] - 1, pair
        assert abs(pair["dd"]["left"] - pair["dt"]["left"]) < 2, pair
    assert found["split"] == []
    assert found["cut"] == []
    assert {"Datum", "Thema's"} <= {p["term"] for p in found["pairs"]}
    assert found["panel"]["right"] <= width


def test_the_metadata_panel_has_two_columns_on_a_desktop(browser, base_url):
    context, page = _at(browser, 1366)
    page.goto(base_url + DOCUMENT)
    found = page.evaluate(_PANEL)
    kind = page.locator(".lessons-meta dd").first
    expect(kind).to_have_text("Gespreksverslag")
    context.close()
    lefts = {round(p["dd"]["left"]) for p in found["pairs"]}
    assert len(lefts) == 1, "values do not line up in one column"
    for pair in found["pairs"]:
        assert pair["dd"]["left"] > pair["dt"]["right"], pair  # beside its term
        assert abs(pair["dd"]["top"] - pair["dt"]["top"]) < 4, pair
    assert found["split"] == []


@pytest.mark.parametrize("name", list(WIDE))
def test_wide_tables_scroll_in_a_focusable_region_named_by_their_caption(browser, base_url,
                                                                          name):
    context, page = _at(browser, 320)
    page.goto(base_url + WIDE[name])
    regions = page.locator("main [role=region]")
    assert regions.count() >= 1
    for index in range(regions.count()):
        region = regions.nth(index)
        expect(region).to_have_attribute("tabindex", "0")
        # Named by the caption of its table (or the picture's caption).
        label = region.get_attribute("aria-labelledby")
        name_text = page.locator(f"#{label}").inner_text().strip()
        assert name_text
        expect(region).to_have_accessible_name(name_text)
        table = region.locator("table")
        if table.count():
            expect(table.locator("caption")).to_have_text(name_text)
            expect(page.get_by_role("region", name=name_text)).to_have_count(1)
        # Wider than the phone: it scrolls, with the keyboard too, and shows its focus.
        assert region.evaluate("el => el.scrollWidth > el.clientWidth")
        region.evaluate("el => el.scrollLeft = 0")
        page.keyboard.press("Shift")  # a keyboard user: focus shows (:focus-visible)
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        # The browser scrolls smoothly: wait for it to have moved.
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(),
                               timeout=3000)
        outline = region.evaluate("el => getComputedStyle(el).outlineStyle")
        assert outline != "none"
    # The page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_table_cells_do_not_wrap_letter_by_letter_on_a_phone(browser, base_url):
    """Each header and row name is at least as wide as its longest word."""
    context, page = _at(browser, 320)
    page.goto(base_url + "bladeren/")
    split = page.evaluate("""() => {
      const out = [];
      for (const cell of document.querySelectorAll('.lessons-table th')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (tops.size > 1) out.push(match[0]);
          }
        }
      }
      return out;
    }""")
    align = page.evaluate("""() => [...document.querySelectorAll('.lessons-table td')]
        .map(td => getComputedStyle(td).textAlign)""")
    context.close()
    assert split == []
    assert set(align) == {"right"}  # counts line up on the right


def test_the_landscape_shows_counts_a_legend_and_its_table_twin(browser, follow_up_base_url):
    context, page = _at(browser, 1366)
    page.goto(follow_up_base_url + "overzicht/")
    expect(page.locator("h1")).to_have_text("Welke organisaties werken aan welke thema's")
    picture = page.get_by_role("img", name=re.compile("per organisatie .* en thema"))
    expect(picture).to_have_count(1)
    expect(picture).to_have_accessible_name(re.compile("tabel hieronder"))
    table = page.get_by_role("table", name="Documenten en lessen per organisatie en thema")
    expect(table).to_have_count(1)
    # The same organisations in the picture's rows and the table's rows.
    rows = table.locator("tbody tr")
    svg_cells = picture.locator("rect")
    themes = table.locator("thead th").count() - 1
    assert svg_cells.count() == rows.count() * themes
    # Every organisation's full name is in the table and in the picture: shown, or as the
    # label's title (a tooltip) where the picture shortens it.
    names = [n.strip() for n in table.locator("tbody th").all_inner_texts()]
    shown = picture.evaluate("""svg => [...svg.querySelectorAll('text')].map(t => {
        const title = t.querySelector('title');
        return title ? title.textContent : [...t.querySelectorAll('tspan')]
            .map(s => s.textContent).join(' ');
      })""")
    for full in names:
        assert full in shown, full
    for header in table.locator("thead th").all_inner_texts()[1:]:
        assert header.strip() in shown
    # Counts in the cells, more than two values: a gradation to see.
    counts = picture.evaluate("""svg => [...svg.querySelectorAll('text[font-weight]')]
        .map(t => Number(t.textContent))""")
    assert counts and len(set(counts)) >= 2
    levels = picture.evaluate("""svg => [...svg.querySelectorAll('rect')]
        .map(r => r.getAttribute('class'))""")
    assert len(set(levels)) >= 3  # white and at least two shades
    legend = page.get_by_role("list", name=re.compile("^Legenda"))
    expect(legend.get_by_role("listitem").first).to_have_text("geen")
    assert legend.get_by_role("listitem").count() >= 3
    # A cell of the table leads to the documents.
    link = table.locator("tbody td a").first
    link.click()
    expect(page.locator(".lessons-list li").first).to_be_visible()
    context.close()


def test_an_index_never_links_an_empty_term(built_site, page, base_url):
    for index in ("themas/", "organisaties/", "soorten/"):
        page.goto(base_url + index)
        hrefs = page.locator("main .lessons-terms a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
        assert hrefs, index
        for href in hrefs:
            target = built_site.html(index + href)
            line = target.css_first(".lessons-count-line").text()
            assert not line.startswith("0 "), f"{index} links {href}: {line}"
    # The empty theme still has its page (its address may have been published).
    assert built_site.exists("themas/verantwoording/")
    assert "0 documenten" in built_site.html("themas/verantwoording/").text()


@pytest.mark.parametrize(("url", "heading"), [(DOCUMENT, "Citeer dit document"),
                                              (LESSON, "Citeer deze les")])
def test_the_citation_block_is_in_the_table_of_contents_and_a_link_at_the_top(
        browser, base_url, url, heading):
    context, page = _at(browser, 1366)
    page.goto(base_url + url)
    toc = page.get_by_role("navigation", name="Inhoudsopgave")
    entry = toc.get_by_role("link", name=heading)
    expect(entry).to_have_attribute("href", "#citeer")
    expect(page.locator("#citeer")).to_have_text(re.compile(heading))
    # Every entry of the table of contents leads to a heading of the page, and every
    # section of the page is in it.
    hrefs = toc.get_by_role("link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        expect(page.locator(f"main h2{href}, main h3{href}")).to_have_count(1)
    sections = page.locator("main article h2[id]").evaluate_all(
        "headings => headings.map(h => '#' + h.id)")
    assert sections and set(sections) <= set(hrefs)
    context.close()
    # On a phone: a link above the text jumps to it.
    context, page = _at(browser, 320)
    page.goto(base_url + url)
    top = page.locator(".lessons-download").get_by_role("link", name=heading)
    assert top.bounding_box()["y"] < 1800
    top.click()
    expect(page.locator("#citeer")).to_be_in_viewport()
    context.close()


@pytest.mark.parametrize("width", [320, 1366])
def test_the_follow_up_chart_text_is_of_normal_size(browser, follow_up_base_url, width):
    context, page = _at(browser, width)
    page.goto(follow_up_base_url + "opvolging/")
    size = page.evaluate("""() => {
      const svg = document.querySelector('.lessons-chart-figure svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return scale * parseFloat(svg.querySelector('g').getAttribute('font-size'));
    }""")
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                         "'.md-typeset p')).fontSize)")
    context.close()
    assert 12 <= size <= body * 1.1, (size, body)
