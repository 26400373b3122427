"""Pages read by OCR: their Markdown (from ocr.py), with page numbers and running
headers and footers taken out by the same rules as on text pages: a paragraph near the
top or bottom of a page that is a page number, or whose text (numbers aside) recurs on
many pages."""

from __future__ import annotations

import re
from collections import defaultdict

from .furniture import PAGE_NUMBER, REPEAT, _shape

EDGE = 2  # paragraphs at the top and at the bottom of a page that may be furniture


def _plain(paragraph: str) -> str:
    return re.sub(r"\\(.)", r"\1", paragraph).strip()


def clean(pages: dict[int, str]) -> tuple[dict[int, str], dict[str, list[str]]]:
    """The pages without their furniture, and what was removed (what -> texts)."""
    split = {n: [p for p in re.split(r"\n\s*\n", text) if p.strip()] for n, text in pages.items()}
    seen: defaultdict[str, set[int]] = defaultdict(set)
    for n, paragraphs in split.items():
        edge = paragraphs[:EDGE] + paragraphs[-EDGE:]
        for p in edge:
            if len(p) <= 120:
                seen[_shape(_plain(p))].add(n)
    # Without positions, repetition must be stronger evidence than on text pages: on 3
    # pages at least, and the page must have more paragraphs than its edges.
    need = max(3, REPEAT * len(pages))
    running = {s for s, where in seen.items() if len(where) >= need}
    removed: defaultdict[str, list[str]] = defaultdict(list)
    labels: dict[str, str] = {}  # shape -> the first text with it, to name the entry
    out = {}
    for n, paragraphs in split.items():
        keep = []
        for i, p in enumerate(paragraphs):
            at_edge = (i < EDGE or i >= len(paragraphs) - EDGE) and len(paragraphs) > 2 * EDGE
            plain = _plain(p)
            if at_edge and PAGE_NUMBER.match(plain):
                removed["page numbers"].append(plain)
            elif at_edge and len(p) <= 120 and _shape(plain) in running:
                label = labels.setdefault(_shape(plain),
                                          plain if len(plain) <= 60 else plain[:57] + "...")
                removed[f"running header or footer '{label}' (OCR)"].append(plain)
            else:
                keep.append(p)
        out[n] = "\n\n".join(keep)
    return out, removed
