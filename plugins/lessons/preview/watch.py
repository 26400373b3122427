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
    """Remembers the last snapshot; `changed()` says which files differ from it."""

    def __init__(self, paths: Iterable[Path]):
        self.paths = list(paths)
        self.last = snapshot(self.paths)

    def watch(self, paths: Iterable[Path]) -> None:
        """Watch other paths from now on (mkdocs.yml may name other folders). The last
        snapshot is kept, so a change made during the build that named them is not lost."""
        paths = list(paths)
        # Files under paths watched from now on are not changes; changes under the paths
        # watched before are kept.
        self.last.update(snapshot(set(paths) - set(self.paths)))
        self.paths = paths

    def changed(self) -> set[Path]:
        """The files added, removed or modified since the last call (empty: none)."""
        now = snapshot(self.paths)
        if now == self.last:
            return set()
        changed = {Path(p) for p in now.keys() ^ self.last.keys()}
        changed |= {Path(p) for p, stamp in now.items() if self.last.get(p, stamp) != stamp}
        self.last = now
        return changed
