"""Run one function over many items on every core, results in the items' order.

Rendering pages is CPU work in Python, so threads do not help; processes do. Workers are
forked: they start with everything the parent holds (the content, the theme's compiled
templates) without pickling it. Only the items' keys go out and small results come back.
A machine with one core, or a platform without fork, runs the same function in-process.

What a worker logs would be lost with the worker (and a strict build would not count it),
so each result carries the log records of its item, and the parent replays them in order.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_JOB: Callable[[Any], Any] | None = None  # the function workers run, set before forking
_LOGGER = "mkdocs"  # the logger tree whose records travel back to the parent


@dataclass
class Done(Generic[T]):
    value: T | None
    records: list[tuple[str, int, str]] = field(default_factory=list)  # (logger, level, message)
    error: BaseException | None = None  # raised by the job: raised again in the parent


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def cores() -> int:
    """The cores this process may use; LESSONS_WORKERS=1 renders in-process (debugging)."""
    if os.environ.get("LESSONS_WORKERS", "").isdigit():
        return max(1, int(os.environ["LESSONS_WORKERS"]))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(item: Any) -> Done:
    capture = _Capture()
    logger = logging.getLogger(_LOGGER)
    logger.addHandler(capture)
    try:
        assert _JOB is not None
        return Done(_JOB(item), capture.records)
    except Exception as err:  # what the job logged first (which page) is not lost
        return Done(None, capture.records, _picklable(err))
    finally:
        logger.removeHandler(capture)


def _picklable(err: Exception) -> Exception:
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:
        return RuntimeError(f"{type(err).__name__}: {err}")
    return err


def _quiet_worker() -> None:
    # A worker stops when told (the parent ends the pool with SIGTERM) and leaves Ctrl-C,
    # which the terminal sends to every process, to the parent: no handler a server set
    # (stop on SIGTERM) may run here, and no traceback is printed.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    # Records go back to the parent, which shows them; the worker itself prints nothing.
    logger = logging.getLogger(_LOGGER)
    logger.handlers = []
    logger.propagate = False


def run(job: Callable[[T], Any], items: Iterable[T], *, processes: int | None = None,
        chunk: int = 8) -> Iterator[Any]:
    """job(item) for every item, on `processes` workers (default: one per core), yielded
    in the items' order; log records of each item are replayed in the parent as it is
    yielded. An exception in a worker is raised here."""
    global _JOB
    items = list(items)
    processes = min(processes or cores(), max(1, len(items) // chunk))
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(job, items)
        return
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(processes, _quiet_worker) as pool:
            for done in pool.imap(_run, items, chunksize=chunk):
                for name, level, message in done.records:
                    logging.getLogger(name).log(level, message)
                if done.error is not None:
                    raise done.error
                yield done.value
    finally:
        _JOB = None
