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
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import complexity, privacy
from .model.document import Problem
from .model.source import SourceError, decode, load_yaml, split

# toegankelijkheid*: the accessibility statement's facts and its recorded checks.
VOCABULARY_FILES = ("themes.yml", "stakeholders.yml", "lifecycle.yml", "toegankelijkheid.yml",
                    "toegankelijkheidsonderzoek.json")
MB = 1024 * 1024
# Suffix -> largest size published: pictures for bodies, and the icon. No PDFs: a PDF
# can carry scripts and personal data no check here can read; originals go to sources/.
ASSET_TYPES = {
    ".png": 10 * MB, ".jpg": 10 * MB, ".jpeg": 10 * MB, ".gif": 10 * MB,
    ".webp": 10 * MB, ".avif": 10 * MB, ".ico": 1 * MB,
}
# Top-level folders whose addresses the build makes itself (outputs/urls.py, feeds, open
# data, sitemaps, the search index, the theme): a page or file of the editors' there would
# be silently replaced, or replace ours.
RESERVED_FOLDERS = frozenset({
    "themas", "organisaties", "soorten", "jaren", "zoeken", "lessen", "bladeren",
    "overzicht", "opvolging", "feeds", "api", "sitemaps", "pagefind", "assets", "search",
    "templates", "404", "sitemap.xml", "sitemap.xml.gz",
})
# A line of a document's front-matter, wherever it stands (a front-matter that does not
# start on line 1, in a comment or between "+++"): two of them make a misplaced document.
_DOCUMENT_LINE = re.compile(r"^[ \t]*(id|kind|status|themes|stakeholders|lessons)[ \t]*:",
                            re.M)
# Files of the site's own that are published as they are, by exact path.
SITE_FILES = {"robots.txt": 64 * 1024}
# Front-matter fields only a document has: a file with them is a misplaced document.
DOCUMENT_FIELDS = ("kind", "id", "lessons", "stakeholders", "themes")


# The front-matter a page of the site's own may have: the theme prints page metadata in
# every page's header and menu without escaping, so only these plain values get through.
PAGE_HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
PAGE_TEXT_LIMITS = {"title": 300, "description": 1500}


@dataclass
class Inventory:
    documents: list[str] = field(default_factory=list)
    vocabularies: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # path -> text (decoded)
    page_meta: dict[str, dict] = field(default_factory=dict)  # path -> allowed front-matter
    masked: set[str] = field(default_factory=set)  # pages published with personal data masked
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
        elif (top := path.split("/", 1)[0].removesuffix(".md")) in RESERVED_FOLDERS:
            inventory.problems.append(Problem(
                path, 1, "file", f"/{top}/ is an address the site makes itself; a file of "
                                 f"yours there is not published: move it"))
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
    head = "\n".join(text.splitlines()[:60])
    if len({m.group(1) for m in _DOCUMENT_LINE.finditer(head)}) >= 2:
        match = _DOCUMENT_LINE.search(head)
        inventory.problems.append(Problem(
            path, head.count("\n", 0, match.start()) + 1, match.group(1),
            f"this looks like a document (it has '{match.group(1)}:' lines), but documents "
            f"are only published from content/{documents}, with the front-matter on line 1: "
            f"move it to content/{documents}<kind>/"))
        return
    if isinstance(meta, dict) and "status" in meta:
        # A page with a status is somebody's draft: the site's own pages have none.
        inventory.problems.append(Problem(
            path, lines.get("status", 1), "status",
            "pages of the site's own have no status, so this one is not published; keep "
            "drafts out of content/ (or remove 'status:' when the page is ready)"))
        return
    if heavy := complexity.check_text(path, text):
        inventory.problems.extend(heavy)
        return
    if "." in PurePosixPath(path).stem:
        inventory.problems.append(Problem(
            path, 1, "file", "a page name may not contain a dot (its address would look like "
                             "a file the site writes): rename it"))
        return
    inventory.pages[path] = text
    # The site's own pages get the personal-data guard documents get (and are masked).
    if leaks := privacy.check_page(path, text):
        inventory.problems.extend(leaks)
        inventory.masked.add(path)
    inventory.page_meta[path] = _page_meta(inventory, path, meta if isinstance(meta, dict)
                                           else {}, lines)


def _page_meta(inventory: Inventory, path: str, meta: dict, lines: dict[str, int]) -> dict:
    """The page's front-matter as it may reach the theme: known fields, plain text."""
    from .model.schema import markup_in

    allowed: dict = {}
    for key, value in meta.items():
        line = lines.get(str(key), 1)
        if key in PAGE_TEXT_LIMITS:
            if not isinstance(value, str) or not value.strip():
                problem = "must be a line of text"
            elif len(value) > PAGE_TEXT_LIMITS[key]:
                problem = f"is longer than {PAGE_TEXT_LIMITS[key]} characters"
            elif found := markup_in(value):
                problem = f"contains HTML markup '{found}'; write plain text"
            elif leaks := privacy.scan(value):
                problem = (f"personal data: {privacy.KINDS_NL[leaks[0].kind]} "
                           f"'{leaks[0].value}' would be published; remove it")
            else:
                allowed[key] = " ".join(value.split())
                continue
        elif key == "hide":
            if isinstance(value, list) and all(v in PAGE_HIDE for v in value):
                allowed[key] = list(value)
                continue
            problem = f"must be a list of: {', '.join(sorted(PAGE_HIDE))}"
        else:
            problem = (f"is not used on pages of the site's own (known: "
                       f"{', '.join([*PAGE_TEXT_LIMITS, 'hide'])}); remove it")
        inventory.problems.append(Problem(path, line, str(key), problem))
    return allowed


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
    if path in SITE_FILES:  # text the site publishes as it is: the personal-data guard
        try:
            leaks = privacy.check_page(path, decode(full.read_bytes()))
        except SourceError as err:
            leaks = [Problem(path, err.line, err.field, err.message)]
        if leaks:
            inventory.problems.extend(leaks)
            return
    inventory.assets.append(path)
