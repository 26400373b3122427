"""The landscape picture (overzicht/): organisations × themes as an SVG heat map.

A picture for the eye only: its name points to the table beside it (lessons-landscape.html),
which holds the same figures with links. Labels are wrapped, never cut mid-word; a name too
long for its place is shortened (an organisation to its abbreviation) and keeps its full
form as the label's <title>, which a mouse shows as a tooltip. The figure is as wide as its
labels need, so nothing is clipped: on a narrow screen it scrolls inside its own box.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import escape

LEVELS = 4  # shades of the colour scale, besides white for nothing
FONT = 12  # px, every text of the picture
LINE = 14  # px between two lines of a label
CHAR = 6.8  # px, a generous average width of a character at FONT (sans-serif)
CELL_W, CELL_H = 36, 34
ROW_CHARS = 24  # characters on one line of an organisation's name (two lines)
HEAD_CHARS = 34  # ... of a theme's name (one line: turned lines side by side blur)
ANGLE = 60  # degrees the theme names are turned, reading upwards
GAP = 8  # px between a label and the cells
# Fallback fills for a browser without color-mix(); lessons.css derives the shades from
# the site's primary colour.
FILLS = ("#ffffff", "#dfe6ee", "#b9c8d9", "#8fa7c2", "#6886aa")


@dataclass(frozen=True)
class Scale:
    """Upper bounds of the shades: a value v > 0 has the first level whose bound is ≥ v."""
    bounds: tuple[int, ...]

    @classmethod
    def of(cls, peak: int) -> Scale:
        return cls(tuple(math.ceil(max(peak, 1) * k / LEVELS) for k in range(1, LEVELS + 1)))

    @classmethod
    def of_values(cls, values: Iterable[int]) -> Scale:
        """Bounds from the counts themselves. Few different counts: a shade each, spread
        over the scale. More: a logarithmic scale (bounds at peak^(1/4), peak^(1/2), ...),
        so one organisation involved in everything (a ministry with many times the
        others' counts) darkens its own cells while the others still differ. The highest
        count always has the darkest shade."""
        found = sorted({v for v in values if v > 0})
        if not found:
            return cls.of(1)
        peak = found[-1]
        if len(found) <= LEVELS:
            lower = found[:-1]
            bounds = [lower[j * len(lower) // (LEVELS - 1)] for j in range(LEVELS - 1)] \
                if lower else []
            return cls(tuple(bounds) + (peak,))
        bounds = []
        for k in range(1, LEVELS):
            bound = math.ceil(peak ** (k / LEVELS))
            if bound < peak and (not bounds or bound > bounds[-1]):
                bounds.append(bound)
        return cls(tuple(bounds) + (peak,))

    def level(self, value: int) -> int:
        if value <= 0:
            return 0
        return next(k for k, bound in enumerate(self.bounds, 1) if value <= bound)

    def legend(self) -> list[dict]:
        """The shades in use, each with the values it stands for ("1", "2–3")."""
        out, low = [], 1
        for level, high in enumerate(self.bounds, 1):
            if high >= low:
                out.append({"level": level, "label": str(low) if low == high
                            else f"{low}–{high}"})
                low = high + 1
        return out


def wrap(text: str, width: int, lines: int) -> tuple[list[str], bool]:
    """`text` in at most `lines` lines of about `width` characters, broken between words
    only; True when it had to be shortened (the last line ends in "…")."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) <= lines:
        return out, False
    kept = out[:lines]
    words = kept[-1].split()
    # "Governance, rollen…", not "Governance, rollen en…".
    while len(words) > 1 and words[-1] in _DANGLING:
        words.pop()
    kept[-1] = " ".join(words).rstrip(",;:") + "…"
    return kept, True


_DANGLING = frozenset({"en", "of", "van", "voor", "met", "de", "het", "een", "in", "op"})


def row_label(term) -> tuple[list[str], bool]:
    """An organisation's name as shown: whole when it fits two lines, else its
    abbreviation when it has one, else shortened."""
    lines, cut = wrap(term.label, ROW_CHARS, 2)
    if cut and term.abbreviation:
        return [term.abbreviation], True
    return lines, cut


def _text_lines(lines: Sequence[str], x: float, first_y: float) -> str:
    return "".join(f'<tspan x="{x:.0f}" y="{first_y + i * LINE:.0f}">{escape(line)}</tspan>'
                   for i, line in enumerate(lines))


def heat_map(themes: Sequence, rows: Sequence[dict], scale: Scale, name_id: str) -> str:
    """`rows`: {"term": organisation, "cells": [{"term", "count", "lessons", "total",
    "level"}]} in the order of `themes`. `name_id`: the id of the element that names the
    picture (the page's explanation, which points to the table)."""
    heads = [wrap(term.label, HEAD_CHARS, 1) for term in themes]
    labels = [row_label(row["term"]) for row in rows]
    sin, cos = math.sin(math.radians(ANGLE)), math.cos(math.radians(ANGLE))
    longest = max((len(line) for lines, _ in heads for line in lines), default=0) * CHAR
    head_h = math.ceil(longest * sin + LINE * cos) + GAP
    label_w = math.ceil(max((len(line) for lines, _ in labels for line in lines),
                            default=0) * CHAR) + GAP
    grid_w = CELL_W * len(themes)
    # The last theme's name reaches out to the right of its column.
    width = label_w + grid_w + math.ceil(longest * cos + LINE * sin) + 4
    height = head_h + CELL_H * len(rows) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="lessons-heatmap__svg" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="{escape(name_id)}">',
             f'<g font-family="sans-serif" font-size="{FONT}" class="lessons-heatmap__text">']
    for column, (term, (lines, cut)) in enumerate(zip(themes, heads, strict=True)):
        x = label_w + column * CELL_W + CELL_W / 2
        first = FONT / 3  # the turned baseline through the column's middle
        title = f"<title>{escape(term.label)}</title>" if cut else ""
        parts.append(f'<text transform="translate({x:.1f},{head_h - GAP / 2:.0f}) '
                     f'rotate(-{ANGLE})">{title}{_text_lines(lines, 2, first)}</text>')
    for index, (row, (lines, cut)) in enumerate(zip(rows, labels, strict=True)):
        y = head_h + index * CELL_H
        first = y + CELL_H / 2 - (len(lines) - 1) * LINE / 2 + FONT / 3
        title = f"<title>{escape(row['term'].label)}</title>" if cut else ""
        parts.append(f'<text text-anchor="end">{title}'
                     f'{_text_lines(lines, label_w - GAP, first)}</text>')
        for column, cell in enumerate(row["cells"]):
            x = label_w + column * CELL_W
            level = cell["level"]
            what = (f'{escape(row["term"].label)} en {escape(cell["term"].label)}: '
                    f'{_documents(cell["count"])}, {_lessons(cell["lessons"])}')
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                         f'class="lessons-heat-{level}" fill="{FILLS[level]}" '
                         f'stroke="#c9d1d9"><title>{what}</title></rect>')
            if cell["total"]:
                parts.append(f'<text x="{x + (CELL_W - 2) / 2:.0f}" '
                             f'y="{y + (CELL_H - 2) / 2 + FONT / 3:.0f}" '
                             f'text-anchor="middle" font-weight="700">{cell["total"]}</text>')
    parts.append("</g></svg>")
    return "\n".join(parts)


def _documents(count: int) -> str:
    return f"{count} document" + ("en" if count != 1 else "")


def _lessons(count: int) -> str:
    return f"{count} les" + ("sen" if count != 1 else "")
