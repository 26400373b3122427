"""Build, serve, watch, rebuild: the preview's main loop, until Ctrl-C or SIGTERM.

Every build goes to a fresh folder; only a build that succeeded replaces the one being
served, so a visitor never sees a half-written site. On stop, the server is shut down and
its port closed before the process ends, so the next `lessons serve` can take it at once.
"""

from __future__ import annotations

import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .server import Preview, PreviewServer
from .watch import Watcher


@dataclass
class BuildResult:
    problems: list[str] = field(default_factory=list)  # `path:line: field: message` lines
    error: str | None = None  # why the build failed; None when it succeeded
    watch: list[Path] = field(default_factory=list)  # what the next build depends on
    # An update shows the changed pages first; this makes the rest (listings, search).
    then: Callable[[], None] | None = None


Build = Callable[[Path], BuildResult]  # builds the site into the given folder
# An update of the served site after files changed; None when only a build can show it.
Update = Callable[[set[Path], Path], BuildResult | None]


class _Builds:
    def __init__(self, build: Build, preview: Preview, scratch: Path):
        self.build, self.preview, self.scratch, self.count = build, preview, scratch, 0

    def next(self, changed: set[Path] | None = None) -> BuildResult:
        """Update the served site when the build can (a saved document), else build anew."""
        update: Update | None = getattr(self.build, "update", None)
        status = self.preview.status
        if changed and update is not None and status.root is not None and status.error is None:
            started = time.monotonic()
            result = update(changed, status.root)
            if result is not None:
                self.preview.built(status.root, result.problems)
                _say(f"bijgewerkt in {time.monotonic() - started:.1f} s")
                if result.then is not None:
                    result.then()
                    self.preview.built(status.root, result.problems)
                    _say(f"overzichten bijgewerkt na {time.monotonic() - started:.1f} s; "
                         f"de zoekindex volgt")
                return result
        self.count += 1
        site = self.scratch / f"build-{self.count}"
        started = time.monotonic()
        result = self.build(site)
        took = f"{time.monotonic() - started:.1f} s"
        if result.error is None:
            self.preview.built(site, result.problems)
            # Keep the one before for requests in flight. Removing thousands of files
            # takes seconds: on a thread of its own, so the next save is not kept waiting.
            old = [p for p in self.scratch.iterdir()
                   if p.name not in (site.name, f"build-{self.count - 1}")]
            threading.Thread(target=_remove, args=(old,), name="lessons-serve-cleanup",
                             daemon=True).start()
            count = len(result.problems)
            _say(f"gebouwd in {took}" + ("" if not count else "; 1 probleem, zie de banner"
                                         if count == 1 else f"; {count} problemen, zie de banner"))
        else:
            self.preview.failed(result.error, result.problems)
            shutil.rmtree(site, ignore_errors=True)
            shown = ("de vorige versie blijft zichtbaar" if self.preview.status.root
                     else "de voorvertoning toont de fout")
            _say(f"de build is mislukt ({took}); {shown}: {result.error}")
        return result


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _say(message: str) -> None:
    print(f"lessons serve: {message}", file=sys.stderr, flush=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run(build: Build, watch: list[Path], port: int, *, interval: float = 0.3,
        settle: float = 0.2) -> None:
    """Serve on 127.0.0.1:port until stopped. Raises OSError when the port is taken."""
    preview = Preview()
    server = PreviewServer(port, preview)  # binds now: a taken port fails before any build
    scratch = Path(tempfile.mkdtemp(prefix="lessons-serve-"))
    # SIGTERM (a process manager, `kill`) and SIGHUP (the terminal closed) stop it like Ctrl-C.
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, _interrupt) for sig in stops}
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="lessons-serve", daemon=True)
    thread.start()
    _say(f"voorvertoning op http://127.0.0.1:{port}/ (stoppen: Ctrl-C)")
    try:
        watcher = Watcher(watch)
        builds = _Builds(build, preview, scratch)
        watcher.watch(builds.next().watch or watch)
        while True:
            time.sleep(interval)
            changed = watcher.changed()
            if changed:
                time.sleep(settle)
                while more := watcher.changed():  # an editor may save several files at once
                    changed |= more
                    time.sleep(settle)
                watcher.watch(builds.next(changed).watch or watch)
    except KeyboardInterrupt:
        _say("gestopt")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        shutil.rmtree(scratch, ignore_errors=True)
