"""Benchmark: this project against Hugo + pagefind on the same synthetic corpus, and the
preview server's latency, with the goals of issue 15 checked in the same run.

    .venv/bin/python bench/run.py [--sizes 1000 5000] [--repeat 1] [--skip-hugo]
                                  [--skip-preview] [--preview-timeout 900] [--bare-max 0]

Per size, in one invocation on this machine (corpus generation is never timed):

* lessons, cold: `mkdocs build` of this checkout (its plugins/ first on PYTHONPATH) with no
  render cache and an empty site folder; search index included. Checked: a page for
  every document and a pagefind index.
* lessons, one change: the body of one document gets a new word, then the next build with
  the cache warm. Checked: the word is in that document's built page and in the search
  index, so a build that skips the change cannot pass.
* hugo, then the pagefind CLI over hugo's output ("hugo + pagefind": what a user could
  pick instead, with the same kind of search index).
* peak memory of every lessons build: GNU time's largest process and the sampled sum
  over all its processes (see measure.py); the larger counts.
* the preview: `lessons serve -f <that size's mkdocs.yml> --port <free port>`, then a saved
  document (three times), a new one, a deleted one and a new theme (see preview.py).

The final block lists every goal with the measured value and PASS or MISS; the same
results go to bench/out/results.json. Everything of a size lives in bench/out/speed-<n>/
(the corpus there is changed by the run; bench/search.py's corpus-<n>/ is left alone).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import document_path, generate  # noqa: E402
from measure import Measured, measure  # noqa: E402
from preview import PreviewResult, add_to_body, document_id, measure_preview  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
MB_PER_GB = 1024  # memory is measured in MiB (GNU time reports KiB)
HUGO_LAYOUT = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><nav><a href="/">Home</a></nav>
<main><h1>{{ .Title }}</h1>
{{ .Content }}</main></body></html>"""
HUGO_LIST = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>{{ .Title }}</title>
</head><body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">
{{ .Title }}</a></li>{{ end }}</ul></main></body></html>"""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Timing:
    """One kind of build at one size, repeated --repeat times."""
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    largest_process_mb: list[float] = field(default_factory=list)
    error: str | None = None

    def add(self, run: Measured) -> None:
        self.seconds.append(run.seconds)
        self.peak_mb.append(run.peak_mb)
        self.largest_process_mb.append(run.largest_process_mb)

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.error else None

    def shown(self) -> str:
        if self.error:
            return "FAILED"
        if not self.seconds:
            return "-"
        if len(self.seconds) == 1:
            return f"{self.seconds[0]:.2f} s"
        return f"{self.median:.2f} s ({min(self.seconds):.2f}–{max(self.seconds):.2f})"

    def as_json(self) -> dict:
        return {**asdict(self), "median": self.median}


@dataclass
class Size:
    n: int
    cold: Timing = field(default_factory=Timing)
    one_change: Timing = field(default_factory=Timing)
    bare: Timing = field(default_factory=Timing)
    hugo: Timing = field(default_factory=Timing)
    pagefind: Timing = field(default_factory=Timing)
    hugo_pagefind: Timing = field(default_factory=Timing)
    site_mb: float | None = None
    preview: PreviewResult | None = None
    skipped: list[str] = field(default_factory=list)  # parts left out on request

    def as_json(self) -> dict:
        out = {name: getattr(self, name).as_json() for name in
               ("cold", "one_change", "bare", "hugo", "pagefind", "hugo_pagefind")}
        return {"n": self.n, **out, "site_mb": self.site_mb, "skipped": self.skipped,
                "preview": self.preview.as_json() if self.preview else None}


def mkdocs_config(project: Path, docs: Path, site: Path, bare: bool = False) -> Path:
    """The site's own mkdocs.yml (INHERIT) on the corpus, in a folder of its own: the render
    cache (.cache/ next to mkdocs.yml) and the manifest check belong to that folder."""
    project.mkdir(parents=True, exist_ok=True)
    path = project / ("bare.yml" if bare else "mkdocs.yml")
    if bare:
        text = (f"site_name: bench\ndocs_dir: {docs}\nsite_dir: {site}\n"
                "theme:\n  name: material\n  language: nl\n  font: false\n")
    else:
        text = (f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {site}\n"
                f"theme:\n  name: material\n  custom_dir: {ROOT / 'site_src'}\n")
    path.write_text(text, encoding="utf-8")
    return path


def hugo_site(docs: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    (target / "layouts" / "_default").mkdir(parents=True)
    (target / "layouts" / "_default" / "single.html").write_text(HUGO_LAYOUT)
    (target / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    (target / "hugo.toml").write_text('baseURL = "https://example.org/"\nlanguageCode = "nl"\n'
                                      'title = "bench"\ndisableKinds = ["RSS"]\n'
                                      '[markup.goldmark.renderer]\nunsafe = true\n')
    shutil.copytree(docs / "documenten", target / "content" / "documenten")
    return target


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def document_pages(site: Path, pattern: str = "*/index.html") -> int:
    """Built document pages: /documenten/<id>/ here, /documenten/<folder>/<name>/ in hugo."""
    return sum(1 for _ in (site / "documenten").glob(pattern))


def in_search_index(site: Path, word: str) -> bool:
    """Whether a word is in one of pagefind's page fragments (gzip-compressed JSON)."""
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        try:
            if word.encode() in gzip.decompress(fragment.read_bytes()):
                return True
        except (OSError, EOFError):
            continue
    return False


def check_cold(site: Path, n: int) -> str | None:
    """Why a cold build's output is not the whole site, or None."""
    pages = document_pages(site)
    if pages < n:
        return f"{site}: {pages} document pages for {n} documents"
    if not (site / "pagefind" / "pagefind-entry.json").is_file():
        return f"{site}: no pagefind index (pagefind/pagefind-entry.json)"
    return None


def check_change(site: Path, doc_id: str, marker: str) -> str | None:
    page = site / "documenten" / doc_id / "index.html"
    if not page.is_file() or marker not in page.read_text(encoding="utf-8"):
        return f"{page}: the changed text ({marker}) is not in the page built after the change"
    if not in_search_index(site, marker):
        return f"{site}/pagefind: the changed text ({marker}) is not in the search index"
    return None


def run_timed(timing: Timing, cmd: list[str], env: dict, cwd: Path | None = None) -> bool:
    # Files written before (the corpus, the last build) reach the disk now, not during
    # the build being timed: writes on this machine are slow and vary a lot.
    os.sync()
    try:
        timing.add(measure(cmd, cwd=cwd, env=env))
        return True
    except RuntimeError as err:
        timing.error = str(err)
        say(f"  {err}")
        return False


def bench_size(n: int, args: argparse.Namespace, env: dict) -> Size:
    result = Size(n)
    home = OUT / f"speed-{n}"
    docs, project, site = home / "corpus", home / "project", home / "site"
    say(f"n={n}: generating the corpus (not timed)")
    generate(n, docs)
    config = mkdocs_config(project, docs, site)
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    changed = document_path(docs, n // 2)
    result.skipped = [part for part, skip in (("one-change", args.skip_one_change),
                                              ("hugo", args.skip_hugo),
                                              ("preview", args.skip_preview)) if skip]
    for round_ in range(args.repeat):
        for cache in (project / ".cache", docs / ".cache"):
            shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        say(f"n={n}: lessons cold build {round_ + 1}/{args.repeat}")
        if not run_timed(result.cold, build, env):
            return result
        if (problem := check_cold(site, n)) is not None:
            result.cold.error = problem
            say(f"  {problem}")
            return result
        say(f"  {result.cold.seconds[-1]:.2f} s, peak {result.cold.peak_mb[-1]:.0f} MB")
        if args.skip_one_change:
            continue
        marker = f"eenwijziging{round_}x{time.time_ns() % 10**9}"
        add_to_body(changed, marker)
        say(f"n={n}: lessons build after one changed document {round_ + 1}/{args.repeat}")
        if not run_timed(result.one_change, build, env):
            return result
        if (problem := check_change(site, document_id(changed), marker)) is not None:
            result.one_change.error = problem
            say(f"  {problem}")
            return result
        say(f"  {result.one_change.seconds[-1]:.2f} s, "
            f"peak {result.one_change.peak_mb[-1]:.0f} MB")
    result.site_mb = size_mb(site)

    if n <= args.bare_max:
        bare_site = home / "site-bare"
        bare = mkdocs_config(project, docs, bare_site, bare=True)
        say(f"n={n}: bare mkdocs-material")
        for _ in range(args.repeat):
            shutil.rmtree(bare_site, ignore_errors=True)
            run_timed(result.bare, [sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                    str(bare)], env)

    hugo = shutil.which("hugo")
    if hugo and not args.skip_hugo:
        source, hugo_out = hugo_site(docs, home / "hugo"), home / "site-hugo"
        for round_ in range(args.repeat):
            shutil.rmtree(hugo_out, ignore_errors=True)
            say(f"n={n}: hugo, then pagefind {round_ + 1}/{args.repeat}")
            if not (run_timed(result.hugo, [hugo, "--quiet", "-d", str(hugo_out)], env,
                              cwd=source)
                    and run_timed(result.pagefind, [sys.executable, "-m", "pagefind", "--site",
                                                    str(hugo_out), "--force-language", "nl"],
                                  env)):
                break
            result.hugo_pagefind.seconds.append(result.hugo.seconds[-1]
                                                + result.pagefind.seconds[-1])
            result.hugo_pagefind.peak_mb.append(max(result.hugo.peak_mb[-1],
                                                    result.pagefind.peak_mb[-1]))
            say(f"  {result.hugo.seconds[-1]:.2f} + {result.pagefind.seconds[-1]:.2f} s")
        if document_pages(hugo_out, "*/doc-*/index.html") < n:
            result.hugo.error = f"{hugo_out}: fewer than {n} document pages"
    elif not hugo:
        say("hugo is not installed (apt-get install hugo): no speed anchor in this run")

    if not args.skip_preview:
        say(f"n={n}: preview latency (`lessons serve`)")
        serve = [sys.executable, "-c", "import sys; from lessons.cli import main; "
                 "sys.exit(main())", "serve", "-f", str(config)]
        picks = sorted({max(0, n * k // 5) for k in (1, 2, 3)})
        documents = [document_path(docs, i) for i in picks]
        new = documents[0].parent / "bench-nieuw.md"
        new.unlink(missing_ok=True)
        result.preview = measure_preview(
            serve, {**os.environ, **env}, docs, documents, new,
            document_path(docs, n - 1),  # the last document: no other links to it
            home / "serve.log", args.preview_timeout, say)
        if result.preview.error:
            say(f"  preview: {result.preview.error} (server output: {home / 'serve.log'})")
    return result


@dataclass
class Goal:
    goal: str
    n: int | None
    value: float | None
    shown: str
    status: str  # PASS, MISS or INFO


def _check(goal: str, n: int | None, value: float | None, bound: float | None,
           unit: str = "", digits: int = 2) -> Goal:
    if value is None:
        return Goal(goal, n, None, "not measured", "MISS" if bound is not None else "INFO")
    shown = f"{value:.{digits}f}{unit}"
    if bound is None:
        return Goal(goal, n, value, shown, "INFO")
    return Goal(goal, n, value, shown, "PASS" if value <= bound else "MISS")


def preview_bound(n: int) -> float | None:
    return 2.0 if n <= 1000 else 3.0 if n <= 5000 else None


def goals(sizes: list[Size]) -> list[Goal]:
    out = []
    by_n = {size.n: size for size in sizes}
    for size in sizes:
        n, cold, change = size.n, size.cold.median, size.one_change.median
        anchor = size.hugo_pagefind.median
        if anchor is not None or cold is None:
            out.append(_check("cold build ≤ 2 × (hugo + pagefind)", n,
                              None if cold is None or anchor is None else cold / anchor, 2.0,
                              " ×"))
        if "one-change" not in size.skipped:
            # "Within 10% of the cold build": a build after one change takes at most a
            # tenth of the time of a build from nothing.
            out.append(_check("one-change build ≤ 0.1 × cold build", n,
                              None if cold is None or change is None else change / cold, 0.1,
                              " ×"))
        peaks = size.cold.peak_mb + size.one_change.peak_mb
        out.append(_check("peak memory of a build ≤ 1 GB (1024 MB)", n,
                          max(peaks) if peaks and not size.cold.error else None,
                          MB_PER_GB if n <= 5000 else None, " MB", 0))
        if n >= 20000:
            out.append(_check("a 20,000-document build runs (cold build, s)", n, cold,
                              float("inf"), " s"))
        preview = size.preview
        if preview is not None:
            bound = preview_bound(n)
            out.append(_check(f"preview: saved document visible, max of "
                              f"{len(preview.saved_s) or 3}"
                              + (f" ≤ {bound:.0f} s" if bound else ""), n,
                              preview.saved_max_s if len(preview.saved_s) == 3 else None,
                              bound, " s"))
            out.append(_check("preview: saved document visible, median", n,
                              preview.saved_median_s, None, " s"))
            for what, value in (("new document served", preview.new_s),
                                ("deleted document gone", preview.deleted_s),
                                ("vocabulary change visible", preview.vocabulary_s),
                                ("first build until served", preview.first_build_s)):
                out.append(_check(f"preview: {what}", n, value, None, " s"))
            stop = f" in {preview.stop_s:.1f} s" if preview.stop_s is not None else ""
            out.append(Goal("preview: server stopped by SIGTERM", n, preview.stop_s,
                            ("yes" if preview.stopped_cleanly else "no (killed)") + stop,
                            "PASS" if preview.stopped_cleanly else "MISS"))
    if 1000 in by_n and 5000 in by_n:
        a, b = by_n[1000].cold.median, by_n[5000].cold.median
        out.append(_check("t(5000) / t(1000), cold builds ≤ 5.2", None,
                          None if a is None or b is None else b / a, 5.2))
    return out


def print_table(sizes: list[Size]) -> None:
    print()
    print(f"{'':<34}" + "".join(f"{size.n:>22,}" for size in sizes))
    rows = [("lessons, cold build", lambda s: s.cold.shown()),
            ("lessons, after one changed doc", lambda s: s.one_change.shown()),
            ("lessons, peak memory (MB)", lambda s: _peak(s)),
            ("hugo", lambda s: s.hugo.shown()),
            ("pagefind CLI over hugo's output", lambda s: s.pagefind.shown()),
            ("hugo + pagefind", lambda s: s.hugo_pagefind.shown()),
            ("lessons cold ÷ (hugo + pagefind)", lambda s: _ratio(s.cold, s.hugo_pagefind)),
            ("one change ÷ cold", lambda s: _ratio(s.one_change, s.cold)),
            ("lessons site (MB)", lambda s: f"{s.site_mb:.0f}" if s.site_mb else "-")]
    if any(size.bare.seconds for size in sizes):
        rows.insert(3, ("bare mkdocs-material", lambda s: s.bare.shown()))
    if any(size.preview for size in sizes):
        rows += [("preview: first build until served", lambda s: _pv(s, "first_build_s")),
                 ("preview: saved doc, median", lambda s: _pv(s, "saved_median_s")),
                 ("preview: saved doc, max", lambda s: _pv(s, "saved_max_s")),
                 ("preview: new doc", lambda s: _pv(s, "new_s")),
                 ("preview: deleted doc", lambda s: _pv(s, "deleted_s")),
                 ("preview: vocabulary change", lambda s: _pv(s, "vocabulary_s")),
                 ("preview: server peak memory (MB)",
                  lambda s: f"{s.preview.peak_mb:.0f}" if s.preview else "-")]
    for label, cell in rows:
        print(f"{label:<34}" + "".join(f"{cell(size):>22}" for size in sizes))


def _peak(size: Size) -> str:
    peaks = size.cold.peak_mb + size.one_change.peak_mb
    largest = [m for m in size.cold.largest_process_mb + size.one_change.largest_process_mb
               if m == m]  # not NaN
    if not peaks:
        return "-"
    return f"{max(peaks):.0f}" + (f" (1 proc {max(largest):.0f})" if largest else "")


def _ratio(a: Timing, b: Timing) -> str:
    return f"{a.median / b.median:.2f}" if a.median and b.median else "-"


def _pv(size: Size, name: str) -> str:
    value = getattr(size.preview, name) if size.preview else None
    return f"{value:.2f} s" if value is not None else "-"


def print_goals(found: list[Goal]) -> None:
    print()
    print("Goals (issue 15), measured in this run:")
    for goal in found:
        where = f"n={goal.n:,}" if goal.n else "sizes"
        print(f"  {goal.status:<5} {where:<9} {goal.goal:<52} {goal.shown}")


def environment() -> dict:
    def output(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return ""

    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "commit": output(["git", "rev-parse", "HEAD"]),
            "dirty": bool(output(["git", "status", "--porcelain", "--untracked-files=no"])),
            "cpus": os.cpu_count(), "python": platform.python_version(),
            "hugo": output(["hugo", "version"]) if shutil.which("hugo") else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each kind this many times; medians count (1)")
    parser.add_argument("--skip-hugo", action="store_true", help="no hugo + pagefind anchor")
    parser.add_argument("--skip-preview", action="store_true", help="no `lessons serve` part")
    parser.add_argument("--skip-one-change", action="store_true",
                        help="only the cold build of lessons (a first look at a large size)")
    parser.add_argument("--preview-timeout", type=float, default=900,
                        help="seconds to wait for one change in the preview (900)")
    parser.add_argument("--bare-max", type=int, default=0,
                        help="also build bare mkdocs-material up to this size (0: never)")
    args = parser.parse_args(argv)
    # Stopped with kill or by a closed terminal: still stop the preview server and builds.
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, lambda signum, frame: sys.exit(128 + signum))
    OUT.mkdir(parents=True, exist_ok=True)
    # This checkout's plugin, whatever copy the venv has installed.
    env = {"NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "plugins"),
                                                       os.environ.get("PYTHONPATH")]))}
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    sizes = [bench_size(n, args, env) for n in args.sizes]
    load = {"load_average_before": load_before, "load_average_after": os.getloadavg()[0]}
    found = goals(sizes)
    print_table(sizes)
    print_goals(found)
    print(f"\nload average (1 min): {load['load_average_before']:.1f} before, "
          f"{load['load_average_after']:.1f} after, on {os.cpu_count()} cores; anything "
          "above the bench's own load slows every figure here")
    results = {**environment(), **load, "wall_s": time.perf_counter() - started,
               "sizes": [size.as_json() for size in sizes],
               "goals": [asdict(goal) for goal in found]}
    path = OUT / "results.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
