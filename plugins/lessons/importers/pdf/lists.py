"""List items from the glyph or number a line starts with: '•', '–', 'o', the private-use
code points of Symbol and Wingdings bullets (U+F0B7, U+F0A7, U+F076, U+F0D8, ...),
'1.', 'a)', '1)', '(iv)'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Line

BULLETS = set("•●○◦▪▫■□◆◇►▶▸▹➢➤✓✔➔→·*-–—−o") | {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8"}
NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)]$|^\((?:\d{1,2}|[a-z]|[ivx]{1,5})\)$")


@dataclass
class Marker:
    ordered: bool
    label: str  # the number as written ("1.", "a)"), empty for bullets
    x0: float  # where the marker starts: its nesting
    text_x0: float  # where the item's text starts: its continuation lines


def is_bullet(token: str) -> bool:
    return token in BULLETS or (len(token) == 1 and 0xE000 <= ord(token) <= 0xF8FF)


def marker(line: Line) -> Marker | None:
    """The line's list marker, if it starts with one and has text after it."""
    if len(line.words) < 2:
        return None
    first, second = line.words[0], line.words[1]
    token = first.text
    if is_bullet(token):
        return Marker(False, "", first.x0, second.x0)
    if len(token) > 1 and is_bullet(token[0]) and token[0] not in "o-–—*·" \
            and token[1:2].isalnum():  # '•Tekst' glued by a tight layout
        return Marker(False, "", first.x0, first.x0 + (first.x1 - first.x0) / len(token))
    if NUMBERED.match(token):
        return Marker(True, token, first.x0, second.x0)
    return None


def strip_marker(line: Line, found: Marker) -> str:
    """The item's text without its marker."""
    text = line.text
    if not found.ordered and len(line.words[0].text) > 1 and is_bullet(line.words[0].text[0]):
        return text[1:].lstrip()
    return text.split(" ", 1)[1] if " " in text else ""
