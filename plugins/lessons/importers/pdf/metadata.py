"""The PDF's own metadata (info dictionary and XMP) and the title block of page 1.

PDF metadata is often wrong: a template's title ('Sjabloon besluitenlijst'), an older
document's, a user account as author. A metadata value is therefore trusted only when
the document's own text agrees with it: a title when it stands on page 1, an author
when the name occurs in the text. Otherwise the title is the largest type on page 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...normalize.dates import PartialDate, find_partial_date
from ..docprops import usable_heading
from .model import Line

TITLE_KEYS = ("Title", "Subject", "Onderwerp", "Betreft")
# Not titles: a table of contents, an addressee, a bare kind word, or a generic section
# heading ('Aanleiding', '1 Inleiding') that a letter or memo starts with.
NOT_TITLES = re.compile(
    r"^(?:inhoud(?:sopgave)?|table of contents|contents|aan\b|memo$|notitie$|brief$|verslag$"
    r"|(?:\d+(?:\.\d+)*\.?\s+)?(?:aanleiding|inleiding|introductie|samenvatting"
    r"|managementsamenvatting|achtergrond|voorwoord|conclusies?|aanbevelingen|bijlagen?"
    r"|colofon|summary|introduction|background)\s*:?$)", re.I)


def is_label(text: str) -> bool:
    """A form label ('Datum:', 'Onderwerp:') is not a title."""
    return text.rstrip().endswith(":") and len(text.split()) <= 3


@dataclass
class Metadata:
    titles: list[str] = field(default_factory=list)  # candidates, best first
    authors: list[str] = field(default_factory=list)
    created: PartialDate | None = None
    fields: dict[str, str] = field(default_factory=dict)  # every info entry, as text


def _text(value) -> str:
    if isinstance(value, bytes):
        for encoding in ("utf-16", "utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if isinstance(value, list):
        value = " ".join(_text(v) for v in value)
    return " ".join(str(value or "").replace("\x00", "").split())


def pdf_date(value: str) -> PartialDate | None:
    """'D:20230223102403+01'00'' or an XMP '2023-02-23T10:24:03' as a day."""
    match = re.match(r"^(?:D:)?(\d{4})-?(\d{2})?-?(\d{2})?", value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return PartialDate(int(year), int(month) if month else None,
                           int(day) if day and month else None)
    except ValueError:
        return None


def read(pdf) -> Metadata:
    meta = Metadata()
    info = {str(k): _text(v) for k, v in (pdf.metadata or {}).items()}
    meta.fields = info
    xmp = _xmp(pdf)
    for key in TITLE_KEYS:
        for value in (info.get(key), xmp.get(key.lower())):
            if value and value not in meta.titles:
                meta.titles.append(value)
    for value in (info.get("Author"), xmp.get("creator")):
        for name in re.split(r"\s*[;/]\s*|\s+(?:en|and|&)\s+", value or ""):
            if name and name not in meta.authors:
                meta.authors.append(name)
    meta.created = pdf_date(info.get("CreationDate", "") or xmp.get("created", ""))
    return meta


def _xmp(pdf) -> dict[str, str]:
    """dc:title, dc:creator, dc:subject and xmp:CreateDate from the XMP packet, if any."""
    try:
        data = pdf.doc.catalog.get("Metadata")
        raw = data.resolve().get_data() if data is not None else b""
    except Exception:  # a broken or missing packet: the info dictionary still counts
        return {}
    text = raw.decode("utf-8", "replace")
    found = {}
    for key, tag in (("title", "dc:title"), ("creator", "dc:creator"),
                     ("subject", "dc:description"), ("created", "xmp:CreateDate")):
        match = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", text, re.S)
        if match:
            value = re.sub(r"<[^>]+>", " ", match.group(1))
            found[key] = " ".join(value.split())
        elif key == "created":
            attr = re.search(rf'{tag}="([^"]+)"', text)
            if attr:
                found[key] = attr.group(1)
    return found


def fold(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def trusted_title(meta: Metadata, first_page: list[Line]) -> tuple[str, list[Line]]:
    """A metadata title that stands on page 1 (the lines that carry it), or ''."""
    for candidate in meta.titles:
        wanted = fold(candidate)
        if len(wanted) < 4 or NOT_TITLES.search(candidate.strip()) or is_label(candidate):
            continue
        for i in range(len(first_page)):
            joined = ""
            for j in range(i, min(i + 4, len(first_page))):
                joined = f"{joined} {fold(first_page[j].text)}".strip()
                if joined == wanted:
                    return candidate, first_page[i:j + 1]
                if not wanted.startswith(joined):
                    break
    return "", []


def title_from_type(first_page: list[Line], later_max: float,
                    body_size: float) -> tuple[str, list[Line]]:
    """The largest type on page 1, joined over the lines it spans, when it is larger
    than the body and than any type on the later pages (else it is a heading style)."""
    lines = [x for x in first_page if any(c.isalpha() for c in x.text)
             and not NOT_TITLES.search(x.text.strip()) and not is_label(x.text)]
    if not lines:
        return "", []
    largest = max(x.size for x in lines)
    if largest < body_size * 1.12 or largest <= later_max + 0.25:
        return "", []
    start = next(i for i, x in enumerate(lines) if x.size >= largest - 0.25)
    chosen = [lines[start]]
    for x in lines[start + 1:]:
        if x.size < largest - 0.25 or x.top - chosen[-1].bottom > 1.5 * largest:
            break
        chosen.append(x)
    title = " ".join(x.text for x in chosen)
    # A subtitle right below, smaller but still display type ('DiSGeo' / 'Expertgroep
    # informatiemodellering'); not a date line ('Bijeenkomst 17 november 2020') and not a
    # section heading ('Inleiding').
    after = lines[start + len(chosen)] if start + len(chosen) < len(lines) else None
    if (after is not None and body_size * 1.2 <= after.size < largest - 0.25
            and after.top - chosen[-1].bottom <= 2 * largest and len(after.text) <= 80
            and find_partial_date(after.text) is None and usable_heading(after.text)):
        return f"{title}: {after.text.strip()}", [*chosen, after]
    return title, chosen


def trusted_authors(meta: Metadata, text: str) -> list[str]:
    """Authors from the metadata whose name occurs in the text ('Wisse, Edwin' as
    'Edwin Wisse'); an account name ('VToom') or an absent person is not an author."""
    folded = f" {fold(text)} "
    out = []
    for name in meta.authors:
        parts = [p.strip() for p in name.split(",")]
        natural = " ".join(reversed(parts)) if len(parts) == 2 else name
        if len(natural.split()) >= 2 and f" {fold(natural)} " in folded:
            out.append(natural)
    return out


LEAD_WORDS = 16  # a title line is short


def title_from_lead(first_page: list[Line], body_size: float) -> tuple[str, list[Line]]:
    """Without larger type: the first heading-like line of page 1 (bold, or larger than
    the body) before the running text starts, else its first short line that is not a
    date line, a form label or an addressee. 'Document: Besluitenlijst ...' loses its
    label."""
    candidates = []
    for line in first_page[:12]:
        text = line.text.strip()
        if len(line.words) > LEAD_WORDS or len(text) > 160:
            break  # the running text has started
        if is_label(text) or NOT_TITLES.search(text) or not any(c.isalpha() for c in text):
            continue
        if find_partial_date(text) and len(text) < 60:
            continue
        candidates.append(line)
    if not candidates:
        return "", []
    strong = [x for x in candidates if x.size >= body_size * 1.12
              or x.bold and x.size >= body_size - 0.6]
    first = strong[0] if strong else candidates[0]
    chosen = [first]
    for line in first_page[first_page.index(first) + 1:]:
        if (abs(line.size - first.size) > 0.25 or line.bold != first.bold
                or line.top - chosen[-1].bottom > 0.8 * first.size or len(chosen) == 3):
            break
        chosen.append(line)
    whole = " ".join(x.text.strip() for x in chosen)
    text = re.sub(r"^[A-Z][\w ]{0,20}:\s+(?=\S)", "", whole)
    # Without its label the lines stay in the body, so the label is not lost.
    return text, chosen if text == whole else []
