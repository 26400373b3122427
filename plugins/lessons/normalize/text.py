"""Text helpers: whitespace, slugs."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def clean_inline(text: str) -> str:
    """One line of text: collapse whitespace, strip, drop control characters."""
    # A printable text has no character of category C (nor any separator but the space):
    # nothing to drop, and the test runs in C instead of once per character in Python.
    if not text.isprintable():
        text = "".join(ch for ch in text if ch in "\t\n" or unicodedata.category(ch)[0] != "C")
    return _SPACE.sub(" ", text).strip()


def slugify(text: str, max_length: int = 80) -> str:
    """ASCII, lowercase, hyphenated; 'Coördinatie & regie' -> 'coordinatie-regie'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug
