"""What lines of text extracted from PDF look like: shared by the cleaning rules."""

from __future__ import annotations

import re

from .accounting import Removed

Lines = list[str]

# Bullet glyphs: typographic ones, '- .' and '>' from earlier conversions, a lone 'o'
# (Word's second level), and the private-use code points of the Symbol and Wingdings
# fonts (U+F0B7 is Symbol's bullet) that show as empty boxes in any other font.
GLYPHS = "›•▪●◦○■□➢➤►▶✓✔–—·∙‣⁃\uf000-\uf0ff"
# '>' only after a dash ('- > punt', an earlier conversion's bullet): alone it is the
# arrow before a letter's 'Retouradres'.
BULLET = re.compile(rf"^(\s*)(?:-\s*(?:[{GLYPHS}]|\.|>)|[{GLYPHS}]|o(?=\s)|\*(?=\s))\s*(?=\S)")
EMPTY_BULLET = re.compile(rf"^\s*(?:-|[{GLYPHS}])\s*$")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")
PAGE_BREAK = "\f"
SENTENCE_END = re.compile(r"[.,!?:;…\"”’)]\s*$")


def stripped(line: str) -> str:
    return re.sub(r"[*_#\s]+", " ", line).strip()


class Dropped:
    """What the cleaning rules left out, grouped by what it is, for `Converted.removed`:
    nothing leaves the text without being counted and shown to the editor."""

    def __init__(self) -> None:
        self.groups: dict[str, list[str]] = {}

    def add(self, what: str, text: str) -> None:
        if text.strip():
            self.groups.setdefault(what, []).append(text.strip())

    def removed(self) -> list[Removed]:
        return [Removed(what, len(texts), "\n".join(texts))
                for what, texts in self.groups.items()]
