"""Text laid out in columns and indentation (`pdftotext -layout`): the letterhead side
column taken out of the sentences it runs into; indentation read as list nesting or not at
all (never a code block); headings that stand right above their paragraph.

A Rijkshuisstijl letter or memo prints its sender, 'Datum', 'Kenmerk' and contact
details in a narrow column at the right of the page. `-layout` keeps each printed line
as one text line, so that column ends up at the end of the body's lines ("Hierbij stuur
ik u de brief      Ons kenmerk"). The column is found by where it starts: the same
position far to the right, on several lines, with a wide gap of spaces before it, and at
least a few lines holding nothing else (the letterhead block at the top).
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import BULLET, EMPTY_BULLET, PAGE_BREAK, SENTENCE_END, Dropped, Lines

MIN_LINES = 4  # lines on which a side column must start at the same position
SLACK = 2  # columns of tolerance for the start position
MAX_WIDTH = 45  # a side column is narrow
# What only a letterhead column holds: without one of these it is a table's last column.
LETTERHEAD = re.compile(r"^(?:datum|kenmerk|ons kenmerk|uw kenmerk|contactpersoon|inlichtingen"
                        r"|bezoekadres|postadres|postbus|retouradres|afzender|pagina \d"
                        r"|[TFM] \+?\d|www\.|\S+@\S+\.\w+$)", re.I)


def _segments(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each run of text separated by four or more spaces."""
    text = line.lstrip(PAGE_BREAK)
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?: {1,3}\S+)*", text)]


def side_column(lines: Lines) -> int | None:
    """The start column of a side column at the right, if the text has one."""
    width = max((len(x.rstrip()) for x in lines), default=0)
    starts: Counter[int] = Counter()
    alone: Counter[int] = Counter()
    for line in lines:
        segments = _segments(line)
        if not segments:
            continue
        start, text = segments[-1]
        if start < width * 0.55 or len(text) > MAX_WIDTH:
            continue
        starts[start] += 1
        if len(segments) == 1:
            alone[start] += 1
    for column, _ in starts.most_common(3):
        near = sum(n for c, n in starts.items() if abs(c - column) <= SLACK)
        by_itself = sum(n for c, n in alone.items() if abs(c - column) <= SLACK)
        if near >= MIN_LINES and by_itself >= 3 and _letterhead_at(lines, column):
            return min(c for c in starts if abs(c - column) <= SLACK)
    return None


def _letterhead_at(lines: Lines, column: int) -> bool:
    return any(LETTERHEAD.match(t) for line in lines for s, t in _segments(line)
               if abs(s - column) <= SLACK)


def split_side_column(lines: Lines, dropped: Dropped) -> Lines:
    """The side column's text goes to `dropped` (it is letterhead: the date and
    reference are read from it for the metadata); the body keeps its own text."""
    column = side_column(lines)
    if column is None:
        return lines
    out: Lines = []
    for line in lines:
        segments = _segments(line)
        side = [(s, t) for s, t in segments if s >= column - SLACK]
        if not side or len(" ".join(t for _, t in side)) > MAX_WIDTH * 1.5:
            out.append(line)
            continue
        prefix = PAGE_BREAK if line.startswith(PAGE_BREAK) else ""
        body = line.lstrip(PAGE_BREAK)[:side[0][0]].rstrip()
        dropped.add("lines of the letterhead side column", " ".join(t for _, t in side))
        out.append(prefix + body)
    return out


LAYOUT_ITEM = re.compile(r"^(\s+)(\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
MARKDOWN_ITEM = re.compile(r"^(?: {4})*(?:- |\d{1,2}\. )")


def bullets(lines: Lines, dropped: Dropped) -> Lines:
    """Bullet glyphs become '- ', items numbered inside a layout keep their number; the
    nesting follows the indentation, four spaces a level as Python-Markdown needs; a
    wrapped item's indented next line joins its item."""
    out: Lines = []
    stack: list[int] = []  # indentation of each open list level
    text_at = None  # where the last item's text starts: its wrapped lines stand there
    for line in lines:
        if EMPTY_BULLET.match(line):
            continue
        match = (BULLET.match(line) or re.match(r"^(\s*)-\s+(?=\S)", line)
                 or LAYOUT_ITEM.match(line))
        indent = len(line) - len(line.lstrip())
        if match:
            if glyph := re.findall(r"(?<![^\W_])[^\W\d_](?![^\W_])", line[:match.end()]):
                dropped.add("bullet letters written as '- ' ('o')", " ".join(glyph))
            marker = "- " if match.re is not LAYOUT_ITEM else (
                match.group(2).rstrip(".)") + ". " if match.group(2)[0].isdigit()
                else f"- {match.group(2)} ")
            while stack and indent < stack[-1]:
                stack.pop()
            if not stack or indent > stack[-1]:
                stack.append(indent)
            out.append("    " * (len(stack) - 1) + marker + line[match.end():].strip())
            text_at = match.end()
        elif (text_at is not None and line.strip() and indent >= max(1, text_at - 2)
              and out and out[-1].strip()):
            out[-1] += " " + line.strip()
        else:
            if line.strip():
                stack, text_at = [], None
            out.append(line)
    return out


def run_in_headings(lines: Lines) -> Lines:
    """In layout text a heading stands right above its paragraph ('Aanleiding' / 'De
    standaard kent ...'): a short line without a sentence end after a blank line, above a
    line at least twice as long, gets a blank line after it so it reads as a heading."""
    out: Lines = []
    for i, line in enumerate(lines):
        out.append(line)
        text, after = line.strip(), lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (text and len(text) <= 60 and (i == 0 or not lines[i - 1].strip())
                and text[0].isupper() and not SENTENCE_END.search(text)
                and not MARKDOWN_ITEM.match(line.lstrip()) and len(after) >= max(50, 2 * len(text))
                and not MARKDOWN_ITEM.match(after)):
            out.append("")
    return out


def no_layout_indent(lines: Lines) -> Lines:
    """Indentation is layout, never a code block: only list items keep theirs."""
    return [x if MARKDOWN_ITEM.match(x) else x.lstrip() for x in lines]
