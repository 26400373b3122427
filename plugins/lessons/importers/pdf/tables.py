"""Ruled tables (found by pdfplumber's table finder from the drawn cell borders) as
Markdown pipe tables, or as HTML tables when a cell spans columns or rows, which pipe
tables cannot say."""

from __future__ import annotations

import html

from ..dutch import join_line_ends
from .source import Table


def usable(table: Table) -> bool:
    rows = [r for r in table.rows if any((c or "").strip() for c in r)]
    return len(rows) >= 2 and max(len(r) for r in rows) >= 2


def _cell(text: str | None) -> str:
    return " ".join(join_line_ends(text or "").split())


def to_markdown(table: Table) -> str:
    rows = [r for r in table.rows if any((c or "").strip() for c in r)]
    if any(c is None for r in rows for c in r):
        return _html(rows)
    width = max(len(r) for r in rows)
    cells = [[_cell(c).replace("|", "\\|") for c in r] + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(out)


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
                out.append(f"<{tag}{attr}>{html.escape(_cell(row[i]))}</{tag}>")
            i += span
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)
