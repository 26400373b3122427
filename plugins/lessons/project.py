"""Where the project is (the folder with mkdocs.yml, its docs dir) and what a command reads.

`lessons check` takes files and folders, relative or absolute, from any working directory;
this module turns them into documents named relative to the docs dir, as the build names
them. Which files are documents is decided in one place, `is_document`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

CONFIG = "mkdocs.yml"
DOCUMENTS_DIR = "documenten"  # relative to the docs dir, as the plugin's documents_dir
VOCABULARIES_DIR = "vocabularies"


class PathError(Exception):
    """A path the editor gave cannot be checked; the message says why."""


def is_document(relative: str) -> bool:
    """Whether a file (relative to the docs dir) is a document the build validates."""
    path = PurePosixPath(relative)
    return path.suffix == ".md" and path.parts[:1] == (DOCUMENTS_DIR,)


@dataclass(frozen=True)
class Selection:
    sources: list[tuple[str, Path]]  # (path relative to the docs dir, file)
    skipped: list[str]  # files given by name that are not documents
    whole: bool  # every document of the project is in it


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path

    @property
    def documents(self) -> Path:
        return self.docs_dir / DOCUMENTS_DIR

    @property
    def vocabularies(self) -> Path:
        return self.docs_dir / VOCABULARIES_DIR

    def show(self, path: str | Path) -> str:
        """A location as the editor finds it from the project root: content/documenten/x.md.
        Paths relative to the docs dir (as problems name them) get the docs dir in front."""
        path = Path(path)
        full = path if path.is_absolute() else self.docs_dir / path
        return full.relative_to(self.root).as_posix() if full.is_relative_to(self.root) \
            else str(full)

    def select(self, given: list[str], cwd: Path) -> Selection:
        """The documents in the given files and folders (all documents when none are given)."""
        found: dict[str, Path] = {}
        skipped: list[str] = []
        whole = not given
        for text in given or [str(self.documents)]:
            path = _absolute(text, cwd)
            if not path.exists():
                raise PathError(f"{text} does not exist")
            if not path.is_relative_to(self.root):
                raise PathError(f"{text} is outside the project in {self.root}; give files "
                                f"or folders under {self.show(self.docs_dir)}/")
            if path.is_dir() and self.docs_dir.is_relative_to(path):
                path, whole = self.docs_dir, True
            if not path.is_relative_to(self.docs_dir):
                raise PathError(f"{text} is not under {self.show(self.docs_dir)}/; documents "
                                f"are in {self.show(self.documents)}/")
            if path.is_dir():
                whole = whole or self.documents.is_relative_to(path)
                for file in sorted(path.rglob("*.md")):
                    relative = file.relative_to(self.docs_dir).as_posix()
                    if file.is_file() and is_document(relative):
                        found[relative] = file
            else:
                relative = path.relative_to(self.docs_dir).as_posix()
                if is_document(relative):
                    found[relative] = path
                else:
                    skipped.append(self.show(path))
        return Selection(sorted(found.items()), skipped, whole)


def find(given: list[str], cwd: Path) -> Project:
    """The project of the given paths (the nearest folder upwards with mkdocs.yml), or of
    the working directory when no path is given or none lies in a project."""
    roots = {root for text in given if (root := _root_of(_absolute(text, cwd))) is not None}
    if len(roots) > 1:
        raise PathError(f"the paths belong to different projects ({', '.join(map(str, roots))});"
                        f" check one project at a time")
    root = roots.pop() if roots else _root_of(cwd)
    if root is None:
        raise PathError(f"no {CONFIG} in {cwd} or above: run this inside the project, or "
                        f"give a path in it")
    return Project(root, root / _docs_dir_name(root / CONFIG))


def config_file(cwd: Path) -> Path | None:
    """The mkdocs.yml of the project the working directory is in (not read)."""
    root = _root_of(cwd)
    return root / CONFIG if root else None


def _absolute(text: str, cwd: Path) -> Path:
    # abspath, not resolve(): '..' is folded, but a symbolic link stays what it is.
    return Path(os.path.abspath(cwd / Path(text).expanduser()))


def _root_of(path: Path) -> Path | None:
    for folder in (path, *path.parents):
        if (folder / CONFIG).is_file():
            return folder
    return None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for docs_dir only: MkDocs' own tags (!ENV, !!python/name) are
    left unresolved instead of refused."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def _docs_dir_name(config: Path) -> str:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise PathError(f"{config}: cannot be read: {err}") from None
    value = data.get("docs_dir") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else "docs"  # MkDocs' default
