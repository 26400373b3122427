"""Build the project's own site many times in a row and report every failure.

    .venv/bin/python bench/repeat_builds.py [--runs 100] [--project DIR] [--cold]

A build that fails one time in twenty (a search index written incompletely, a race
between processes) passes a test run or two and then breaks a publication. This runs
`mkdocs build --strict` on the project's mkdocs.yml and content N times and prints each
run's result and time, the failures with their messages, and the total; the exit status
is 1 if any build failed.

The project (default: this checkout) is copied to a temporary folder first and built
there with its own `plugins/` first on PYTHONPATH, so the run neither writes into the
checkout (site/, the render cache) nor depends on which copy of the plugin the venv has
installed: `--project /path/to/other/checkout` measures that checkout's code. Builds
after the first reuse the render cache (the everyday case); `--cold` clears it each time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not part of what the site is built from, or large, or written by builds and tests.
SKIP = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".cache", "bench",
                              "tests", ".hypothesis", ".pytest_cache", ".ruff_cache",
                              "__pycache__", "*.egg-info")


@dataclass
class Run:
    number: int
    seconds: float
    ok: bool
    message: str


def copy_project(project: Path, into: Path) -> Path:
    copy = into / "project"
    shutil.copytree(project, copy, ignore=SKIP, symlinks=True)
    return copy


def build_once(project: Path, site: Path, number: int, cold: bool) -> Run:
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(project / "plugins"),
                                                        os.environ.get("PYTHONPATH")])))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--quiet", "--site-dir", str(site)],
                          cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    output = (done.stderr + done.stdout).strip()
    return Run(number, seconds, done.returncode == 0, failure_message(output))


def failure_message(output: str) -> str:
    """The lines that say why a build stopped (MkDocs ends with 'Aborted with …')."""
    lines = [line for line in output.splitlines() if line.strip()]
    why = [line for line in lines if "Error" in line or "Aborted" in line
           or "error" in line or line.startswith("WARNING")]
    return "\n".join(why or lines[-5:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1].strip())
    parser.add_argument("--runs", type=int, default=100, help="builds in a row (100)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="the checkout to build (default: this one)")
    parser.add_argument("--cold", action="store_true",
                        help="clear the render cache before every build")
    args = parser.parse_args(argv)
    # Stopped with kill: still remove the temporary copy and site.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    with tempfile.TemporaryDirectory(prefix="repeat-builds-") as tmp:
        project = copy_project(args.project.resolve(), Path(tmp))
        site = Path(tmp) / "site"
        print(f"{args.runs} builds of {args.project.resolve()} "
              f"(`mkdocs build --strict`, {'cold' if args.cold else 'warm'} render cache)",
              flush=True)
        runs = []
        total_start = time.perf_counter()
        for number in range(1, args.runs + 1):
            run = build_once(project, site, number, args.cold)
            runs.append(run)
            print(f"{number:4d} {'ok    ' if run.ok else 'FAILED'} {run.seconds:6.2f} s",
                  flush=True)
            if not run.ok:
                print("       " + run.message.replace("\n", "\n       "), flush=True)
        total = time.perf_counter() - total_start

    failed = [run for run in runs if not run.ok]
    times = [run.seconds for run in runs]
    print()
    print(f"builds: {len(runs)}, failures: {len(failed)}")
    print(f"build time: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s; total {total:.1f} s")
    for run in failed:
        print(f"run {run.number}: {run.message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
