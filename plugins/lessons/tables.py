"""Tables in a published body scroll inside their own box, which a keyboard can reach
and a screen reader names (WCAG 1.4.10 reflow, 2.1.1 keyboard): the theme's own wrapper
(`.md-typeset__scrollwrap`, added by its JavaScript) can be scrolled but not focused, and
is not there without JavaScript."""

from __future__ import annotations

import html as html_lib
import re

from selectolax.lexbor import LexborHTMLParser

_TAG = re.compile(r"<(/?)table\b[^>]*>", re.I)
_OPEN = re.compile(r"<table\b([^>]*)>", re.I)
# Header cells named in the box's name: enough to tell two tables of a page apart.
NAMED_CELLS = 3


def scrollable(html: str) -> str:
    """The body with each outermost table in a focusable, named scrolling box."""
    if "<table" not in html.lower():
        return html
    out, depth, start, done = [], 0, 0, 0
    for tag in _TAG.finditer(html):
        if not tag.group(1):
            if depth == 0:
                start = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out += [html[done:start], _boxed(html[start:tag.end()])]
                done = tag.end()
    out.append(html[done:])
    return "".join(out)


def _boxed(table: str) -> str:
    # A class keeps the theme's script from wrapping the table a second time.
    opened = _OPEN.match(table)
    attrs = opened.group(1) if opened else ""
    if "class=" not in attrs:
        table = _OPEN.sub(lambda m: f'<table class="lessons-table"{m.group(1)}>', table, count=1)
    label = html_lib.escape(_name(table), quote=True)
    return (f'<div class="lessons-scroll" role="region" tabindex="0" aria-label="{label}">'
            f"{table}</div>")


def _name(table: str) -> str:
    tree = LexborHTMLParser(table)
    caption = tree.css_first("caption")
    if caption is not None and caption.text(strip=True):
        return f"Tabel: {caption.text(separator=' ', strip=True)}"
    cells = [c.text(separator=" ", strip=True) for c in tree.css("tr")[0].css("th, td")] \
        if tree.css("tr") else []
    named = [c for c in cells if c][:NAMED_CELLS]
    return "Tabel: " + ", ".join(named) if named else "Tabel"
