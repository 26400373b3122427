"""Readers registered by file extension; each returns text, Markdown and hints."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from . import email_export, filetype, pandoc, textclean
from .accounting import Removed


@dataclass
class Converted:
    raw_text: str  # every word of the input, in reading order: inference and the invariant
    markdown: str
    title_hint: str = ""
    date_hint: str | None = None  # ISO at its precision: "2020", "2020-08", "2020-08-14"
    kind_hint: str | None = None
    converter: str = ""
    structured: bool = False  # real headings (pandoc) rather than a PDF text layout
    authors: list[str] = field(default_factory=list)  # from document properties or cover
    summary_hint: str = ""  # an abstract or description the document carries itself
    removed: list[Removed] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # the reader's own notes (OCR, ...)
    assets: dict[str, bytes] = field(default_factory=dict)  # images, written beside it
    # Where the reader found its hints, for the editor's review list.
    title_from: str = "the document's properties"
    date_from: str = "the document's properties"
    # When the file was first saved (Word/LibreOffice properties): a last resort for the
    # date, used only when the text names none.
    created: str | None = None


class ImportFailure(Exception):
    """A file that cannot be imported; the message says why and what to do."""


def read_text(path: Path) -> str:
    """A text file's text: UTF-8, UTF-16 with its byte-order mark (Notepad's 'Unicode'),
    or Windows' cp1252."""
    raw = path.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailure("damaged UTF-16 text; save the file again as UTF-8") from None
    if b"\x00" in raw[:4096]:
        raise ImportFailure("binary file with a .txt name; export it again as plain text")
    for encoding in ("utf-8-sig", "cp1252"):  # Windows exports are often cp1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailure("unknown text encoding; save the file as UTF-8")  # pragma: no cover


def read_plain_text(path: Path) -> Converted:
    text = read_text(path)
    if email_export.looks_like_mail(text) and not textclean.looks_like_memo(text):
        return _mail(text)
    markdown, removed = textclean.clean_text(text)
    return Converted(text, markdown, converter=f"lessons {__version__} textclean",
                     removed=removed)


def read_eml(path: Path) -> Converted:
    return _mail(email_export.read_eml(path))


def _mail(text: str) -> Converted:
    subject, markdown, date = email_export.thread_to_markdown(text)
    return Converted(text, markdown, subject, date, "correspondence",
                     f"lessons {__version__} email", structured=True)


def read_structured(path: Path) -> Converted:
    # structured.py builds on Converted and Removed above, so it is imported here.
    from . import structured

    reader = {".docx": structured.read_office, ".odt": structured.read_office,
              ".html": structured.read_html, ".htm": structured.read_html,
              ".md": structured.read_markdown}.get(path.suffix.lower(), structured.read_other)
    return reader(path)


def read_msg(path: Path) -> Converted:
    from . import msg

    return msg.read(path)


def read_pdf(path: Path) -> Converted:
    from .pdf import read_pdf as read  # pdfplumber loads only when a PDF is imported

    return read(path)


READERS: dict[str, Callable[[Path], Converted]] = {
    ".txt": read_plain_text,
    ".eml": read_eml,
    ".pdf": read_pdf,
    **{ext: read_structured for ext in pandoc.FORMATS},
    ".msg": read_msg,
}


def read(path: Path) -> Converted:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ImportFailure(f"no importer for '{path.suffix}' files; known: {known}")
    try:
        if wrong := filetype.mismatch(path):
            raise ImportFailure(wrong)
        return reader(path)
    except OSError as err:
        raise ImportFailure(f"cannot read the file: {err.strerror}") from None
