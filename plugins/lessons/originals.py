"""Which originals may be published next to their document.

An original is the file the editor imported (kept under sources/<id>/). It is linked
from the public page only when it is text we can read and the personal-data guard
finds nothing in it beyond what the document allows: an unredacted original must
never bypass the checks its Markdown went through. Binary originals (.docx, .pdf)
cannot be checked, so they stay in the repository, on request from the editors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import privacy
from .model.document import Document

SOURCES = "sources"
# Published as they are, so only text a browser shows as text: never .html (a saved web
# page carries its scripts and trackers along), never a binary format we cannot read.
TEXT_SUFFIXES = {".txt", ".md", ".eml"}
# Originals are read (and checked) as UTF-8, but a static host sends .txt and .md as
# text/plain or text/markdown without a charset unless it is configured to (nginx and
# Apache are not by default), and browsers then guess windows-1252: "coördinatie" shows
# as "coÃ¶rdinatie". A UTF-8 byte order mark is the one signal that works on any host:
# browsers (WHATWG Encoding, "BOM sniffing") let it override even a charset the server
# sends, and editors and `python -X utf8` read it as UTF-8. The published bytes then
# differ from the imported file by those three leading bytes: its controlegetal
# (source.checksum) is that of the text after the mark. Not for .eml: a mail's first
# line must be a header, and each of its parts names its own charset.
BOM = "\ufeff".encode()
MARKED_SUFFIXES = {".txt", ".md"}


@dataclass(frozen=True)
class Original:
    path: Path | None  # the file to publish, or None
    reason: str  # why not, in Dutch, for the public page


def original(doc: Document, sources_dir: Path) -> Original | None:
    """None when the document names no original file. `source.file` is written as
    'sources/<id>/<name>'; sources_dir is where that sources/ folder is."""
    name = doc.source.get("file") if isinstance(doc.source, dict) else None
    if not name:
        return None
    sources = sources_dir.resolve()
    given = sources / name.removeprefix(SOURCES + "/")
    path = given.resolve()
    # Only a plain file under sources/: never a document (a draft would be published as
    # its "original"), never a link out of the folder, never a file of the machine.
    if (not name.startswith(SOURCES + "/") or not path.is_relative_to(sources)
            or path != given.absolute() or not path.is_file()):
        return Original(None, "niet beschikbaar")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return Original(None, "op aanvraag bij de redactie")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Original(None, "op aanvraag bij de redactie")
    allowed = privacy.allowed_values(doc)
    if any(f.normal not in allowed for f in privacy.scan(text)):
        return Original(None, "niet online: bevat persoonsgegevens die niet zijn gelakt; "
                              "op aanvraag bij de redactie")
    return Original(path, "")


def published_bytes(path: Path) -> bytes:
    """The original as the site serves it: text originals start with a UTF-8 byte order
    mark (see BOM), so every browser shows their accents right."""
    data = path.read_bytes()
    if path.suffix.lower() in MARKED_SUFFIXES and not data.startswith(BOM):
        return BOM + data
    return data
