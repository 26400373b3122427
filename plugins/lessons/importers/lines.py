"""What lines of text extracted from PDF look like: shared by the cleaning rules."""

from __future__ import annotations

import re

Lines = list[str]

BULLET = re.compile(r"^(\s*)(?:-\s*)?(?:[›•▪●◦○■□➢➤►▶✓✔–—]|- \.|>|o(?=\s)|\*(?=\s))\s*(?=\S)")
EMPTY_BULLET = re.compile(r"^\s*(?:-|[›•▪●◦–])\s*$")
NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$")


def stripped(line: str) -> str:
    return re.sub(r"[*_#\s]+", " ", line).strip()
