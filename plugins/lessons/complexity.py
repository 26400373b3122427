"""Bodies Python-Markdown cannot read in reasonable time, refused before it tries.

Python-Markdown looks for the end of every "[" to the end of its paragraph, and its
block processors split a block into lines again for every line they take off. On text
nobody writes on purpose (thousands of "[" without "]", ten thousand lines without a
blank one) that is quadratic: a 6 KB paragraph of "[a " takes 1.7 s, a 1 MB one hours,
and `lessons check`, the build and the preview all wait for it. These counts are made in
one pass each; the limits lie far above what any document of the site's kinds has.
"""

from __future__ import annotations

import re

from .markup import _blank_code
from .model.document import Document, Problem

MAX_UNMATCHED_BRACKETS = 300  # per paragraph: "[" that no "]" closes
MAX_BRACKET_DEPTH = 32  # "[[[[...": no link is nested this deep
MAX_BLOCK_LINES = 5000  # lines without a blank line between them
MAX_OPEN_TARGETS = 300  # per paragraph: "](" whose address no ")" closes
MAX_LINE_NESTING = 32  # quotes and lists opened at the start of one line: "> > > - 1. ..."
_NESTING = re.compile(r"^(?:[ \t]*+(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))++", re.M)
_MARKER = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")

_PARAGRAPH = re.compile(r"\n[ \t]*+\n")


def check(doc: Document) -> list[Problem]:
    return check_text(doc.path, doc.body, doc.body_line)


def check_text(path: str, body: str, first_line: int = 1) -> list[Problem]:
    text = _blank_code(body)  # code is not parsed for links
    problems = []
    start = 0
    for end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        message = _paragraph(text, start, end)
        if message:
            line = first_line + text.count("\n", 0, start)
            problems.append(Problem(path, line, "body", message))
        start = end + 1
    return problems


def _paragraph(text: str, start: int, end: int) -> str | None:
    if end - start < 2 * MAX_LINE_NESTING:  # too short to pass any limit
        return None
    lines = text.count("\n", start, end) + 1
    if lines > MAX_BLOCK_LINES:
        return (f"{lines} lines without a blank line between them; Markdown cannot read "
                f"that in reasonable time: put blank lines between paragraphs (at most "
                f"{MAX_BLOCK_LINES} lines in one block)")
    targets = text.count("](", start, end) - text.count(")", start, end)
    if targets > MAX_OPEN_TARGETS:
        return (f"{targets} link addresses '](' that no ')' closes in one paragraph; Markdown "
                f"cannot read that in reasonable time: close each address with ')'")
    for match in _NESTING.finditer(text, start, end):
        if (markers := len(_MARKER.findall(match.group(0)))) > MAX_LINE_NESTING:
            return (f"{markers} quotes or list items opened on one line; Markdown cannot "
                    f"read that in reasonable time: nest at most {MAX_LINE_NESTING} deep")
    depth = deepest = unmatched = 0
    for char in re.findall(r"(?<!\\)[\[\]]", text[start:end]):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    unmatched = depth
    if deepest > MAX_BRACKET_DEPTH:
        return (f"'[' nested {deepest} deep; Markdown cannot read that in reasonable time: "
                f"write '\\[' for a bracket that is not a link")
    if unmatched > MAX_UNMATCHED_BRACKETS:
        return (f"{unmatched} '[' that no ']' closes in one paragraph; Markdown cannot read "
                f"that in reasonable time: write '\\[' for a bracket that is not a link")
    return None
