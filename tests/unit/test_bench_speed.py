"""The yardsticks of bench/run.py (issue 15): a build that skips the change fails the check,
goals are judged as the issue states them, memory counts every process a build starts,
and the preview measurement works with any server that serves the site and rebuilds,
and never leaves it running. Nothing here is timed."""

from __future__ import annotations

import gzip
import importlib.util
import os
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


run = _load("run")
preview = _load("preview")
measure = _load("measure")
generate = _load("generate")


# ---------------------------------------------------------------- the one-change check

def _site(tmp_path: Path, page: str, indexed: str) -> Path:
    site = tmp_path / "site"
    (site / "documenten" / "d-1").mkdir(parents=True)
    (site / "documenten" / "d-1" / "index.html").write_text(page, encoding="utf-8")
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "pagefind" / "fragment" / "x.pf_fragment").write_bytes(
        gzip.compress(b"pagefind_dcd{\"content\":\"" + indexed.encode() + b"\"}"))
    return site


def test_a_build_whose_page_lacks_the_changed_word_fails_the_check(tmp_path):
    site = _site(tmp_path, "<p>oude tekst</p>", "oude tekst merkteken")
    assert "not in the page" in run.check_change(site, "d-1", "merkteken")


def test_a_build_whose_search_index_lacks_the_changed_word_fails_the_check(tmp_path):
    site = _site(tmp_path, "<p>tekst merkteken</p>", "oude tekst")
    assert "not in the search index" in run.check_change(site, "d-1", "merkteken")


def test_a_build_with_the_change_in_page_and_index_passes(tmp_path):
    site = _site(tmp_path, "<p>tekst merkteken</p>", "tekst merkteken")
    assert run.check_change(site, "d-1", "merkteken") is None


def test_a_cold_build_missing_pages_or_search_fails_the_check(tmp_path):
    site = _site(tmp_path, "<p>x</p>", "x")
    assert "1 document pages for 2 documents" in run.check_cold(site, 2)
    assert "no pagefind index" in run.check_cold(site, 1)
    (site / "pagefind" / "pagefind-entry.json").write_text("{}")
    assert run.check_cold(site, 1) is None


def test_the_changed_word_lands_in_the_body_not_the_front_matter(tmp_path):
    docs = generate.generate(3, tmp_path / "corpus")
    path = generate.document_path(docs, 1)
    preview.add_to_body(path, "merkteken")
    front, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
    assert "merkteken" not in front and "merkteken" in body
    assert preview.document_id(path) == "bench-doc-00001"


# ---------------------------------------------------------------- goals

def _size(n, cold, change, anchor, peak=500.0):
    size = run.Size(n)
    size.cold.seconds, size.cold.peak_mb = [cold], [peak]
    size.one_change.seconds, size.one_change.peak_mb = [change], [peak]
    size.hugo_pagefind.seconds = [anchor]
    return size


def _status(found, goal, n=None):
    return next(g.status for g in found if g.goal.startswith(goal) and g.n == n)


def test_goals_pass_at_their_bounds_and_miss_above_them():
    found = run.goals([_size(1000, 10.0, 1.0, 5.0), _size(5000, 52.0, 5.3, 25.0, 1100.0)])
    assert _status(found, "cold build ≤ 2", 1000) == "PASS"  # 10 / 5 = 2
    assert _status(found, "cold build ≤ 2", 5000) == "MISS"  # 52 / 25 > 2
    assert _status(found, "one-change", 1000) == "PASS"  # 1 / 10 = 0.1
    assert _status(found, "one-change", 5000) == "MISS"  # 5.3 / 52 > 0.1
    assert _status(found, "peak memory", 1000) == "PASS"
    assert _status(found, "peak memory", 5000) == "MISS"
    assert _status(found, "t(5000) / t(1000)") == "PASS"  # 5.2


def test_a_failed_build_is_a_miss_not_a_missing_line():
    size = _size(5000, 10.0, 10.0, 10.0)
    size.one_change.error = "the changed text is not in the page"
    found = run.goals([size])
    assert _status(found, "one-change", 5000) == "MISS"


def test_the_preview_goal_counts_the_slowest_of_the_three_saves():
    size = _size(1000, 10.0, 10.0, 10.0)
    size.preview = preview.PreviewResult(first_build_s=1.0, saved_s=[0.5, 0.6, 2.5],
                                         stopped_cleanly=True)
    found = run.goals([size])
    assert _status(found, "preview: saved document visible, max", 1000) == "MISS"
    size.preview.saved_s = [0.5, 0.6, 1.9]
    assert _status(run.goals([size]), "preview: saved document visible, max", 1000) == "PASS"


# ---------------------------------------------------------------- memory

def test_peak_memory_counts_the_processes_a_build_starts():
    # Two children of ~150 MB each, at the same time; the parent stays small.
    child = "b = bytearray(150 * 2**20); import time; time.sleep(1.5)"
    parent = (f"import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', {child!r}])"
              " for _ in range(2)]; [p.wait() for p in ps]")
    done = measure.measure([sys.executable, "-c", parent])
    assert done.tree_mb > 280
    assert done.peak_mb >= done.tree_mb
    assert done.largest_process_mb < 200  # what GNU time alone would have said


# ---------------------------------------------------------------- preview, black box

# A stand-in for `lessons serve`: serves a "site" made from the corpus on 127.0.0.1, makes
# it again after a change (swapping whole builds), says "gebouwd in" on stderr; with
# --frozen it never rebuilds, with --stubborn it ignores SIGTERM.
FAKE_SERVE = textwrap.dedent('''
    import functools, http.server, os, signal, sys, threading, time, yaml
    from pathlib import Path
    args = sys.argv[1:]
    config = Path(args[args.index("-f") + 1])
    port = int(args[args.index("--port") + 1])
    if "--stubborn" in args:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    docs = Path(yaml.safe_load(config.read_text())["docs_dir"])
    root = [None]

    def build():
        pages = {"": "<h1>home</h1>"}
        for path in (docs / "documenten").rglob("*.md"):
            _, front, body = path.read_text().split("---\\n", 2)
            pages["documenten/" + yaml.safe_load(front)["id"]] = body
        for key, term in yaml.safe_load((docs / "vocabularies" / "themes.yml").read_text()).items():
            pages["themas/" + key] = term["label"]
        root[0] = pages
        print("lessons serve: gebouwd in 0.1 s", file=sys.stderr, flush=True)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            page = root[0].get(self.path.strip("/"))
            self.send_response(200 if page is not None else 404)
            self.end_headers()
            self.wfile.write((page or "niet gevonden").encode())
        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    def state():
        return sorted((str(p), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file())
    build()
    seen = state()
    while True:
        time.sleep(0.2)
        if state() != seen and "--frozen" not in args:
            seen = state()
            build()
''')


@pytest.fixture
def corpus(tmp_path):
    docs = generate.generate(8, tmp_path / "corpus")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"docs_dir: {docs}\n")
    fake = tmp_path / "fake_serve.py"
    fake.write_text(FAKE_SERVE)
    return docs, config, fake


def _measure(tmp_path, docs, config, fake, *flags, timeout=30.0):
    said = []
    result = preview.measure_preview(
        [sys.executable, str(fake), "serve", "-f", str(config), *flags], dict(os.environ), docs,
        [generate.document_path(docs, i) for i in (1, 2, 3)],
        generate.document_path(docs, 1).parent / "bench-nieuw.md",
        generate.document_path(docs, 7), tmp_path / "serve.log", timeout, said.append)
    return result, said


def _running(fake: Path) -> bool:
    for stat in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(fake).encode() in stat.read_bytes():
                return True
        except OSError:
            pass
    return False


def test_preview_measures_every_kind_of_change_and_stops_the_server(tmp_path, corpus):
    docs, config, fake = corpus
    result, said = _measure(tmp_path, docs, config, fake)
    assert result.error is None, said
    assert len(result.saved_s) == 3 and all(s > 0 for s in result.saved_s)
    assert result.new_s and result.deleted_s and result.vocabulary_s
    assert not generate.document_path(docs, 7).exists()
    assert result.stopped_cleanly and not _running(fake)


def test_a_preview_that_never_shows_the_change_gives_no_figure(tmp_path, corpus):
    docs, config, fake = corpus
    result, _ = _measure(tmp_path, docs, config, fake, "--frozen", timeout=2.0)
    assert result.saved_s == [] and result.saved_median_s is None
    assert "did not show the saved change within 2 s" in result.error
    assert not _running(fake)


def test_a_server_that_ignores_sigterm_is_killed_and_reported(tmp_path, corpus, monkeypatch):
    docs, config, fake = corpus
    stop = preview.Server.stop
    monkeypatch.setattr(preview.Server, "stop", lambda self: stop(self, grace=1.0))
    result, _ = _measure(tmp_path, docs, config, fake, "--stubborn")
    assert result.error is None and not result.stopped_cleanly
    assert not _running(fake)
