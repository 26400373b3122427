"""Real-browser tests: Debian's chromium driven by Playwright against a built site.

A missing browser fails these tests (it does not skip them): the project's setup
(`make test`) installs chromium, so its absence is a broken setup, not a pass.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from page_types import CORPUS, FOLLOW_UP
from visits import AXE, Visits, clear_screenshots

from helpers import FIXTURES, build_site, make_docs

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve_and_build(tmp_path_factory, name: str, features: tuple[str, ...] = (),
                     corpus: Path = FIXTURES / "search-corpus", **options):
    """Serve a site built from the search corpus. The server starts first, so the site
    is built for its own address: mkdocs-material's instant navigation only follows
    links to pages its sitemap lists under the site's address."""
    tmp = tmp_path_factory.mktemp(name)
    handler = functools.partial(_Quiet, directory=str(tmp / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    docs = make_docs(tmp, corpus)
    built = build_site(docs, tmp, strict=True, site_url=url, features=features, **options)
    assert not built.failed, built.messages
    return server, built, url


@pytest.fixture(scope="session")
def _site(tmp_path_factory):
    server, built, url = _serve_and_build(tmp_path_factory, "browser-site")
    yield built, url
    server.shutdown()


@pytest.fixture(scope="session")
def built_site(_site):
    return _site[0]


@pytest.fixture(scope="session")
def base_url(_site):
    return _site[1]


@pytest.fixture(scope="session")
def _follow_up_site(tmp_path_factory):
    """A site whose lessons went through every follow-up state, with an overdue action and
    a response past its deadline, on a fixed day."""
    server, built, url = _serve_and_build(tmp_path_factory, "follow-up-site",
                                          corpus=FIXTURES / "follow-up", today="2024-06-01")
    yield built, url
    server.shutdown()


@pytest.fixture(scope="session")
def follow_up_built_site(_follow_up_site):
    return _follow_up_site[0]


@pytest.fixture(scope="session")
def follow_up_base_url(_follow_up_site):
    return _follow_up_site[1]


@pytest.fixture(scope="session")
def instant_base_url(tmp_path_factory):
    """The same site with the theme's instant navigation on."""
    server, _, url = _serve_and_build(tmp_path_factory, "instant-site", ("navigation.instant",))
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def paged_base_url(tmp_path_factory):
    """A site with 23 memos that all mention one word: more than two pages of results."""
    corpus = tmp_path_factory.mktemp("paged-corpus")
    for n in range(1, 24):
        (corpus / f"memo-{n}.md").write_text(
            f"---\nid: memo-{n}\nkind: memo\ntitle: Memo nummer {n}\ndate: 2020-01-{n:02d}\n"
            "summary: Een memo.\norganisation: VWS\nthemes: [financiering]\nstakeholders: [rivm]\n"
            "status: published\n---\n\nOver de paginering van zoekresultaten.\n",
            encoding="utf-8")
    server, _, url = _serve_and_build(tmp_path_factory, "paged-site", corpus=corpus)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs axe-core from npm")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def _screenshots():
    """artifacts/screenshots/ emptied once per session, before any visit writes to it."""
    clear_screenshots()


@pytest.fixture(scope="session")
def visits(browser, base_url, follow_up_base_url, axe_source, _screenshots):
    """Each page type visited once per width (tests/browser/visits.py), its screenshots
    written to artifacts/screenshots/."""
    return Visits(browser, {CORPUS: base_url, FOLLOW_UP: follow_up_base_url}, axe_source)


# A GGD's own look on the NL Design System basis (the README's example, with a font of its
# own): what the checks see on the project's Rijkshuisstijl, they must see here too.
OWN_LOOK = {"basis": "nl-design-system",
            "tokens": {"primary": "#00589c", "bar_text": "#00589c",
                       "footer_background": "#00589c", "link": "#0b5d1e",
                       "font_family": "Georgia, serif"}}


@pytest.fixture(scope="session")
def own_look_visits(tmp_path_factory, browser, axe_source, _screenshots):
    """Both fixture sites in a GGD's own look, each page type visited once per width."""
    servers, urls = [], {}
    for site, corpus in ((CORPUS, FIXTURES / "search-corpus"), (FOLLOW_UP, FIXTURES / "follow-up")):
        server, _, url = _serve_and_build(
            tmp_path_factory, f"own-look-{site}", corpus=corpus, organisation="",
            publisher="GGD Voorbeeldregio", huisstijl=OWN_LOOK,
            **({"today": "2024-06-01"} if site == FOLLOW_UP else {}))
        servers.append(server)
        urls[site] = url
    yield Visits(browser, urls, axe_source, shots="-eigen-huisstijl")
    for server in servers:
        server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def pytest_sessionfinish(session, exitstatus):
    """Write the accessibility evaluation record of this run (tests/browser/evaluation.py)."""
    from evaluation import write
    write()
