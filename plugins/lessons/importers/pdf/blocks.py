"""Lines into blocks: headings (by type size and weight), paragraphs (by line spacing,
indentation and short last lines), list items (by marker, nested by indentation) and
the tables and footnotes other passes found.

A paragraph's lines are joined into one line of text, line-end hyphens resolved with
the Dutch word list: the Markdown never keeps the PDF's indentation or line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from ..dutch import join_broken
from .lists import Marker, marker, strip_marker
from .model import Line

HEADING_RATIO = 1.12  # type this much larger than the body's is a heading
MAX_HEADING_WORDS = 20
SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]?$")


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "item", "table", "label"
    text: str = ""
    level: int = 0  # heading level (2..6) or list nesting (0..)
    label: str = ""  # an ordered item's number as written
    ordered: bool = False
    lead: str = ""  # an item's bold lead-in ('Aansluiting op EU standaarden'), shown bold
    page: int = 0
    lines: list[Line] = field(default_factory=list)


def join_text(left: str, right: str) -> str:
    """Two lines of one paragraph: a line-end hyphen joined when the result is a word
    ('regel-' + 'geving'), kept when suspended ('wet-' + 'en regelgeving')."""
    if not left:
        return right
    if not right:
        return left
    match = re.search(r"([^\W\d_]+)-$", left)
    if match and left[-2:-1].isalpha():
        first, _, rest = right.partition(" ")
        joined = join_broken(match.group(1), first)
        return left[:match.start()] + joined + (" " + rest if rest else "")
    return f"{left} {right}"


@dataclass
class Style:
    body_size: float
    heading_keys: list[tuple[float, bool]]  # (size, bold), largest first: level 2, 3, ...
    line_gap: float  # the usual space between two lines of a paragraph, per point of size
    right_edge: dict[int, float]  # per page: where full lines of running text end

    def heading_key(self, line: Line) -> tuple[float, bool] | None:
        size = round(line.size * 2) / 2
        if len(line.words) > MAX_HEADING_WORDS or not any(c.isalpha() for c in line.text):
            return None
        if line.size >= self.body_size * HEADING_RATIO:
            return (size, line.bold)
        if line.bold and line.size >= self.body_size - 0.6 and not line.text.endswith(
                (":", ",", ";")):
            return (size, True)
        return None

    def level(self, key: tuple[float, bool]) -> int:
        """Levels by size rank (bold or not at one size is one level); bold body type
        ranks below every larger size."""
        sizes = sorted({k[0] for k in self.heading_keys}, reverse=True)
        return min(6, 2 + sizes.index(key[0])) if key[0] in sizes else 6


def measure(lines: list[Line], body_size: float) -> Style:
    gaps, edges = [], {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page, page_lines in by_page.items():
        body = [x for x in page_lines if abs(x.size - body_size) < 0.6 and x.kind == "text"]
        if body:
            ends = sorted(x.x1 for x in body)
            edges[page] = ends[int(0.9 * (len(ends) - 1))]
        for a, b in zip(body, body[1:], strict=False):
            gap = b.top - a.bottom
            if -1 <= gap <= 1.5 * body_size:
                gaps.append(gap / body_size)
    return Style(body_size, [], median(gaps) if gaps else 0.3, edges)


def _breaks(a: Line, b: Line, style: Style, first_of_block: Line) -> bool:
    """Does a new paragraph start at line `b`, after line `a`?"""
    if abs(a.size - b.size) > 0.6 or a.bold != b.bold:  # a bold line is a label or lead
        return True
    if a.extra.get("table_row") and b.extra.get("table_row"):
        return True
    if a.page != b.page:  # a paragraph continues over a page break mid-sentence
        return bool(SENTENCE_END.search(a.text)) or not b.text[:1].islower()
    gap = b.top - a.bottom
    if gap > (style.line_gap + 0.45) * max(a.size, b.size) or gap < -0.5 * a.size:
        return True
    if _runs_on(a, b) or _hangs(a, b):
        return False
    # A first-line indent (up to about two ems) does not start a new paragraph.
    if abs(b.x0 - a.x0) > 8 and not (a is first_of_block and 0 < a.x0 - b.x0 <= 25):
        return True
    edge = style.right_edge.get(a.page, a.x1)
    short = a.x1 < edge - 0.12 * max(edge - a.x0, 1)
    return short and bool(SENTENCE_END.search(a.text))


def _continues_item(current: Block | None, found: Marker | None, last: Line | None,
                    line: Line, style: Style) -> bool:
    """A line under a list item, aligned with the item's text, close below it."""
    if current is None or current.kind != "item" or found is None or last is None:
        return False
    if abs(line.size - last.size) > 0.6 or line.x0 < found.x0 - 3:
        return False
    if line.x0 < found.text_x0 - 3 and not _runs_on(last, line):
        return False
    if line.page != last.page:
        return not blocks_end(last.text) and line.text[:1].islower()
    return line.top - last.bottom <= (style.line_gap + 0.45) * line.size


def _runs_on(a: Line, b: Line) -> bool:
    """`b` continues the sentence `a` left open: `a` has no end mark, `b` starts lower case."""
    return not SENTENCE_END.search(a.text) and b.text[:1].islower()


def _hangs(a: Line, b: Line) -> bool:
    """'Zaak: Nota van wijziging ... 25 oktober' over '2016 Tweede nota': `b` is aligned
    with the text after `a`'s label, and `a` left its sentence open."""
    return (not SENTENCE_END.search(a.text) and b.x0 > a.x0 + 8
            and any(abs(w.x0 - b.x0) <= 3 for w in a.words[1:4]))


def blocks_end(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def build(lines: list[Line], style: Style) -> list[Block]:
    """`lines`: the running text in reading order; tables as lines of kind 'table'."""
    blocks: list[Block] = []
    current: Block | None = None
    last: Line | None = None
    first: Line | None = None
    stack: list[float] = []  # marker x0 of each open list level
    item_marker: Marker | None = None
    for line in lines:
        if line.kind in ("table", "raw"):  # a ruled table; a page read by OCR
            blocks.append(Block(line.kind, line.extra["markdown"], page=line.page, lines=[line]))
            current, last, stack, item_marker = None, None, [], None
            continue
        if last is not None and line.page == last.page and line.top < last.top - 1:
            current, last, stack, item_marker = None, None, [], None  # the next column
        found = marker(line)
        if found is None and _continues_item(current, item_marker, last, line, style):
            if all(x.bold for x in current.lines) and not line.bold and not current.lead:
                current.lead, current.text = current.text, ""
            current.text = join_text(current.text, line.text)
            current.lines.append(line)
            last = line
            continue
        key = style.heading_key(line)
        # A numbered line in larger type, or wholly bold and short ('3. Vragenkwartier'),
        # is a numbered heading, not a list item.
        if key is not None and (found is None or found.ordered and (
                line.size >= style.body_size * HEADING_RATIO or line.bold)):
            level = style.level(key)
            if (current and current.kind == "heading" and current.level == level
                    and last is not None and last.page == line.page and len(current.lines) < 3
                    and line.top - last.bottom < 1.2 * line.size):
                current.text = join_text(current.text, line.text)  # a heading over two lines
                current.lines.append(line)
            else:
                current = Block("heading", line.text, level, page=line.page, lines=[line])
                blocks.append(current)
            last, stack, item_marker = line, [], None
            continue
        if found is not None:
            if current is None or current.kind != "item":
                stack = []  # a list after a paragraph or heading starts at level 0
            while stack and found.x0 < stack[-1] - 3:
                stack.pop()
            if not stack or found.x0 > stack[-1] + 3:
                stack.append(found.x0)
            current = Block("item", strip_marker(line, found), len(stack) - 1, found.label,
                            found.ordered, page=line.page, lines=[line])
            blocks.append(current)
            last, first, item_marker = line, line, found
            continue
        if current is not None and current.kind == "item" and stack \
                and line.x0 <= stack[0] + 3:
            stack, item_marker = [], None  # back at the list's margin: the list ended
        if current is not None and current.kind == "paragraph" and last is not None \
                and first is not None and not _breaks(last, line, style, first):
            current.text = join_text(current.text, line.text)
            current.lines.append(line)
            last = line
            continue
        if line.bold and line.text.endswith(":") and len(line.words) <= 8:
            current = Block("label", line.text, page=line.page, lines=[line])
        else:
            current = Block("paragraph", line.text, page=line.page, lines=[line])
        blocks.append(current)
        last, first = line, line
        if not stack or line.x0 <= stack[0] + 3:
            stack, item_marker = [], None
    return blocks


def heading_keys(lines: list[Line], style: Style) -> list[tuple[float, bool]]:
    """Distinct heading styles, the largest (and, at one size, the bold) first."""
    keys = {key for line in lines if (key := style.heading_key(line)) is not None}
    return sorted(keys, key=lambda k: (-k[0], not k[1]))
