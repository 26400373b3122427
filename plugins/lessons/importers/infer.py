"""Metadata inference from imported text: every guess is listed for the editor to review.

Nothing of the text is dropped here: the title may move from the body to the
front-matter, everything else stays in the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model.kind_cues import guess_kind
from ..model.schema import Vocabularies
from ..model.vocab import Vocabulary, fold
from ..normalize.dates import find_partial_date
from ..normalize.redactions import codes_in
from .headstart import HeadStart, head_start, plain
from .registry import Converted
from .titles import HEAD_LINES, choose_title, cover_lines, fields, split_title, text_lines

MIN_MENTIONS = 2

# Dates that say when the document speaks, before any other date in the text.
ANSWER_DATE = re.compile(r"\(\s*ontvangen\s+([^)]{6,40})\)", re.I)
MEETING_DATE = re.compile(r"^\s*(?:vergaderdatum|datum (?:vergadering|bijeenkomst|overleg)"
                          r"|vergadering van)(?: en -?tijd)?\s*:?\s*(.*)$", re.I | re.M)
DATE_LINE = re.compile(r"^\s*(?:datum|date)\s*:?\s*(.*)$", re.I)
PLACE_DATE = re.compile(r"^\s*[A-Z][\w'’ -]{1,30},\s+(\d{1,2}\s+[a-z]+\.?\s+\d{4})\b")


@dataclass
class Inferred:
    title: str = ""
    title_from: str = ""
    date: str | None = None  # ISO at its precision
    date_from: str = ""
    kind: str | None = None
    themes: list[str] = field(default_factory=list)
    stakeholders: list[str] = field(default_factory=list)
    start: HeadStart = field(default_factory=HeadStart)
    redactions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the editor must look at


def infer_date(texts: list[str], cover: list[str], body: str = "") -> tuple[str | None, str]:
    """(ISO date at its precision, where it came from): the answer's date for
    parliamentary questions, the meeting's date for minutes, a letter's date line, a
    date on the cover, else the first date in the text."""
    whole = "\n".join(texts)
    for pattern, source in ((ANSWER_DATE, "the answer's date"),
                            (MEETING_DATE, "the meeting date")):
        for match in pattern.finditer(whole):
            found = find_partial_date(_dashes(match.group(1) + " " + whole[match.end():][:80])
                                      if source == "the meeting date" else match.group(1))
            if found:
                return found.iso(), source
    for text in texts:
        lines = text_lines(text, HEAD_LINES)
        for i, line in enumerate(lines):
            match = DATE_LINE.match(line) or PLACE_DATE.match(line)
            if match:
                value = match.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
                if found := find_partial_date(_dashes(value)):
                    return found.iso(), "the date line"
    if found := find_partial_date("\n".join(cover)):
        return found.iso(), "the cover"
    # The first page as a reader sees it: the body, not a web page's menus before it.
    if found := find_partial_date((body or texts[0])[:3000]):
        return found.iso(), "the first date in the text"
    return None, ""


def _dashes(value: str) -> str:
    """'13-april-2023' written as '13 april 2023' (numeric '24-12-2025' is left alone)."""
    return re.sub(r"(?<=\d)-(?=[^\W\d_])|(?<=[^\W\d_])-(?=\d)", " ", value)


def match_terms(vocab: Vocabulary, text: str, title: str, limit: int) -> list[str]:
    """Terms whose key, label, abbreviation or alias occurs often enough in the text."""
    folded, folded_title = f" {fold(text)} ", f" {fold(title)} "
    counts: Counter[str] = Counter()
    for term in vocab:
        names = {fold(n) for n in (term.label, term.abbreviation, *term.aliases) if n}
        names.add(fold(term.key.replace("-", " ")))
        for name in names:
            if len(name) < 3:
                continue
            hits = folded.count(f" {name} ")
            counts[term.key] += hits + (MIN_MENTIONS if f" {name} " in folded_title else 0)
    chosen = [k for k, n in counts.most_common() if n >= MIN_MENTIONS]
    # A child term implies its parent's page lists it; naming both is redundant.
    chosen = [k for k in chosen if not any(vocab.terms[c].parent == k for c in chosen)]
    return chosen[:limit]


def infer(converted: Converted, vocabs: Vocabularies) -> tuple[Inferred, str]:
    """Guess the metadata; return it with the body (without the title heading)."""
    heading, body = split_title(converted.markdown) if converted.structured else (
        "", converted.markdown)
    result = Inferred()
    result.title, result.title_from, body = choose_title(converted, vocabs, body, heading)
    if heading and fold(plain(heading)) != fold(result.title):
        body = converted.markdown  # the heading is not the title: it stays where it was
    texts = [fields(x) for x in (converted.raw_text, *(r.text for r in converted.removed))]
    result.kind = converted.kind_hint or guess_kind(fields(converted.raw_text))
    titled = find_partial_date(result.title)
    if result.kind == "meeting-report" and titled and titled.precision == "day":
        # 'Besluitenlijst van de procedurevergadering van woensdag 26 oktober 2016':
        # minutes are dated by the meeting their title names, not by when they were sent.
        result.date, result.date_from = titled.iso(), "the meeting named in the title"
    elif converted.date_hint:
        result.date, result.date_from = converted.date_hint, converted.date_from
    else:
        result.date, result.date_from = infer_date(texts, cover_lines(converted.markdown),
                                                    fields(converted.markdown))
    if not result.date and converted.created:
        result.date = converted.created
        result.date_from = "the file's creation date: the text names no date"
    whole = result.title + "\n" + body
    result.themes = match_terms(vocabs.themes, whole, result.title, 5)
    result.stakeholders = match_terms(vocabs.stakeholders, whole, result.title, 8)
    result.redactions = codes_in(body)
    result.start = head_start(body, converted.raw_text, converted.summary_hint,
                              converted.authors)
    result.notes = _notes(result, converted.raw_text)
    return result, body


def _notes(result: Inferred, raw_text: str) -> list[str]:
    notes = [f"title (from {result.title_from})" if result.title else "title (none found)",
             f"date (from {result.date_from})" if result.date else "date (none found)",
             "kind", "themes", "stakeholders"]
    start = result.start
    notes.append(f"summary proposed from {start.summary_from}" if start.summary
                 else "summary (none found)")
    if start.authors:
        notes.append(f"authors ({len(start.authors)} found)")
    if start.lessons:
        where = ", ".join(start.lessons_from) or "numbered 'Les' lines"
        notes.append(f"{len(start.lessons)} lesson candidates from {where}")
    if re.search(r"[\w.+-]+@[\w-]+\.[\w.]+|(?:\+31|\b0)\d[\d -]{7,}", raw_text):
        notes.append("personal data")
    return notes
