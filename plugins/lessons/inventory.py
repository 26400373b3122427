"""Every file under the content folder, accounted for: the one answer to "what is published".

MkDocs publishes every file it finds in docs_dir. That is how a draft saved one folder
off, a symbolic link to a host file or a stray export reached the public site without a
word from the checks, which only looked at content/documenten/. Here each file gets one
role, and the build and `lessons check` share the answer:

- document:   a Markdown file under the documents folder (validated with every guard);
- vocabulary: a known vocabulary file under the vocabularies folder (never published);
- page:       a Markdown page of the site's own (home, about, accessibility), outside
              those folders and not shaped like a document; it gets the body guards;
- asset:      a file of an allowed type and size (pictures, PDFs), published as is.

Anything else is a problem naming the file and what to do, and is not published. A
symbolic link is refused wherever it is: it can point anywhere on the machine.
Names starting with "." are skipped, as MkDocs skips them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .model.document import Problem
from .model.source import SourceError, decode, load_yaml, split

VOCABULARY_FILES = ("themes.yml", "stakeholders.yml")
MB = 1024 * 1024
# Suffix -> largest size published. Pictures for bodies, PDFs for downloads, the icon.
ASSET_TYPES = {
    ".png": 10 * MB, ".jpg": 10 * MB, ".jpeg": 10 * MB, ".gif": 10 * MB,
    ".webp": 10 * MB, ".avif": 10 * MB, ".ico": 1 * MB, ".pdf": 50 * MB,
}
# Files of the site's own that are published as they are, by exact path.
SITE_FILES = {"robots.txt": 64 * 1024}
# Front-matter fields only a document has: a file with them is a misplaced document.
DOCUMENT_FIELDS = ("kind", "id", "lessons", "stakeholders", "themes")


@dataclass
class Inventory:
    documents: list[str] = field(default_factory=list)
    vocabularies: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # path -> text (decoded)
    assets: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def accepted(self) -> set[str]:
        """Paths (relative to the docs dir) that may go into the build."""
        return {*self.documents, *self.vocabularies, *self.pages, *self.assets}


def take(docs_dir: Path, documents_dir: str = "documenten",
         vocabularies_dir: str = "vocabularies") -> Inventory:
    """Walk docs_dir (without following links) and give every file its role."""
    inventory = Inventory()
    documents = documents_dir.strip("/") + "/"
    vocabularies = vocabularies_dir.strip("/") + "/"
    for path, is_link in _walk(docs_dir):
        full = docs_dir / path
        if is_link:
            inventory.problems.append(Problem(
                path, 1, "file", "is a symbolic link; links are not published (they can "
                                 "point anywhere on the machine): put the file itself here"))
        elif path.startswith(documents):
            _document_folder(inventory, path, full)
        elif path.startswith(vocabularies):
            _vocabulary_folder(inventory, path)
        elif path.endswith(".md"):
            _page(inventory, path, full.read_bytes(), documents)
        else:
            _asset(inventory, path, full)
    return inventory


def _walk(root: Path):
    """(path relative to root, is a symbolic link) of every file and linked folder."""
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        relative = Path(folder).relative_to(root)
        dirnames.sort()
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (Path(folder) / name).is_symlink():
                dirnames.remove(name)
                yield (relative / name).as_posix(), True
        for name in sorted(filenames):
            if not name.startswith("."):
                yield (relative / name).as_posix(), (Path(folder) / name).is_symlink()


def _document_folder(inventory: Inventory, path: str, full: Path) -> None:
    if path.endswith(".md"):
        inventory.documents.append(path)
    else:
        _asset(inventory, path, full)


def _vocabulary_folder(inventory: Inventory, path: str) -> None:
    if PurePosixPath(path).name in VOCABULARY_FILES and path.count("/") == 1:
        inventory.vocabularies.append(path)
    else:
        inventory.problems.append(Problem(
            path, 1, "file", f"is not a vocabulary this site knows (only "
                             f"{' and '.join(VOCABULARY_FILES)}); move or remove it"))


def _page(inventory: Inventory, path: str, raw: bytes, documents: str) -> None:
    try:
        text = decode(raw)
        front, _, _ = split(text)
        meta, lines = load_yaml(front, offset=1) if front is not None else ({}, {})
    except SourceError as err:
        inventory.problems.append(Problem(path, err.line, err.field, err.message))
        return
    if isinstance(meta, dict) and (found := sorted((k for k in DOCUMENT_FIELDS if k in meta),
                                                   key=lambda k: lines.get(k, 1))):
        inventory.problems.append(Problem(
            path, lines.get(found[0], 1), found[0],
            f"this is a document (it has '{found[0]}:'), but documents are only published "
            f"from content/{documents}: move it to content/{documents}<kind>/"))
        return
    inventory.pages[path] = text


def _asset(inventory: Inventory, path: str, full: Path) -> None:
    suffix = PurePosixPath(path).suffix.lower()
    limit = SITE_FILES.get(path, ASSET_TYPES.get(suffix))
    if limit is None:
        allowed = ", ".join(sorted(ASSET_TYPES))
        inventory.problems.append(Problem(
            path, 1, "file", f"files of this type are not published (allowed: {allowed}, "
                             f"and Markdown); remove it, or keep it in sources/ if it is an "
                             f"original"))
        return
    size = full.stat().st_size
    if size > limit:
        inventory.problems.append(Problem(
            path, 1, "file", f"is {size / MB:.1f} MB; at most {limit / MB:.0f} MB is "
                             f"published for a {suffix or path} file: make it smaller"))
        return
    inventory.assets.append(path)
