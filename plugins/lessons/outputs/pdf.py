"""A PDF of every document and a one-page PDF of every lesson, made with Typst.

Why Typst (bench/pdf_compare.py measures it against WeasyPrint): the `typst` wheel
compiles in-process in milliseconds where WeasyPrint takes a tenth of a second and more
per document, it tags the PDF and writes PDF/UA-1 (typst 0.14+), and it embeds fonts it
carries inside the wheel (Libertinus Serif for text, DejaVu Sans Mono for code), so a
build needs no system fonts and makes the same bytes on every machine
(`ignore_system_fonts`). Debian's pango, which WeasyPrint needs, is not a PyPI package.

What a PDF shows is a `Printable`: plain data made from the document's model and its
published body (the sanitized HTML the page shows, outputs/pdf_tree.py). The print
template (pdf.typ) receives it as JSON and never evaluates a value as Typst.

The cache (like render_cache.py) keys a PDF on everything it is made from: the
printable, the template, Typst's version and the bytes of every image it shows. A build
after one change compiles one PDF and copies the others from the cache. The compiling
itself happens in a Typst server process of each build process (pdf_server.py says why).
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..issuer import Organisation
from ..model.document import Document, Lesson
from ..normalize.dates import format_nl
from . import citations, csl
from .pdf_tree import tree

TEMPLATE = Path(__file__).with_name("pdf.typ")
VERSION = "3"  # bump when this module changes what a PDF holds
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def cite_texts(cited: citations.Citable) -> list[tuple[str, list[tuple[str, bool]]]]:
    """(style, runs) of the citations on the first page: the page's own references by the
    official styles (csl.py) as runs of (text, italic), so the PDF sets in italics what
    the style does (APA's title). NTvG is left out: its reference list is Vancouver's (the
    same style file but for the in-text number)."""
    entries = csl.references(citations.csl_json(cited))
    return [(style.label, _runs(entries[style.key].html)) for style in csl.STYLES
            if style.key in ("vancouver", "apa")]


def _runs(reference_html: str) -> list[tuple[str, bool]]:
    """'A. <i>Titel</i>. B' -> [('A. ', False), ('Titel', True), ('. B', False)]: the
    engine's escaped HTML, whose only markup is <i> (csl._clean_html)."""
    runs, italic = [], False
    for part in re.split(r"(</?i>)", reference_html):
        if part in ("<i>", "</i>"):
            italic = part == "<i>"
        elif part:
            runs.append((html.unescape(part), italic))
    return runs


@dataclass
class Printable:
    """Everything a PDF shows, as text: what the cache key covers."""
    title: str
    url: str  # the permanent address (absolute)
    kicker: str  # above the title: the site and the kind
    footer: str
    lang: str = "nl"
    summary: str = ""
    description: str = ""  # the PDF's subject metadata
    authors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)  # (label, value), in order
    citations: list[tuple[str, list[tuple[str, bool]]]] = field(default_factory=list)
    lessons: list[dict[str, str]] = field(default_factory=list)
    lessons_heading: str = "Lessen"
    # The published body (sanitized HTML). It is made into the template's tree only when
    # the PDF is compiled: a PDF from the cache needs its text for the key, not the tree.
    body_html: str = ""
    # An image src on the page -> its path under the compile root, or None (pdf_tree.py).
    image: Callable[[str], str | None] | None = field(default=None, repr=False,
                                                       compare=False)

    def key_text(self) -> str:
        """Everything the PDF shows but the images' bytes (PdfMaker.key adds those)."""
        data = asdict(self)
        del data["image"]
        return json.dumps(data, ensure_ascii=False)

    def images(self) -> list[str]:
        """Paths (under the compile root) of the images the PDF shows."""
        if "<img" not in self.body_html:
            return []
        found: list[str] = []
        tree(self.body_html, self.url, lambda src: _noted(found, self._resolve(src)))
        return found

    def as_json(self) -> str:
        """What the template reads (sys.inputs.data)."""
        data = asdict(self)
        del data["image"], data["body_html"]
        data["body"] = tree(self.body_html, self.url, self._resolve)
        return json.dumps(data, ensure_ascii=False)

    def _resolve(self, src: str) -> str | None:
        return self.image(src) if self.image is not None else None


def _noted(found: list[str], path: str | None) -> str | None:
    if path is not None:
        found.append(path)
    return path


def _meta(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(label, value) for label, value in rows if value]


def document_printable(doc: Document, body_html: str, cited: citations.Citable,
                       issuer: Organisation, site_name: str, theme_labels: list[str],
                       stakeholder_labels: list[str],
                       image: Callable[[str], str | None] = lambda src: None) -> Printable:
    """The document as its page shows it: title, summary, metadata, body and lessons, with
    the citation and the permanent address on the first page."""
    return Printable(
        title=doc.title, url=cited.url, kicker=f"{site_name} · {doc.kind.label}",
        footer=f"{site_name} · {cited.url}", lang=doc.language or "nl",
        summary=doc.summary, description=doc.summary,
        authors=list(doc.authors) or [issuer.name], keywords=theme_labels,
        meta=_meta([("Soort", doc.kind.label), ("Datum", format_nl(doc.date)),
                    ("Uitgegeven door", issuer.name), ("Auteurs", ", ".join(doc.authors)),
                    ("Thema's", ", ".join(theme_labels)),
                    ("Betrokken organisaties", ", ".join(stakeholder_labels))]),
        citations=cite_texts(cited), body_html=body_html, image=image,
        lessons=[{"statement": lesson.statement, "explanation": lesson.explanation}
                 for lesson in doc.lessons])


def lesson_printable(lesson: Lesson, doc: Document, cited: citations.Citable,
                     document_url: str, issuer: Organisation, site_name: str,
                     theme_labels: list[str], stakeholder_labels: list[str]) -> Printable:
    """One lesson on one page: the statement as title, its explanation, where it comes
    from, and how to cite it."""
    return Printable(
        title=lesson.statement, url=cited.url, kicker=f"{site_name} · Les",
        footer=f"{site_name} · {cited.url}", lang=doc.language or "nl",
        summary=lesson.explanation, description=lesson.explanation,
        authors=list(doc.authors) or [issuer.name], keywords=theme_labels,
        meta=_meta([("Uit", f"{doc.title} ({document_url})"), ("Soort bron", doc.kind.label),
                    ("Datum", format_nl(doc.date)), ("Uitgegeven door", issuer.name),
                    ("Thema's", ", ".join(theme_labels)),
                    ("Betrokken organisaties", ", ".join(stakeholder_labels))]),
        citations=cite_texts(cited))


@dataclass(frozen=True)
class Made:
    """A PDF written into the site: its site path and size in bytes (for the link)."""
    path: str
    size: int

    @property
    def name(self) -> str:
        """The file name: the link from the page beside it."""
        return self.path.rpartition("/")[2]

    @property
    def size_label(self) -> str:
        """'84 kB' or '1,2 MB', as Dutch government sites give a download's size."""
        if self.size < 1_000_000:
            return f"{max(1, round(self.size / 1000))} kB"
        return f"{self.size / 1_000_000:.1f} MB".replace(".", ",")


class PdfMaker:
    """Compiles printables to PDF files, through a cache keyed by content (None: no
    cache). `root` is where image paths of a printable are read from."""

    def __init__(self, cache_dir: Path | None, root: Path):
        self.cache_dir = cache_dir
        self.root = root
        self.hits = self.misses = 0
        self._template: bytes | None = None
        self._engine = ""

    def _setup(self) -> None:
        if self._template is None:
            # The version from the package metadata: importing typst here would start its
            # threads in a process that forks (see pdf_server.py).
            self._template = TEMPLATE.read_bytes()
            self._engine = _version("typst")

    def key(self, printable: Printable) -> str:
        self._setup()
        digest = hashlib.sha256()
        for part in (VERSION, self._engine, self._template, printable.key_text()):
            digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
            digest.update(b"\0")
        for path in printable.images():
            try:
                digest.update(hashlib.sha256((self.root / path.lstrip("/")).read_bytes())
                              .digest())
            except OSError:
                digest.update(b"missing")
        return digest.hexdigest()

    def write(self, printable: Printable, target: Path) -> int:
        """Write the PDF to `target` (from the cache when it holds it); its size."""
        key = self.key(printable)
        cached = self.cache_dir / key[:2] / f"{key}.pdf" if self.cache_dir else None
        target.parent.mkdir(parents=True, exist_ok=True)
        # Never write through what is there: it may be a link to a cache entry.
        target.unlink(missing_ok=True)
        if cached is not None and _linked(cached, target):
            self.hits += 1
            return target.stat().st_size
        from .pdf_server import CompileError

        try:
            data = self.compile(printable)
        except CompileError:
            # An image Typst cannot read after all: the PDF without images (their alt
            # texts print) rather than no PDF or no build.
            data = self.compile(dataclasses.replace(printable, image=None))
        self.misses += 1
        target.write_bytes(data)
        if cached is not None:
            _store(cached, data)
        return len(data)

    def compile(self, printable: Printable) -> bytes:
        """The PDF, made by this process's Typst server (pdf_server.py)."""
        from .pdf_server import SERVER

        return SERVER.compile(str(self.root), printable.as_json())


def compile_here(root: str, data: str) -> bytes:
    """The PDF of a printable's JSON, in this process: only pdf_server.py calls it."""
    import typst

    made = typst.compile(TEMPLATE.read_bytes(), root=root, format="pdf",
                         sys_inputs={"data": data}, ignore_system_fonts=True,
                         pdf_standards=["ua-1"])
    authors = json.loads(data)["authors"]
    if len(authors) > 1:
        made = _creators(made, authors)
    return made


def _creators(data: bytes, authors: list[str]) -> bytes:
    """Typst writes several authors as one XMP creator joined by commas, which a reader
    cannot tell from one organisation with a comma in its name (the very confusion that
    made Zotero split a ministry into two persons): one dc:creator entry per author."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:creator"] = list(authors)
        out = io.BytesIO()
        # Deterministic: the same content gives the same bytes (the cache relies on it).
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _linked(cached: Path, target: Path) -> bool:
    """The cached PDF at `target`: a hard link (a thousand copies cost a second of a
    warm build; a link nothing) or, across file systems, a copy. False when not cached.
    Nothing writes into a site file in place (write() unlinks first), so the cache entry
    never changes through its link."""
    try:
        os.link(cached, target)
        return True
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copyfile(cached, target)
            return True
        except OSError:
            return False


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a build stopped halfway never leaves half a PDF in the cache.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full disk costs speed, never the build


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def image_resolver(docs_dir: Path, dest_uri: str) -> Callable[[str], str | None]:
    """For a page written at `dest_uri` (documenten/<id>/index.html): an image src on it
    -> the image's path under docs_dir (the compile root), when it is a file there the
    print can show. MkDocs wrote the src relative to the page, and publishes a content
    file at its own path, so the page's folder and the src give the file. Links to other
    sites never load (the sanitizer keeps only the site's own images anyway)."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    root = docs_dir.resolve()
    page_folder = posixpath.dirname(dest_uri)

    def resolve(src: str) -> str | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        relative = posixpath.normpath(posixpath.join(page_folder, unquote(parts.path)))
        path = (root / relative).resolve()
        if (not path.is_relative_to(root) or not path.is_file()
                or path.suffix.lower() not in IMAGE_SUFFIXES or not _decodes(path)):
            return None
        return "/" + path.relative_to(root).as_posix()

    return resolve


def _decodes(path: Path) -> bool:
    """Whether a raster image reads whole: a truncated or corrupt file (an attack, a bad
    export) would stop Typst and with it the build; without it, the print shows the
    image's alt text, as a browser does."""
    if path.suffix.lower() == ".svg":
        return True
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.load()
    except Exception:  # Pillow raises many kinds for broken files; all mean "does not read"
        return False
    return True

