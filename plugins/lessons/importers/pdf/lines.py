"""Words into lines: words that share a row are one line, unless a wide gap separates
them (a side column beside the running text, a label column)."""

from __future__ import annotations

from .model import Line, Word

GAP = 3.0  # a gap wider than this many times the type size splits a row


def _overlap(a: Word, row: list[Word]) -> bool:
    """`a` sits on the row when it shares most of its height with the row's first word;
    a bullet or a superscript set a little higher or lower still belongs to it."""
    ref = row[0]
    shared = min(a.bottom, ref.bottom) - max(a.top, ref.top)
    return shared >= 0.5 * min(a.bottom - a.top, ref.bottom - ref.top)


def rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into rows, top to bottom, each row left to right."""
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for row in reversed(out[-4:]):  # rows close above are the only candidates
            if _overlap(word, row):
                row.append(word)
                break
        else:
            out.append([word])
    for row in out:
        row.sort(key=lambda w: w.x0)
    return sorted(out, key=lambda r: min(w.top for w in r))


def split_row(row: list[Word]) -> list[list[Word]]:
    """A row cut where the gap between two words is much wider than a space."""
    parts = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        if word.x0 - prev.x1 > GAP * max(min(prev.size, word.size), 4):
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def page_lines(words: list[Word], page: int) -> list[Line]:
    """The page's lines in reading order (top to bottom, left to right)."""
    lines = []
    for n, row in enumerate(rows(words)):
        y = min(w.top for w in row)  # the row's place in the reading order
        for part in split_row(row):
            lines.append(Line(part, page, extra={"row": n, "y": y}))
    return lines


def rejoin(lines: list[Line]) -> list[Line]:
    """Parts of one row that all stayed running text become one line again (two
    columns of a list without rules read as 'name organisation', as printed)."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == line.kind == "text" and prev.page == line.page
                and prev.extra.get("row") == line.extra.get("row") is not None):
            prev.extra.setdefault("cells", [prev.x0]).append(line.x0)
            prev.words.extend(line.words)
        else:
            out.append(line)
    _mark_table_rows(out)
    return out


TABLE_ROWS = 3  # consecutive rows split into columns: a table without rules


def _mark_table_rows(lines: list[Line]) -> None:
    """Rows of a table without rules (names | organisations) are each kept on their own
    line rather than run together into one paragraph; they stay text, not a table."""
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.kind == "text" and "cells" in line.extra:
            run.append(line)
            continue
        if line is not None and line.kind == "text" and run and not line.extra.get("cells"):
            continue  # a cell's wrapped second line does not end the table
        if len(run) >= TABLE_ROWS:
            for row in run:
                row.extra["table_row"] = True
        run = []
