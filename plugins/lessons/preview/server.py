"""A small threaded HTTP server on 127.0.0.1 for the last good build, with its problems.

Unlike `mkdocs serve`, a request never waits for a build: it gets the last good build (with
a banner while there are problems) or, before any build succeeded, the error page.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from . import pages

mimetypes.add_type("application/wasm", ".wasm")  # pagefind's search; not in every mime table
_UTF8 = ("text/", "application/json", "application/xml", "application/javascript",
         "image/svg+xml", "application/manifest+json")  # the build writes these in UTF-8


@dataclass(frozen=True)
class Status:
    root: Path | None = None  # the last good build; None until one succeeds
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # why the last build failed, when it did
    epoch: int = 0  # counts builds, good or failed; the pages reload when it changes


class Preview:
    """The status the server shows; the build loop replaces it after every build."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status = Status()

    @property
    def status(self) -> Status:
        with self._lock:
            return self._status

    def built(self, root: Path, problems: list[str]) -> None:
        with self._lock:
            self._status = Status(root, problems, None, self._status.epoch + 1)

    def failed(self, error: str, problems: list[str]) -> None:
        with self._lock:
            self._status = Status(self._status.root, problems, error, self._status.epoch + 1)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # a browser's open connection never keeps the process alive
    allow_reuse_address = True  # a restart right after a stop gets the same port

    def __init__(self, port: int, preview: Preview, *, host: str = "127.0.0.1"):
        self.preview = preview
        super().__init__((host, port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.0"

    def do_HEAD(self) -> None:  # noqa: N802 (the name http.server calls)
        self._respond(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._respond(body=True)

    def _respond(self, *, body: bool) -> None:
        status = self.server.preview.status
        path = unquote(urlsplit(self.path).path)
        if path == pages.EPOCH_PATH:
            return self._send(200, "text/plain", str(status.epoch).encode(), body)
        if status.root is None:
            page = pages.error_page(status.problems, status.error, status.epoch)
            return self._send(503, "text/html; charset=utf-8", page.encode(), body)
        relative = posixpath.normpath("/" + path).lstrip("/")  # no way out of the site
        if "\x00" in relative:
            return self._send(404, "text/plain; charset=utf-8", b"Niet gevonden", body)
        file = status.root / relative if relative not in ("", ".") else status.root
        if file.is_dir():
            if not path.endswith("/"):
                return self._redirect(quote(path) + "/")
            file = file / "index.html"
        code = 200
        if not file.is_file():
            code, file = 404, status.root / "404.html"
        try:
            content = file.read_bytes()
        except OSError:  # no 404 page, or the build was swapped away meanwhile
            return self._send(404, "text/plain; charset=utf-8", b"Niet gevonden", body)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            content = pages.decorate(content, status.problems, status.error, status.epoch)
        if kind.startswith(_UTF8):
            kind += "; charset=utf-8"
        self._send(code, kind, content, body)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, code: int, kind: str, content: bytes, body: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(content)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # Only failures are worth a line in the editor's terminal.
        if str(getattr(code, "value", code)).startswith(("4", "5")):
            super().log_request(code, size)
