"""A cache of rendered document bodies between builds, keyed by what the HTML depends on.

Converting Markdown is about half of a build; most documents do not change between two
builds. An entry holds the HTML, the table of contents and the anchor ids of one body.
The key covers the body, the page's own address and the Markdown configuration, so a
changed extension option or a moved page renders anew. A body with relative links also
keys on where each target is published now; a body with a link that does not resolve, or
one we cannot parse with certainty, is never cached, so MkDocs always sees (and warns
about) broken links.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

# Where a link, image or reference definition starts, and the same with its target.
# Possessive (*+): these run on editor input and must never backtrack.
_OPENER = re.compile(r"""\]\(|\]:|(?:href|src)\s*+=""", re.I)
_TARGET = re.compile(r"""(?:\]\(\s*+<?|\]:[ \t]*+<?|(?:href|src)\s*+=\s*+["']?)([^\s)>"']*+)""",
                     re.I)
_ABSOLUTE = re.compile(r"[a-z][a-z0-9+.-]*:|/", re.I)
VERSION = "1"


@dataclass
class Rendered:
    html: str
    toc: list[dict[str, Any]]
    anchors: list[str]


class RenderCache:
    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.hits = 0
        self.misses = 0

    def key(self, markdown: str, src_uri: str, dest_uri: str,
            resolve: Callable[[str], str | None]) -> str | None:
        """The cache key of one body, or None when it must be rendered every time.

        `resolve` maps a source path (relative to the docs dir) to its published path.
        """
        targets = _TARGET.findall(markdown)
        if len(targets) != len(_OPENER.findall(markdown)):
            return None
        digest = hashlib.sha256()
        for part in (VERSION, self.fingerprint, src_uri, dest_uri, markdown):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        for target in targets:
            try:
                path = urlsplit(target).path
            except ValueError:  # "http://[::1/": not cached; the render reports it
                return None
            if not path or _ABSOLUTE.match(target):
                continue
            resolved = resolve(posixpath.normpath(
                posixpath.join(posixpath.dirname(src_uri), unquote(path))))
            if resolved is None:
                return None
            digest.update(f"{path}->{resolved}\0".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Rendered | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            found = Rendered(data["html"], data["toc"], data["anchors"])
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, rendered: Rendered) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a build stopped halfway never leaves half an entry.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"html": rendered.html, "toc": rendered.toc,
                           "anchors": rendered.anchors}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk costs speed, never the build

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


def fingerprint(*parts: Any) -> str:
    """A stable digest of the Markdown configuration (extensions and their options)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=_stable).encode()).hexdigest()


def _stable(value: Any) -> str:
    # Options may hold functions or extension objects, whose repr carries a memory
    # address that changes every run; their qualified name does not.
    kind = type(value)
    name = getattr(value, "__qualname__", None) or kind.__qualname__
    return f"{getattr(value, '__module__', kind.__module__)}.{name}"
