"""The PDF reader's units: a word with its position and font, a line of words."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    page: int  # 0-based

    @property
    def bold(self) -> bool:
        # The PostScript name says the weight: "ABCDEE+Verdana-Bold", "Arial-BoldMT".
        return any(name in self.font.lower() for name in BOLD_NAMES)


@dataclass
class Line:
    words: list[Word]
    page: int
    kind: str = "text"  # set by the furniture and TOC passes: "text" or what removed it
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return median(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return median(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        """The size most of the line's letters have (a bullet or superscript aside)."""
        weights: dict[float, int] = {}
        for w in self.words:
            weights[round(w.size, 1)] = weights.get(round(w.size, 1), 0) + len(w.text)
        return max(weights, key=lambda s: (weights[s], s))

    @property
    def bold(self) -> bool:
        letters = sum(len(w.text) for w in self.words if any(c.isalnum() for c in w.text))
        heavy = sum(len(w.text) for w in self.words
                    if w.bold and any(c.isalnum() for c in w.text))
        return letters > 0 and heavy >= 0.8 * letters
