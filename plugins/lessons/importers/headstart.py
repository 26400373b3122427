"""A head start for the editor: a proposed summary, the authors and lesson candidates,
each found where Dutch reports put them and each named in review_needed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SUMMARY_LIMIT = 600
SUMMARY_HEADING = re.compile(
    r"^(?:management\s?samenvatting|samenvatting(?: en (?:conclusies|aanbevelingen))?"
    r"|executive summary|summary|abstract|kernboodschap(?:pen)?)$", re.I)
LESSON_HEADING = re.compile(
    r"(?:geleerde |interne )?\b(?:lessen|lessons learned|leerpunten|aanbevelingen|aanbeveling"
    r"|conclusies|conclusie|les)\b", re.I)
LESSON_LINE = re.compile(r"^(?:#+\s*)?les\s+(\d+)\s*[–:.-]\s*(.+)$", re.I)
ITEM = re.compile(r"^(?:- |\d{1,2}\\?[.)]\s+)(.+)$")  # pandoc writes '1\.' for numbers
AUTHOR_LABEL = re.compile(r"^\W*(?:auteurs?|door|opgesteld door|geschreven door"
                          r"|samengesteld door|authors?|written by)\s*:?\s*(.*)$", re.I)
ADDRESSEE = re.compile(r"^\W*(?:t\.?\s?a\.?\s?v\.?|aan\b|de (?:minister|staatssecretaris|"
                       r"voorzitter)\b|(?:geachte|beste)\b)", re.I)
TITLES = re.compile(r"\b(?:prof|dr|drs|ir|ing|mr|ir|msc|ma|bsc|phd)\.?(?=\s|$)", re.I)
HEAD_LINES = 60


@dataclass
class HeadStart:
    summary: str = ""
    summary_from: str = ""  # where it came from, for review_needed
    authors: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    lessons_from: list[str] = field(default_factory=list)


def plain(text: str) -> str:
    """Markdown inline syntax off, for front-matter text."""
    text = re.sub(r"\[\^[^\]]*\]", "", text)  # footnote references
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("\\*", "*").replace("**", "")
    return " ".join(re.sub(r"(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", "", text).split())


def heading_text(line: str) -> str | None:
    """The text of a Markdown heading line, without its section number."""
    match = re.match(r"^#{1,6}\s+(.+?)\s*#*\s*$", line)
    if not match:
        return None
    return re.sub(r"^\d+(?:\.\d+)*\.?\s+", "", plain(match.group(1))).strip(" :")


def sections(body: str) -> list[tuple[str, list[str]]]:
    """(heading text, lines up to the next heading) for every heading of the body; the
    text before the first heading comes under ''."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in body.split("\n"):
        title = heading_text(line)
        if title is not None:
            out.append((title, []))
        else:
            out[-1][1].append(line)
    return out


def paragraphs(lines: list[str]) -> list[str]:
    """Running text only: no lists, tables, quotes or headings."""
    out, current = [], []
    for line in [*lines, ""]:
        if line.strip() and not re.match(r"^\s*(?:- |\d+\\?[.)]\s|\||>|#|\[\^)", line):
            current.append(line.strip())
        elif current:
            out.append(plain(" ".join(current)))
            current = []
    return out


def trim(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Whole sentences up to `limit` characters; a first sentence that is longer is cut
    at a word and marked with '…'."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'‘(])", text.strip())
    out = ""
    for sentence in sentences:
        if len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip()
    if not out:
        out = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    return out


def propose_summary(body: str, hint: str = "") -> tuple[str, str]:
    """(summary, where from): a summary section, the document's own abstract, or else
    the first real paragraph (running text ending a sentence, two sentences or 80
    characters at least: not a label, a date or a line of names)."""
    for title, lines in sections(body):
        if title and SUMMARY_HEADING.match(title):
            text = " ".join(paragraphs(lines)) or " ".join(
                plain(m.group(1)) for x in lines if (m := ITEM.match(x.strip())))
            if len(text) >= 40:
                return trim(text), f"“{title}”"
    if hint.strip():
        return trim(plain(hint)), "the document's own description"
    for _, lines in sections(body):
        for text in paragraphs(lines):
            if _not_prose(text):
                continue
            ends = re.search(r"[.!?…][\"”’)]?$", text)
            if ends and (len(text) >= 80 or len(re.findall(r"[^\W\d_][.!?](?:\s|$)", text)) >= 2):
                return trim(text), "the first paragraph"
    return "", ""


def _not_prose(text: str) -> bool:
    """A labelled field ('Aanwezig: …', 'Zaak: …'), a list of names or text that goes on
    from a page before ('eerste lid wordt …') is no summary."""
    words = text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return bool(re.match(r"^[\w()' -]{1,30}:\s", text)) or not text[:1].isupper() or (
        capitals > 0.4 * len(words))


def find_lessons(body: str) -> tuple[list[str], list[str]]:
    """Lesson candidates and the headings they came from: the items (or else the
    paragraphs) under 'Lessen', 'Lessons learned', 'Aanbevelingen', 'Conclusies', and
    numbered 'Les 1 – …' lines anywhere."""
    found, sources = [], []
    for title, lines in sections(body):
        numbered = [m.group(2).strip() for x in lines if (m := LESSON_LINE.match(x.strip()))]
        found += [plain(x) for x in numbered]
        if not title or not LESSON_HEADING.search(title) or SUMMARY_HEADING.match(title):
            continue
        items = [plain(m.group(1)) for x in lines if (m := ITEM.match(x))]  # top level only
        # Paragraphs only under a heading that is about lessons itself ('Aanbevelingen',
        # 'Geleerde lessen'), not one that mentions them ('Afronding lessons learned').
        if not items and LESSON_HEADING.match(title.removeprefix("Belangrijkste ")):
            items = [p for p in paragraphs(lines) if len(p) >= 40][:15]
        if items:
            found += items
            sources.append(f"“{title}”")
    return found, sources


def _names(value: str) -> list[str]:
    value = re.sub(r"\([^)]*\)", "", value)
    names = []
    for part in re.split(r"\s*(?:,|;|&|\ben\b|\band\b)\s*", value):
        name = " ".join(TITLES.sub("", part).split()).strip(" .")
        if (re.fullmatch(r"[^\W\d_][\w'’.-]*(?: [\w'’.-]+){1,4}", name) and name[0].isupper()
                and len(name) <= 60
                and not re.search(r"\d", name)):
            names.append(name)
    return names


def find_authors(text: str) -> list[str]:
    """Names after 'Auteurs:', 'Door:', 'Opgesteld door' (on the line or the lines
    after it), or on a cover line with academic titles ('Dr. A. Jansen & drs. B. Smit')."""
    lines = [x.strip() for x in text.split("\n")]
    filled = [i for i, x in enumerate(lines) if x][:HEAD_LINES]
    for i in filled:
        match = AUTHOR_LABEL.match(lines[i])
        if not match:
            continue
        value = match.group(1)
        if not value:
            value = ", ".join(_block(lines, i + 1))
        if names := _names(value):
            return names
    for i in filled[:25]:
        if ADDRESSEE.match(lines[i]):  # 'T.a.v. mevrouw dr. …' is who it is sent to
            continue
        if len(TITLES.findall(lines[i])) >= 1 and re.search(r"\b(?:dr|drs|prof|ir|mr)\.\s",
                                                            lines[i], re.I):
            names = [n for x in _block(lines, i) for n in _names(x)]
            if names:
                return names
    return []


def _block(lines: list[str], start: int) -> list[str]:
    """The run of non-blank lines from `start` (skipping blank lines before it)."""
    while start < len(lines) and not lines[start]:
        start += 1
    end = start
    while end < len(lines) and lines[end] and end - start < 8:
        end += 1
    return lines[start:end]


def head_start(body: str, raw_text: str, summary_hint: str = "",
               authors: list[str] | None = None) -> HeadStart:
    result = HeadStart()
    result.summary, result.summary_from = propose_summary(body, summary_hint)
    result.authors = list(authors or []) or find_authors(raw_text)
    result.lessons, result.lessons_from = find_lessons(body)
    return result
