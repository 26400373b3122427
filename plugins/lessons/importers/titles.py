"""The title of an imported document: the reader's hint unless it is generic, the
questions of parliamentary questions, a letter's or memo's subject, the first heading, or
the cover's title block, never an addressee, a form label, a contents heading or a file
name. Also the label/value reading that dates share with titles."""

from __future__ import annotations

import re

from ..model.schema import Vocabularies
from ..model.vocab import fold
from ..normalize.dates import find_partial_date
from .furniture import LETTERHEAD_LABEL, LETTERHEAD_LINE, PAGE_NUMBER, TOC_MARKER
from .headstart import plain
from .registry import Converted

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
    r"|classificatie|contactpersoon|naam|organisatie|afdeling|functie|e-?mailadres)\b\s*(?::|$|\s{2,}|\d)"
    r"|^[\w' -]{1,30}:\s*$|^pagina\b|.*@|^www\.|^\[[^\]]*\]$", re.I)
# What no reader's title may be, whatever its source: a salutation, a bare label, a
# contents heading. (Cover lines are held to NOT_TITLE, which also refuses addressees;
# a reader's 'Gemeenteraad 29 juni 2015' is a fine title.)
NO_TITLE_HINT = re.compile(r"^(?:geachte|beste|dear)\b|^(?:inhoud|inhoudsopgave|contents"
                           r"|table of contents)$|^[\w' -]{1,30}:\s*$", re.I)
WRAPPED = re.compile(r"\b(?:van|de|het|een|en|of|voor|in|op|met|over|te|bij|aan|naar|door"
                     r"|om|tot|uit|als|the|of|and|for)$", re.I)
# Parliamentary questions are known by who asked what: 'Vragen van het lid … over …'.
QUESTIONS = re.compile(r"^(vragen van (?:het lid|de leden)\b.+?)\s*\(ingezonden[^)]*\)", re.I)
# 'Onderwerp: …' and 'Betreft …' hold the title of a letter or memo.
SUBJECT = re.compile(r"^\s*(?:onderwerp|betreft|subject)\b\s*[:.]?\s*(.*?)\s*$", re.I)
GENERIC_HINT = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - .*|document\d*|untitled|naamloos.*|titel|title"
    r"|presentatie\d*|powerpoint[- ]presentatie|sjabloon.*|template.*|inhoud"
    r"|[\w-]+\.(?:docx?|pdf|odt|txt|html?))$", re.I)


def is_generic(hint: str) -> bool:
    """A reader's title that names a template or a file, or is no title at all: a
    salutation, an addressee, a form label, 'Inhoud'."""
    text = hint.strip()
    return not text or bool(GENERIC_HINT.match(text) or NO_TITLE_HINT.match(plain(text)))


def text_lines(text: str, limit: int) -> list[str]:
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
    for line in text_lines(markdown, COVER_LINES):
        if line.startswith("<"):  # a form laid out as an HTML table: its cells' text
            line = re.sub(r"<[^>]*>", " ", line).strip()
            if not line:
                continue
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
            or line[:1].islower()  # the rest of a sentence, not the start of a title
            or line.lstrip().startswith(("<", "|", "![")))  # markup: a table, a picture


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
        lines = text_lines(text, HEAD_LINES)
        for i, line in enumerate(lines):
            match = SUBJECT.match(line)
            if match and line[:1].isupper():  # a label, not 'betreft' inside a sentence
                value = match.group(1) or (lines[i + 1] if i + 1 < len(lines) else "")
                if not _usable_subject(value):  # 'Geachte …' comes next
                    value = _value_read_before(lines, i)
                if _usable_subject(value):
                    return plain(value)
    return ""


def _usable_subject(value: str) -> bool:
    return (len(re.findall(r"[^\W\d_]", value)) >= 4 and not SUBJECT.match(value)
            and not NOT_TITLE.match(plain(value)))


LABEL_ONLY = re.compile(r"^[^\W\d_][\w' -]{1,30}:\s*$")


def _value_read_before(lines: list[str], i: int) -> str:
    """A column of empty labels ('Datum:', 'Betreft:') whose values were read before it,
    as OCR reads a letter's label and value columns: the k-th label's value is the k-th
    of the lines just above the labels."""
    first = i
    while first > 0 and LABEL_ONLY.match(lines[first - 1]):
        first -= 1
    last = i
    while last + 1 < len(lines) and LABEL_ONLY.match(lines[last + 1]):
        last += 1
    count = last - first + 1
    return lines[first - count + (i - first)] if first - count >= 0 else ""


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
        return plain(converted.title_hint), converted.title_from, body
    if heading and not is_generic(heading) and not _skipped(plain(heading), vocabs):
        return plain(heading), "the first heading", body
    if questions := next((m.group(1) for x in text_lines(converted.raw_text, HEAD_LINES)
                          if (m := QUESTIONS.match(x))), None):
        addressee = r"\s+aan de (?:minister|staatssecretaris)\b.*?(?=\sover\b)"
        return plain(re.sub(addressee, "", questions)), "the questions asked", body
    if subject := subject_line([fields(converted.markdown), *texts]):
        return subject, "“Betreft”/“Onderwerp”", body
    title, used = infer_title(cover_lines(body), vocabs)
    if title:
        return title, "the cover", _without_lines(body, used)
    return "", "", body
