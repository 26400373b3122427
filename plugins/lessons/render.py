"""Markdown to HTML outside a site build, with the site's own Markdown configuration.

`lessons check` must judge a body as the build would publish it, so it renders the body
with the same extensions (read from mkdocs.yml by the command line) and applies the same
sanitizer. Links are not rewritten as MkDocs does; that changes addresses between pages,
never what the sanitizer allows.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import markdown

from .normalize.redactions import mark_up

# Python-Markdown is quadratic on some text no one writes on purpose; complexity.py
# refuses the shapes we know before rendering. Anything else slow is stopped here.
TIME_LIMIT = 5.0  # seconds for one body; a 1 MB ordinary body takes about 1.3 s


class RenderTimeout(Exception):
    pass


# What stops a conversion: too deep for Python's stack, an address urllib cannot parse,
# too slow. Each becomes a problem of the body, never a traceback or a hang.
RENDER_FAILURES = (RecursionError, ValueError, RenderTimeout)


def failure_message(err: BaseException) -> str:
    if isinstance(err, RenderTimeout):
        return (f"Markdown {err} to convert this text: look for a long run of the same "
                f"characters (brackets, backticks, '>' or backslashes) and break it up")
    if isinstance(err, RecursionError):
        return "is nested too deeply to convert: nest lists, quotes and emphasis less deep"
    return f"cannot be converted ({str(err)[:80]}); look for a malformed address"


@contextlib.contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Raise RenderTimeout in the block after `seconds`. Python code is interrupted
    between two bytecodes; only the main thread can take the signal, so elsewhere (a
    server's build thread) the block runs without a limit."""
    seconds = TIME_LIMIT if seconds is None else seconds
    usable = (hasattr(signal, "setitimer") and seconds > 0
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise RenderTimeout(f"took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class BodyRenderer:
    def __init__(self, extensions: Sequence[Any] = (), configs: Mapping[str, Any] | None = None):
        self._md = markdown.Markdown(extensions=list(extensions),
                                     extension_configs=dict(configs or {}))

    def html(self, body: str) -> str:
        """The HTML of one document body, redaction marks included, as the build makes it."""
        self._md.reset()
        with time_limit():
            return self._md.convert(mark_up(body))
