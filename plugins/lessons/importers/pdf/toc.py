"""A table of contents: a run of lines that end in a page number, either after dot
leaders or at one right-aligned edge, usually under 'Inhoud' or 'Inhoudsopgave'.
Its entries repeat the headings, so it is removed (and listed) rather than published."""

from __future__ import annotations

import re

from .model import Line

TITLE = re.compile(r"^(?:inhoud(?:sopgave|stafel)?|table of contents|contents|index)$", re.I)
ENTRY = re.compile(r"[\s.…]\d{1,4}$")  # '... 4' and '....4'; a leader may touch the number
LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:_\s?){4,}")
MIN_ENTRIES = 3
EDGE = 4.0  # points: right ends of entries agree this closely


def _entry(line: Line) -> bool:
    return bool(ENTRY.search(line.text)) or bool(re.fullmatch(r"\d{1,4}", line.text.strip()))


def mark_toc(lines: list[Line]) -> None:
    """`lines` in reading order over all pages (furniture already marked)."""
    body = [line for line in lines if line.kind == "text"]
    i = 0
    while i < len(body):
        titled = bool(TITLE.match(body[i].text.strip().rstrip(":")))
        start = i + 1 if titled else i
        end, entries, edges, leaders = start, 0, [], 0
        j = start
        while j < len(body):
            line = body[j]
            if _entry(line) and (LEADER.search(line.text)
                                 or not edges or abs(line.x1 - _median(edges)) <= EDGE):
                entries += 1
                edges.append(line.x1)
                leaders += bool(LEADER.search(line.text))
                end = j + 1
                j += 1
                continue
            # A long entry wraps: its first line has no page number, the next one does.
            if j + 1 < len(body) and _entry(body[j + 1]) and edges \
                    and abs(body[j + 1].x1 - _median(edges)) <= EDGE and not _entry(line):
                j += 1
                continue
            break
        if entries >= MIN_ENTRIES and (titled or leaders >= MIN_ENTRIES):
            for line in body[i:end]:
                line.kind = "table of contents"
            i = end
        else:
            i += 1


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
