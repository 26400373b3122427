"""Wall time and peak memory of a command, counting every process it starts.

GNU time's %M is the peak resident size of the single largest process (the kernel's
ru_maxrss for children): a build that forks two workers of 600 MB each shows 600 MB.
So a sampler also sums the proportional set size (PSS: shared pages split between the
processes sharing them, so forked workers are not counted twice) of the whole process
tree every 100 ms. The peak reported is the larger of the two.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")


@dataclass
class Measured:
    seconds: float
    peak_mb: float  # max(largest single process, sampled sum over the tree)
    largest_process_mb: float  # GNU time %M; NaN without GNU time
    tree_mb: float  # sampled peak of the summed PSS of all processes
    stdout: str
    stderr: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
                ppid = int(stat.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory_kb(pid: int) -> int:
    """PSS of one process (RSS where smaps_rollup is unreadable); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


def tree_memory_mb(root: int) -> float:
    """Summed PSS of a process and all its descendants, in MB (1024 × 1024 bytes)."""
    tree, pids, total = _children(), [root], 0
    for pid in pids:  # grows while iterating: a breadth-first walk
        pids.extend(tree.get(pid, []))
        total += _memory_kb(pid)
    return total / 1024


class TreeSampler:
    """Samples the summed memory of a process tree in a thread until stopped."""

    def __init__(self, root: int, interval: float = 0.1):
        self.root, self.interval, self.peak_mb = root, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_memory_mb(self.root))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def measure(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> Measured:
    """Run one command to its end; raises RuntimeError (with its output) when it fails."""
    timer = [str(GNU_TIME), "-f", "%M"] if GNU_TIME.exists() else []
    start = time.perf_counter()
    proc = subprocess.Popen(timer + cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid).start()
    try:
        stdout, stderr = proc.communicate()
    except BaseException:  # the bench was stopped: so is the build
        proc.kill()
        proc.wait()
        sampler.stop()
        raise
    seconds = time.perf_counter() - start
    tree_mb = sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n"
                           f"{stdout[-2000:]}\n{stderr[-3000:]}")
    largest = float("nan")
    if timer:
        last = stderr.rstrip().rpartition("\n")
        largest = float(last[2]) / 1024
        stderr = last[0]
    peak = max(tree_mb, largest) if timer else tree_mb
    return Measured(seconds, peak, largest, tree_mb, stdout, stderr)
