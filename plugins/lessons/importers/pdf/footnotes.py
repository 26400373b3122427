"""Footnotes: small type at the bottom of a page that starts with a number, matched to a
raised small number in the running text of the same page ('...maatregelen²' -> '[^2]').

A footnote whose reference cannot be found stays a paragraph where it stood, so its
text is never lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Line, Word

SMALL = 0.88  # footnote type is at most this share of the body size
RAISED = 0.8  # a reference mark is at most this share of its line's size


@dataclass
class Footnote:
    number: str
    text: str
    page: int


def _is_reference(word: Word, line: Line) -> bool:
    return (word.text.isdigit() and len(word.text) <= 3 and word.size <= RAISED * line.size
            and word.bottom < line.bottom - 0.15 * line.size)


def references(lines: list[Line]) -> dict[tuple[int, str], tuple[Line, int]]:
    """(page, number) -> (line, word index) of each reference mark in the running text."""
    found = {}
    for line in lines:
        for i, word in enumerate(line.words):
            if i > 0 and _is_reference(word, line):
                found[(line.page, word.text)] = (line, i)
    return found


def extract(pages: list[list[Line]], body_size: float) -> list[Footnote]:
    """Mark footnote lines (kind 'footnote') and return the footnotes whose reference
    mark is found; the reference words are rewritten to '[^n]'."""
    notes: list[Footnote] = []
    used: set[str] = set()
    for lines in pages:
        text = [x for x in lines if x.kind == "text"]
        body = [x for x in text if x.size > SMALL * body_size]
        if not body:
            continue
        refs = references(body)
        bottom_of_body = max(x.bottom for x in body)
        current: tuple[Footnote, list[Line]] | None = None
        candidates: list[tuple[Footnote, list[Line]]] = []
        for line in text:
            if line.top < bottom_of_body or line.size > SMALL * body_size:
                current = None
                continue
            head = line.words[0].text
            number = re.match(r"^(\d{1,3})(?=\D|$)", head)
            if number:
                rest = line.text[len(number.group(1)):].strip()
                current = (Footnote(number.group(1), rest, line.page), [line])
                candidates.append(current)
            elif current is not None:
                current[0].text = f"{current[0].text} {line.text}".strip()
                current[1].append(line)
        for note, note_lines in candidates:
            ref = refs.get((note.page, note.number))
            if ref is None:
                continue
            line, index = ref
            if note.number in used:  # numbering restarts on each page: keep ids unique
                note.number = f"{note.number}-p{note.page + 1}"
            used.add(note.number)
            line.words[index].text = f"[^{note.number}]"
            for x in note_lines:
                x.kind = "footnote"
            notes.append(note)
    return notes
