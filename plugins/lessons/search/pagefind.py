"""A synchronous client for pagefind's service mode, fed while pages are rendered.

pagefind's own Python wrapper polls its pipe every 100 ms per response, which makes
5,000 pages take minutes. The protocol itself is small (base64 JSON, comma-separated),
so we speak it directly: requests are pipelined without waiting, a reader thread
collects the answers, and the pagefind process indexes on the second core while the
main process renders the next page.

The index files are not written by pagefind but by us. pagefind's `WriteFiles` answers
as soon as its writes are *queued* (tokio's `File::write_all` without a flush; pagefind
issue #1271, fixed upstream after 1.5.2), and closing its stdin ends the process at once
(`std::process::exit` on EOF), so writes still in flight were lost: about one build in
twenty had an empty `pagefind-entry.json` or a file cut at a 4 KiB boundary. Instead we
ask for the files in memory (`GetFiles`, what pagefind's Python and Node APIs call
get_files), write them into a fresh folder beside the target, check the folder against
what we received and against what the index names (check_written), and only then move
it into place. When `write` returns, the index is whole; otherwise it raises.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import subprocess
import threading
import zlib
from pathlib import Path, PurePosixPath
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

    def __init__(self, config: dict[str, Any] | None = None, binary: Path | None = None,
                 own_session: bool = False):
        # own_session: Ctrl-C in the terminal does not reach it (a preview's background
        # index, stopped by its owner); it ends when its input closes, as ever.
        self._proc = subprocess.Popen([str(binary or executable()), "--service"],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, start_new_session=own_session)
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
        self._finisher: threading.Thread | None = None
        self._finished: dict[str, bytes] | SearchIndexError = {}

    def add_html(self, url: str, html: str) -> None:
        """Queue one rendered page; pagefind parses its data-pagefind-* attributes."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                    "file_path": None, "file_contents": html}, wait=False)
        self.pages += 1

    def files(self) -> dict[str, bytes]:
        """The finished index, file path (relative, '/'-separated) to contents."""
        answer = self._call({"type": "GetFiles", "index_id": self._index_id})
        if self._errors:
            raise SearchIndexError("; ".join(self._errors[:5]))
        try:
            return {item["path"]: base64.b64decode(item["content"], validate=True)
                    for item in answer["files"]}
        except (KeyError, TypeError, ValueError) as err:
            raise SearchIndexError(f"pagefind sent an unreadable index ({err!r})") from None

    def finish_early(self) -> None:
        """Every page is in: let pagefind build the index now, on a thread of its own,
        while the rest of the site is written (`write` takes the result)."""
        def finish() -> None:
            try:
                self._finished = self.files()
            except SearchIndexError as err:
                self._finished = err
        self._finisher = threading.Thread(target=finish, name="pagefind", daemon=True)
        self._finisher.start()

    def write(self, output_path: Path) -> None:
        """Write the whole index to output_path (replacing it) and stop the service;
        raise if any page was refused or the index is not whole on disk."""
        try:
            if self._finisher is None:
                files = self.files()
            else:
                self._finisher.join()
                if isinstance(self._finished, SearchIndexError):
                    raise self._finished
                files = self._finished
        finally:
            self.close()
        write_files(files, output_path)

    def close(self) -> None:
        """Stop the service. Nothing it holds is needed any more: the files are ours."""
        if self._proc.poll() is None:
            self._proc.stdin.close()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

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
        # A GetFiles answer is the whole index in one message (megabytes at 5,000
        # pages): keep the pieces of an unfinished message in a list and join them
        # once, so reading it stays linear in its size.
        pending: list[bytes] = []
        stream = self._proc.stdout
        while chunk := stream.read1(1 << 20):
            *complete, rest = chunk.split(b",")
            if complete:
                complete[0] = b"".join([*pending, complete[0]])
                pending = []
                for raw in complete:
                    if raw.strip():
                        self._deliver(json.loads(base64.b64decode(raw)))
            pending.append(rest)
        with self._cond:
            self._cond.notify_all()

    def _deliver(self, answer: dict) -> None:
        payload = answer.get("payload", {})
        with self._cond:
            message_id = answer.get("message_id")
            if message_id in self._awaited:
                self._awaited.discard(message_id)
                self._answers[message_id] = payload
            elif payload.get("type") == "Error":
                self._errors.append(payload.get("message", ""))
            self._cond.notify_all()


def write_files(files: dict[str, bytes], output_path: Path) -> None:
    """Put the index in place whole or not at all: write it into a fresh folder next to
    output_path, check it, then swap it in. A build never leaves a half-written index,
    and no file of an earlier build survives in it. The two folders beside it have fixed
    names, so one left by a build that was killed is removed by the next (MkDocs' clean
    build keeps hidden entries of site_dir)."""
    staging = output_path.with_name(f".{output_path.name}.new")
    retired = output_path.with_name(f".{output_path.name}.old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        for relative, content in files.items():
            target = staging / _safe_relative(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)  # returns once the bytes are with the kernel
        short = [name for name, content in files.items()
                 if (staging / name).stat().st_size != len(content)]
        if short:
            raise SearchIndexError(f"{output_path}: {', '.join(sorted(short)[:5])} written "
                                   "short; is the disk full?")
        check_written(staging, shown_as=output_path)
        if output_path.exists():
            output_path.rename(retired)
        staging.rename(output_path)
    except OSError as err:
        raise SearchIndexError(f"{output_path}: could not write the search index "
                               f"({err.strerror or err})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)


def _safe_relative(name: str) -> PurePosixPath:
    """pagefind names its files relative to the index folder; never follow one out."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise SearchIndexError(f"pagefind named an index file outside its folder: {name!r}")
    return path


def check_written(folder: Path, shown_as: Path | None = None) -> None:
    """Refuse an index that would load but fail searches: the entry file, the scripts,
    and every file the entry and each language's metadata name (fragments, word index
    chunks, filters) must be present, and every compressed one must unpack whole (a
    file cut short does not)."""
    shown = shown_as or folder
    entry = folder / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        wanted = ["pagefind.js", "pagefind-worker.js"]
        metas = []
        for info in languages.values():
            metas.append((f"pagefind.{info['hash']}.pf_meta", info.get("page_count")))
            wanted += [metas[-1][0], f"wasm.{info.get('wasm') or 'unknown'}.pagefind"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise SearchIndexError(f"{shown / entry.name} is missing or incomplete ({err!r}); "
                               "the search index was not written whole: build again") from None
    for meta, page_count in metas:
        if (folder / meta).is_file():
            named = _named_by_meta(folder / meta, shown / meta)
            if page_count is not None and len(named.fragments) != page_count:
                raise SearchIndexError(f"{shown / meta}: names {len(named.fragments)} pages, "
                                       f"the entry file {page_count}; build again")
            wanted += named.all()
    missing = [name for name in wanted if not (folder / name).is_file()]
    if missing:
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise SearchIndexError(f"the search index in {shown} lacks {', '.join(missing[:5])}"
                               f"{more}; build again")
    broken = [name for name in wanted if not _unpacks(folder / name)]
    if broken:
        raise SearchIndexError(f"the search index in {shown} has files cut short: "
                               f"{', '.join(broken[:5])}; build again")


def _unpacks(path: Path) -> bool:
    data = path.read_bytes()
    if data[:2] != b"\x1f\x8b":  # the scripts and the entry file are not compressed
        return bool(data)
    try:
        gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return False
    return True


class _MetaNames:
    def __init__(self, fragments: list[str], chunks: list[str], filters: list[str]):
        self.fragments, self.chunks, self.filters = fragments, chunks, filters

    def all(self) -> list[str]:
        return ([f"fragment/{h}.pf_fragment" for h in self.fragments]
                + [f"index/{h}.pf_index" for h in self.chunks]
                + [f"filter/{h}.pf_filter" for h in self.filters])


def _named_by_meta(path: Path, shown: Path) -> _MetaNames:
    """The files a language's metadata names. The .pf_meta file is gzipped CBOR after a
    'pagefind_dcd' marker: [version, pages, word index chunks, filters, ...], where a
    page is [hash, word count] (a bare hash before 1.0), a chunk [from, to, hash] and a
    filter [name, hash]. A layout this does not know is refused rather than waved
    through: check pagefind's version against pyproject.toml."""
    try:
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(b"pagefind_dcd"):
            raise ValueError("no pagefind_dcd marker")
        meta, _ = _cbor(data, len(b"pagefind_dcd"))
        pages, chunks = meta[1], meta[2]
        filters = meta[3] if len(meta) > 3 else []
        names = _MetaNames([page if isinstance(page, str) else page[0] for page in pages],
                           [chunk[2] for chunk in chunks],
                           [item[1] for item in filters])
        if not all(isinstance(h, str) and h and "/" not in h and ".." not in h
                   for h in names.fragments + names.chunks + names.filters):
            raise ValueError("a file hash is not a plain name")
    except (OSError, EOFError, zlib.error, ValueError, IndexError, KeyError,
            TypeError) as err:
        raise SearchIndexError(f"{shown}: unreadable or of an unknown layout ({err!r}); "
                               "build again, or check the pagefind version") from None
    return names


def _cbor(data: bytes, pos: int) -> tuple[Any, int]:
    """Just enough CBOR (RFC 8949) for pagefind's metadata: integers, strings, arrays
    and maps of definite length. Returns the item and the position after it."""
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"CBOR item {head:#04x} at {pos - 1} is not supported")
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major in (2, 3):
        raw = data[pos:pos + value]
        if len(raw) != value:
            raise ValueError("CBOR string runs past the end")
        return (raw.decode("utf-8") if major == 3 else raw), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _cbor(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, pos = _cbor(data, pos)
            value_item, pos = _cbor(data, pos)
            mapping[key if isinstance(key, (str, int)) else repr(key)] = value_item
        return mapping, pos
    if major == 7:
        return value, pos  # simple values (false, true, null); floats are not used
    raise ValueError(f"CBOR major type {major} at {pos - 1} is not supported")
