"""Where the project is (the folder with mkdocs.yml, its docs dir) and what a command reads.

`lessons check` takes files and folders, relative or absolute, from any working directory;
this module turns them into paths relative to the docs dir, as the build names them.
Which files are documents, pages or refused is the inventory's answer (inventory.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG = "mkdocs.yml"
DOCUMENTS_DIR = "documenten"  # relative to the docs dir, as the plugin's documents_dir
VOCABULARIES_DIR = "vocabularies"


class PathError(Exception):
    """A path the editor gave cannot be checked; the message says why."""


@dataclass(frozen=True)
class Selection:
    only: list[str] | None  # files and folders relative to the docs dir; None: all of it
    whole: bool  # every document of the project is in it (so the manifest is checked too)


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
        """The given files and folders, relative to the docs dir (all of it when none are
        given). What each file is (document, page, asset, refused) is the inventory's
        answer, the same the build gets."""
        only: list[str] = []
        whole = not given
        for text in given:
            path = _absolute(text, cwd)
            if not path.exists() and not path.is_symlink():
                raise PathError(f"{text} does not exist")
            if not path.is_relative_to(self.root):
                raise PathError(f"{text} is outside the project in {self.root}; give files "
                                f"or folders under {self.show(self.docs_dir)}/")
            if path.is_dir() and self.docs_dir.is_relative_to(path):
                return Selection(None, True)
            if not path.is_relative_to(self.docs_dir):
                raise PathError(f"{text} is not under {self.show(self.docs_dir)}/; documents "
                                f"are in {self.show(self.documents)}/")
            whole = whole or (path.is_dir() and self.documents.is_relative_to(path))
            only.append(path.relative_to(self.docs_dir).as_posix())
        return Selection(None if not given else only, whole)


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


def read_config(config: Path) -> dict:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise PathError(f"{config}: cannot be read: {err}") from None
    return data if isinstance(data, dict) else {}


def _docs_dir_name(config: Path) -> str:
    value = read_config(config).get("docs_dir")
    return value if isinstance(value, str) and value else "docs"  # MkDocs' default


# MkDocs always adds these to the configured ones (mkdocs/config/defaults.py).
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


def markdown_extensions(config: Path) -> tuple[list, dict]:
    """(extension names, their options) as MkDocs passes them to Python-Markdown."""
    names, options = list(MKDOCS_EXTENSIONS), {}
    for item in read_config(config).get("markdown_extensions") or []:
        if isinstance(item, str):
            name, opts = item, None
        elif isinstance(item, dict) and len(item) == 1:
            name, opts = next(iter(item.items()))
        else:
            continue
        if name not in names:
            names.append(name)
        if isinstance(opts, dict):
            options[name] = opts
    return names, options
