"""Document properties of .docx (docProps/core.xml) and .odt (meta.xml), and the rule for
when a property may name the document.

Properties are what Word or LibreOffice stored, not what the author typed on the page:
a template's title ('Verslag', 'Document1', 'Sjabloon notitie') survives into every
document made from it, dc:creator is often an account name ('pjanssen', 'sw'), and the
created/modified times are when the file was saved, not the date the document carries.
So:

- title: a property title is used only when it looks like a title (see `usable_title`)
  and the page does not say otherwise: a paragraph styled Title wins, and the first
  level-1 heading or the cover's largest type wins when they disagree (`choose_title`).
- authors: dc:creator (.docx) / meta:initial-creator (.odt) when it looks like a person's
  name ('Peter ter Haar', 'With, Jacko de'), never cp:lastModifiedBy or an account name.
- dates: never the document date (a template copied in 2019 keeps its 2008 print date);
  they are named in review_needed so the editor has them at hand.
- description/subject: a summary hint when it is a sentence, not a keyword list.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..model.vocab import fold

NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}
# Titles templates and programs leave behind. Compared after folding, with trailing
# digits removed ('Document1', 'Presentatie2').
GENERIC_TITLES = {
    "document", "documenten", "naamloos", "untitled", "titel", "title", "onderwerp",
    "verslag", "notulen", "memo", "notitie", "nota", "brief", "rapport", "rapportage",
    "concept", "template", "sjabloon", "format", "voorblad", "presentatie", "presentation",
    "powerpoint presentatie", "powerpoint-presentatie", "microsoft word", "agenda",
    "inhoud", "inhoudsopgave", "inleiding", "introductie", "samenvatting", "verslag overleg",
    "besluitenlijst", "actielijst", "nieuwsbrief", "rijkshuisstijl", "huisstijl",
    "aanwezig", "aanwezigen", "afwezig", "deelnemers", "actiepunten", "besluiten",
    "colofon", "voorwoord", "bijlage", "bijlagen", "index", "home",
}
GENERIC_START = re.compile(r"^(?:sjabloon|template|format|microsoft word\s*-|concept\s*$)",
                           re.I)
# Account names and placeholders that are not a person.
GENERIC_AUTHORS = {"gebruiker", "windows-gebruiker", "windows gebruiker", "user", "admin",
                   "administrator", "auteur", "author", "microsoft office user",
                   "microsoft office-gebruiker", "eigenaar", "owner", "beheerder"}


@dataclass
class Properties:
    title: str = ""
    subject: str = ""
    description: str = ""
    creator: str = ""
    created: str = ""  # ISO timestamps as stored; for the editor only
    modified: str = ""
    keywords: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def authors(self) -> list[str]:
        name = person_name(self.creator)
        return [name] if name else []

    @property
    def summary(self) -> str:
        """A description or subject written as a sentence (at least six words)."""
        for text in (self.description, self.subject):
            if len(text.split()) >= 6 and not re.search(r"[;,]\s*\w+[;,]", text):
                return text
        return ""

    def review(self) -> list[str]:
        saved = ", ".join(f"{label} {value[:10]}" for label, value in
                          (("created", self.created), ("last saved", self.modified)) if value)
        return [f"file properties: {saved} (not used as the document date)"] if saved else []


def _text(root: ElementTree.Element, path: str) -> str:
    node = root.find(path, NS)
    return re.sub(r"\s+", " ", node.text or "").strip() if node is not None else ""


def read_docx(path: Path) -> Properties:
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("docProps/core.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return Properties()
    return Properties(title=_text(root, "dc:title"), subject=_text(root, "dc:subject"),
                      description=_text(root, "dc:description"),
                      creator=_text(root, "dc:creator"),
                      created=_text(root, "dcterms:created"),
                      modified=_text(root, "dcterms:modified"),
                      keywords=_text(root, "cp:keywords"))


def read_odt(path: Path) -> Properties:
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("meta.xml"))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return Properties()
    meta = root.find("office:meta", NS)
    if meta is None:
        return Properties()
    # In ODF dc:creator is whoever saved last; meta:initial-creator wrote it.
    return Properties(title=_text(meta, "dc:title"), subject=_text(meta, "dc:subject"),
                      description=_text(meta, "dc:description"),
                      creator=_text(meta, "meta:initial-creator"),
                      created=_text(meta, "meta:creation-date"),
                      modified=_text(meta, "dc:date"),
                      keywords=_text(meta, "meta:keyword"))


def usable_title(title: str) -> bool:
    """A property title that can name a document: letters, more than one word or a long
    one, not a template or program default, not a file name."""
    text = title.strip()
    if not text or not re.search(r"[^\W\d_]{2}", text):
        return False
    if re.search(r"\.(?:docx?|odt|dotx?|pdf|rtf)$", text, re.I) or GENERIC_START.match(text):
        return False
    folded = re.sub(r"\s*\d+$", "", fold(text)).strip()
    if folded in GENERIC_TITLES:
        return False
    return len(text.split()) >= 2 or len(text) >= 12


def same_title(a: str, b: str) -> bool:
    fa, fb = fold(a).strip(), fold(b).strip()
    return bool(fa and fb) and (fa in fb or fb in fa)


def choose_title(styled: str, heading: str, prop: str, large: str = "",
                 subject: str = "", first_line: str = "") -> tuple[str, str]:
    """(title, where it came from). The rule, in order:

    1. a paragraph styled Title (what the author put on the cover);
    2. when the property title is usable and agrees with the first level-1 heading or
       the cover's largest type (one contains the other): the longer of the two, the
       page's wording on a tie (its quotes and capitals);
    3. the first level-1 heading, unless it is a generic section word ('Inleiding');
    4. the cover's largest type (cover.py), when it looks like a title;
    5. the subject after an 'Onderwerp' / 'Betreft' label on the first page;
    6. the property title when it looks like a title (not 'Document1', 'Verslag');
    7. the document's first line, when it is short and not a sentence;
    8. nothing: the text decides (infer.py).
    """
    if styled.strip():
        return styled.strip(), "the paragraph styled Title"
    heading_ok = bool(heading.strip()) and usable_heading(heading)
    large_ok = bool(large.strip()) and usable_title(large)
    if usable_title(prop):
        page = heading if heading_ok and same_title(prop, heading) else \
            large if large_ok and same_title(prop, large) else ""
        if page:  # they agree: the fuller wording, the page's on a tie
            return (page.strip(), "the page (the file properties agree)") \
                if len(page.strip()) >= len(prop.strip()) else \
                (prop.strip(), "the document properties (the page agrees)")
    if heading_ok:
        return heading.strip(), "the first heading"
    if large_ok:
        return large.strip(), "the largest type on the first page"
    if subject.strip() and usable_title(subject):
        return subject.strip(), "the 'Onderwerp' line"
    if usable_title(prop):
        return prop.strip(), "the document properties"
    line = first_line.strip()
    if usable_title(line) and len(line.split()) <= 12 and not line.endswith((".", ":", ";")):
        return line, "the first line"
    return "", ""


def usable_heading(heading: str) -> bool:
    folded = re.sub(r"^[\d.\s]+", "", fold(heading)).strip()
    return bool(folded) and folded not in GENERIC_TITLES


# A functional mailbox or team is not a person: 'Postbus PGDI', 'Team Woo'.
MAILBOX = re.compile(r"^(?:postbus|team|afdeling|servicedesk|helpdesk|secretariaat|info"
                     r"|no-?reply|functioneel)\b", re.I)


def person_name(value: str) -> str:
    """'Peter ter Haar' -> itself; 'With, Jacko de' -> 'Jacko de With'; 'Schellevis, H.L.
    (Lancelot) - Forum Standaardisatie' -> 'H.L. (Lancelot) Schellevis'... kept as written
    minus the organisation; an account name ('pjanssen', 'sw') -> ''."""
    text = re.sub(r"\s+", " ", value).strip()
    text = re.split(r"\s+[-–|]\s+", text)[0].strip()  # 'Name - Organisation'
    if not text or fold(text) in GENERIC_AUTHORS or "@" in text or MAILBOX.match(text):
        return ""
    if "," in text:
        last, _, first = text.partition(",")
        if not first.strip():
            return ""
        text = f"{first.strip()} {last.strip()}"
    parts = text.split()
    if len(parts) < 2 or not all(re.fullmatch(r"[\w.'’()-]+", p) for p in parts):
        return ""
    if not any(p[:1].isupper() for p in parts):
        return ""
    return text
