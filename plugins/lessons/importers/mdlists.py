"""Markdown as the site's Python-Markdown reads it: nested lists and GitHub alerts.

pandoc indents a nested list under its parent's text ('- a' then '  - b', two spaces);
Python-Markdown wants four spaces per level and otherwise renders the nested items as
siblings (a flat list). `reindent_lists` moves every line inside a list item to four
spaces per level, keeping any further indentation it has relative to its item.

GitHub's '> [!NOTE]' alerts become the site's admonitions ('!!! note'), text unchanged.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"^( *)([-+*]|\d{1,9}[.)])( +|$)")
ALERT = re.compile(r"^> *\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\] *(.*)$", re.I)
ALERT_TYPE = {"note": "note", "tip": "tip", "important": "important", "warning": "warning",
              "caution": "danger"}


def reindent_lists(markdown: str) -> str:
    out: list[str] = []
    stack: list[int] = []  # content column of each open list item, outermost first
    fenced = False
    for line in markdown.split("\n"):
        if not line.strip():
            out.append("")
            continue
        indent = len(line) - len(line.lstrip(" "))
        while stack and indent < stack[-1]:
            stack.pop()
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        marker = None if fenced else MARKER.match(line)
        depth = len(stack)
        extra = indent - stack[-1] if stack else indent
        if marker and (not stack or indent >= stack[-1]) and (stack or indent < 4):
            out.append(" " * (4 * depth) + line[indent:])
            width = len(marker.group(2)) + max(1, len(marker.group(3)))
            stack.append(indent + width)
        elif stack:
            out.append(" " * (4 * depth + extra) + line[indent:])
        else:
            out.append(line)
    return "\n".join(out)


def alerts_to_admonitions(markdown: str) -> str:
    lines, out, i = markdown.split("\n"), [], 0
    while i < len(lines):
        match = ALERT.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        out.append(f"!!! {ALERT_TYPE[match.group(1).lower()]}")
        out.append("")
        if match.group(2).strip():
            out.append(f"    {match.group(2).strip()}")
        i += 1
        while i < len(lines) and lines[i].startswith(">"):
            text = re.sub(r"^> ?", "", lines[i])
            out.append(f"    {text}" if text.strip() else "")
            i += 1
    return "\n".join(out)
