"""Dutch words broken over a line end, joined only when the result is a Dutch word.

"regel-" + "geving" is one word broken by the layout; "wet-" + "en regelgeving" is a
suspended hyphen (weglatingsstreepje) and keeps its hyphen and space; "Noord-" + "Holland"
keeps its hyphen. Whether a joined form is a word comes from wordfreq's Dutch word list
(see pyproject.toml), not from a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

# After a suspended hyphen the next word is a conjunction: "wet- en regelgeving",
# "bron- of contactonderzoek", "basis- tot voortgezet onderwijs".
SUSPENDED = {"en", "of", "tot", "dan", "noch", "als", "and", "or", "to"}
VOWELS = set("aeiouyáéíóúàèëïöü")


@lru_cache(maxsize=65536)
def is_word(word: str) -> bool:
    """True when the Dutch word list knows `word` (case-insensitive)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "nl") > 0


def _compound(left: str, right: str) -> bool:
    """Dutch writes compounds solid ("contact" + "onderzoek"), except where two vowels
    would meet ("zee-egel"); each part must be a word itself (a linking s may join them)."""
    if left[-1:].lower() in VOWELS and right[:1].lower() in VOWELS:
        return False
    if len(left) < 3 or len(right) < 3 or not is_word(right):
        return False
    return is_word(left) or (left.endswith("s") and is_word(left[:-1]))


def join_broken(left: str, right: str) -> str:
    """`left` is the word before a line-end hyphen (without it), `right` the first word
    of the next line. Returns the text as it is read: "regelgeving", "wet- en",
    "Noord-Holland"."""
    if right.lower() in SUSPENDED:
        return f"{left}- {right}"
    if (not right[:1].isalpha() or right[:1].isupper() or not left[-1:].isalpha()
            or len(left) < 2):  # "e-" + "mail"
        return f"{left}-{right}"
    whole = left + right
    if is_word(whole) or _compound(left, right):
        return whole
    return f"{left}-{right}"


LINE_END = re.compile(r"([^\W\d_]*[^\W_])-[ \t]*\n[ \t]*([^\W_][\w]*)")


def join_line_ends(text: str) -> str:
    """Every 'word-' at a line end joined with the next line's first word, as above;
    the line break goes, since the line it ended continues."""
    return LINE_END.sub(lambda m: join_broken(m.group(1), m.group(2)), text)
