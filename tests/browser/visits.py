"""One visit per page type and width, shared by the checks that read it: which requests
failed, how wide the page is, axe-core's violations, the DOM as the browser holds it, and a
full-page screenshot (artifacts/screenshots/<page type>-<width>.png, a CI artifact). The
checks themselves are tests in test_browser_quality.py and test_markup.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from page_types import AXE_WIDTHS, PAGE_TYPES, PHONE_WIDTH, PageType
from playwright.sync_api import Error as PlaywrightError

from helpers import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, one main heading, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
HEIGHT = 900
BATCH = 8  # pages open at once

# The page without JavaScript as a browser without it builds it: no script ran, and a
# <noscript>'s content is part of the page. Taken from a page loaded with JavaScript off.
_STATIC_DOM = """() => {
    document.querySelectorAll('script').forEach(s => s.remove());
    document.querySelectorAll('noscript').forEach(n => n.replaceWith(...n.childNodes));
    return '<!doctype html>\\n' + document.documentElement.outerHTML;
}"""

# What sticks out past the window's right edge where no box scrolls it into view: cut off
# by an ancestor's `overflow: hidden` (an SVG's labels, a table's columns), or the cause of
# sideways scrolling. Reported innermost, with its text. A box that scrolls sideways on its
# own (a wide table in an `overflow-x: auto` region) may hold anything.
_CUT_OFF = """(width) => {
    const scrolls = (el) => {
        for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
        }
        return false;
    };
    const sticksOut = (el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left < width && r.right > width + 1;
    };
    const found = [];
    for (const el of document.body.querySelectorAll('*')) {
        if (!sticksOut(el) || getComputedStyle(el).visibility === 'hidden' || scrolls(el)
            || [...el.children].some(sticksOut)) continue;
        const name = el.tagName.toLowerCase() + [...el.classList].map(c => '.' + c).join('');
        const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
        found.push(`${name} "${text}" reaches ${Math.round(el.getBoundingClientRect().right)} px`);
    }
    return found;
}"""


@dataclass
class Visit:
    failed_requests: list[str] = field(default_factory=list)
    scroll_width: int = 0
    cut_off: list[str] = field(default_factory=list)  # see _CUT_OFF
    axe: list[str] = field(default_factory=list)  # at AXE_WIDTHS only
    dom: str = ""
    error: str = ""  # why the page could not be visited


class Visits:
    """The visits of one test session, each made once, on first use."""

    def __init__(self, browser, urls: dict[str, str], axe_source: str, shots: str = ""):
        """`shots`: added to the screenshots' names (another look of the same pages)."""
        self.browser, self.urls, self.axe_source = browser, urls, axe_source
        self.shots = shots
        self.done: dict[tuple[str, int], Visit] = {}
        self.done_without_js: dict[tuple[str, int], Visit] = {}

    def url(self, page_type: PageType) -> str:
        return self.urls[page_type.site] + page_type.path

    def __call__(self, page_type: PageType, width: int) -> Visit:
        if (page_type.name, width) not in self.done:
            # Every page type at this width, a few at a time: while one page waits for
            # the network to fall quiet, the next ones load.
            todo = [p for p in PAGE_TYPES if (p.name, width) not in self.done]
            if page_type not in todo:
                todo.insert(0, page_type)
            for start in range(0, len(todo), BATCH):
                self._batch(todo[start:start + BATCH], width)
        visit = self.done[(page_type.name, width)]
        if visit.error:
            pytest.fail(f"{self.url(page_type)} at {width} px: {visit.error}")
        return visit

    def without_javascript(self, page_type: PageType, width: int) -> Visit:
        key = (page_type.name, width)
        if key not in self.done_without_js:
            self.done_without_js[key] = self._visit_without_javascript(page_type, width)
        return self.done_without_js[key]

    def _batch(self, page_types: list[PageType], width: int) -> None:
        opened = []
        try:
            for page_type in page_types:
                opened.append(self._open(page_type, width))
            while opened:
                page_type, context, page, visit = opened.pop(0)
                self.done[(page_type.name, width)] = self._finish(page_type, context, page,
                                                                  visit, width)
        finally:
            for _, context, _, _ in opened:
                context.close()

    def _open(self, page_type: PageType, width: int):
        visit = Visit()
        context = self.browser.new_context(locale="nl-NL", is_mobile=width == PHONE_WIDTH,
                                           viewport={"width": width, "height": HEIGHT})
        page = context.new_page()
        _watch_requests(page, visit.failed_requests)
        try:
            page.goto(self.url(page_type))
        except PlaywrightError as err:
            visit.error = str(err)
        return page_type, context, page, visit

    def _finish(self, page_type: PageType, context, page, visit: Visit, width: int) -> Visit:
        try:
            if visit.error:
                return visit
            if page_type.ready:
                page.locator(page_type.ready).first.wait_for()
            page.wait_for_load_state("networkidle")
            visit.scroll_width = page.evaluate("document.documentElement.scrollWidth")
            visit.cut_off = page.evaluate(_CUT_OFF, width)
            visit.dom = page.content()
            if width in AXE_WIDTHS:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=SCREENSHOTS / f"{page_type.name}{self.shots}-{width}.png",
                                full_page=True)
                visit.axe = axe_violations(page, self.axe_source)
        except PlaywrightError as err:  # this page type's checks fail, not the others'
            visit.error = str(err)
        finally:
            context.close()
        return visit

    def _visit_without_javascript(self, page_type: PageType, width: int) -> Visit:
        """axe needs JavaScript to run: the page is loaded with JavaScript off, and what
        that browser built is shown again, without its scripts, where axe can run."""
        visit = Visit()
        url = self.url(page_type)
        viewport = {"width": width, "height": HEIGHT}
        context = self.browser.new_context(locale="nl-NL", viewport=viewport,
                                           java_script_enabled=False)
        try:
            page = context.new_page()
            _watch_requests(page, visit.failed_requests)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            visit.dom = page.evaluate(_STATIC_DOM)
        finally:
            context.close()
        context = self.browser.new_context(locale="nl-NL", viewport=viewport)
        try:
            page = context.new_page()
            page.route(lambda address: address == url, lambda route: route.fulfill(
                status=200, content_type="text/html; charset=utf-8", body=visit.dom))
            _watch_requests(page, visit.failed_requests)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            visit.scroll_width = page.evaluate("document.documentElement.scrollWidth")
            visit.axe = axe_violations(page, self.axe_source)
        finally:
            context.close()
        return visit


def _watch_requests(page, failed: list[str]) -> None:
    """A request that fails, and any request to another host: the test sites are served
    on 127.0.0.1, and the site may load nothing from elsewhere (no tracking, no fonts)."""
    page.on("request", lambda r: failed.append(f"another host: {r.method} {r.url}")
            if _elsewhere(r.url) else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.request.method} {r.url}")
            if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.method} {r.url}"))


def _elsewhere(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != "127.0.0.1"


def axe_violations(page, axe_source: str) -> list[str]:
    """axe-core's violations, each with its rule, what it means and the first elements."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async (tags) => await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""", AXE_TAGS)
    problems = []
    for v in result["violations"]:
        nodes = "; ".join(f"{' '.join(map(str, n['target']))}: {n['html'][:160]}"
                          for n in v["nodes"][:3])
        problems.append(f"{v['id']} ({v['impact']}): {v['help']}, {len(v['nodes'])}x, "
                        f"e.g. {nodes}")
    return problems


def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def clear_screenshots(folder: Path = SCREENSHOTS) -> None:
    """This run's screenshots only: a renamed page type leaves no stale picture."""
    for old in folder.glob("*.png"):
        old.unlink()
