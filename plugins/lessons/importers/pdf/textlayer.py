"""Whether a page's text layer can be used, or the page must be read by OCR.

A scan has no characters (or only the blanks an OCR tool left); a page printed as
vector outlines has drawings but no characters; a garbled layer has characters that
map to nothing ('(cid:12)', control or private-use code points) or to letters that do
not form words (fonts without a Unicode map). Words are checked against the Dutch word
list (wordfreq, which also knows common English), so an English page passes.
"""

from __future__ import annotations

import re

from ..dutch import is_word

SYMBOL_FONTS = ("symbol", "wingdings", "dingbats", "webdings")
MIN_CHARS = 20  # fewer visible characters than this: a page number or a stamp, no text
MIN_WORDS = 15  # too few words to judge the word list share
WORD_SHARE = 0.45  # below this share of known words the layer is not text
ALNUM_SHARE = 0.5  # running text is 80-90 % letters and digits; a garbled layer is not
LEADERS = set(".…·_-–—")  # a table of contents' leader dots are not garbage


def _bad(char: dict) -> bool:
    text = char["text"]
    if text.startswith("(cid:"):
        return True
    if len(text) != 1:
        return False
    code = ord(text)
    if any(f in char.get("fontname", "").lower() for f in SYMBOL_FONTS):
        return False  # bullets in Symbol/Wingdings are private-use code points by design
    return code < 32 or 0xE000 <= code <= 0xF8FF or code == 0xFFFD


def needs_ocr(page) -> str | None:
    """A reason why `page` (a pdfplumber page) must be read by OCR, or None."""
    chars = [c for c in page.chars if not c["text"].isspace()]
    if len(chars) < MIN_CHARS:
        if page.images or len(page.curves) > 50:
            return "no text layer (a scan or text drawn as outlines)"
        return None  # an empty page, or one with a page number only
    bad = sum(_bad(c) for c in chars)
    if bad > 0.3 * len(chars):
        return f"garbled text layer ({bad} of {len(chars)} characters have no Unicode)"
    # Leader dots of a table of contents and rules of underscores are not garbage.
    marks = [c for c in chars if c["text"] not in LEADERS]
    alnum = sum(c["text"].isalnum() for c in marks)
    if alnum < ALNUM_SHARE * len(marks):
        return (f"garbled text layer (only {alnum} of {len(marks)} characters are letters "
                f"or digits)")
    words = [w for w in re.findall(r"[^\W\d_]{4,}", page.extract_text() or "")]
    if len(words) >= MIN_WORDS:
        known = sum(is_word(w) for w in words)
        if known < WORD_SHARE * len(words):
            return (f"garbled text layer (only {known} of {len(words)} words are Dutch "
                    f"or English words)")
    return None
