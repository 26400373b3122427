"""Repair plain text extracted from PDF into Markdown.

Each rule is a small function over lines, applied in order (see RULES). The rules
target what PDF extraction does to any document (repeated page furniture,
bullet glyphs, broken hyphenation, tables as tabs), never one file's quirks.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import furniture
from .lines import BULLET, EMPTY_BULLET, NUMBERED, Lines, stripped
from .redaction_ocr import canonicalize

LINK_TO_NOWHERE = re.compile(r"\[([^\]]+)\]\((?:tel:[^)]*|#[^)]*)\)")
QUOTE_LINE = re.compile(r"^\s*[\"“”„'‘’].{30,}[\"“”'‘’]\s*$")
SENTENCE_END = re.compile(r"[.!?:;…\"”’)]\s*$")


def normalize_lines(lines: Lines) -> Lines:
    out = []
    for line in lines:
        line = line.replace("\f", "").replace("\u00ad", "").replace("\u00a0", " ").rstrip()
        line = LINK_TO_NOWHERE.sub(lambda m: m.group(1).replace("\\", ""), line)
        line = re.sub(r"^\}\s*", "", line)  # brace glyphs drawn next to grouped slide items
        out.append(canonicalize(line))
    return out


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
    out: Lines = []
    for line in lines:
        if out and re.search(r"\w-$", out[-1]) and re.match(r"^[a-zà-ÿ]", line):
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
    return out


def bullets(lines: Lines) -> Lines:
    out = []
    for line in lines:
        if EMPTY_BULLET.match(line):
            continue
        match = BULLET.match(line) or re.match(r"^(\s*)-\s+(?=\S)", line)
        if match:
            depth = 1 if match.group(1) else 0
            line = "    " * depth + "- " + line[match.end():]
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
        if len(plain) > 90 or not re.match(r"^[\w“\"'(]", plain):
            continue
        numbered = NUMBERED.match(plain)
        if numbered and not SENTENCE_END.search(plain.rstrip(":")) and _next_is_body(lines, i):
            depth = numbered.group(1).count(".") + 2
            out[i] = "#" * min(depth, 4) + " " + numbered.group(2).rstrip(":")
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
            return len(text) > 70 or text.startswith(("- ", "|", "“", '"')) or bool(
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


RULES: list[Callable[[Lines], Lines]] = [
    normalize_lines,
    furniture.drop_page_numbers,
    furniture.drop_repeated_furniture,
    furniture.drop_repeated_blocks,
    furniture.drop_letterhead,
    furniture.collapse_duplicated_phrases,
    join_wrapped_bold,
    furniture.drop_table_of_contents,
    join_hyphenated,
    tables,
    bullets,
    stray_asterisks,
    quotes,
    headings,
    blank_lines,
]


def clean(text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for rule in RULES:
        lines = rule(lines)
    return "\n".join(lines) + "\n"


def clean_converted(markdown: str) -> str:
    """What pandoc output still needs: canonical redaction marks, tidy blank lines."""
    lines = [canonicalize(x.rstrip()) for x in markdown.split("\n")]
    return "\n".join(blank_lines(lines)) + "\n"
