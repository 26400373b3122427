"""Ruled tables (found by pdfplumber's table finder from the drawn cell borders) as
Markdown pipe tables, or as HTML tables when a cell spans columns or rows, which pipe
tables cannot say.

Cells are filled with the page's own words (the same words the rest of the reader and
the nothing-lost count see). A table whose grid leaves words of its area outside every
cell is not a table the finder understood: its words stay running text.
"""

from __future__ import annotations

import html

from .model import Word
from .source import Box, Table


def _inside(word: Word, box: Box) -> bool:
    x0, top, x1, bottom = box
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def in_area(table: Table, words: list[Word]) -> list[Word]:
    return [w for w in words if _inside(w, table.bbox)]


def fill(table: Table, words: list[Word]) -> tuple[list[list[str | None]], str] | None:
    """The cell texts and the table's words cell by cell, line by line (for raw_text, so
    a word broken in a cell stays together), or None when the grid does not hold
    every word of its area."""
    from .blocks import SENTENCE_END, join_text
    from .lines import page_lines
    from .lists import marker

    area = in_area(table, words)
    placed: set[int] = set()
    rows: list[list[str | None]] = []
    raw: list[str] = []
    for row in table.cells:
        texts: list[str | None] = []
        for box in row:
            if box is None:
                texts.append(None)
                continue
            mine = [w for w in area if id(w) not in placed and _inside(w, box)]
            placed.update(id(w) for w in mine)
            parts: list[str] = []
            for line in page_lines(mine, table.page):
                raw.append(line.text)
                # A list item or a new sentence on its own line starts a new line in
                # the cell too (shown with <br>), so a layout table stays readable.
                if not parts or marker(line) or (SENTENCE_END.search(parts[-1])
                                                  and line.text[:1].isupper()):
                    parts.append(line.text)
                else:
                    parts[-1] = join_text(parts[-1], line.text)
            texts.append("\n".join(parts))
        rows.append(texts)
    if len(placed) < len(area):
        return None
    rows = [r for r in rows if any((c or "").strip() for c in r)]
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    return rows, "\n".join(raw)


def to_markdown(rows: list[list[str | None]]) -> str:
    width = max(len(r) for r in rows)
    if any(c is None for r in rows for c in r) or any(len(r) != width for r in rows):
        return _html(rows)
    cells = [[_cell(c).replace("|", "\\|") for c in r] for r in rows]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(out)


def _cell(text: str | None) -> str:
    from .markdown import escape

    return "<br>".join(escape(" ".join(part.split()), line_start=False)
                       for part in (text or "").split("\n"))


def _html(rows: list[list[str | None]]) -> str:
    """None marks a cell covered by its left neighbour (colspan) or the one above."""
    out = ["<table>"]
    for n, row in enumerate(rows):
        tag = "th" if n == 0 else "td"
        out.append("<tr>")
        i = 0
        while i < len(row):
            span = 1
            while i + span < len(row) and row[i + span] is None:
                span += 1
            if row[i] is not None:
                attr = f' colspan="{span}"' if span > 1 else ""
                cell = "<br>".join(html.escape(" ".join(part.split()))
                                   for part in row[i].split("\n"))
                out.append(f"<{tag}{attr}>{cell}</{tag}>")
            i += span
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)
