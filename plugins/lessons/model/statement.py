"""The editors' facts of the accessibility statement (content/vocabularies/toegankelijkheid.yml):
the status after the Dutch model (DigiToegankelijk), its dates, the manual evaluations,
the known limitations with their measures, and where visitors turn with a problem.

Every problem of the file is reported at once, as `path:line: field: message`. The status
must be one the facts support: A and B need an evaluation by an expert (WCAG-EM) of at most
three years old, C an evaluation planned within six months. Automated checks alone never
make a status: that is the model's rule, and `outputs/statement.py` checks the recorded
checks against the claim.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import privacy
from .document import Problem
from .source import SourceError, decode, load_yaml
from .wcag import CRITERIA

FILE = "toegankelijkheid.yml"
# Status -> its name in the model (toegankelijkheidsverklaring.nl). E is a site without a
# statement, so a statement never has it.
STATUSES = {"A": "voldoet volledig", "B": "voldoet gedeeltelijk",
            "C": "eerste maatregelen genomen", "D": "voldoet niet"}
EVALUATION_YEARS = 3  # an evaluation older than this supports no status
PLANNED_MONTHS = 6  # status C: the full evaluation is planned within this time
FIELDS = ("website", "status", "date", "revised", "planned_evaluation", "approval",
          "evaluations", "limitations", "measures", "contact", "ombudsman")
EVALUATION_FIELDS = ("date", "by", "method", "scope", "report", "failed")
LIMITATION_FIELDS = ("title", "description", "criteria", "measure", "planned", "checks")
CONTACT_FIELDS = ("email", "url", "receipt_days", "answer_weeks")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"(https://[^\s<>\"']+|/[^\s<>\"']*)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NATIONAL_OMBUDSMAN = ("de Nationale ombudsman", "https://www.nationaleombudsman.nl/")


@dataclass(frozen=True)
class Evaluation:
    """An evaluation by an expert of the whole site against all 50 criteria."""
    date: dt.date
    by: str
    method: str
    scope: str = ""
    report: str = ""  # the address of the report
    failed: tuple[str, ...] = ()  # criteria the site did not meet


@dataclass(frozen=True)
class Limitation:
    title: str
    description: str
    measure: str = ""
    planned: dt.date | None = None
    criteria: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()  # automated checks whose findings this limitation explains


@dataclass(frozen=True)
class Contact:
    email: str = ""
    url: str = ""
    receipt_days: int = 5  # the model: a confirmation of receipt within five working days
    answer_weeks: int = 3


@dataclass
class Facts:
    status: str
    date: dt.date
    revised: dt.date
    contact: Contact
    website: str = ""
    planned_evaluation: dt.date | None = None
    approval: str = ""  # who approved the statement ("gezien en akkoord"), by role
    evaluations: list[Evaluation] = field(default_factory=list)
    limitations: list[Limitation] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    ombudsman: tuple[str, str] = NATIONAL_OMBUDSMAN

    @property
    def status_name(self) -> str:
        return STATUSES[self.status]


class _Reader:
    """Reads fields of one file, keeping every problem with its line."""

    def __init__(self, path: str, lines: dict[str, int]):
        self.path, self.lines, self.problems = path, lines, []

    def line(self, where: str) -> int:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where.rpartition(".")[0]
        return 1

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(where), where, message))

    def known(self, data: dict, known: tuple[str, ...], prefix: str = "") -> None:
        for key in data:
            if key not in known:
                self.problem(f"{prefix}{key}", f"unknown field; known: {', '.join(known)}")

    def text(self, value: Any, where: str, required: bool = False) -> str:
        from .vocab import plain_text  # vocab imports schema, which imports this package

        if value is None or value == "":
            if required:
                self.problem(where, "is required; write it as plain text")
            return ""
        try:
            return plain_text(value, where, self.line(where)) or ""
        except SourceError as err:
            self.problem(where, err.message)
            return ""

    def day(self, value: Any, where: str, required: bool = False) -> dt.date | None:
        if value is None:
            if required:
                self.problem(where, "is required: a date as 2026-11-24")
            return None
        try:
            if isinstance(value, str) and _DAY.fullmatch(value.strip()):
                return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        self.problem(where, f"'{value}' is not a date; write it as 2026-11-24")
        return None

    def texts(self, value: Any, where: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, "must be a list (each item on a line starting with '- ')")
            return []
        return [t for i, v in enumerate(value) if (t := self.text(v, f"{where}.{i}", True))]

    def criteria(self, value: Any, where: str) -> tuple[str, ...]:
        found = []
        for i, item in enumerate(value if isinstance(value, list) else [value]
                                 if value is not None else []):
            number = str(item).strip()
            if number not in CRITERIA:
                self.problem(f"{where}.{i}" if isinstance(value, list) else where,
                             f"'{item}' is not a WCAG 2.1 A/AA success criterion; write its "
                             f"number in quotes, e.g. '1.4.10'")
            else:
                found.append(number)
        return tuple(found)

    def mapping(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(where, "must be a group of fields (indented lines 'name: value')")
            return {}
        return value


def load(path: Path, shown: str | None = None) -> tuple[Facts | None, list[Problem]]:
    """The facts of the statement, or None with the problems that keep them from it."""
    shown = shown or str(path)
    try:
        data, lines = load_yaml(decode(path.read_bytes()))
    except FileNotFoundError:
        return None, [Problem(shown, 1, "file", "is missing: the accessibility statement "
                                                "(/toegankelijkheid/) is made from it; copy "
                                                "it from the project and fill it in")]
    except SourceError as err:
        return None, [Problem(shown, err.line, "yaml" if err.field == "front-matter"
                              else err.field, err.message)]
    return parse(data, lines, shown)


def parse(data: Any, lines: dict[str, int], path: str) -> tuple[Facts | None, list[Problem]]:
    read = _Reader(path, lines)
    if not isinstance(data, dict):
        read.problem("status", "the file holds fields such as 'status:' and 'date:'")
        return None, read.problems
    read.known(data, FIELDS)
    status = str(data.get("status") or "").strip().upper()
    if status not in STATUSES:
        read.problem("status", f"'{data.get('status', '')}' is no status of the model; use "
                               f"one of: {', '.join(f'{k} ({v})' for k, v in STATUSES.items())}")
    date = read.day(data.get("date"), "date", required=True)
    revised = read.day(data.get("revised"), "revised") or date
    if date and revised and revised < date:
        read.problem("revised", "is before 'date'; the statement cannot be reviewed before "
                                "it was made")
    facts = Facts(
        status=status, date=date or dt.date.min, revised=revised or dt.date.min,
        contact=_contact(read, data.get("contact")),
        website=read.text(data.get("website"), "website"),
        planned_evaluation=read.day(data.get("planned_evaluation"), "planned_evaluation"),
        approval=read.text(data.get("approval"), "approval"),
        evaluations=_evaluations(read, data.get("evaluations")),
        limitations=_limitations(read, data.get("limitations")),
        measures=read.texts(data.get("measures"), "measures"),
        ombudsman=_ombudsman(read, data.get("ombudsman")))
    if status in STATUSES and date:
        _supported(read, facts)
    return (None if read.problems else facts), read.problems


def _contact(read: _Reader, value: Any) -> Contact:
    data = read.mapping(value, "contact")
    read.known(data, CONTACT_FIELDS, "contact.")
    email = data.get("email")
    if isinstance(email, str) and privacy.scan(email):
        # A person's address is personal data on every page; a role's mailbox is not.
        read.problem("contact.email", f"'{email.strip()}' is a personal e-mail address and "
                                      f"would be published; give a mailbox of the "
                                      f"organisation (redactie@, info@, contact@ ...)")
        email = ""
    email = read.text(email, "contact.email")
    if email and not _EMAIL.fullmatch(email):
        read.problem("contact.email", f"'{email}' is not an e-mail address")
    url = read.text(data.get("url"), "contact.url")
    if url and not _URL.fullmatch(url):
        read.problem("contact.url", "must be an https:// address or an address on this site "
                                    "starting with '/'")
    if not email and not url and not read.problems:
        read.problem("contact", "give an 'email:' (a mailbox of the organisation, such as "
                                "redactie@...) or a 'url:' of a contact page: the model "
                                "requires a way to report a problem")
    days = {}
    for name, default in (("receipt_days", 5), ("answer_weeks", 3)):
        number = data.get(name, default)
        if not isinstance(number, int) or isinstance(number, bool) or not 0 < number <= 60:
            read.problem(f"contact.{name}", "must be a whole number between 1 and 60")
            number = default
        days[name] = number
    return Contact(email, url, days["receipt_days"], days["answer_weeks"])


def _ombudsman(read: _Reader, value: Any) -> tuple[str, str]:
    if value is None:
        return NATIONAL_OMBUDSMAN
    data = read.mapping(value, "ombudsman")
    read.known(data, ("name", "url"), "ombudsman.")
    name = read.text(data.get("name"), "ombudsman.name", required=True)
    url = read.text(data.get("url"), "ombudsman.url", required=True)
    if url and not url.startswith("https://"):
        read.problem("ombudsman.url", "must be an https:// address")
    return name, url


def _evaluations(read: _Reader, value: Any) -> list[Evaluation]:
    found = []
    for i, item in enumerate(value if isinstance(value, list) else []):
        where = f"evaluations.{i}"
        data = read.mapping(item, where)
        read.known(data, EVALUATION_FIELDS, f"{where}.")
        report = read.text(data.get("report"), f"{where}.report")
        if report and not _URL.fullmatch(report):
            read.problem(f"{where}.report", "must be an https:// address of the report")
        found.append(Evaluation(
            date=read.day(data.get("date"), f"{where}.date", required=True) or dt.date.min,
            by=read.text(data.get("by"), f"{where}.by", required=True),
            method=read.text(data.get("method"), f"{where}.method", required=True),
            scope=read.text(data.get("scope"), f"{where}.scope"), report=report,
            failed=read.criteria(data.get("failed"), f"{where}.failed")))
    if value is not None and not isinstance(value, list):
        read.problem("evaluations", "must be a list of evaluations, each with date, by, "
                                    "method and report")
    return found


def _limitations(read: _Reader, value: Any) -> list[Limitation]:
    found = []
    for i, item in enumerate(value if isinstance(value, list) else []):
        where = f"limitations.{i}"
        data = read.mapping(item, where)
        read.known(data, LIMITATION_FIELDS, f"{where}.")
        checks = data.get("checks") or []
        if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
            read.problem(f"{where}.checks", "must be a list of check names, e.g. [axe, reflow]")
            checks = []
        found.append(Limitation(
            title=read.text(data.get("title"), f"{where}.title", required=True),
            description=read.text(data.get("description"), f"{where}.description",
                                  required=True),
            measure=read.text(data.get("measure"), f"{where}.measure"),
            planned=read.day(data.get("planned"), f"{where}.planned"),
            criteria=read.criteria(data.get("criteria"), f"{where}.criteria"),
            checks=tuple(checks)))
    if value is not None and not isinstance(value, list):
        read.problem("limitations", "must be a list of limitations, each with title and "
                                    "description")
    return found


def _supported(read: _Reader, facts: Facts) -> None:
    """The model's conditions for the claimed status."""
    oldest = _add_months(facts.date, -12 * EVALUATION_YEARS)
    valid = [e for e in facts.evaluations
             if e.method.upper().replace(" ", "") == "WCAG-EM" and oldest <= e.date <= facts.date]
    if facts.status in "AB" and not valid:
        read.problem("status", f"status {facts.status} ({facts.status_name}) needs an "
                               f"evaluation by an expert after WCAG-EM of at most "
                               f"{EVALUATION_YEARS} years old under 'evaluations:'; "
                               f"automated checks alone support at most status C (with an "
                               f"evaluation planned) or D")
    if facts.status == "A":
        failed = sorted({c for e in valid for c in e.failed})
        if failed or any(lim.criteria for lim in facts.limitations):
            read.problem("status", f"status A (voldoet volledig) claims that no criterion "
                                   f"fails, but {', '.join(failed) or 'a known limitation'} "
                                   f"does; choose status B and describe each deviation")
    if facts.status == "B":
        for i, lim in enumerate(facts.limitations):
            if not lim.measure or lim.planned is None:
                read.problem(f"limitations.{i}", "status B needs a 'measure:' and a "
                                                 "'planned:' date for every deviation")
    if facts.status == "C":
        planned = facts.planned_evaluation
        latest = _add_months(facts.date, PLANNED_MONTHS)
        if planned is None or not facts.date <= planned <= latest:
            read.problem("planned_evaluation" if planned else "status",
                         f"status C (eerste maatregelen genomen) needs a full evaluation "
                         f"(WCAG-EM) planned within {PLANNED_MONTHS} months of 'date': "
                         f"'planned_evaluation:' between {facts.date} and {latest}; "
                         f"without one the status is D")


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")
