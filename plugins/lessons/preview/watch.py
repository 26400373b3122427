"""Notice changed files by polling modification times: no extra dependency, and it works
the same on network drives and in containers, where file-system events often do not."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime in ns, size)


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Modification time and size of every file under the paths (files or folders)."""
    found: Snapshot = {}
    for path in paths:
        if path.is_file():
            _stat(str(path), found)
        for folder, dirs, files in os.walk(path):
            # Editors' swap and backup files (.x.swp, .#x) and hidden folders are not content.
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith((".", "#")) and not name.endswith("~"):
                    _stat(os.path.join(folder, name), found)
    return found


def _stat(path: str, found: Snapshot) -> None:
    try:
        stat = os.stat(path)
    except OSError:  # removed between listing and stat
        return
    found[path] = (stat.st_mtime_ns, stat.st_size)


class Watcher:
    """Remembers the last snapshot; `changed()` says whether anything differs from it."""

    def __init__(self, paths: Iterable[Path]):
        self.paths = list(paths)
        self.last = snapshot(self.paths)

    def watch(self, paths: Iterable[Path]) -> None:
        """Watch other paths from now on (mkdocs.yml may name other folders). The last
        snapshot is kept, so a change made during the build that named them is not lost."""
        self.paths = list(paths)

    def changed(self) -> bool:
        now = snapshot(self.paths)
        if now == self.last:
            return False
        self.last = now
        return True
