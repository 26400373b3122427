"""Two columns of running text side by side: read the left column down, then the right,
between the full-width lines (headings, paragraphs) that cross the gutter.

A page has columns when many lines of running text (several words each) start at one
x right of the margin, many others end before it beside them, and few lines cross it.
Label/value pairs ('Datum:' | '9 maart') have short left parts, so they stay rows.
"""

from __future__ import annotations

from collections import Counter
from statistics import median

from .model import Line

MIN_ROWS = 5  # rows split at the gutter
MIN_WORDS = 3  # median words of each column's parts: running text, not labels


def gutter(lines: list[Line], width: float) -> float | None:
    """The x where a right-hand column starts, or None for a single column."""
    text = [x for x in lines if x.kind == "text"]
    starts: Counter[int] = Counter(round(x.x0 / 6) for x in text
                                   if 0.25 * width <= x.x0 <= 0.75 * width
                                   and len(x.words) >= MIN_WORDS)
    for bucket, count in starts.most_common(3):
        if count < MIN_ROWS:
            break
        edge = min(x.x0 for x in text if abs(round(x.x0 / 6) - bucket) <= 1)
        right = [x for x in text if x.x0 >= edge - 3]
        top, bottom = min(x.top for x in right), max(x.bottom for x in right)
        beside = [x for x in text if x.bottom > top and x.top < bottom]
        left = [x for x in beside if x.x0 < edge - 3 and x.x1 <= edge + 3]
        crossing = [x for x in beside if x.x0 < edge - 3 and x.x1 > edge + 3]
        if (len(left) >= MIN_ROWS and len(crossing) <= 0.2 * len(right)
                and median(len(x.words) for x in left) >= MIN_WORDS):
            return edge
    return None


def order(lines: list[Line], width: float) -> list[Line]:
    """`lines` (one page, reading order by rows) in column order, or as they were."""
    edge = gutter(lines, width)
    if edge is None:
        return lines
    band, keyed = 0, []
    for line in lines:
        y = line.extra.get("y", line.top)
        if line.x0 < edge - 3 and line.x1 > edge + 3:
            band += 1  # a full-width line closes the columns above it
            keyed.append(((band, 0, y, line.x0), line))
            band += 1
            continue
        column = 0 if line.x1 <= edge + 3 else 1
        if "row" in line.extra:
            line.extra["row"] = (line.extra["row"], column)  # never rejoin across the gutter
        keyed.append(((band, column, y, line.x0), line))
    keyed.sort(key=lambda pair: pair[0])
    return [line for _, line in keyed]
