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
from .furniture import LETTERHEAD_LABEL, LETTERHEAD_LINE, PAGE_NUMBER, TOC_MARKER
from .headstart import HeadStart, head_start, plain
from .registry import Converted

MIN_MENTIONS = 2
COVER_LINES = 30  # the title is looked for among the first lines of text
HEAD_LINES = 80  # labelled fields (Betreft, Datum) are looked for this far

# Lines of a cover or letterhead that are never a title.
NOT_TITLE = re.compile(
    r"^(?:inhoud|inhoudsopgave|table of contents|contents|introductie|inleiding|voorwoord"
    r"|samenvatting|managementsamenvatting|aanleiding|colofon|bijlagen?|concept|definitief"
    r"|openbaar|vertrouwelijk|memo|notitie|nota|brief|verslag|notulen|rapport|rapportage"
    r"|besluitenlijst|advies|position paper|kamerbrief|voorbeeld(?:en)? uit de praktijk"
    r"|praktijkvoorbeeld(?:en)?|aanhangsel van de handelingen)$"
    # addressees: 'De Minister van …', 'Aan de Voorzitter van de Tweede Kamer', 't.a.v.'
    r"|^(?:aan\s*:?\s*)?(?:de |het )?(?:minister|staatssecretaris|voorzitter|leden|college"
    r"|gemeenteraad|directeur|secretaris[- ]generaal)\b"
    r"|^aan de\b|^t\.?\s?a\.?\s?v\.?\b|^retouradres\b|^(?:geachte|beste)\b"
    # form labels, alone or with their value: 'Onderwerp:', 'Datum   …', 'Versie 1.0'
    r"|^(?:onderwerp|betreft|datum|date|aan|van|cc|kenmerk|ons kenmerk|bijlagen?|status"
    r"|versie|auteurs?|door|telefoon|e-?mail|locatie|plaats|tijd|aanwezig|afwezig"
    r"|notulist|deelnemers|vergaderdatum|agendapunt|referentie|opdrachtgever"
    r"|classificatie|contactpersoon)\b\s*(?::|$|\s{2,}|\d)"
    r"|^[\w' -]{1,30}:\s*$|^pagina\b|.*@|^www\.|^\[[^\]]*\]$", re.I)
WRAPPED = re.compile(r"\b(?:van|de|het|een|en|of|voor|in|op|met|over|te|bij|aan|naar|door"
                     r"|om|tot|uit|als|the|of|and|for)$", re.I)
# 'Onderwerp: …' and 'Betreft …' hold the title of a letter or memo.
# Parliamentary questions are known by who asked what: 'Vragen van het lid … over …'.
QUESTIONS = re.compile(r"^(vragen van (?:het lid|de leden)\b.+?)\s*\(ingezonden[^)]*\)", re.I)
SUBJECT = re.compile(r"^\s*(?:onderwerp|betreft|subject)\b\s*[:.]?\s*(.*?)\s*$", re.I)
# Dates that say when the document speaks, before any other date in the text.
ANSWER_DATE = re.compile(r"\(\s*ontvangen\s+([^)]{6,40})\)", re.I)
MEETING_DATE = re.compile(r"^\s*(?:vergaderdatum|datum (?:vergadering|bijeenkomst|overleg)"
                          r"|vergadering van)(?: en -?tijd)?\s*:?\s*(.*)$", re.I | re.M)
DATE_LINE = re.compile(r"^\s*(?:datum|date)\s*:?\s*(.*)$", re.I)
PLACE_DATE = re.compile(r"^\s*[A-Z][\w'’ -]{1,30},\s+(\d{1,2}\s+[a-z]+\.?\s+\d{4})\b")
GENERIC_HINT = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - .*|document\d*|untitled|naamloos.*|titel|title"
    r"|presentatie\d*|powerpoint[- ]presentatie|sjabloon.*|template.*|inhoud"
    r"|[\w-]+\.(?:docx?|pdf|odt|txt|html?))$", re.I)


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


def is_generic(hint: str) -> bool:
    """A title from the document's properties that names a template or a file."""
    return not hint.strip() or bool(GENERIC_HINT.match(hint.strip()))


def _text_lines(text: str, limit: int) -> list[str]:
    return [x.strip() for x in text.split("\n") if x.strip()][:limit]


def fields(text: str) -> str:
    """Text with label/value tables and Markdown marks read as plain lines: '| **Datum** |
    8 februari 2018 |' becomes 'Datum    8 februari 2018', '# Aanwezig' 'Aanwezig'."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:#{1,6}|>)\s*", "", line).replace("**", "")
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = "    ".join(c for c in cells if c and not re.fullmatch(r":?-+:?", c))
        out.append(line)
    return "\n".join(out)


def cover_lines(markdown: str) -> list[str]:
    """The first lines of text, up to the first real paragraph, list or table: where a
    title block stands. Only read: the lines stay in the body."""
    out: list[str] = []
    for line in _text_lines(markdown, COVER_LINES):
        if len(line) > 100 or line.startswith(("- ", "> ", "|")):
            break
        out.append(re.sub(r"^#+\s*|\*\*", "", line).strip())
    return _join_broken(out)


def _join_broken(cover: list[str]) -> list[str]:
    """'Ministerie van Volksgezondheid,' + 'Welzijn en Sport': a name the layout wrapped."""
    out: list[str] = []
    for line in cover:
        if out and out[-1].endswith(","):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _skipped(line: str, vocabs: Vocabularies) -> bool:
    date = find_partial_date(line)
    return ((date is not None and len(line) < 60) or _is_name_line(line, vocabs)
            or bool(NOT_TITLE.match(line) or TOC_MARKER.match(line) or PAGE_NUMBER.match(line)
                    or LETTERHEAD_LABEL.match(line) or LETTERHEAD_LINE.match(line))
            or len(re.findall(r"[^\W\d_]", line)) < 4
            or line[:1].islower())  # the rest of a sentence, not the start of a title


def infer_title(cover: list[str], vocabs: Vocabularies) -> tuple[str, list[str]]:
    """The first cover line that is not a date, name, label, addressee or heading such
    as 'Inhoud'; plus its subtitle when the subtitle closes the title block. Returns the
    title and the cover lines it was made of."""
    skipped = [_skipped(x, vocabs) for x in cover]
    candidates = [i for i, skip in enumerate(skipped) if not skip]
    if len(candidates) > 1 and candidates[-1] == len(cover) - 1 and len(cover[-1]) <= 60:
        # The short line right above the first paragraph is that paragraph's heading
        # ('Wie we zijn'), unless nothing above it could be the title.
        skipped[-1] = True
    first = next((i for i, skip in enumerate(skipped) if not skip), None)
    if first is None:
        return "", []
    title, used = cover[first].rstrip(","), [cover[first]]
    i = first + 1
    # A title the layout wrapped: the line ends in a word no title ends with, or the
    # next line goes on in lower case.
    while i < len(cover) and (not skipped[i] or cover[i][:1].islower()) and len(title) < 150 and (
            WRAPPED.search(title) or cover[i][:1].islower()):
        title, used = f"{title} {cover[i]}", [*used, cover[i]]
        i += 1
    closes_block = i + 1 >= len(cover) or skipped[i + 1]
    if (i < len(cover) and not skipped[i] and closes_block and len(cover[i]) <= 80
            and len(title) <= 80 and not re.match(r"^[\d(•▪-]", cover[i])):
        subtitle = cover[i]
        used.append(subtitle)
        glue = " " if title.endswith((":", "-", "–")) else ": "
        first_char = subtitle[0] if subtitle[1:2].isupper() else subtitle[0].lower()
        title = f"{title}{glue}{first_char}{subtitle[1:]}"
    return _sentence_case(" ".join(title.split())), used


def subject_line(texts: list[str]) -> str:
    """The value after 'Onderwerp:' or 'Betreft' (on its line or the next)."""
    for text in texts:
        lines = _text_lines(text, HEAD_LINES)
        for i, line in enumerate(lines):
            match = SUBJECT.match(line)
            if match and line[:1].isupper():  # a label, not 'betreft' inside a sentence
                value = match.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
                if len(re.findall(r"[^\W\d_]", value)) >= 4 and not SUBJECT.match(value):
                    return plain(value)
    return ""


def _is_name_line(line: str, vocabs: Vocabularies) -> bool:
    """Organisation names, letterhead bits and author lines are not titles."""
    if vocabs.stakeholders.resolve(line):
        return True
    if re.search(r"\b(?:dr|drs|prof|ir|mr)\.\s", line, re.I) or (
            "&" in line and len(line.split()) <= 3):  # a firm: "Pluut & Partners"
        return True
    return bool(re.match(r"^(?:(?:ministerie|gemeente|provincie) van|directie|directoraat"
                         r"|afdeling|dienst)\b", line, re.I))


def _sentence_case(text: str) -> str:
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return text[0] + text[1:].lower()
    return text


def infer_date(texts: list[str], cover: list[str]) -> tuple[str | None, str]:
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
        lines = _text_lines(text, HEAD_LINES)
        for i, line in enumerate(lines):
            match = DATE_LINE.match(line) or PLACE_DATE.match(line)
            if match:
                value = match.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
                if found := find_partial_date(_dashes(value)):
                    return found.iso(), "the date line"
    if found := find_partial_date("\n".join(cover)):
        return found.iso(), "the cover"
    if found := find_partial_date(texts[0][:3000]):
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


def split_title(markdown: str) -> tuple[str, str]:
    """Structured formats carry real headings: the first level-1 heading is the title."""
    match = re.search(r"^# +(.+)$", markdown, re.M)
    if not match:
        return "", markdown
    body = markdown[:match.start()] + markdown[match.end():]
    return match.group(1).strip(), body.strip() + "\n"


def _without_lines(body: str, used: list[str]) -> str:
    """The body without the cover lines the title was made of (their first occurrence
    among the first lines): the title is shown above the body already."""
    wanted = [fold(x) for x in used]
    lines = body.split("\n")
    for i, line in enumerate(lines[:COVER_LINES * 3]):
        text = fold(re.sub(r"^#+\s*|\*\*", "", line).strip())
        if wanted and text == wanted[0]:
            lines[i] = ""
            wanted.pop(0)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def choose_title(converted: Converted, vocabs: Vocabularies, body: str,
                 heading: str) -> tuple[str, str, str]:
    """(title, where from, body): the reader's hint unless generic, a letter's subject,
    the document's first heading (structured formats), the cover's title block."""
    texts = [fields(x) for x in (converted.raw_text, *(r.text for r in converted.removed))]
    if not is_generic(converted.title_hint):
        return plain(converted.title_hint), "the document's properties", body
    if heading and not is_generic(heading) and not _skipped(plain(heading), vocabs):
        return plain(heading), "the first heading", body
    if questions := next((m.group(1) for x in _text_lines(converted.raw_text, HEAD_LINES)
                          if (m := QUESTIONS.match(x))), None):
        addressee = r"\s+aan de (?:minister|staatssecretaris)\b.*?(?=\sover\b)"
        return plain(re.sub(addressee, "", questions)), "the questions asked", body
    if subject := subject_line([fields(converted.markdown), *texts]):
        return subject, "“Betreft”/“Onderwerp”", body
    title, used = infer_title(cover_lines(body), vocabs)
    if title:
        return title, "the cover", _without_lines(body, used)
    return "", "", body


def infer(converted: Converted, vocabs: Vocabularies) -> tuple[Inferred, str]:
    """Guess the metadata; return it with the body (without the title heading)."""
    heading, body = split_title(converted.markdown) if converted.structured else (
        "", converted.markdown)
    result = Inferred()
    result.title, result.title_from, body = choose_title(converted, vocabs, body, heading)
    if heading and fold(plain(heading)) != fold(result.title):
        body = converted.markdown  # the heading is not the title: it stays where it was
    texts = [fields(x) for x in (converted.raw_text, *(r.text for r in converted.removed))]
    if converted.date_hint:
        result.date, result.date_from = converted.date_hint, "the document's properties"
    else:
        result.date, result.date_from = infer_date(texts, cover_lines(converted.markdown))
    result.kind = converted.kind_hint or guess_kind(fields(converted.raw_text))
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
