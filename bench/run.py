"""Benchmark: this project vs bare mkdocs-material vs Hugo on the same synthetic corpus.

    .venv/bin/python bench/run.py [--sizes 100 1000 5000] [--bare-max 1000]

Prints wall time, peak memory and site size per engine and size, and the ratios the
publishing-pipeline issue asks for. Everything runs in one invocation, on this machine.

lessons builds include the pagefind search index. "cold" starts without the render cache,
"warm" is the next build of the same content (the everyday case: a few files changed).
Hugo is measured alone and followed by the pagefind CLI over its output ("hugo+pagefind"),
the same engine with the same kind of search index.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HUGO_LAYOUT = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><nav><a href="/">Home</a></nav>
<main><h1>{{ .Title }}</h1>
{{ .Content }}</main></body></html>"""
HUGO_LIST = """<!doctype html><html lang="nl"><head><meta charset="utf-8">
<title>{{ .Title }}</title>
</head><body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">
{{ .Title }}</a></li>{{ end }}</ul></main></body></html>"""


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one command, via GNU time if present."""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    proc = subprocess.run(timer + cmd, cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    peak = float(proc.stderr.strip().splitlines()[-1]) / 1024 if timer else float("nan")
    return wall, peak


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def html_kb_per_doc(folder: Path, n: int) -> float:
    docs = folder / "documenten"
    total = sum(p.stat().st_size for p in docs.rglob("*.html")) if docs.exists() else 0
    return total / 1024 / n


def mkdocs_config(name: str, docs: Path, site: Path, bare: bool) -> Path:
    path = OUT / f"{name}.yml"
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--bare-max", type=int, default=1000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
    hugo = shutil.which("hugo")
    env = {"NO_MKDOCS_2_WARNING": "1"}
    rows, times = [], {}
    for n in args.sizes:
        docs = generate(n, OUT / f"corpus-{n}")
        site = OUT / f"site-lessons-{n}"
        shutil.rmtree(OUT / ".cache", ignore_errors=True)
        for label in ("cold", "warm"):
            wall, peak = run(mkdocs + [str(mkdocs_config(f"lessons-{n}", docs, site, False))],
                             env=env)
            times[(f"lessons-{label}", n)] = wall
            rows.append((f"lessons ({label})", n, wall, peak, size_mb(site),
                         html_kb_per_doc(site, n)))
        if n <= args.bare_max:
            site = OUT / f"site-bare-{n}"
            wall, peak = run(mkdocs + [str(mkdocs_config(f"bare-{n}", docs, site, True))],
                             env=env)
            times[("bare", n)] = wall
            rows.append(("mkdocs-material", n, wall, peak, size_mb(site),
                         html_kb_per_doc(site, n)))
        if hugo:
            target = hugo_site(docs, OUT / f"hugo-{n}")
            wall, peak = run([hugo, "--quiet", "-d", str(OUT / f"site-hugo-{n}")], cwd=target)
            times[("hugo", n)] = wall
            rows.append(("hugo", n, wall, peak, size_mb(OUT / f"site-hugo-{n}"),
                         html_kb_per_doc(OUT / f"site-hugo-{n}", n)))
            indexing, peak = run([sys.executable, "-m", "pagefind", "--site",
                                  str(OUT / f"site-hugo-{n}"), "--force-language", "nl"])
            times[("hugo+pagefind", n)] = wall + indexing
            hugo_out = OUT / f"site-hugo-{n}"
            rows.append(("hugo+pagefind", n, wall + indexing, peak, size_mb(hugo_out),
                         html_kb_per_doc(hugo_out, n)))
    print(f"{'engine':<16}{'docs':>6}{'wall s':>9}{'peak MB':>9}{'site MB':>9}{'KB/doc':>8}")
    for engine, n, wall, peak, mb, kb in rows:
        print(f"{engine:<16}{n:>6}{wall:>9.2f}{peak:>9.0f}{mb:>9.1f}{kb:>8.1f}")
    print()
    for n in args.sizes:
        for label in ("cold", "warm"):
            ours = times[(f"lessons-{label}", n)]
            parts = [f"n={n} {label}:"]
            for other in ("hugo", "hugo+pagefind", "bare"):
                if (other, n) in times:
                    parts.append(f"lessons/{other} = {ours / times[(other, n)]:.2f}")
            print(" ".join(parts))
    sizes = sorted(args.sizes)
    for a, b in zip(sizes, sizes[1:], strict=False):
        for label in ("cold", "warm"):
            key_a, key_b = (f"lessons-{label}", a), (f"lessons-{label}", b)
            print(f"lessons ({label}) t({b})/t({a}) = {times[key_b] / times[key_a]:.2f}")
    if not hugo:
        print("hugo not installed (apt-get install hugo): no speed anchor in this run")


if __name__ == "__main__":
    main()
