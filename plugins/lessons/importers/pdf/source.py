"""Open a PDF and read each page's words (with position, size and font), its filled
rectangles (redaction boxes) and its ruled tables, with pdfplumber.

Opening errors (encrypted, damaged, not a PDF) become an ImportFailure that says what
to do, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..registry import ImportFailure
from .model import Word

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Table:
    bbox: Box
    cells: list[list[Box | None]]  # per row; None: covered by a spanning neighbour
    page: int


@dataclass
class PageContent:
    number: int  # 0-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    dark_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def open_pdf(path: Path):
    """The pdfplumber document, or an ImportFailure naming the problem and the fix."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 - parses the page tree, where damage shows
    except Exception as err:  # pdfminer raises many kinds on damaged files
        # pdfplumber wraps pdfminer's errors: the cause is its first argument.
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ImportFailure("the PDF is encrypted (password protected); save it again "
                                "without a password (print to PDF) and import that") from None
        if isinstance(cause, PDFSyntaxError):
            raise ImportFailure(f"not a readable PDF ({cause}); open it in a PDF reader and "
                                f"save or print it to a new PDF") from None
        raise ImportFailure(f"the PDF is damaged and cannot be read ({type(cause).__name__}"
                            f"{': ' + str(cause)[:120] if str(cause) else ''}); print it to "
                            f"a new PDF and import that") from None
    return pdf


def _dark(color) -> bool:
    if color is None:
        return False
    values = color if isinstance(color, (list, tuple)) else (color,)
    values = [v for v in values if isinstance(v, (int, float))]
    if len(values) == 4:  # CMYK: dark when K is high or all inks are
        return values[3] >= 0.8 or min(values[:3]) >= 0.8
    return bool(values) and max(values) <= 0.2


def read_page(page, number: int) -> PageContent:
    content = PageContent(number, float(page.width), float(page.height))
    for rect in page.rects:
        if rect.get("fill") and _dark(rect.get("non_stroking_color")) \
                and rect["width"] > 4 and rect["height"] > 4:
            content.dark_boxes.append((rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
    for found in page.find_tables():
        cells = [[tuple(c) if c else None for c in row.cells] for row in found.rows]
        content.tables.append(Table(tuple(found.bbox), cells, number))
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False,
                               use_text_flow=False)
    for w in words:
        content.words.append(Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"],
                                  float(w["size"]), w["fontname"], number))
    return content


def attachments(pdf) -> list[str]:
    """The names of files embedded in the PDF (its EmbeddedFiles name tree): not text of
    the document, but documents of their own that must not go unmentioned."""
    from pdfminer.pdftypes import resolve1

    def names(node, depth: int = 0) -> list[str]:
        node = resolve1(node)
        if not isinstance(node, dict) or depth > 20:
            return []
        found = []
        pairs = resolve1(node.get("Names")) or []
        for key in pairs[::2] if isinstance(pairs, list) else []:
            key = resolve1(key)
            found.append(key.decode("utf-8", "replace") if isinstance(key, bytes) else str(key))
        for kid in resolve1(node.get("Kids")) or []:
            found += names(kid, depth + 1)
        return found

    try:
        tree = resolve1(resolve1(pdf.doc.catalog.get("Names")) or {})
        return names(tree.get("EmbeddedFiles")) if isinstance(tree, dict) else []
    except Exception:  # noqa: BLE001 - a damaged name tree: the text is still read
        return []
