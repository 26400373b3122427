"""A synchronous client for pagefind's service mode, fed while pages are rendered.

pagefind's own Python wrapper polls its pipe every 100 ms per response, which makes
5,000 pages take minutes. The protocol itself is small (base64 JSON, comma-separated),
so we speak it directly: requests are pipelined without waiting, a reader thread
collects the answers, and the pagefind process indexes on the second core while the
main process renders the next page.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path
from typing import Any


class SearchIndexError(Exception):
    pass


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("pagefind is not installed: run `make site` (it installs "
                               "the project's dependencies)") from None
    return Path(get_executable())


class PagefindIndex:
    """One in-memory pagefind index in a pagefind service process."""

    def __init__(self, config: dict[str, Any] | None = None, binary: Path | None = None):
        self._proc = subprocess.Popen([str(binary or executable()), "--service"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._awaited: set[int] = set()
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        answer = self._call({"type": "NewIndex", "config": config or {}})
        self._index_id = answer["index_id"]
        self.pages = 0

    def add_html(self, url: str, html: str) -> None:
        """Queue one rendered page; pagefind parses its data-pagefind-* attributes."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                    "file_path": None, "file_contents": html}, wait=False)
        self.pages += 1

    def write(self, output_path: Path) -> None:
        """Write the index and stop the service; raise if any page was refused."""
        try:
            self._call({"type": "WriteFiles", "index_id": self._index_id,
                        "output_path": str(output_path)})
            if self._errors:
                raise SearchIndexError("; ".join(self._errors[:5]))
        finally:
            self.close()
        _check_written(output_path)

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.stdin.close()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()

    def _call(self, payload: dict) -> dict:
        message_id = self._send(payload, wait=True)
        with self._cond:
            while message_id not in self._answers:
                if not self._cond.wait(timeout=600):
                    raise SearchIndexError("pagefind did not answer within 10 minutes")
                if self._proc.poll() is not None and message_id not in self._answers:
                    raise SearchIndexError(f"pagefind stopped (exit {self._proc.returncode})")
            answer = self._answers.pop(message_id)
        if answer.get("type") == "Error":
            raise SearchIndexError(answer.get("message", "unknown pagefind error"))
        return answer

    def _send(self, payload: dict, wait: bool) -> int:
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        if wait:
            with self._cond:
                self._awaited.add(self._next_id)
        data = base64.b64encode(json.dumps(message).encode("utf-8")) + b","
        try:
            self._proc.stdin.write(data)
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise SearchIndexError(f"pagefind stopped (exit {self._proc.poll()})") from None
        return self._next_id

    def _read(self) -> None:
        buffer = b""
        stream = self._proc.stdout
        while chunk := stream.read1(1 << 16):
            buffer += chunk
            *complete, buffer = buffer.split(b",")
            for raw in complete:
                if not raw.strip():
                    continue
                answer = json.loads(base64.b64decode(raw))
                payload = answer.get("payload", {})
                with self._cond:
                    message_id = answer.get("message_id")
                    if message_id in self._awaited:
                        self._awaited.discard(message_id)
                        self._answers[message_id] = payload
                    elif payload.get("type") == "Error":
                        self._errors.append(payload.get("message", ""))
                    self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()


def _check_written(output_path: Path) -> None:
    """A site whose search index is cut short loads, but every search fails: refuse it.
    (Seen once: an empty pagefind-entry.json and no pagefind.js after a build.)"""
    entry = output_path / "pagefind-entry.json"
    try:
        expected = ["pagefind.js", "pagefind-worker.js"]
        for index in json.loads(entry.read_text(encoding="utf-8"))["languages"].values():
            expected += [f"pagefind.{index['hash']}.pf_meta",
                         f"wasm.{index.get('wasm') or 'unknown'}.pagefind"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise SearchIndexError(f"{entry} is missing or incomplete ({err!r}); "
                               "build again") from None
    missing = [name for name in expected if not (output_path / name).is_file()]
    if missing:
        raise SearchIndexError(f"the search index in {output_path} lacks {', '.join(missing)}; "
                               "build again")
