"""Redaction marks as PDF extraction and OCR mangle them, rewritten to the canonical form."""

from __future__ import annotations

import re

# 5.1.2e and its OCR variants: 5.1.2¢, 51.2e, 5.12e, 5.1 .2e, 5.1.2.e, 5.1,2e
_WOO = re.compile(r"(?<![\w.])5\s?[.,]?\s?1\s?[.,]\s?([12])\s?[.,]?\s?([a-i¢©])(?![\w])")
# Wob: 10.2.e, 10.2e, (10)(2e), (10)|2e, (10)(2)(e), 10(2)(e), (10)(2)e
_WOB = re.compile(r"\(?\b(10|11)\)?\s?[.(|l]\s?([12])\)?\s?[.(|]?\s?([a-g])\)?(?![\w])")
_PLAIN = re.compile(r"\[(?:redacted|gelakt|weggelakt|zwart\s?gelakt)\]", re.I)


def canonicalize(text: str) -> str:
    """'5.1.2¢' -> '[5.1.2e]', '(10)|2e' -> '[10.2e]', '[Redacted]' -> '[redacted]'."""
    text = _PLAIN.sub("[redacted]", text)
    text = _WOO.sub(lambda m: f"[5.1.{m.group(1)}{'e' if m.group(2) in '¢©' else m.group(2)}]",
                    text)
    text = _WOB.sub(lambda m: f"[{m.group(1)}.{m.group(2)}{m.group(3)}]", text)
    return re.sub(r"\[\[([^\]]+)\]\]", r"[\1]", text)
