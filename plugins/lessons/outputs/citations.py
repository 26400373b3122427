"""What is cited about a document or a lesson, and the files to download: BibTeX, RIS
and CSL-JSON. The references on the page (Vancouver, APA, NTvG) are made from the CSL-JSON
by the official CSL styles (csl.py); nothing here formats a reference by hand.

Authors are the persons named; else the issuing organisation as one corporate author,
never split into persons. The publisher is the issuing organisation, never the website.
A lesson is cited as a part of its document, as a chapter is of a book (CSL "chapter"
with the document as container-title, BibTeX @incollection, RIS CHAP): both styles then
print "In: <document>" where they print it for a part.

A date is cited as precisely as it is known, never with an invented day: CSL-JSON has
one, two or three date-parts; BibTeX has a month only when it is known; RIS keeps the
slashes of unknown parts ("2022///", "2022/01//").

A lesson's citation files also say how far its follow-up got ("Opvolging: Aanvaard,
sinds 14 januari 2022") in the field each format has for a note: BibTeX's note, RIS's
N1, CSL-JSON's note. The styles leave it out: a reference cites the work, not what
became of it, and the same lesson keeps the same reference.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model.document import Document, Lesson
from ..normalize.dates import PartialDate, format_nl

if TYPE_CHECKING:
    from ..followup import Record
    from ..issuer import Organisation

MONTHS_BIBTEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                 "dec"]
# Initials: "J.", "J.K.", "Th.", "É.", "J" (any script's capitals).
_INITIAL = re.compile(r"^(?:[^\W\d_][^\W\d_]?\.)+$|^[^\W\d_]$")
# Titles and degrees before or after a name: not part of it in a reference.
_TITLES = {"prof", "dr", "drs", "ir", "ing", "mr", "ds", "em", "msc", "ma", "bsc", "ba",
           "phd", "mba", "llm", "md", "mph", "rn", "bc", "jr", "sr"}


@dataclass(frozen=True)
class Person:
    family: str  # with its particles, as cited: "te Marvelde", "van der Berg"
    given: str = ""  # initials, e.g. "J.K."
    # A name that does not read as one person's (an organisation, a name the parser cannot
    # take apart safely): cited whole, as written, never split into family and given.
    literal: str = ""

    @property
    def initials(self) -> str:
        return "".join(ch for ch in self.given if ch.isupper())  # "É." counts, "Th." is T

    @property
    def particle(self) -> str:
        """The particles that open the family name ("te", "van der"): CSL's
        non-dropping-particle, which styles print before the name or sort by it."""
        words = self.family.split()
        n = 0
        while n < len(words) - 1 and words[n] in _PARTICLES:
            n += 1
        return " ".join(words[:n])

    @property
    def name(self) -> str:
        """The family name without its particles ("Marvelde")."""
        return self.family[len(self.particle):].strip()


@dataclass
class Citable:
    id: str
    title: str
    url: str
    date: PartialDate
    publisher: str  # the organisation that issued it, never the website
    authors: list[Person] = field(default_factory=list)
    institution: str = ""  # corporate author when there are no personal authors
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = "nl"
    csl_type: str = "report"
    ris_type: str = "RPRT"
    bibtex_type: str = "techreport"
    part_of: str = ""  # for a lesson: the title of its document
    state: str = ""  # for a lesson: its follow-up state (the Dutch label) ...
    state_since: PartialDate | None = None  # ... and the date it reached it
    archive: str = ""  # the website that keeps it: a collection, never author or publisher
    publisher_tooi: str = ""  # the publisher's TOOI address, where it has one
    pdf_url: str = ""  # the work as a PDF (absolute)

    def __post_init__(self) -> None:
        if isinstance(self.date, dt.date):  # a day given as a plain date
            self.date = PartialDate.of(self.date)


# Dutch (and a few neighbouring) name particles: they open the family name, which is
# how Dutch names are cited ("te Marvelde D", "de Boer, V.").
_PARTICLES = {"van", "de", "der", "den", "te", "ter", "ten", "het", "'t", "in", "op", "la",
              "le", "du", "von", "zu", "da", "dos", "del", "di", "d'", "el", "al", "bin",
              "ibn", "ben", "abu"}
# Words that make a capitalised phrase an organisation, not a person.
_ORGANISATION_WORDS = {
    "ministerie", "stichting", "vereniging", "raad", "instituut", "gemeente", "provincie",
    "partners", "college", "centrum", "bureau", "dienst", "groep", "nederland", "zorg",
    "netwerk", "platform", "federatie", "academie", "universiteit", "werkgroep", "team",
    "regio", "kenniscentrum", "inspectie", "autoriteit", "commissie", "directie", "afdeling",
}


def author(name: str) -> Person:
    """One name of `authors:` as cited: a person where it reads safely as one, else the
    name whole (Person.literal). Each name stays its own author."""
    return person(name) or Person("", literal=" ".join(name.split()))


def person(name: str) -> Person | None:
    """'J. Jansen', 'A.B. van der Berg', 'Désirée te Marvelde', 'Jansen, Jan',
    'Prof. dr. J. de Vries' -> Person; None for what does not read safely as one person's
    name (an organisation, a list of names)."""
    if name.count(",") == 1:  # "Family, Given" (the order reference lists use)
        family, given = (part.split() for part in name.split(","))
        family, given = _untitled(family), _untitled(given)
        # "Boer, V. de": the particles after the given names open the family name
        while given and given[-1].lower() in _PARTICLES:
            family.insert(0, given.pop())
        if family and given and all(_is_name(t) or t.lower() in _PARTICLES for t in family):
            if all(_INITIAL.match(t) for t in given):
                return Person(" ".join(family), _initials_of(given))
            if all(_is_name(t) for t in given) and not _organisation(given + family):
                return Person(" ".join(family), _initials_of(given))
        return None
    tokens = _untitled(name.split())
    if "," in name or not tokens or _organisation(tokens):
        return None
    initials = [t for t in tokens if _INITIAL.match(t)]
    rest = [t for t in tokens if not _INITIAL.match(t)]
    if initials and rest:
        if tokens[:len(initials)] != initials or not all(
                _is_name(t) or t.lower() in _PARTICLES for t in rest):
            return None  # "Jansen J." or "Afdeling X" is no "J. Jansen"
        return Person(" ".join(rest), _initials_of(initials))
    return _full_name(tokens)


def _untitled(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t.lower().rstrip(".") not in _TITLES]


def _organisation(tokens: list[str]) -> bool:
    """A phrase that opens with an organisation word ("Ministerie van ...", "Afdeling X");
    a family name such as De Raad or Nederland does not make a person an organisation."""
    return bool(tokens) and tokens[0].lower() in _ORGANISATION_WORDS


def _is_name(token: str) -> bool:
    """A capitalised name in any script: "Jansen", "McDonald", "O'Neill", "IJzerman",
    "Yılmaz", "Smit-Bakker"; not an acronym ("DOTT") or a word with digits."""
    letters = token.replace("-", "").replace("'", "").replace("’", "")
    return (len(letters) > 1 and token[0].isupper() and letters.isalpha()
            and not letters.isupper())


def _initials_of(given: list[str]) -> str:
    """"Jan-Willem Hendrik" -> "J.W.H.", "J.K." -> "J.K.", "Th." -> "Th.": as reference
    engines initialise (citeproc-js writes a hyphenated given name's initials joined)."""
    out = []
    for token in given:
        if _INITIAL.match(token):
            out.append(token if token.endswith(".") else token + ".")
        else:
            out += [part[0] + "." for part in token.split("-") if part]
    return "".join(out)


def _full_name(tokens: list[str]) -> Person | None:
    """Given names first, then the family name, which starts at its first particle."""
    if not 2 <= len(tokens) <= 6:
        return None
    start = next((i for i, t in enumerate(tokens) if t.lower() in _PARTICLES and i > 0),
                 len(tokens) - 1)
    given, family = tokens[:start], tokens[start:]
    capitalised = given + [t for t in family if t.lower() not in _PARTICLES]
    if not given or not all(_is_name(t) for t in capitalised):
        return None
    return Person(" ".join(family), _initials_of(given))


def from_document(doc: Document, url: str, issuer: Organisation, theme_labels: list[str],
                  archive: str = "") -> Citable:
    """Authors: the names of `authors:`, each one author (a person, or the name whole
    where it does not read as one person's); without them, the issuing organisation as
    one corporate author."""
    people = [author(a) for a in doc.authors]
    return Citable(
        id=doc.id, title=doc.title, url=url, date=doc.date, publisher=issuer.name,
        archive=archive, publisher_tooi=issuer.tooi,
        authors=people, institution="" if people else issuer.name, abstract=doc.summary,
        keywords=theme_labels, language=doc.language, csl_type=doc.kind.csl_type,
        ris_type="RPRT" if doc.kind.csl_type == "report" else "GEN",
        bibtex_type="techreport" if doc.kind.csl_type == "report" else "misc")


def from_lesson(lesson: Lesson, doc: Document, url: str, issuer: Organisation,
                theme_labels: list[str], archive: str = "",
                follow_up: Record | None = None) -> Citable:
    base = from_document(doc, url, issuer, theme_labels, archive)
    base.id, base.title, base.abstract = lesson.id, lesson.statement, lesson.explanation
    base.part_of, base.csl_type, base.ris_type, base.bibtex_type = (
        doc.title, "chapter", "CHAP", "incollection")
    if follow_up is not None:
        base.state, base.state_since = follow_up.state.label, follow_up.since
    return base


def follow_up_note(c: Citable) -> str:
    """'Opvolging: Aanvaard, sinds 14 januari 2022'; '' for what has no follow-up."""
    if not c.state:
        return ""
    since = f", sinds {format_nl(c.state_since)}" if c.state_since else ""
    return f"Opvolging: {c.state}{since}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&",
                   "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(c: Citable) -> str:
    # Double braces keep a title's and an institution's capitals as written.
    fields = [("title", "{" + _bib(c.title) + "}")]
    if c.authors:  # a whole name in braces: BibTeX then never splits it
        fields.append(("author", " and ".join(
            "{" + _bib(p.literal) + "}" if p.literal else f"{_bib(p.family)}, {p.given}"
            for p in c.authors)))
    else:
        fields.append(("author", "{" + _bib(c.institution) + "}"))
    if c.part_of:  # @incollection: the document is the book the lesson is part of
        fields.append(("booktitle", "{" + _bib(c.part_of) + "}"))
    fields.append(("institution" if c.bibtex_type == "techreport" else "publisher",
                   _bib(c.publisher)))
    if note := follow_up_note(c):
        fields.append(("note", _bib(note)))
    fields.append(("year", str(c.date.year)))
    if c.date.month:  # BibTeX's month macro ('jan'); no month where only the year is known
        fields.append(("month", MONTHS_BIBTEX[c.date.month - 1]))
    # biblatex's date field takes ISO 8601 at any precision: '2022', '2022-01', '2022-01-14'.
    fields += [("date", c.date.iso()), ("url", c.url), ("language", c.language)]
    if c.abstract:
        fields.append(("abstract", _bib(c.abstract)))
    if c.keywords:
        fields.append(("keywords", _bib(", ".join(c.keywords))))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@{c.bibtex_type}{{{c.id},\n{body}\n}}\n"


def ris(c: Citable) -> str:
    lines = [("TY", c.ris_type), ("TI", c.title)]
    # RIS has no corporate author: an AU is read "Family, Given" at its comma (Zotero's
    # RIS import made the ministry's name two persons). A whole name is an AU only when it
    # has no comma; the issuing organisation is always PB.
    lines += [("AU", f"{p.family}, {p.given}" if not p.literal else p.literal)
              for p in c.authors if "," not in p.literal]
    if not c.authors and "," not in c.institution:
        lines.append(("AU", c.institution))
    if c.part_of:
        lines.append(("T2", c.part_of))
    lines += [("PY", str(c.date.year)), ("DA", _ris_date(c.date)),
              ("PB", c.publisher), ("UR", c.url), ("LA", c.language)]
    if c.abstract:
        lines.append(("AB", c.abstract))
    if note := follow_up_note(c):
        lines.append(("N1", note))
    lines += [("KW", k) for k in c.keywords]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


def _ris_date(date: PartialDate) -> str:
    """YYYY/MM/DD/other: each part may be empty, its slash may not ('2022///')."""
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


_OPENS = re.compile(r"(^|[\s(\[{\-–—/])(['\"])")
_ELISION = re.compile(r"(^|\s)'(?=(?:[stkmnr]|em|ns)\b|s-|\d)")


def typographic(text: str) -> str:
    """Straight quotes and apostrophes as a typesetter writes them: "DSV's" -> "DSV’s",
    "'no regret'" -> "‘no regret’", '"x"' -> '“x”'. CSL engines read straight quotes
    each in their own way (citeproc-js makes some apostrophes, pandoc makes quotes), and
    a reference in a journal has typographic ones."""
    # An elision opens a word with an apostrophe, not a quote: "'s-Hertogenbosch", "'t",
    # "'90", "rock 'n' roll".
    text = _ELISION.sub(lambda m: m.group(1) + "’", text)
    text = _OPENS.sub(lambda m: m.group(1) + ("‘" if m.group(2) == "'" else "“"), text)
    return text.replace("'", "’").replace('"', "”")


def csl_json(c: Citable) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": c.id, "type": c.csl_type, "title": typographic(c.title), "URL": c.url,
        "issued": {"date-parts": [c.date.parts]},
        "publisher": typographic(c.publisher), "language": c.language,
        "author": ([_csl_name(p) for p in c.authors]
                   or [{"literal": typographic(c.institution)}]),
    }
    if c.abstract:
        item["abstract"] = c.abstract
    if c.part_of:
        item["container-title"] = typographic(c.part_of)
    if c.keywords:
        item["keyword"] = ", ".join(c.keywords)
    # Not CSL's "status": that is the publication status of the item ("forthcoming",
    # "in press", "retracted"), which styles print in the reference (APA writes
    # "(in press)"); a lesson's follow-up is what happened after it was published, not
    # a stage of its publication, and would put "Aanvaard" into every bibliography.
    # "note" is CSL's free text about the item, which styles leave out and reference
    # managers keep (Zotero: Extra). Its text starts "Opvolging:", which is no CSL
    # variable, so Zotero does not read the line as one.
    if note := follow_up_note(c):
        item["note"] = note
    return item


def _csl_name(p: Person) -> dict[str, str]:
    if p.literal:
        return {"literal": typographic(p.literal)}
    name = {"family": p.name, "given": p.given}
    if p.particle:
        name["non-dropping-particle"] = p.particle
    return name


def csl_json_text(c: Citable) -> str:
    return json.dumps([csl_json(c)], ensure_ascii=False, indent=2) + "\n"
