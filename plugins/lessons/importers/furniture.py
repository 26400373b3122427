"""Page furniture in text extracted from PDF: what the reader of a web page does not need.

Letterheads, running headers and footers, page numbers, slide footers and a table of
contents repeat on paper because paper has pages; on the site they are noise. Each rule
recognizes furniture by how it recurs or by the form every letterhead shares, never by
one document's wording, and never by a line's length or place alone. Every rule records
what it removed in a `Dropped`, so the editor sees it ("126 running header lines
'Openbare versie 3'") and the nothing-lost invariant can account for it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from .lines import BULLET, NUMBERED, PAGE_BREAK, Dropped, Lines, stripped

PAGE_NUMBER = re.compile(r"^\s*(?:(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?"
                         r"|\d+\s*(?:/|van|of)\s*\d+|-\s*\d+\s*-)\s*$", re.I)
BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
TOC_MARKER = re.compile(r"^\s*(?:inhoudsopgave|inhoud|table of contents|contents)\s*$", re.I)
# A table-of-contents line: text, then dotted leaders or a gap, then a page number.
TOC_LINE = re.compile(r"^.*\S(?:\s*(?:\.\s?){3,}|\s*…+|\s{2,})\s*\d{1,4}\s*$")
FURNITURE_MIN = 3  # a short line repeated this often is page furniture (headers, footers)
EDGE = 3  # lines at the top and at the bottom of a page where headers and footers stand


def pages(lines: Lines) -> list[range]:
    """Index ranges of the pages (a form feed starts a page, as pdftotext writes it)."""
    starts = [0] + [i for i, x in enumerate(lines) if x.startswith(PAGE_BREAK) and i]
    return [range(a, b) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _edges(lines: Lines, page: range) -> list[int]:
    filled = [i for i in page if lines[i].strip(" \f")]
    return sorted(set(filled[:EDGE] + filled[-EDGE:]))


def _shape(line: str) -> str:
    """A running header with its changing number ('Openbare versie 3', 'Pagina 4')."""
    return re.sub(r"\d+", "#", stripped(line)).lower()


def drop_running_furniture(lines: Lines, dropped: Dropped) -> Lines:
    """Headers and footers: with pages, a short line at the top or bottom of at least
    three pages (its number may change); without pages, a short line repeated exactly."""
    spans = pages(lines)
    if len(spans) >= FURNITURE_MIN:
        seen: dict[str, set[int]] = defaultdict(set)
        for n, page in enumerate(spans):
            for i in _edges(lines, page):
                if len(stripped(lines[i])) <= 80:
                    seen[_shape(lines[i])].add(n)
        furniture = {s for s, on in seen.items() if len(on) >= FURNITURE_MIN
                     and len(on) * 10 >= len(spans) * 3 and re.search(r"[^\W\d_]", s)
                     and not BULLET.match(s)}  # an item that ends many pages is content
        edge = {i for page in spans for i in _edges(lines, page)}
        drop = {i for i in edge if _shape(lines[i]) in furniture}
    else:
        counts = Counter(stripped(x) for x in lines if x.strip())
        furniture = {text for text, n in counts.items()
                     if n >= FURNITURE_MIN and len(text) <= 60 and not BULLET.match(text)}
        drop = {i for i, x in enumerate(lines) if x.strip() and stripped(x) in furniture}
    first: dict[str, str] = {}
    for i in sorted(drop):
        first.setdefault(_shape(lines[i]), stripped(lines[i]))
    return _drop(lines, drop, dropped, lambda x: f"running header/footer lines "
                                                 f"'{first[_shape(x)]}'")


def _drop(lines: Lines, drop: set[int], dropped: Dropped, what) -> Lines:
    out = []
    for i, line in enumerate(lines):
        if i in drop:
            dropped.add(what(line) if callable(what) else what, line)
            if line.startswith(PAGE_BREAK):
                out.append(PAGE_BREAK)  # the page still starts here
        else:
            out.append(line)
    return out


def drop_page_numbers(lines: Lines, dropped: Dropped) -> Lines:
    """'Pagina 3 van 12', '- 4 -', and with pages a bare number at a page's edge."""
    edge = set()
    if len(spans := pages(lines)) > 1:
        edge = {i for page in spans for i in _edges(lines, page)
                if BARE_NUMBER.match(lines[i].strip(PAGE_BREAK))}
    drop = {i for i, x in enumerate(lines) if PAGE_NUMBER.match(x.strip(PAGE_BREAK))} | edge
    return _drop(lines, drop, dropped, "page numbers")


LETTERHEAD_LABEL = re.compile(
    r"^(?:datum|date|kenmerk|ons kenmerk|uw kenmerk|onze referentie|inlichtingen(?: bij)?|"
    r"contactpersoon|aantal pagina'?s|doorkiesnummer|"
    r"bezoekadres|postadres|retouradres)\s*:?$", re.I)
LETTERHEAD_LINE = re.compile(
    r"^(?:>?\s*retouradres\b.*|postbus \d+|\d{4}\s?[A-Z]{2}\s+\S.*|[TFE]\s+\+?[\d ()-]{8,}.*|"
    r"www\.\S+|https?://\S+\.nl/?)$", re.I)


def drop_letterhead(lines: Lines, dropped: Dropped) -> Lines:
    """Rijkshuisstijl letterhead fields ('Datum' / value, address, T/F lines) on any page."""
    drop: set[int] = set()
    label_at = None
    for i, line in enumerate(lines):
        text = stripped(line)
        if label_at is not None and text:
            label_at = None
            if len(text) <= 40 and not LETTERHEAD_LABEL.match(text):
                drop.add(i)
                continue
        if LETTERHEAD_LABEL.match(text):
            label_at = i
            drop.add(i)
        elif text and len(text) <= 60 and LETTERHEAD_LINE.match(text):
            drop.add(i)
    return _drop(lines, drop, dropped, "letterhead lines (address, date, reference)")


def drop_repeated_blocks(lines: Lines, dropped: Dropped, size: int = 3) -> Lines:
    """A run of short lines that recurs (a letterhead on page 2) is kept only once; the
    repeat is followed as far as it goes on matching the first run."""
    key = [stripped(x) for x in lines]
    short = [0 < len(x) <= 60 for x in key]
    seen: dict[tuple[str, ...], int] = {}
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        window = tuple(key[i:i + size])
        if len(window) == size and all(short[i:i + size]):
            first = seen.get(window)
            if first is not None and first + size <= i:
                end = i + size
                while end < len(lines) and short[end] and key[end] == key[first + end - i]:
                    end += 1
                drop.update(range(i, end))
                i = end
                continue
            seen.setdefault(window, i)
        i += 1
    return _drop(lines, drop, dropped, "lines of a repeated letterhead block")


def drop_cover_repeats(lines: Lines, dropped: Dropped) -> Lines:
    """The letterhead again on a later page: two or more consecutive short lines that all
    stood on the cover (before the first long line). A single line that recurs (a title
    repeated as a heading) stays."""
    key = [stripped(x).lower() for x in lines]
    end = next((i for i, x in enumerate(key) if len(x) > 100), len(lines))
    cover = {x for x in key[:end] if 0 < len(x) <= 60}
    drop: set[int] = set()
    run: list[int] = []
    for i in [*range(end, len(lines)), None]:
        if i is not None and not key[i]:
            continue
        if i is not None and key[i] in cover:
            run.append(i)
            continue
        if len(run) >= 2:
            drop.update(run)
        run = []
    return _drop(lines, drop, dropped, "lines of the letterhead repeated on a later page")


def collapse_duplicated_phrases(lines: Lines, dropped: Dropped) -> Lines:
    """'070 300 0000 070 300 0000' (a link text and its target, both extracted) -> once;
    a line repeated right after itself (a slide title drawn twice) -> once."""
    out: Lines = []
    last = None
    for line in lines:
        if line.strip():
            match = re.match(r"^(.*?\S)\s+\1$", line)
            if match:
                dropped.add("duplicated phrases (a link's text and address)", match.group(1))
                line = match.group(1)
            if stripped(line) == last:
                dropped.add("lines repeated right after themselves", line)
                continue
            last = stripped(line)
        out.append(line)
    return out


def drop_table_of_contents(lines: Lines, dropped: Dropped) -> Lines:
    """A table of contents duplicates the site's own. Only its entries go: lines shaped
    like entries (dotted leaders or a page number at the end, a bare page number) or lines
    that recur later as the sections they announce. It ends at the first line that is
    neither, or where its first entry starts the text itself."""
    start = next((i for i, x in enumerate(lines) if TOC_MARKER.match(stripped(x))), None)
    if start is None:
        return lines
    later = [_entry(x) for x in lines]
    seen: set[str] = set()
    drop = {start}
    i = start + 1
    while i < len(lines):
        line = lines[i]
        entry = _entry(line)
        if not line.strip(" \f"):
            i += 1
            continue
        if entry in seen:
            break  # the first entry again: the text itself starts here
        shaped = bool(TOC_LINE.match(line) or BARE_NUMBER.match(line.strip(PAGE_BREAK)))
        announced = entry and any(_announces(entry, x) for x in later[i + 1:])
        if not shaped and not announced:
            break
        if entry:
            seen.add(entry)
        drop.add(i)
        i += 1
    if len(drop) == 1:
        return lines  # a heading 'Inhoud' without entries is left alone
    return _drop(lines, drop, dropped, "lines of table of contents")


def _entry(line: str) -> str:
    text = re.sub(r"(?:\s*(?:\.\s?){3,}|\s*…+|\s{2,})\s*\d{1,4}\s*$", "", line)
    text = re.sub(r"^\s*[-›•▪●◦–>]\s*", "", BULLET.sub("", text))
    text = NUMBERED.sub(r"\2", stripped(text))
    # Words of letters only: 'DSV- netwerken' in the contents is 'DSV-netwerken' later.
    words = re.findall(r"[^\W\d_]+", text.lower())
    return " ".join(words) if re.search(r"[^\W\d_]{3}", text) else ""


def _announces(entry: str, later: str) -> bool:
    """A contents entry announces a later heading: the heading starts with the entry, or
    holds all its words ('Uitdagingen (toekomstige) financiering' announces 'Uitdagingen
    voor (toekomstige) financiering')."""
    if not later or len(later.split()) > 15:
        return False
    return later.startswith(entry) or set(entry.split()) <= set(later.split())
