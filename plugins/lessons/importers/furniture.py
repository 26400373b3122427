"""Page furniture in text extracted from PDF: what the reader of a web page does not need.

Letterheads, running headers and footers, page numbers, slide footers and a table of
contents repeat on paper because paper has pages; on the site they are noise. Each rule
recognizes furniture by how it recurs or by the form every letterhead shares, never by
one document's wording.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import BULLET, NUMBERED, Lines, stripped

PAGE_NUMBER = re.compile(r"^\s*(?:(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?"
                         r"|\d+\s*(?:/|van|of)\s*\d+|-\s*\d+\s*-)\s*$", re.I)
TOC_MARKER = re.compile(r"^\s*(?:inhoudsopgave|inhoud|table of contents|contents)\s*$", re.I)
FURNITURE_MIN = 3  # a short line repeated this often is page furniture (headers, footers)


def drop_repeated_furniture(lines: Lines) -> Lines:
    """Short lines that recur on many pages: letterheads, slide footers, logos."""
    counts = Counter(stripped(x) for x in lines if x.strip())
    furniture = {text for text, n in counts.items()
                 if n >= FURNITURE_MIN and len(text) <= 60 and not BULLET.match(text)}
    return [x for x in lines if stripped(x) not in furniture]


LETTERHEAD_LABEL = re.compile(
    r"^(?:datum|date|kenmerk|ons kenmerk|uw kenmerk|onze referentie|inlichtingen(?: bij)?|"
    r"contactpersoon|aantal pagina'?s|doorkiesnummer|"
    r"bezoekadres|postadres|retouradres)\s*:?$", re.I)
LETTERHEAD_LINE = re.compile(
    r"^(?:postbus \d+|\d{4}\s?[A-Z]{2}\s+\S.*|[TFE]\s+\+?[\d ()-]{8,}.*|"
    r"www\.\S+|https?://\S+\.nl/?)$", re.I)


def drop_letterhead(lines: Lines) -> Lines:
    """Rijkshuisstijl letterhead fields ('Datum' / value, address, T/F lines) on any page."""
    out: Lines = []
    skip_value = False
    for line in lines:
        text = stripped(line)
        if skip_value and text:
            skip_value = False
            if len(text) <= 40 and not LETTERHEAD_LABEL.match(text):
                continue
        if LETTERHEAD_LABEL.match(text):
            skip_value = True
            continue
        if text and len(text) <= 60 and LETTERHEAD_LINE.match(text):
            continue
        out.append(line)
    return out


def drop_repeated_blocks(lines: Lines, size: int = 3) -> Lines:
    """A run of short lines that recurs (a letterhead on page 2) is kept only once."""
    seen: set[tuple[str, ...]] = set()
    out: Lines = []
    i = 0
    while i < len(lines):
        window = tuple(stripped(x) for x in lines[i:i + size])
        if (len(window) == size and all(0 < len(x) <= 60 for x in window)):
            if window in seen:
                i += size
                continue
            seen.add(window)
        out.append(lines[i])
        i += 1
    return out


def drop_page_numbers(lines: Lines) -> Lines:
    return [x for x in lines if not PAGE_NUMBER.match(x)]


def collapse_duplicated_phrases(lines: Lines) -> Lines:
    """'070 300 0000 070 300 0000' (a link text and its target, both extracted) -> once;
    a line repeated right after itself (a slide title drawn twice) -> once."""
    out: Lines = []
    last = None
    for line in lines:
        line = re.sub(r"^(.*?\S)\s+\1$", r"\1", line) if line.strip() else line
        if line.strip() and stripped(line) == last:
            continue
        if line.strip():
            last = stripped(line)
        out.append(line)
    return out


def drop_table_of_contents(lines: Lines) -> Lines:
    """A table of contents duplicates the site's own; it ends where its first entry starts."""
    start = next((i for i, x in enumerate(lines) if TOC_MARKER.match(stripped(x))), None)
    if start is None:
        return lines
    entries = [i for i in range(start + 1, min(start + 80, len(lines))) if lines[i].strip()]
    first_at = next((i for i in entries if _entry(lines[i])), None)
    first = _entry(lines[first_at]) if first_at is not None else None
    for i in entries:
        if first and first_at is not None and i > first_at and _entry(lines[i]) == first:
            return lines[:start] + lines[i:]
        if len(lines[i]) > 120:
            return lines[:start] + lines[i:]
    return lines[:start] + lines[entries[-1] + 1:] if entries else lines


def _entry(line: str) -> str:
    text = re.sub(r"^\s*[-›•▪●◦–>]\s*", "", BULLET.sub("", line))
    text = NUMBERED.sub(r"\2", stripped(text))
    return text.lower() if re.search(r"[a-zA-Z]{3}", text) else ""
