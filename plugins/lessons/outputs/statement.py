"""The accessibility statement (/toegankelijkheid/) after the Dutch model: the editors' facts
(model/statement.py) with the evaluation section made from the record of the automated
checks (content/vocabularies/toegankelijkheidsonderzoek.json, copied there from a test run
by `lessons toegankelijkheid`).

The published site never depends on a test run on the build machine: it reads the
committed record. A record that lists problems the statement does not own up to is
refused, as is a status the facts do not support.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import statement as model
from ..model.document import Problem
from ..model.source import SourceError, decode, load_yaml
from ..model.wcag import CRITERIA, label, order

RECORD_FILE = "toegankelijkheidsonderzoek.json"
# Where the browser tests write their record (tests/browser/evaluation.py), from the root.
DEFAULT_RECORD = "artifacts/toegankelijkheid/evaluatie.json"
PAGE = "toegankelijkheid.md"  # the page of the site's own that shows the statement
TEMPLATE = "lessons-statement.html"
TOOL_NAMES = {"axe-core": "axe-core", "vnu-jar": "W3C Nu HTML Checker (vnu-jar)",
              "chromium": "Chromium", "playwright": "Playwright"}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def listed(items: list) -> str:
    """'390, 1280 en 1366'."""
    words = [str(item) for item in items]
    return " en ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


@dataclass
class CheckResult:
    name: str
    title: str
    what: str
    tools: list[str]  # "axe-core 4.11.0"
    criteria: list[str]  # "1.4.10 Reflow (AA)"
    page_types: int = 0
    widths: str = ""  # "390, 1280 en 1366"
    runs: int = 0  # page type and width combinations checked
    problems: int = 0
    failing: list[str] = field(default_factory=list)  # "Les (390 px): 2 problemen"


@dataclass
class Record:
    date: dt.date
    checks: list[CheckResult]
    page_types: list[tuple[str, str]]  # (Dutch name, its widths: "320 en 1280")
    covered: list[str]  # labels of the criteria some check covers

    @property
    def failing(self) -> list[CheckResult]:
        return [c for c in self.checks if c.problems]


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def read_record(path: Path, shown: str) -> tuple[Record | None, list[Problem]]:
    """The record of the automated checks; None without problems when there is none."""
    try:
        text = decode(path.read_bytes())
    except FileNotFoundError:
        return None, []
    except SourceError as err:
        return None, [Problem(shown, err.line, err.field, err.message)]
    try:
        data = json.loads(text)
    except ValueError as err:
        return None, [Problem(shown, getattr(err, "lineno", 1), "json",
                              f"not valid JSON ({getattr(err, 'msg', err)}); copy the "
                              f"record again with `lessons toegankelijkheid`")]
    try:
        _, lines = load_yaml(text)  # JSON is YAML: the lines of its keys
    except SourceError:
        lines = {}
    return parse_record(data, lines, shown)


def parse_record(data: Any, lines: dict[str, int],
                 shown: str) -> tuple[Record | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(where: str, message: str) -> None:
        key = where
        while key and key not in lines:
            key = key.rpartition(".")[0]
        problems.append(Problem(shown, lines.get(key, 1), where, message))

    if not isinstance(data, dict):
        problem("outcomes", "the record is an object with 'date', 'tools', 'checks' and "
                            "'outcomes'; copy it again with `lessons toegankelijkheid`")
        return None, problems
    try:
        date = dt.date.fromisoformat(str(data.get("date")))
    except ValueError:
        problem("date", "must be the date of the test run, as 2026-11-24")
        date = dt.date.min
    tools = data.get("tools") if isinstance(data.get("tools"), dict) else {}
    checks = data.get("checks") if isinstance(data.get("checks"), dict) else {}
    outcomes = data.get("outcomes")
    if not isinstance(outcomes, list) or not outcomes:
        problem("outcomes", "lists no outcomes; run the browser tests and copy their record "
                            "with `lessons toegankelijkheid`")
        return None, problems
    names = data.get("page_types") if isinstance(data.get("page_types"), dict) else {}
    found: dict[tuple[str, str, int | None], set[str]] = {}
    for i, item in enumerate(outcomes):
        if (not isinstance(item, dict) or not isinstance(item.get("check"), str)
                or not isinstance(item.get("page_type"), str)
                or not isinstance(item.get("problems"), list)
                or not isinstance(item.get("width"), (int, type(None)))):
            problem(f"outcomes.{i}", "must have 'check', 'page_type', 'width' and "
                                     "'problems' (a list)")
            continue
        # The same check on the same page at the same width, recorded twice: one result.
        key = (item["check"], item["page_type"], item["width"])
        found.setdefault(key, set()).update(str(p) for p in item["problems"])
    results = []
    for name in sorted({check for check, _, _ in found}):
        about = checks.get(name)
        if not isinstance(about, dict) or not str(about.get("what") or "").strip():
            problem(f"checks.{name}" if name in checks else "checks",
                    f"check '{name}' is not described (what it tests, with which tools); "
                    f"describe it in CHECKS of tests/browser/evaluation.py and record again")
            continue
        used = [str(t) for t in about.get("tools") or []]
        missing = [t for t in used if not tools.get(t)]
        if missing:
            problem("tools", f"no version of {', '.join(missing)} (used by '{name}'); "
                             f"record again on a machine that has it")
        mine = {(page, width): bad for (check, page, width), bad in found.items()
                if check == name}
        criteria = sorted((c for c in about.get("criteria") or [] if c in CRITERIA),
                          key=order)
        result = CheckResult(
            name, str(about.get("title") or name).strip(), str(about["what"]).strip(),
            [f"{TOOL_NAMES.get(t, t)} {tools.get(t, '')}".strip() for t in used],
            [label(c) for c in criteria], page_types=len({p for p, _ in mine}),
            widths=listed(sorted({w for _, w in mine if w is not None})), runs=len(mine),
            problems=sum(len(bad) for bad in mine.values()))
        for (page, width), bad in sorted(mine.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
            if bad:
                where = f" ({width} px)" if width else ""
                result.failing.append(f"{names.get(page, page)}{where}: "
                                      f"{_count(len(bad), 'probleem', 'problemen')}")
        results.append(result)
    pages: dict[str, set[int]] = {}
    for _, page, width in found:
        pages.setdefault(str(names.get(page, page)), set()).update(
            [width] if width is not None else [])
    covered = sorted({c for r in checks.values() if isinstance(r, dict)
                      for c in r.get("criteria") or [] if c in CRITERIA}, key=order)
    if problems:
        return None, problems
    return Record(date, results, [(p, listed(sorted(w))) for p, w in sorted(pages.items())],
                  [label(c) for c in covered]), problems


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def claims(facts: model.Facts, record: Record | None, shown: str) -> list[Problem]:
    """Problems the recorded checks found that the statement does not own up to."""
    if record is None:
        return []
    problems = []
    for check in record.failing:
        found = (f"the automated check '{check.name}' of {record.date} found "
                 f"{_count(check.problems, 'problem', 'problems')} "
                 f"({'; '.join(check.failing[:3])})")
        if facts.status == "A":
            problems.append(Problem(shown, 1, "status", f"status A (voldoet volledig), but "
                                    f"{found}: fix them and record the checks again "
                                    f"(`lessons toegankelijkheid`), or choose another status "
                                    f"with a known limitation that names the check"))
        elif facts.status in "BC" and not any(check.name in lim.checks
                                              for lim in facts.limitations):
            problems.append(Problem(shown, 1, "limitations", f"{found}; status "
                                    f"{facts.status} claims every known problem is listed: add "
                                    f"a limitation with 'checks: [{check.name}]', its measure "
                                    f"and a date, or fix them and record the checks again"))
    return problems


def load(folder: Path, shown_folder: str = "") -> tuple[dict | None, list[Problem]]:
    """(facts, record) read from the vocabularies folder, checked against each other."""
    prefix = f"{shown_folder.rstrip('/')}/" if shown_folder else f"{folder}/"
    facts, problems = model.load(folder / model.FILE, prefix + model.FILE)
    record, found = read_record(folder / RECORD_FILE, prefix + RECORD_FILE)
    problems += found
    if facts is not None:
        problems += claims(facts, record, prefix + model.FILE)
    if problems or facts is None:
        return None, problems
    return {"facts": facts, "record": record}, []


def context(loaded: dict, organisation: str, site_name: str, site_url: str) -> dict:
    """What lessons-statement.html shows; every value is escaped by the template."""
    facts: model.Facts = loaded["facts"]
    record: Record | None = loaded["record"]
    return {
        "organisation": organisation,
        "website": facts.website or site_name,
        "address": site_url,
        "status": facts.status,
        "status_name": facts.status_name,
        "date": dutch_date(facts.date),
        "revised": dutch_date(facts.revised),
        "approval": facts.approval,
        "planned_evaluation": (dutch_date(facts.planned_evaluation)
                               if facts.planned_evaluation else ""),
        "evaluations": [{"date": dutch_date(e.date), "by": e.by, "method": e.method,
                         "scope": e.scope, "report": e.report,
                         "failed": [label(c) for c in e.failed]}
                        for e in facts.evaluations],
        "limitations": [{"title": lim.title, "description": lim.description,
                         "measure": lim.measure,
                         "planned": dutch_date(lim.planned) if lim.planned else "",
                         "criteria": [label(c) for c in lim.criteria]}
                        for lim in facts.limitations],
        "measures": facts.measures,
        "contact": facts.contact,
        "ombudsman": {"name": facts.ombudsman[0], "url": facts.ombudsman[1]},
        "record": record,
        "record_date": dutch_date(record.date) if record else "",
        "criteria_total": len(CRITERIA),
    }
