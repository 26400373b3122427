"""Time every scan of editor input on adversarial input (tests/adversarial.py).

    PYTHONPATH=plugins .venv/bin/python bench/scans.py [--size 1000000] [--limit 5]
        [--scan markup.scan] [--input tag-open-spaces]

For each scan and each input shape of about --size characters, prints the CPU seconds it took,
or '>LIMIT' when it was stopped after --limit seconds (a backtracking pattern), then the
slowest cases. The unit test tests/unit/test_linear_scans.py asserts one second per case.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from adversarial import inputs, scans  # noqa: E402


class _Stopped(Exception):
    pass


def _stop(*_: object) -> None:
    raise _Stopped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--limit", type=float, default=5.0)
    parser.add_argument("--scan", action="append", help="only these scans")
    parser.add_argument("--input", action="append", help="only these input shapes")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _stop)
    results = []
    for scan_name, scan in scans().items():
        if args.scan and scan_name not in args.scan:
            continue
        for name, text in inputs(args.size):
            if args.input and name not in args.input:
                continue
            start = time.process_time()
            signal.setitimer(signal.ITIMER_REAL, args.limit)
            try:
                scan(text)
                took = time.process_time() - start
            except _Stopped:
                took = float("inf")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            results.append((took, scan_name, name))
            shown = f">{args.limit:g}" if took == float("inf") else f"{took:.3f}"
            print(f"{scan_name:32} {name:28} {shown}", flush=True)
    print("\nslowest:")
    for took, scan_name, name in sorted(results, reverse=True)[:15]:
        shown = f">{args.limit:g}" if took == float("inf") else f"{took:.3f}"
        print(f"  {shown:>8} s  {scan_name} on {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
