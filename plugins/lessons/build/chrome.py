"""The theme rendered once per page shape, with each page filled into its slots.

A theme's base template (header, navigation, footer, scripts) costs several milliseconds
per page and comes out the same for every document and lesson page: only a few values
differ (title, description, canonical address, the table of contents, the content). A
`Chrome` renders the page template once with a *probe*, a page whose varying values are
unique marker strings and whose per-page parts are marker templates, and cuts the output
at the markers. A page is then the chrome's fixed text joined with its own values, which
are rendered from small templates of their own.

Nothing about the output may change for speed, so a chrome proves itself: the first pages
of each shape are rendered both ways, and a shape whose results differ is rendered in
full from then on. The build tests compare whole sites built both ways.

Only Jinja is used here; what a probe is (which values vary, which templates are a page's
own) is the site generator's to say (see `..mkdocs_pages`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# Markers are plain ASCII words so no escaping or filter in a theme alters them; a
# template that transforms a value (upper-cases, truncates) fails the proof instead.
_MARK = "LESSONSCHROMESLOT{}X"
_MARK_RE = re.compile(r"LESSONSCHROMESLOT([a-z_]+)X")
PROVE_PAGES = 2  # pages per shape rendered both ways before the chrome is trusted


def marker(name: str) -> str:
    return _MARK.format(name)


@dataclass
class Chrome:
    """One shape's fixed text around its slots: parts[0] slot[0] parts[1] slot[1] ..."""

    parts: list[str]
    slots: list[str]
    proved: int = 0
    failed: bool = False

    @classmethod
    def cut(cls, probe_output: str, names: set[str]) -> Chrome | None:
        """The chrome of a probe's output, or None when a marker it should hold is missing
        (then every page of this shape is rendered in full)."""
        pieces = _MARK_RE.split(probe_output)
        parts, slots = pieces[0::2], pieces[1::2]
        if set(slots) != names or any(s not in names for s in slots):
            return None
        return cls(parts, slots)

    def fill(self, values: Mapping[str, str]) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:], strict=True):
            out.append(values[slot])
            out.append(part)
        return "".join(out)


@dataclass
class Shapes:
    """The chromes of one build, by shape, made on first use."""

    chromes: dict[object, Chrome | None] = field(default_factory=dict)
    filled: int = 0  # pages made from a chrome
    full: int = 0  # pages rendered in full

    def render(self, shape: object, probe: Callable[[], tuple[str, set[str]] | None],
               values: Callable[[], Mapping[str, str]], full: Callable[[], str]) -> str:
        """The page of this shape: from its chrome once the chrome has proved itself,
        otherwise in full (and, while proving, both ways). `probe` renders the shape's
        probe and names the slots it must hold (None: this shape has no chrome)."""
        if shape not in self.chromes:
            probed = probe()
            self.chromes[shape] = None if probed is None else Chrome.cut(*probed)
        chrome = self.chromes[shape]
        if chrome is None or chrome.failed:
            self.full += 1
            return full()
        filled = chrome.fill(values())
        if chrome.proved < PROVE_PAGES:
            whole = full()
            if whole != filled:
                chrome.failed = True
                self.full += 1
                return whole
            chrome.proved += 1
        self.filled += 1
        return filled
