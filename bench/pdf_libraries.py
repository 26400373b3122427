"""Measure the two PDF text libraries in the venv on a folder of PDFs: seconds to get
every character with position, size and font name, and how many characters come out
as '(cid:NN)' or private-use/unmapped glyphs. Run:
    python bench/pdf_libraries.py ../shared/corpus
The choice it informed is written down in pyproject.toml (pdfplumber)."""

from __future__ import annotations

import ctypes
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw


def with_pdfplumber(path: Path) -> tuple[int, int, int]:
    chars = bad = fonts = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            names = set()
            for c in page.chars:
                chars += 1
                names.add(c["fontname"])
                if c["text"].startswith("(cid:") or not c["text"].isprintable():
                    bad += 1
            fonts += len(names)
    return chars, bad, fonts


def with_pdfium(path: Path) -> tuple[int, int, int]:
    chars = bad = fonts = 0
    pdf = pdfium.PdfDocument(path)
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for page in pdf:
        text = page.get_textpage()
        names = set()
        for i in range(text.count_chars()):
            code = raw.FPDFText_GetUnicode(text.raw, i)
            raw.FPDFText_GetFontSize(text.raw, i)
            text.get_charbox(i)
            raw.FPDFText_GetFontInfo(text.raw, i, buf, 256, flags)
            names.add(buf.value)
            chars += 1
            if code == 0 or 0xE000 <= code <= 0xF8FF or code == 0xFFFD:
                bad += 1
        fonts += len(names)
    return chars, bad, fonts


def main(folder: str) -> None:
    for path in sorted(Path(folder).glob("*.pdf")):
        row = [path.name[:45]]
        for reader in (with_pdfplumber, with_pdfium):
            start = time.perf_counter()
            chars, bad, fonts = reader(path)
            row.append(f"{time.perf_counter() - start:6.2f}s {chars:6d}c {bad:5d}bad")
        print(" | ".join(row))


if __name__ == "__main__":
    main(sys.argv[1])
