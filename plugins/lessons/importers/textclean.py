"""Repair plain text extracted from PDF into Markdown.

Each rule is a small function over lines, applied in order (see RULES). The rules
target what PDF extraction does to any document (repeated page furniture,
bullet glyphs, broken hyphenation, tables as tabs), never one file's quirks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import furniture, layout
from .accounting import Removed, words
from .dutch import join_broken
from .lines import BULLET, NUMBERED, PAGE_BREAK, SENTENCE_END, Dropped, Lines, stripped
from .redaction_ocr import canonicalize

LINK_TO_NOWHERE = re.compile(r"\[([^\]]+)\]\((?:tel:[^)]*|#[^)]*)\)")
NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s+")  # a section number, in layout text
QUOTE_LINE = re.compile(r"^\s*[\"“”„'‘’].{30,}[\"“”'‘’]\s*$")


def normalize_lines(lines: Lines, dropped: Dropped) -> Lines:
    """Soft hyphens, non-breaking spaces, links to nowhere (their text stays, their
    'tel:' or '#' address goes). Page breaks stay until the furniture is found."""
    out = []
    for line in lines:
        line = line.replace("\u00ad", "").replace("\u00a0", " ").rstrip()
        for match in LINK_TO_NOWHERE.finditer(line):
            dropped.add("link addresses ('tel:', '#')", match.group(0)[len(match.group(1)) + 2:])
        line = LINK_TO_NOWHERE.sub(lambda m: m.group(1).replace("\\", ""), line)
        line = re.sub(r"^(\f?)\}\s*", r"\1", line)  # braces drawn beside grouped slide items
        marked = canonicalize(line)
        if changed := words(line) - words(marked):  # '(10)(2e)' -> '[10.2e]', '5.1.2¢'
            dropped.add("redaction marks rewritten as the site writes them ('[10.2e]')",
                        " ".join(changed.elements()))
        out.append(marked)
    return out


def drop_page_breaks(lines: Lines) -> Lines:
    return [x.replace(PAGE_BREAK, "") for x in lines]


def join_wrapped_bold(lines: Lines) -> Lines:
    """'**A' / 'B' / 'C**': bold text the extraction broke over lines, joined again."""
    out: Lines = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opens = line.lstrip().startswith("**") and line.count("**") == 1
        end = _bold_end(lines, i) if opens else None
        if end is None:
            out.append(line)
            i += 1
        else:
            out.append(" ".join(x.strip() for x in lines[i:end + 1]))
            i = end + 1
    return out


def _bold_end(lines: Lines, i: int) -> int | None:
    for j in range(i + 1, min(i + 5, len(lines))):
        if not lines[j].strip():
            return None
        if lines[j].count("**") == 1 and lines[j].rstrip().endswith("**"):
            return j
    return None


def join_hyphenated(lines: Lines) -> Lines:
    """'regel-' / 'geving' -> 'regelgeving'; 'wet-' / 'en regelgeving' keeps its hyphen
    (lessons.importers.dutch decides with a Dutch word list)."""
    out: Lines = []
    for line in lines:
        before = re.search(r"([^\W\d_]*[^\W_])-$", out[-1]) if out else None
        after = re.match(r"^\s*([^\W_]\w*)(.*)$", line)
        if before and after and not BULLET.match(line):
            left, right = before.group(1), after.group(1)
            joined = join_broken(left, right)
            glue = " " if joined == f"{left}- {right}" else ""
            head = out[-1][:before.start()] if not glue else out[-1] + " "
            out[-1] = head + (right if glue else joined) + after.group(2)
        else:
            out.append(line)
    return out


def tables(lines: Lines) -> Lines:
    """Runs of tab-separated lines with the same number of cells become a Markdown table."""
    out: Lines = []
    i = 0
    while i < len(lines):
        cells = lines[i].count("\t")
        j = i
        while cells and j < len(lines) and lines[j].count("\t") == cells:
            j += 1
        if cells and j - i >= 2:
            rows = [[c.strip().replace("|", "\\|") for c in lines[k].split("\t")]
                    for k in range(i, j)]
            out += ["", "| " + " | ".join(rows[0]) + " |",
                    "|" + "---|" * len(rows[0])]
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            out.append("")
            i = j
        else:
            out.append(lines[i].replace("\t", " "))
            i += 1
    return out


def _isolated(lines: Lines, i: int) -> bool:
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def headings(lines: Lines) -> Lines:
    """Isolated numbered lines, ALL-CAPS lines and short slide titles become headings."""
    out = list(lines)
    for i, line in enumerate(lines):
        text = line.strip()
        if not text or not _isolated(lines, i) or text.startswith(("- ", "|", ">", "#")):
            continue
        plain = stripped(text)
        if len(plain) > 90 or not re.match(r"^[\w“\"'(]", plain) or re.search(
                r"\S {3,}\S", NUMBER.sub("", text)):  # a label and its value in columns
            continue
        numbered = NUMBERED.match(plain)
        if numbered and not SENTENCE_END.search(plain.rstrip(":")) and _next_is_body(lines, i):
            depth = numbered.group(1).count(".") + 2
            # The number stays: it is the document's own and sections refer to it.
            out[i] = "#" * min(depth, 4) + " " + plain.rstrip(":")
        elif _is_caps(plain) and not text.startswith("**"):
            out[i] = "## " + plain[0] + plain[1:].lower()
        elif (len(plain) <= 70 and plain[0].isupper()
              and not SENTENCE_END.search(plain.rstrip("?"))
              and not text.startswith("**") and _next_is_body(lines, i)):
            out[i] = "## " + plain
    return out


def _next_is_body(lines: Lines, i: int) -> bool:
    """A heading is followed by content: a paragraph, list or quote, not another title."""
    for line in lines[i + 1:]:
        if line.strip():
            text = line.strip()
            # a line of running text; layout text wraps at about 70 characters
            return len(text) > 50 or text.startswith(("- ", "|", "“", '"')) or bool(
                SENTENCE_END.search(text))
    return False


def quotes(lines: Lines) -> Lines:
    return [f"> {x.strip()}" if QUOTE_LINE.match(x) and not x.lstrip().startswith("-") else x
            for x in lines]


def stray_asterisks(lines: Lines) -> Lines:
    """Footnote stars ('DSV's)*', '** Het veld ...') must not turn text into emphasis."""
    out = []
    for line in lines:
        footnote = re.match(r"^(\*{1,3})\s+(?=\S)", line)
        if footnote:  # keep the footnote's own stars, drop an unmatched closing one
            line = line[:footnote.end()].replace("*", "\\*") + line[footnote.end():].rstrip("*")
            line = line.replace("*", "\\*") if "*" in line.replace("\\*", "") else line
        elif line.count("**") % 2 or line.replace("**", "").count("*") % 2:
            line = line.replace("*", "\\*")
        elif "**" not in line:
            line = re.sub(r"(?<=[\w)’'])\*(?=[\s).,;:]|$)", "\\*", line)
        out.append(line)
    return out


def blank_lines(lines: Lines) -> Lines:
    out: Lines = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    while out and not out[-1].strip():
        out.pop()
    return _space_blocks(out)


def _space_blocks(lines: Lines) -> Lines:
    """Markdown needs a blank line between a paragraph and a following list or heading."""
    out: Lines = []
    for line in lines:
        if out and out[-1].strip() and line.strip():
            prev_list = out[-1].lstrip().startswith("- ")
            this_list = line.lstrip().startswith("- ")
            if line.startswith("#") or out[-1].startswith("#") or (this_list != prev_list):
                out.append("")
        out.append(line)
    return out


Rule = Callable[[Lines, Dropped], Lines]


def _keeps_all(rule: Callable[[Lines], Lines]) -> Rule:
    """A rule that only reshapes lines: it has nothing to report."""
    return lambda lines, _dropped: rule(lines)


RULES: list[Rule] = [
    layout.split_side_column,
    normalize_lines,
    furniture.drop_page_numbers,
    furniture.drop_running_furniture,
    furniture.drop_repeated_blocks,
    furniture.drop_cover_repeats,
    furniture.drop_letterhead,
    furniture.collapse_duplicated_phrases,
    _keeps_all(join_wrapped_bold),
    furniture.drop_table_of_contents,
    _keeps_all(drop_page_breaks),
    _keeps_all(join_hyphenated),
    _keeps_all(tables),
    layout.bullets,
    _keeps_all(layout.no_layout_indent),
    _keeps_all(layout.run_in_headings),
    _keeps_all(stray_asterisks),
    _keeps_all(quotes),
    _keeps_all(headings),
    _keeps_all(blank_lines),
]


def looks_like_memo(text: str) -> bool:
    """A memo's header (Aan:, Van:, Datum:, Onderwerp:) looks like a mail's; the word
    above it tells them apart."""
    first = next((x.strip() for x in text.split("\n") if x.strip()), "")
    return bool(re.fullmatch(r"(?:memo|memorandum|notitie|nota|oplegnotitie|beslisnota)\W*",
                             first, re.I))


def clean_text(text: str) -> tuple[str, list[Removed]]:
    """Markdown for plain text, and what was left out on purpose (counted)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    dropped = Dropped()
    for rule in RULES:
        lines = rule(lines, dropped)
    return "\n".join(lines) + "\n", dropped.removed()


def clean(text: str) -> str:
    return clean_text(text)[0]


def clean_converted(markdown: str) -> str:
    """What pandoc output still needs: canonical redaction marks, tidy blank lines."""
    lines = [canonicalize(x.rstrip()) for x in markdown.split("\n")]
    return "\n".join(blank_lines(lines)) + "\n"
