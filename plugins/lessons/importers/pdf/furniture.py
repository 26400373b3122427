"""Page furniture, found by position and repetition across pages: running headers and
footers, page numbers, and the letterhead side column of Rijkshuisstijl letters.

Every line found here is marked with what it is; the reader lists the marked text as
removed, with counts, so nothing goes without a word.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .model import Line

MARGIN = 0.11  # the top and bottom 11 % of a page hold running headers and footers
REPEAT = 0.4  # text on at least this share of the pages (and on 2 or more) repeats
PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:pagina|page|blad|p\.)\s*)?\d{1,4}(?:\s*(?:/|van|of|\|)\s*\d{1,4})?"
    r"(?:\s*[-–—])?$", re.I)
SIDE_START = 0.62  # a side column starts right of this share of the page width
SIDE_WIDTH = 0.33  # and is at most this share of the page wide
SIDE_LINES = 4  # lines that must start at one left edge to make a column


def _shape(text: str) -> str:
    """Text with its numbers blanked: 'Pagina 3 van 8' and 'Pagina 4 van 8' repeat."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def in_margin(line: Line, height: float) -> bool:
    return line.top < MARGIN * height or line.bottom > (1 - MARGIN) * height


def mark_page_numbers(pages: list[list[Line]], heights: list[float]) -> None:
    for lines, height in zip(pages, heights, strict=True):
        for line in lines:
            if line.kind == "text" and in_margin(line, height) \
                    and PAGE_NUMBER.match(line.text.strip()):
                line.kind = "page numbers"


def mark_running(pages: list[list[Line]], heights: list[float]) -> None:
    """Lines in the top or bottom margin whose text (numbers aside) recurs on many pages."""
    if len(pages) < 2:
        return
    seen: defaultdict[str, set[int]] = defaultdict(set)
    for n, (lines, height) in enumerate(zip(pages, heights, strict=True)):
        for line in lines:
            if line.kind == "text" and in_margin(line, height):
                seen[_shape(line.text)].add(n)
    need = max(2, REPEAT * len(pages))
    running = {shape for shape, where in seen.items() if len(where) >= need}
    labels: dict[str, str] = {}  # one entry per shape, named after its first text
    for lines, height in zip(pages, heights, strict=True):
        for line in lines:
            shape = _shape(line.text)
            if line.kind == "text" and in_margin(line, height) and shape in running:
                top = line.top < MARGIN * height
                text = line.text if len(line.text) <= 60 else line.text[:57] + "..."
                label = labels.setdefault(shape, text)
                line.kind = f"running {'header' if top else 'footer'} '{label}'"


def side_column_edge(pages: list[list[Line]], widths: list[float],
                     body_size: float) -> float | None:
    """The left edge (as a share of the page width) of a letterhead side column: many
    small-type lines start there, right of the running text, and the column is narrow."""
    starts: Counter[int] = Counter()
    for lines, width in zip(pages, widths, strict=True):
        for line in lines:
            share = line.x0 / width
            if (line.kind == "text" and share >= SIDE_START and line.size < body_size - 0.4
                    and (line.x1 - line.x0) / width <= SIDE_WIDTH):
                starts[round(share * 200)] += 1  # half-percent buckets
    if not starts:
        return None
    bucket, count = starts.most_common(1)[0]
    nearby = sum(n for b, n in starts.items() if abs(b - bucket) <= 1)
    if nearby < SIDE_LINES:
        return None
    return (bucket - 1) / 200


def mark_side_column(pages: list[list[Line]], widths: list[float], body_size: float) -> None:
    """A letterhead column has labels in bold ('Datum', 'Kenmerk', 'Contactpersoon') with
    their values under them; small type at the right of a slide has not."""
    edge = side_column_edge(pages, widths, body_size)
    if edge is None:
        return
    column = [line for lines, width in zip(pages, widths, strict=True) for line in lines
              if line.kind == "text" and line.x0 >= edge * width - 1
              and line.size < body_size - 0.4]
    labels = [x for x in column if x.bold and len(x.words) <= 3]
    if len(labels) < 2 or len(labels) > len(column) / 2:
        return
    for line in column:
        line.kind = "letterhead side column"

