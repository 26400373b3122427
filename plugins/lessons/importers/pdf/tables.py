"""Ruled tables (found by pdfplumber's table finder from the drawn cell borders) as
Markdown pipe tables, or as HTML tables when a cell spans columns or rows, which pipe
tables cannot say.

The finder gives each cell's box; the boxes' edges make the grid, so a cell's row and
column span follow from its box. Cells are filled with the page's own words (the words
the rest of the reader and the nothing-lost count see). A grid that leaves words of its
area outside every cell is not a table the finder understood: its words stay text.
Some programs draw one cell per text line; such a row only continues the sentences of
the row above and is joined to it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from .model import Word
from .source import Box, Table


@dataclass
class Cell:
    r0: int
    r1: int  # exclusive
    c0: int
    c1: int  # exclusive
    parts: list[str]  # the cell's lines of text, a list item or new sentence apart


def _inside(word: Word, box: Box) -> bool:
    x0, top, x1, bottom = box
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def in_area(table: Table, words: list[Word]) -> list[Word]:
    return [w for w in words if _inside(w, table.bbox)]


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.5:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _text(cell: Cell) -> str:
    return " ".join(cell.parts)


def fill(table: Table, words: list[Word]) -> tuple[list[Cell], str] | None:
    """The table's cells with their text and the table's words cell by cell, line by
    line (for raw_text), or None when the grid does not hold every word of its area."""
    from .blocks import SENTENCE_END, join_text
    from .lines import page_lines
    from .lists import marker

    boxes = [box for row in table.cells for box in row if box is not None]
    if not boxes:
        return None
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    area = in_area(table, words)
    placed: set[int] = set()
    cells, raw = [], []
    for box in boxes:
        mine = [w for w in area if id(w) not in placed and _inside(w, box)]
        placed.update(id(w) for w in mine)
        parts: list[str] = []
        for line in page_lines(mine, table.page):
            raw.append(line.text)
            # A list item or a new sentence on its own line starts a new line in the
            # cell too (shown with <br>), so a layout table stays readable.
            if not parts or marker(line) or (SENTENCE_END.search(parts[-1])
                                              and line.text[:1].isupper()):
                parts.append(line.text)
            else:
                parts[-1] = join_text(parts[-1], line.text)
        cell = Cell(_index(ys, box[1]), _index(ys, box[3]), _index(xs, box[0]),
                    _index(xs, box[2]), parts)
        if cell.r1 > cell.r0 and cell.c1 > cell.c0:
            cells.append(cell)
    if len(placed) < len(area):
        return None
    cells = _join_continued_rows(cells, SENTENCE_END, join_text)
    cells = _drop_empty_columns(cells)
    rows = {c.r0 for c in cells if c.parts}
    columns = {c.c0 for c in cells if c.parts}
    if len(rows) < 2 or len(columns) < 2:
        return None
    return cells, "\n".join(raw)


def _join_continued_rows(cells: list[Cell], sentence_end, join_text) -> list[Cell]:
    """A row whose every cell goes on with the sentence of the cell above it (same
    columns, the text above left open or this one starting in lower case) joins it."""
    for r in sorted({c.r0 for c in cells})[1:]:
        starting = [c for c in cells if c.r0 == r]
        above = {}
        for cell in starting:
            match = next((a for a in cells if a.r1 == r and a.c0 == cell.c0
                          and a.c1 == cell.c1), None)
            text = _text(cell)
            if match is None or text and not (text[:1].islower() and _text(match)
                                              and not sentence_end.search(_text(match))):
                break
            above[id(cell)] = match
        else:
            if not any(c.parts for c in starting):
                continue
            for cell in starting:
                target = above[id(cell)]
                if cell.parts:
                    if target.parts:
                        target.parts[-1] = join_text(target.parts[-1], cell.parts[0])
                        target.parts += cell.parts[1:]
                    else:
                        target.parts = list(cell.parts)
                target.r1 = cell.r1
            cells = [c for c in cells if c.r0 != r or id(c) not in above]
    return cells


def _drop_empty_columns(cells: list[Cell]) -> list[Cell]:
    """Slivers between drawn borders (a column only empty cells start in) are removed."""
    width = max(c.c1 for c in cells)
    empty = [col for col in range(width)
             if all(not c.parts for c in cells if c.c0 <= col < c.c1)]
    keep = [c for c in cells if not (c.c1 - c.c0 == 1 and c.c0 in empty)]

    def shift(col: int) -> int:
        return col - sum(1 for e in empty if e < col)

    for c in keep:
        c.c0, c.c1 = shift(c.c0), max(shift(c.c1), shift(c.c0) + 1)
    return keep


def _layout(cells: list[Cell]) -> tuple[list[int], int]:
    rows = sorted({c.r0 for c in cells})
    return rows, max(c.c1 for c in cells)


def to_markdown(cells: list[Cell]) -> str:
    rows, width = _layout(cells)
    simple = all(c.c1 - c.c0 == 1 and rows.index(c.r0) + 1 == _span_end(rows, c)
                 for c in cells) and len(cells) == len(rows) * width
    if not simple:
        return _html(cells, rows)
    grid = [[""] * width for _ in rows]
    for c in cells:
        grid[rows.index(c.r0)][c.c0] = _cell(c)
    out = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in grid[1:]]
    return "\n".join(out)


def _span_end(rows: list[int], cell: Cell) -> int:
    """The index of the first remaining row after `cell`'s rows."""
    return sum(1 for r in rows if r < cell.r1)


def _cell(cell: Cell) -> str:
    from .markdown import escape

    return "<br>".join(escape(" ".join(p.split()), line_start=False).replace("|", "\\|")
                       for p in cell.parts)


def _html(cells: list[Cell], rows: list[int]) -> str:
    out = ["<table>"]
    for n, r in enumerate(rows):
        tag = "th" if n == 0 else "td"
        out.append("<tr>")
        for c in sorted((c for c in cells if c.r0 == r), key=lambda c: c.c0):
            attrs = ""
            if c.c1 - c.c0 > 1:
                attrs += f' colspan="{c.c1 - c.c0}"'
            rowspan = _span_end(rows, c) - n
            if rowspan > 1:
                attrs += f' rowspan="{rowspan}"'
            text = "<br>".join(html.escape(" ".join(p.split())) for p in c.parts)
            out.append(f"<{tag}{attrs}>{text}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)
