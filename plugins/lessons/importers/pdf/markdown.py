"""Blocks to Markdown for Python-Markdown with the site's extensions (tables, footnotes):
one line per paragraph, never indented (four leading spaces would make a code block),
nested list items indented four spaces per level, text that looks like Markdown
syntax escaped."""

from __future__ import annotations

import re

from .blocks import Block
from .footnotes import Footnote

# A paragraph that starts like a heading, quote, list or table row is not one.
LINE_START = re.compile(r"^(#|>|[-+*] |=+$|\||\d+[.)] )")


def escape(text: str, line_start: bool = True) -> str:
    text = text.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*")
    text = text.replace("<", "&lt;")
    if line_start and LINE_START.match(text):
        text = "\\" + text if not text[0].isdigit() else re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return text


def render(title: str, blocks: list[Block], notes: list[Footnote]) -> str:
    parts: list[str] = []
    if title:
        parts.append(f"# {escape(title, line_start=False)}")
    items: list[str] = []
    previous: Block | None = None
    numbered = False  # the open list's outer level is numbered
    # Python-Markdown numbers every ordered list from 1 (lazy_ol): a list that starts at
    # another number ('2. Scherm' after a paragraph) shows its numbers as text instead.
    from_one: dict[int, bool] = {}
    for block in blocks:
        if block.kind == "item":
            number = _number(block.label) if block.ordered else ""
            # Python-Markdown nests only one level deeper than the item above.
            level = min(block.level, previous.level + 1) if items and previous else 0
            if not items or previous is None or previous.level < level \
                    or bool(number) != bool(_number(previous.label) if previous.ordered
                                            else "") and previous.level == level:
                from_one[level] = number == "1"
            for deeper in [k for k in from_one if k > level]:
                del from_one[deeper]
            ordered = bool(number) and from_one.get(level, False)
            if items and level == 0 and ordered != numbered:
                # A bullet list after a numbered one: Python-Markdown would continue the
                # first list across a blank line; a comment ends it.
                parts += ["\n".join(items), "<!-- -->"]
                items = []
            if not items:
                numbered = ordered
            block.level = level
            marker = f"{number}. " if ordered else "- "
            if ordered or not block.ordered:
                text = escape(block.text)
            else:  # the number or letter as written, kept visible
                text = f"{escape(block.label, line_start=False)} {escape(block.text)}"
                text = re.sub(r"^(\d+)\.", r"\1\\.", text)
            if block.lead:
                text = f"**{escape(block.lead)}** {text}".rstrip()
            items.append("    " * block.level + marker + text)
            previous = block
            continue
        if items:
            parts.append("\n".join(items))
            items, previous = [], None
        if block.kind == "heading":
            text = escape(block.text, line_start=False).rstrip("#").strip()
            parts.append("#" * block.level + " " + text)
        elif block.kind == "label":
            parts.append(f"**{escape(block.text)}**")
        elif block.kind in ("table", "raw"):
            parts.append(block.text.strip("\n"))
        elif block.text.strip():
            parts.append(escape(block.text))
    if items:
        parts.append("\n".join(items))
    for note in notes:
        parts.append(f"[^{note.number}]: {escape(note.text)}")
    text = "\n\n".join(p for p in parts if p.strip())
    return _glue_references(text) + "\n"


def _number(label: str) -> str:
    match = re.fullmatch(r"\(?(\d{1,2})[.)]", label)
    return match.group(1) if match else ""


def _glue_references(text: str) -> str:
    """'maatregelen [^2]' -> 'maatregelen[^2]': the mark follows its word."""
    return re.sub(r" (\[\^[\w-]+\])(?!:)", r"\1", text)
