"""What a file is by its first bytes, so a file saved under the wrong name gets a message
that says what it is ('a PDF with a .docx name') instead of a reader's complaint."""

from __future__ import annotations

import zipfile
from pathlib import Path

# Suffixes whose readers expect these containers; text formats are told apart by name.
CONTAINERS = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".epub": "epub", ".msg": "ole"}
NAMES = {"pdf": "a PDF", "docx": "a Word file (.docx)", "odt": "a LibreOffice file (.odt)",
         "epub": "an e-book (.epub)", "ole": "an Outlook message or old Word file (.msg/.doc)",
         "zip": "a zip archive", "text": "a text file"}
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "epub": ".epub", "ole": ".msg"}


def sniff(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as package:
                names = set(package.namelist())
                mimetype = package.read("mimetype").decode("ascii", "replace").strip() \
                    if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, KeyError):
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if mimetype.endswith("opendocument.text"):
            return "odt"
        if mimetype == "application/epub+zip":
            return "epub"
        return "zip"
    return "text" if b"\x00" not in head else "binary"


def mismatch(path: Path) -> str | None:
    """A message when the file's content is not what its name says, else None."""
    suffix = path.suffix.lower()
    found = sniff(path)
    expected = CONTAINERS.get(suffix)
    if expected is None:  # a text format by name: only a container is clearly wrong
        if found in SUFFIX:
            return (f"this is {NAMES[found]} with a '{suffix}' name; rename it to "
                    f"'{SUFFIX[found]}' and import it again")
        return None
    if found == expected or found == "binary" or (found == "zip" and expected != "pdf"):
        return None  # the reader says what is wrong with a damaged file
    if found in SUFFIX:
        return (f"this is {NAMES[found]} with a '{suffix}' name; rename it to "
                f"'{SUFFIX[found]}' and import it again")
    if found == "text":
        return (f"this is a text file, not {NAMES[expected]}; rename it to .txt, .md or "
                f".html (whichever it is) and import it again")
    return f"this is a zip archive, not {NAMES[expected]}; unpack it and import its files"
