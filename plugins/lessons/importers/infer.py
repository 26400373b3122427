"""Metadata inference from imported text: every guess is listed for the editor to review."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model.schema import Vocabularies
from ..model.vocab import Vocabulary, fold
from ..normalize.dates import find_date
from ..normalize.redactions import codes_in

# Words on a cover that name the kind of document; the earliest hit wins.
KIND_WORDS = [
    ("practice-example", r"voorbeeld(?:en)? uit de praktijk|praktijkvoorbeeld"),
    ("meeting-report", r"gespreksverslag|verslag|interviewronde|experttafel|rondetafel"
                       r"|expertbijeenkomst"),
    ("position-paper", r"position ?paper|standpunt"),
    ("memo", r"\bmemo\b|\bnotitie\b|\bnota\b"),
    ("correspondence", r"\bbrief\b|\be-?mail\b|\bvan:|\bfrom:"),
    ("report", r"rapport(?:age)?|verkenning|evaluatie|onderzoek"),
]
LESSON_HEADING = re.compile(r"^#+\s.*\b(lessen|lessons learned|geleerde lessen|les)\b", re.I)
LESSON_LINE = re.compile(r"^(?:#+\s*)?les\s+(\d+)\s*[–:.-]\s*(.+)$", re.I)
MIN_MENTIONS = 2


@dataclass
class Inferred:
    title: str = ""
    date: str | None = None
    kind: str | None = None
    themes: list[str] = field(default_factory=list)
    stakeholders: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)  # candidate statements
    redactions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the editor must look at


def split_cover(markdown: str) -> tuple[list[str], str]:
    """The cover (title block, letterhead) is what comes before the first real paragraph.

    That paragraph's heading (a heading line just before it, or else a short line right
    before it) starts the body.
    """
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        text = line.strip()
        if len(text) > 100 or text.startswith(("- ", "> ", "|")):
            previous = [j for j in range(i - 1, -1, -1) if lines[j].strip()][:3]
            heading = next((j for j in previous if lines[j].startswith("#")), None)
            start = heading if heading is not None else (
                previous[0] if previous and len(lines[previous[0]].strip()) <= 60 else i)
            cover = [re.sub(r"^#+\s*|\*\*", "", x).strip() for x in lines[:start] if x.strip()]
            return _join_broken(cover), "\n".join(lines[start:]).strip() + "\n"
    return [], markdown


def _join_broken(cover: list[str]) -> list[str]:
    """'Ministerie van Volksgezondheid,' + 'Welzijn en Sport': a name the layout wrapped."""
    out: list[str] = []
    for line in cover:
        if out and out[-1].endswith(","):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _unjoined(markdown: str, cover: list[str]) -> list[str]:
    """Cover lines as they stood before names broken over two lines were joined."""
    parts = [p.strip() for line in cover for p in re.split(r"(?<=,) ", line)]
    return cover + parts


def infer_title(cover: list[str], vocabs: Vocabularies) -> str:
    """The first cover line that is not a date, name or kind word; plus its subtitle when
    the subtitle closes the title block (followed by a date or name line, or the end)."""
    kind_words = re.compile(r"(?:" + "|".join(p for _, p in KIND_WORDS) + r")", re.I)
    skipped = [(find_date(x) is not None and len(x) < 60) or _is_name_line(x, vocabs)
               or bool(kind_words.fullmatch(x)) for x in cover]
    first = next((i for i, skip in enumerate(skipped) if not skip), None)
    if first is None:
        return ""
    title = cover[first].rstrip(",")
    nxt = first + 1
    closes_block = nxt + 1 >= len(cover) or skipped[nxt + 1]
    if (nxt < len(cover) and not skipped[nxt] and closes_block and len(cover[nxt]) <= 80
            and len(title) <= 80):
        subtitle = cover[nxt]
        title = f"{title}: {subtitle[0].lower() + subtitle[1:]}" if not subtitle[1:2].isupper() \
            else f"{title}: {subtitle}"
    return _sentence_case(title)


def _is_name_line(line: str, vocabs: Vocabularies) -> bool:
    """Organisation names, letterhead bits and author lines are not titles."""
    if vocabs.stakeholders.resolve(line):
        return True
    if re.search(r"\b(?:dr|drs|prof|ir|mr)\.\s", line, re.I) or "&" in line and len(line) < 40:
        return True
    return bool(re.match(r"^(?:(?:ministerie|gemeente|provincie) van|directie|directoraat"
                         r"|afdeling|dienst)\b", line, re.I))


def _sentence_case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text[0] + text[1:].lower()
    return text


def infer_kind(text: str) -> str | None:
    head = text[:1500].lower()
    hits = [(m.start(), kind) for kind, pattern in KIND_WORDS
            if (m := re.search(pattern, head))]
    return min(hits)[1] if hits else None


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


def infer_lessons(body: str) -> list[str]:
    """Numbered 'Les 1 – ...' lines, or the bullets under a heading about lessons."""
    found: list[str] = []
    under = False
    for line in body.split("\n"):
        numbered = LESSON_LINE.match(line.strip())
        if numbered:
            found.append(numbered.group(2).strip())
            continue
        if line.startswith("#"):
            under = bool(LESSON_HEADING.match(line))
            continue
        item = re.match(r"^(?:- |\d+\.\s+)(.+)$", line)
        if under and item:
            found.append(item.group(1).strip())
    return [re.sub(r"\\\*|\*\*", "", text) for text in found]


def split_title(markdown: str) -> tuple[list[str], str]:
    """Structured formats carry real headings: the first level-1 heading is the title, and
    the remaining headings move up a level only if there is no other level-1 heading."""
    match = re.search(r"^# +(.+)$", markdown, re.M)
    if not match:
        return [], markdown
    body = markdown[:match.start()] + markdown[match.end():]
    return [match.group(1).strip()], body.strip() + "\n"


def drop_cover_repeats(cover: list[str], body: str) -> str:
    """A cover line that recurs in the body (the letterhead on a later page) is furniture."""
    repeated = {fold(x) for x in cover if len(x) <= 60}
    lines = [x for x in body.split("\n") if not (x.strip() and fold(x) in repeated)]
    joined = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", joined)


def infer(raw_text: str, markdown: str, vocabs: Vocabularies, *,
          structured: bool = False) -> tuple[Inferred, str]:
    """Guess the metadata; return it with the body minus its cover (or title heading)."""
    cover, body = split_title(markdown) if structured else split_cover(markdown)
    if not structured:
        body = drop_cover_repeats(_unjoined(markdown, cover), body)
    result = Inferred()
    result.title = infer_title(cover, vocabs)
    date = find_date("\n".join(cover)) or find_date(raw_text[:3000])
    result.date = date.isoformat() if date else None
    result.kind = infer_kind(raw_text)
    whole = "\n".join(cover) + "\n" + body
    result.themes = match_terms(vocabs.themes, whole, result.title, 5)
    result.stakeholders = match_terms(vocabs.stakeholders, whole, result.title, 8)
    result.redactions = codes_in(body)
    result.lessons = infer_lessons(body)
    result.notes = _notes(result, raw_text)
    return result, body


def _notes(result: Inferred, raw_text: str) -> list[str]:
    notes = ["title", "kind", "themes", "stakeholders", "summary"]
    if result.date:
        notes.insert(1, "date")
    if result.lessons:
        notes.append("lessons")
    if re.search(r"[\w.+-]+@[\w-]+\.[\w.]+|(?:\+31|\b0)\d[\d -]{7,}", raw_text):
        notes.append("personal data")
    return notes
