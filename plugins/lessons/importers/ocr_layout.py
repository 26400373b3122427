"""Tesseract's words of one page (its TSV output) as Markdown.

Tesseract groups words into blocks, paragraphs and lines; a paragraph becomes one
Markdown paragraph with its lines joined by spaces and its line-end hyphens joined as
Dutch is read (dutch.join_broken keeps 'wet- en'). Lines that start with a bullet glyph
become `- ` items, lines that start with '1.' or 'a.' start a paragraph of their own.
Nothing is indented (indentation would make a code block), and characters that
Markdown would read as syntax are escaped. Every word tesseract read is kept, however
low its confidence: the editor is told to check the text instead.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace

from .dutch import join_line_ends
from .ocr_boxes import Box
from .redaction_ocr import canonicalize

REDACTED = "[redacted]"
# Bullet glyphs as tesseract reads them: '•' comes back as itself, '«', 'e', 'o' or '°',
# '▪' as '='.
BULLETS = {"•", "·", "‣", "▪", "■", "●", "◦", "○", "-", "–", "*", "»", "", "➢", "✓"}
LOOKALIKE_BULLETS = {"e", "o", "°", "«", "©", "®", "¢", "="}  # only when small and set apart
GLYPH_RUN = re.compile(r"[=\"'«»•·*■▪°]{1,2}")  # '▪' read as '="'
ENUMERATOR = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]$")
LINE_END_HYPHENS = re.compile(r"(?<=\w)[‐‑¬\u00ad]$")


@dataclass(frozen=True)
class Word:
    text: str
    conf: float  # 0-100; -1 for the words this module adds ([redacted])
    left: int
    top: int
    width: int
    height: int
    block: int | str
    par: int
    line: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def parse_tsv(tsv: str) -> list[Word]:
    """The words (level 5) of tesseract's `tsv` output, in its reading order."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text:
            continue
        words.append(Word(text, float(row["conf"]), int(row["left"]), int(row["top"]),
                          int(row["width"]), int(row["height"]), int(row["block_num"]),
                          int(row["par_num"]), int(row["line_num"])))
    return words


@dataclass
class _Segment:
    kind: str  # "text", "bullet" (a '- ' item) or "enum" ('1.', 'a.': its own paragraph)
    lines: list[str]
    text_left: int = 0  # where an item's text starts: its continuation lines align there
    bullet_left: int = 0  # where an item's bullet is


@dataclass(frozen=True)
class PageText:
    markdown: str
    text: str  # without Markdown escapes
    marks: int  # black boxes that became [redacted]


def page_markdown(words: list[Word], boxes: list[Box] = ()) -> PageText:
    """One page as Markdown; `boxes` are black boxes whose place gets [redacted] unless
    a redaction label was read beside them."""
    words = _with_boxes(words, boxes)
    lines: list[list[Word]] = []
    for word in words:
        if lines and _key(lines[-1][0]) == _key(word):
            lines[-1].append(word)
        else:
            lines.append([word])
    markdown, plain = [], []
    for kind, text in _segments(_side_column_apart(lines)):
        text = canonicalize(text)
        plain.append(text)
        markdown.append((kind, "- " + _escape(text) if kind == "bullet" else
                         _escape(text, start=True)))
    marks = sum(w.conf < 0 for w in words)
    return PageText(_join_blocks(markdown), "\n\n".join(plain), marks)


def _key(word: Word) -> tuple:
    return word.block, word.par, word.line


def _segments(lines: list[list[Word]]) -> list[tuple[str, str]]:
    """Paragraphs and list items of a page from its lines in reading order.

    Tesseract's own paragraphs split block-style letters mid-sentence and run headings
    into the text, so a paragraph ends where the text flow says so: after a line that
    stopped although the next line's first word would have fitted (a paragraph's last
    line, a heading, an address line), at a blank line's worth of space, or where
    tesseract starts a new block that does not continue the line above."""
    spacing = _spacing(lines)
    segments: list[_Segment] = []
    previous: list[Word] | None = None
    for line in lines:
        height = _height(line)
        texts = [w.text for w in line]
        new = previous is None or _breaks(previous, line, _measure(lines, previous),
                                          height, spacing)
        if _is_bullet(line, height):
            segments.append(_Segment("bullet", [" ".join(texts[1:])], line[1].left,
                                     line[0].left))
        elif len(line) > 1 and ENUMERATOR.match(texts[0]):
            segments.append(_Segment("enum", [" ".join(texts)], line[1].left))
        elif len(line[0].text) > 1 and (line[0].text[0] in "•▪■●" or (
                new and line[0].text[0] in "=\"«»*" and segments
                and segments[-1].kind == "bullet"
                and abs(line[0].left - segments[-1].bullet_left) < height)):
            # '•naam': the glyph glued to the word ('"Het' in a list whose bullets
            # tesseract read as '="')
            segments.append(_Segment("bullet", [" ".join([texts[0][1:], *texts[1:]])],
                                     line[0].left, line[0].left))
        elif segments and not new:
            segments[-1].lines.append(" ".join(texts))
        elif (segments and segments[-1].kind == "bullet"
              and abs(line[0].left - segments[-1].text_left) < height):
            # a new item whose bullet glyph tesseract did not see
            segments.append(_Segment("bullet", [" ".join(texts)], line[0].left))
        else:
            segments.append(_Segment("text", [" ".join(texts)]))
        previous = line
    return [(s.kind, _join_lines(s.lines)) for s in segments]


def _side_column_apart(lines: list[list[Word]]) -> list[list[Word]]:
    """Lines with the words tesseract ran in from a side column taken out and put after
    the page's text, each piece a line of its own. A ministry letter's letterhead column
    ('Ons kenmerk', 'Pagina 2 van 10') sits just right of the text; tesseract often
    reads it as the end of a text line. A piece is taken out when a wide gap separates
    it and it starts where the text at that line's margin usually has ended."""
    body: list[list[Word]] = []
    side: list[list[Word]] = []
    margin = _main_margin(lines)
    for n, line in enumerate(lines):
        height, measure = _height(line), _measure(lines, line)
        if margin and line[0].left >= _measure(lines, margin) - height:
            side.append(line)  # the whole line is right of the text column
            continue
        cut = next((i for i in range(1, len(line))
                    if line[i].left - _last_word(line[:i]).right > 1.5 * height
                    and line[i].left >= measure - height
                    and _last_word(line[:i]).right < measure + height), None)
        if cut is None:
            body.append(line)
            continue
        body.append(line[:cut])
        side.append([replace(w, block=f"side{n}") for w in line[cut:]])
    return body + sorted(side, key=lambda line: line[0].top)


def _main_margin(lines: list[list[Word]]) -> list[Word] | None:
    """A line at the left margin most lines of the page start at."""
    counts: dict[int, int] = {}
    for line in lines:
        bucket = line[0].left // _height(line)
        counts[bucket] = counts.get(bucket, 0) + 1
    if not counts:
        return None
    best = max(counts, key=counts.__getitem__)
    return next(line for line in lines if line[0].left // _height(line) == best)


def _last_word(words: list[Word]) -> Word:
    """The last word with a letter or digit: a speck of dust read as '_' or ',' does not
    close a gap."""
    return next((w for w in reversed(words) if any(c.isalnum() for c in w.text)), words[-1])


def _height(line: list[Word]) -> int:
    return max(sorted(w.height for w in line)[len(line) // 2], 1)


def _measure(lines: list[list[Word]], line: list[Word]) -> int:
    """Where the text that starts at `line`'s left margin usually ends: an address
    block is a tesseract block of its own, but its short lines are short against the
    letter's text below it. The upper quartile, so that the few lines tesseract ran
    into a side column do not count."""
    left, height = line[0].left, _height(line)
    ends = sorted(max(w.right for w in other) for other in lines
                  if abs(other[0].left - left) <= height)
    return ends[len(ends) * 3 // 4]


def _spacing(lines: list[list[Word]]) -> float:
    """The usual space between two lines of one block on this page (median), in pixels:
    a printed web page leaves more between lines than a letter between paragraphs."""
    gaps = sorted(_gap_between(a, b) for a, b in zip(lines, lines[1:], strict=False)
                  if a[0].block == b[0].block and _gap_between(a, b) >= 0)
    return gaps[len(gaps) // 2] if gaps else 0.0


def _gap_between(above: list[Word], below: list[Word]) -> int:
    return min(w.top for w in below) - max(w.bottom for w in above)


def _breaks(previous: list[Word], line: list[Word], right: int, height: int,
            spacing: float = 0.0) -> bool:
    """Whether `line` starts a new paragraph after `previous` (see _segments)."""
    end = max(w.right for w in previous)
    gap = _gap_between(previous, line)
    if gap > max(0.8 * height, spacing + 0.5 * height) or gap < -height:
        # a blank line's worth of space, or back up the page
        return True
    if previous[0].block != line[0].block and all(
            abs(w.left - line[0].left) > height for w in previous[:2]):
        return True  # another column or a side note (a list item's text is the second word)
    if previous[-1].text.endswith("-") and previous[-1].text[-2:-1].isalpha():
        return False  # a word broken over the line end
    return right - end > line[0].width + height


def _is_bullet(line: list[Word], height: int) -> bool:
    if len(line) < 2:
        return False
    first, second = line[0], line[1]
    if first.text in BULLETS:
        return True
    # a bullet is smaller than a letter and sits mid-line, or stands apart from the text
    lookalike = first.text in LOOKALIKE_BULLETS or GLYPH_RUN.fullmatch(first.text)
    return bool(lookalike and first.width <= 0.8 * height
            and (first.height <= 0.6 * height or second.left - first.right >= 0.6 * height))


def _join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line: a line-end hyphen joined as Dutch is read."""
    text = "\n".join(LINE_END_HYPHENS.sub("-", line) for line in lines)
    return join_line_ends(text).replace("\n", " ")


def _with_boxes(words: list[Word], boxes: list[Box]) -> list[Word]:
    """`words` with a [redacted] word where a black box sits: inside the line it
    interrupts, or as a paragraph of its own before the text below it."""
    words = list(words)
    for n, box in enumerate(boxes):
        line = _line_of(words, box)
        if line is not None:
            if any(_is_label(w) and _gap(w, box) < 3 * box.height for w in line):
                continue  # the label says what was withheld, and why
            key = line[0]
            mark = replace(key, text=REDACTED, conf=-1, left=box.left, top=box.top,
                           width=box.right - box.left, height=box.height)
            after = max((words.index(w) for w in line if w.left < box.left),
                        default=words.index(key) - 1)
            words.insert(after + 1, mark)
            continue
        mark = Word(REDACTED, -1, box.left, box.top, box.right - box.left, box.height,
                    f"box{n}", 0, 0)
        below = [i for i, w in enumerate(words) if w.top >= box.top
                 and w.left < box.right and w.right > box.left]
        words.insert(_paragraph_start(words, below[0]) if below else len(words), mark)
    return words


def _line_of(words: list[Word], box: Box) -> list[Word] | None:
    """The words of the line `box` sits in: one that overlaps it vertically by at least
    half its height and ends or starts near it."""
    best, best_gap = None, None
    lines: dict[tuple, list[Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    for line in lines.values():
        top, bottom = min(w.top for w in line), max(w.bottom for w in line)
        overlap = min(bottom, box.bottom) - max(top, box.top)
        if overlap < 0.5 * (bottom - top):
            continue
        gap = min(_gap(w, box) for w in line)
        if gap <= 4 * (bottom - top) and (best_gap is None or gap < best_gap):
            best, best_gap = line, gap
    return best


def _gap(word: Word, box: Box) -> int:
    return max(box.left - word.right, word.left - box.right, 0)


def _is_label(word: Word) -> bool:
    return word.text != REDACTED and canonicalize(word.text) != word.text


def _paragraph_start(words: list[Word], i: int) -> int:
    while i > 0 and words[i - 1].block == words[i].block and (
            words[i].top - words[i - 1].bottom < words[i].height):
        i -= 1
    return i


def _escape(text: str, start: bool = False) -> str:
    """Text Markdown shows as it is: emphasis and code characters escaped, '<' before a
    letter written as an entity (it would start HTML), and a line start that Markdown
    would take as a heading, quote, list or rule escaped."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`])", r"\\\1", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    if start:
        text = re.sub(r"^([#>+=-])", r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", text)
    return text


def _join_blocks(blocks: list[tuple[str, str]]) -> str:
    """Paragraphs apart by a blank line; the items of one list on consecutive lines."""
    out: list[str] = []
    previous = ""
    for kind, text in blocks:
        if out:
            out.append("\n" if kind == previous == "bullet" else "\n\n")
        out.append(text)
        previous = kind
    return "".join(out) + "\n" if out else ""
