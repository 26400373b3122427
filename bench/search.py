"""Search benchmark: pagefind (what the site ships) vs mkdocs-material's built-in lunr search.

    .venv/bin/python bench/search.py [--sizes 1000 5000] [--runs 3] [--query WORD ...]
                                     [--engines pagefind lunr] [--rebuild]

Both engines index the same synthetic corpus (bench/generate.py) on the same site: the
lunr build is this project's site with pagefind switched off and the theme's search plugin
switched on, so its header carries the theme's native search dialog.

A fresh headless Chromium (Debian's, the one the browser tests use) opens the page where a
visitor starts a search, types the query, and waits for the first result on screen:

* pagefind: the search page /zoeken/; the first `.lessons-search__result`.
* lunr: the home page; the query in the header's search field; the first
  `.md-search-result__item`.

Per engine and size it prints the bytes transferred from opening the page until the first
result (all of them, and the search engine's own share), the same bytes gzip-compressed
(what a server or CDN with compression sends; pagefind's index files are compressed at
rest already), and the median time from the last keystroke to the first result. The local
server sends no compression and adds no network latency: real visitors wait longer
for every byte, which only widens the gap.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, words_by_frequency  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 300_000
ENGINES = {
    # engine: (page to open, search field, first result, URL part of the engine's files)
    "pagefind": ("zoeken/", "[data-lessons-search] input[name=q]",
                 ".lessons-search__result", "/pagefind/"),
    "lunr": ("", "input.md-search__input", ".md-search-result__item", "search"),
}


_STOPWATCH = """([field, result, partial]) => {
  const box = document.querySelector(field);
  box.value = partial;
  const bench = (window.__bench = {});
  box.addEventListener("keydown", () => { bench.key ??= performance.now(); }, true);
  const look = () => {
    const hit = bench.key !== undefined && document.querySelector(result);
    if (hit && hit.getClientRects().length && bench.hit === undefined) {
      bench.hit = performance.now();
    }
  };
  new MutationObserver(look).observe(document.body,
    { subtree: true, childList: true, attributes: true, characterData: true });
}"""


@dataclass
class Measure:
    wall: float  # seconds from the last keystroke to first result
    total: int  # bytes from opening the page to the first result
    engine: int  # of which the search engine's own files (script, worker, index)
    total_gz: int
    engine_gz: int
    requests: int


def build(n: int, engine: str) -> Path:
    docs = OUT / f"corpus-{n}"
    if not (docs / "documenten").exists():
        generate(n, docs)
    site = OUT / f"site-search-{engine}-{n}"
    if (site / "index.html").exists():
        return site
    config = OUT / f"search-{engine}-{n}.yml"
    # The plugins list replaces the inherited one, options and all: the site's
    # organisation (required) is named again.
    lessons = "      organisation: ministerie-vws\n      cache: false\n      manifest: ''\n"
    plugins = ("plugins:\n  - lessons:\n" + lessons if engine == "pagefind" else
               "plugins:\n  - search:\n      lang: nl\n  - lessons:\n" + lessons
               + "      search: false\n")
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {site}\n"
                      f"theme:\n  name: material\n  custom_dir: {ROOT / 'site_src'}\n"
                      "  language: nl\n  font: false\n" + plugins, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                   check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    print(f"built {engine} n={n} in {time.perf_counter() - start:.1f} s", flush=True)
    return site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A measurement closes its browser context once the first result is on screen,
        # while the page may still be fetching (facet indexes): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def measure(browser, base: str, engine: str, query: str, *, settled: bool) -> Measure:
    page_path, field, result, engine_part = ENGINES[engine]
    context = browser.new_context()  # empty cache: a first-time visitor
    page = context.new_page()
    seen: list[tuple[str, bytes]] = []

    def on_response(response) -> None:
        try:
            seen.append((response.url, response.body()))
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            seen.append((response.url, b""))

    page.on("response", on_response)
    # "arrival": the visitor types as soon as the page shows; "settled": after the page
    # (and whatever the engine loads by itself) went quiet on the network.
    page.goto(base + page_path, wait_until="networkidle" if settled else "domcontentloaded")
    box = page.locator(field)
    box.wait_for(state="visible")
    box.click()
    # The visitor has typed all but the last letter (set without events, so no engine
    # searched a partial word yet) and presses the last key. Both times are taken in the
    # page, so the figure holds whatever the engine still had to load, its debounce and
    # its query, but neither typing speed nor the test driver's polling.
    page.evaluate(_STOPWATCH, [field, result, query[:-1]])
    box.press(query[-1])
    page.wait_for_function("window.__bench.hit", timeout=TIMEOUT_MS)
    responses = list(seen)  # what had arrived when the first result was on screen
    timing = page.evaluate("window.__bench")
    wall = (timing["hit"] - timing["key"]) / 1000
    context.close()

    def gz(body: bytes, url: str) -> int:
        # pagefind's index files are gzip at rest; a server sends them as they are.
        if body[:2] == b"\x1f\x8b" or url.endswith((".wasm", ".png", ".woff2")):
            return len(body)
        return len(gzip.compress(body, 6))

    mine = [(u, b) for u, b in responses if engine_part in u]
    return Measure(wall, sum(len(b) for _, b in responses), sum(len(b) for _, b in mine),
                   sum(gz(b, u) for u, b in responses), sum(gz(b, u) for u, b in mine),
                   len(responses))


def default_queries() -> list[str]:
    """A broad query (a word in about three in four documents) and a specific one (about
    one in ten), both real words of the corpus; see generate.words_by_frequency."""
    words = words_by_frequency()
    broad = next(w for w in words[100:] if len(w) >= 8)
    specific = next(w for w in words[1200:] if len(w) >= 8)
    return [broad, specific]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", nargs="+", default=None)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), default=list(ENGINES))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: run `make test` once, or apt-get install chromium")
    queries = args.query or default_queries()
    kb = 1024
    print(f"queries {queries}, {args.runs} runs each, headless Chromium, local server")
    print(f"{'engine':<10}{'docs':>6}{'query':>16}{'requests':>10}{'all KB':>10}"
          f"{'engine KB':>11}{'all KB gz':>11}{'engine KB gz':>14}{'arrival ms':>12}"
          f"{'settled ms':>12}", flush=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        for n in args.sizes:
            for engine in args.engines:
                if args.rebuild:
                    shutil.rmtree(OUT / f"site-search-{engine}-{n}", ignore_errors=True)
                site = build(n, engine)
                server, base = serve(site)
                try:
                    for query in queries:
                        arrival = [measure(browser, base, engine, query, settled=False)
                                   for _ in range(args.runs)]
                        settled = [measure(browser, base, engine, query, settled=True)
                                   for _ in range(args.runs)]
                        m = arrival[0]
                        first_ms = statistics.median(r.wall for r in arrival) * 1000
                        ready_ms = statistics.median(r.wall for r in settled) * 1000
                        print(f"{engine:<10}{n:>6}{query:>16}{m.requests:>10}{m.total / kb:>10.0f}"
                              f"{m.engine / kb:>11.0f}{m.total_gz / kb:>11.0f}"
                              f"{m.engine_gz / kb:>14.0f}{first_ms:>12.0f}{ready_ms:>12.0f}",
                              flush=True)
                finally:
                    server.shutdown()
        browser.close()


if __name__ == "__main__":
    main()
