"""Redaction boxes of Woo releases: a filled black rectangle with its legal ground
('5.1.2e') printed in or beside it becomes the site's redaction mark '[5.1.2e]'.

Words lying under a black box (a box drawn over text that was not removed) are not
published: they are listed as removed, so the editor sees what happened.
"""

from __future__ import annotations

import re

from ..redaction_ocr import canonicalize
from .model import Word

CODE = re.compile(r"^\(?(?:5\.1\.[12][a-i]|5\.2|10\.[12][a-g]|11\.1)\)?[.,;]?$")
NEAR = 3.0  # points: a label this close to a box belongs to it


def _touches(word: Word, box: tuple[float, float, float, float], margin: float) -> bool:
    x0, top, x1, bottom = box
    return (word.x1 >= x0 - margin and word.x0 <= x1 + margin
            and word.bottom >= top - margin and word.top <= bottom + margin)


def _under(word: Word, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def apply(words: list[Word], boxes: list[tuple[float, float, float, float]]) -> list[Word]:
    """Rewrites labels to '[code]'; returns the words under boxes that are not labels
    (the caller removes them from the running text)."""
    hidden = []
    for word in words:
        near = [b for b in boxes if _touches(word, b, NEAR)]
        if not near:
            continue
        if CODE.match(word.text):
            word.text = canonicalize(word.text.strip("().,;"))
            if not word.text.startswith("["):
                word.text = f"[{word.text}]"
        elif any(_under(word, b) for b in near):
            hidden.append(word)
    return hidden
