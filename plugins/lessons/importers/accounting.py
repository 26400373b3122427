"""The nothing-lost invariant: every word of the input is in the output or was removed
on purpose, and said so.

Words are compared as a multiset of lower-cased letter-and-digit runs, so layout,
Markdown syntax and order do not matter. A word hyphenated over a line end counts as
found when its joined form ("regel-" + "geving" -> "regelgeving") is in the output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Removed:
    """Text a reader left out on purpose (page furniture, a table of contents, site
    navigation): listed for the editor and counted by the nothing-lost invariant.
    Defined here, with the invariant, so that the plain-text rules can use it without
    importing the reader registry."""

    what: str  # for the editor: "running header 'Openbare versie'", "table of contents"
    count: int  # occurrences (lines, pages, items)
    text: str  # every removed occurrence, joined; its words are accounted for


WORD = re.compile(r"[^\W_]+")
# "regel-\ngeving" and "regel- geving": the two halves of a word broken at a line end.
BROKEN = re.compile(r"([^\W\d_]+)-\s*\n\s*([^\W\d_]+)")


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def lost_words(source: str, outputs: Iterable[str]) -> Counter[str]:
    """Words of `source` found in none of `outputs` (the body, the front-matter values,
    the removed text), counted with multiplicity."""
    found: Counter[str] = Counter()
    for text in outputs:
        found.update(words(text))
    joined: Counter[str] = Counter()
    wanted = words(source)
    for match in BROKEN.finditer(source):
        whole = (match.group(1) + match.group(2)).lower()
        if found[whole] > joined[whole] and wanted[whole] < found[whole]:
            joined[whole] += 1
            for part in (match.group(1).lower(), match.group(2).lower()):
                wanted[part] -= 1
    return +(wanted - found)


def describe(lost: Counter[str], limit: int = 12) -> str:
    """'14 words not in the output: maatregel (3), ...' for review_needed."""
    total = sum(lost.values())
    sample = ", ".join(f"{w} ({n})" if n > 1 else w for w, n in lost.most_common(limit))
    more = ", ..." if len(lost) > limit else ""
    return f"{total} words of the original are not in the output: {sample}{more}"
