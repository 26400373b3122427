"""How long an editor waits in `lessons serve` between saving a file and seeing it.

Treats the preview server as a black box: it must serve the site on 127.0.0.1:<port>
and rebuild (all of it or only what changed) after a file under docs_dir changes. The
clock starts just before the file is written and stops at the first answer that shows
the change; pages are fetched every 50 ms. Measured: a saved document (three times, each
a different document), a new document, a deleted one and a changed vocabulary.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import tree_memory_mb  # noqa: E402

POLL = 0.05
BUILT = "gebouwd in"  # what `lessons serve` says on stderr after every good build


@dataclass
class PreviewResult:
    first_build_s: float | None = None  # start of the server until the site is served
    saved_s: list[float] = field(default_factory=list)  # one per saved document
    new_s: float | None = None
    deleted_s: float | None = None
    vocabulary_s: float | None = None
    peak_mb: float = 0.0  # the server's process tree, sampled while measuring
    stopped_cleanly: bool = False  # ended by SIGTERM alone, within the grace period
    stop_s: float | None = None  # from SIGTERM until the server had ended
    error: str | None = None  # why a measurement could not be completed
    log: str = ""  # where the server's output was written

    @property
    def saved_median_s(self) -> float | None:
        return statistics.median(self.saved_s) if self.saved_s else None

    @property
    def saved_max_s(self) -> float | None:
        return max(self.saved_s) if self.saved_s else None

    def as_json(self) -> dict:
        return {**asdict(self), "saved_median_s": self.saved_median_s,
                "saved_max_s": self.saved_max_s}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """Status and body of one GET; redirects are answers of their own, not followed."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""  # not listening (yet), or the connection dropped


class Server:
    """One `lessons serve` process with its stderr collected; stopped with SIGTERM."""

    def __init__(self, cmd: list[str], env: dict, log: Path):
        self.log = log.open("w", encoding="utf-8")
        self.lines: list[str] = []
        # A session of its own: whatever the server starts can be found and ended with it.
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.PIPE,
                                     text=True, start_new_session=True)
        self.peak_mb, self.stop_s = 0.0, 0.0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._sample, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            self.log.write(line)
            self.log.flush()

    def _sample(self) -> None:
        while self.proc.poll() is None:
            self.peak_mb = max(self.peak_mb, tree_memory_mb(self.proc.pid))
            time.sleep(0.2)

    def builds(self) -> int:
        return sum(BUILT in line for line in list(self.lines))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 120.0) -> bool:
        """SIGTERM, then wait; True when the server and all it started ended by that alone.
        The grace is long: today's server removes its builds (hundreds of MB) on the way out."""
        clean, start = True, time.perf_counter()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                clean = False
        self.stop_s = time.perf_counter() - start
        try:  # anything left in its process group (workers, the server itself)
            os.killpg(self.proc.pid, signal.SIGKILL)
            clean = False if self.proc.poll() is None else clean
        except ProcessLookupError:
            pass
        self.proc.wait()
        self.log.close()
        return clean and self.proc.returncode in (0, -signal.SIGTERM, 143)


def wait_for(condition: Callable[[], bool], server: Server, timeout: float) -> float | None:
    """Seconds until condition() held, polling every 50 ms; None on timeout or a dead server."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        if not server.alive():
            return None
        time.sleep(POLL)
    return None


def _timed(action: Callable[[], None], condition: Callable[[], bool], server: Server,
           timeout: float) -> float | None:
    start = time.perf_counter()
    action()
    waited = wait_for(condition, server, timeout)
    return None if waited is None else time.perf_counter() - start


def _marker() -> str:
    # One word that Markdown, the sanitizer and the theme leave as it is.
    return "merkteken" + secrets.token_hex(6)


def add_to_body(path: Path, words: str) -> None:
    """Append words to the first paragraph of a document's body (not its front matter)."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.strip() and not line.startswith(("#", "-", "*", ">", "|")):
            lines[i] = line.rstrip() + " " + words
            break
    else:
        lines.append(words)
    path.write_text("---\n" + front + "---\n" + "\n".join(lines), encoding="utf-8")


def new_document_text(model: Path, new_id: str, marker: str) -> str:
    """A document like `model` with its own id and title and no lessons (whose ids would
    clash with the model's)."""
    _, front, body = model.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(id=new_id, title=f"Nieuw document {marker}", lessons=[])
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
            + body)


def document_id(path: Path) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])["id"]


def measure_preview(serve: list[str], env: dict, docs: Path, documents: list[Path],
                    new_document: Path, deleted: Path, log: Path,
                    timeout: float, say: Callable[[str], None]) -> PreviewResult:
    """`serve` is the command without --port; documents are the three to save; the new
    document is written from scratch (its folder must exist); deleted must be a document
    no other links to."""
    result = PreviewResult(log=str(log))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(serve + ["--port", str(port)], env, log)
    try:
        def served() -> bool:
            return server.builds() >= 1 and fetch(base + "/")[0] == 200

        result.first_build_s = wait_for(served, server, timeout)
        if result.first_build_s is None:
            result.error = f"the server did not serve the site within {timeout:.0f} s"
            return result
        say(f"  preview: site served after {result.first_build_s:.1f} s")

        for path in documents:
            marker, url = _marker(), f"{base}/documenten/{document_id(path)}/"
            took = _timed(lambda p=path, m=marker: add_to_body(p, m),
                          lambda u=url, m=marker: m in fetch(u)[1], server, timeout)
            if took is None:
                result.error = f"{url} did not show the saved change within {timeout:.0f} s"
                return result
            result.saved_s.append(took)
            say(f"  preview: saved {path.name}, visible after {took:.2f} s")

        marker = _marker()
        new_id = f"bench-nieuw-{marker}"
        text = new_document_text(documents[0], new_id, marker)
        url = f"{base}/documenten/{new_id}/"
        result.new_s = _timed(lambda: new_document.write_text(text, encoding="utf-8"),
                              lambda: fetch(url)[0] == 200, server, timeout)
        if result.new_s is None:
            result.error = f"the new document's page {url} did not answer within {timeout:.0f} s"
            return result
        say(f"  preview: new document served after {result.new_s:.2f} s")

        url = f"{base}/documenten/{document_id(deleted)}/"
        if fetch(url)[0] != 200:
            result.error = f"{url} did not answer before its document was deleted"
            return result

        def gone() -> bool:
            status, body = fetch(url)
            return status in (301, 302, 303, 307, 308, 404, 410) or (
                status == 200 and 'http-equiv="refresh"' in body)

        result.deleted_s = _timed(deleted.unlink, gone, server, timeout)
        if result.deleted_s is None:
            result.error = f"{url} still answered within {timeout:.0f} s of its deletion"
            return result
        say(f"  preview: deleted document gone after {result.deleted_s:.2f} s")

        # A new theme: every theme has a page of its own (/themas/<key>/), so it shows.
        key = "benchthema-" + secrets.token_hex(4)
        label = f"Benchthema {key[-8:]}"
        themes = docs / "vocabularies" / "themes.yml"
        entry = f"\n{key}:\n  label: {label}\n  description: Toegevoegd door de benchmark.\n"
        url = f"{base}/themas/{key}/"
        result.vocabulary_s = _timed(
            lambda: themes.write_text(themes.read_text(encoding="utf-8") + entry,
                                      encoding="utf-8"),
            lambda: label in fetch(url)[1], server, timeout)
        if result.vocabulary_s is None:
            result.error = f"{url} did not show the new theme within {timeout:.0f} s"
            return result
        say(f"  preview: vocabulary change visible after {result.vocabulary_s:.2f} s")
        return result
    finally:
        result.peak_mb = server.peak_mb
        result.stopped_cleanly = server.stop()
        result.stop_s = server.stop_s
        if not result.stopped_cleanly:
            say("  preview: the server did not stop on SIGTERM alone; it was killed")
