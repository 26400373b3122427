"""How to cite a document or a lesson: Vancouver, APA, BibTeX, RIS and CSL-JSON.

Vancouver follows Citing Medicine (NLM) for reports on the internet, the style Dutch
medical journals ask for; APA follows the 7th edition's pattern for grey literature.
A document without personal authors is cited under its organisation, as both styles do.
No "cited on" date is printed: that is the citer's own access date, and a build stamp
would make two builds of the same content differ.

A date is cited as precisely as it is known, never with an invented day: Vancouver
writes "2022 Jan 14", "2022 Jan" or "2022" (Citing Medicine gives the parts the report
has); APA 7 gives reports and grey literature the year alone, whatever else is known,
and a page of a website (a practice example) the most specific date it has, written
as the Dutch APA guidelines do ("(2022, 14 januari)", "(2022, januari)");
BibTeX has a month only when it is known; RIS keeps the slashes of unknown parts
("2022///", "2022/01//"); CSL-JSON has one, two or three date-parts.

A lesson's citation files also say how far its follow-up got ("Opvolging: Aanvaard,
sinds 14 januari 2022") in the field each format has for a note: BibTeX's note, RIS's
N1, CSL-JSON's note. Vancouver and APA leave it out: a reference cites the work, not
what became of it, and the same lesson keeps the same reference.
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

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
             "Dec"]
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$|^[A-Z]$|^(?:[A-Z][a-z]?\.)+$")


@dataclass(frozen=True)
class Person:
    family: str
    given: str = ""  # initials, e.g. "J.K."

    @property
    def initials(self) -> str:
        return "".join(ch for ch in self.given if ch.isupper())  # "É." counts, "Th." is T


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
              "le", "du", "von", "zu", "da", "dos", "del", "di", "d'"}
_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ'’]+)*$")
# Words that make a capitalised phrase an organisation, not a person.
_ORGANISATION_WORDS = {
    "ministerie", "stichting", "vereniging", "raad", "instituut", "gemeente", "provincie",
    "partners", "college", "centrum", "bureau", "dienst", "groep", "nederland", "zorg",
    "netwerk", "platform", "federatie", "academie", "universiteit", "werkgroep", "team",
    "regio", "kenniscentrum", "inspectie", "autoriteit", "commissie", "directie", "afdeling",
}


def person(name: str) -> Person | None:
    """'J. Jansen', 'A.B. van der Berg' or 'Désirée te Marvelde' -> Person; None for what
    does not read safely as one person's name (an organisation, a list of names)."""
    tokens = name.replace(",", " ").split()
    initials = [t for t in tokens if _INITIAL.match(t)]
    rest = [t for t in tokens if not _INITIAL.match(t)]
    if initials and rest:
        given = "".join(t if t.endswith(".") else t + "." for t in initials)
        return Person(" ".join(rest), given)
    return _full_name(tokens)


def _full_name(tokens: list[str]) -> Person | None:
    """Given names first, then the family name, which starts at its first particle."""
    if not 2 <= len(tokens) <= 5:
        return None
    start = next((i for i, t in enumerate(tokens) if t.lower() in _PARTICLES and i > 0),
                 len(tokens) - 1)
    given, family = tokens[:start], tokens[start:]
    capitalised = given + [t for t in family if t.lower() not in _PARTICLES]
    if (not given or not all(_NAME.match(t) for t in capitalised)
            or any(t.lower() in _ORGANISATION_WORDS for t in capitalised)):
        return None
    initials = "".join("-".join(part[0] + "." for part in t.split("-")) for t in given)
    return Person(" ".join(family), initials)


def from_document(doc: Document, url: str, issuer: Organisation, theme_labels: list[str],
                  archive: str = "") -> Citable:
    """Authors: the persons named; else the issuing organisation as one corporate author
    (where a name does not read as one person's, the names together, never split)."""
    people = [p for p in (person(a) for a in doc.authors) if p]
    corporate = issuer.name
    if doc.authors and len(people) != len(doc.authors):
        people, corporate = [], ", ".join(doc.authors)
    return Citable(
        id=doc.id, title=doc.title, url=url, date=doc.date, publisher=issuer.name,
        archive=archive, publisher_tooi=issuer.tooi,
        authors=people, institution="" if people else corporate, abstract=doc.summary,
        keywords=theme_labels, language=doc.language, csl_type=doc.kind.csl_type,
        ris_type="RPRT" if doc.kind.csl_type == "report" else "GEN",
        bibtex_type="techreport" if doc.kind.csl_type == "report" else "misc")


def from_lesson(lesson: Lesson, doc: Document, url: str, issuer: Organisation,
                theme_labels: list[str], archive: str = "",
                follow_up: Record | None = None) -> Citable:
    base = from_document(doc, url, issuer, theme_labels, archive)
    base.id, base.title, base.abstract = lesson.id, lesson.statement, lesson.explanation
    base.part_of, base.csl_type, base.ris_type, base.bibtex_type = (
        doc.title, "webpage", "ELEC", "misc")
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


def _bare(text: str) -> str:
    """Without one closing full stop, so the style's own punctuation follows."""
    text = text.strip()
    return text[:-1] if text.endswith(".") else text


def _vancouver_date(date: PartialDate) -> str:
    """'2022 Jan 14', '2022 Jan' or '2022': Citing Medicine's date, with the parts known."""
    month = MONTHS_EN[date.month - 1] if date.month else ""
    return " ".join(str(part) for part in (date.year, month, date.day) if part)


def vancouver(c: Citable) -> str:
    if c.authors:
        names = [f"{p.family} {p.initials}" for p in c.authors[:6]]
        who = ", ".join(names) + (", et al." if len(c.authors) > 6 else ".")
    else:
        who = _sentence(c.institution)
    date = _vancouver_date(c.date)
    title = _bare(c.title)
    if c.part_of:  # a lesson: a part of its document, as a chapter is of a book
        where = f"{_sentence(title)} In: {_bare(c.part_of)} [Internet]."
    else:
        where = f"{title} [Internet]."
    return f"{who} {where} {c.publisher}; {date}. Available from: {c.url}"


def _apa_people(people: list[Person]) -> str:
    names = [f"{p.family}, {' '.join(i + '.' for i in p.initials)}" for p in people]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa(c: Citable, html: bool = False) -> str:
    who = _apa_people(c.authors) if c.authors else c.institution
    title = _bare(c.title)
    title = f"<i>{_escape(title)}</i>" if html else title
    part = f" In {_escape(c.part_of) if html else c.part_of}." if c.part_of else ""
    publisher = "" if c.publisher == who else f" {c.publisher}."
    who = _escape(who) if html else who
    url = _escape(c.url) if html else c.url
    end = "" if c.title.rstrip().endswith(("?", "!")) else "."
    return f"{_sentence(who)} ({_apa_date(c)}). {title}{end}{part}{publisher} {url}"


def _apa_date(c: Citable) -> str:
    """The year for reports and other grey literature (APA 7, 10.4); for a webpage the
    year first, then whatever else is known (10.16). A lesson is cited as a part of its
    document, like a chapter of a report: by the year."""
    if c.csl_type != "webpage" or c.part_of or not c.date.month:
        return str(c.date.year)
    day_and_month = format_nl(c.date).rsplit(" ", 1)[0]  # '14 januari 2022' -> '14 januari'
    return f"{c.date.year}, {day_and_month}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&",
                   "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                   "^": r"\textasciicircum{}"}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def bibtex(c: Citable) -> str:
    # Double braces keep a title's and an institution's capitals as written.
    fields = [("title", "{" + _bib(c.title) + "}")]
    if c.authors:
        fields.append(("author", " and ".join(f"{_bib(p.family)}, {p.given}" for p in c.authors)))
    else:
        fields.append(("author", "{" + _bib(c.institution) + "}"))
    fields.append(("institution" if c.bibtex_type == "techreport" else "publisher",
                   _bib(c.publisher)))
    notes = [f"Les uit: {c.part_of}" if c.part_of else "", follow_up_note(c)]
    if all(notes):
        fields.append(("note", _bib(f"{_sentence(notes[0])} {notes[1]}")))
    elif any(notes):
        fields.append(("note", _bib(notes[0] or notes[1])))
    fields.append(("year", str(c.date.year)))
    if c.date.month:  # BibTeX's month macro ('jan'); no month where only the year is known
        fields.append(("month", MONTHS_EN[c.date.month - 1].lower()))
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
    lines += [("AU", f"{p.family}, {p.given}") for p in c.authors]
    if not c.authors:
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


def csl_json(c: Citable) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": c.id, "type": c.csl_type, "title": c.title, "URL": c.url,
        "issued": {"date-parts": [c.date.parts]},
        "publisher": c.publisher, "language": c.language,
        "author": ([{"family": p.family, "given": p.given} for p in c.authors]
                   or [{"literal": c.institution}]),
    }
    if c.abstract:
        item["abstract"] = c.abstract
    if c.part_of:
        item["container-title"] = c.part_of
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


def csl_json_text(c: Citable) -> str:
    return json.dumps([csl_json(c)], ensure_ascii=False, indent=2) + "\n"
