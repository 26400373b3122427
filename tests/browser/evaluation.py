"""The accessibility evaluation record: what the browser checks measured, per check, page
type and width. The tests call `record()`; at the end of the session the record is written to
`artifacts/toegankelijkheid/evaluatie.json` (a CI artifact), from which the accessibility
statement's evaluation section is made (`lessons toegankelijkheid` copies a record into
content/vocabularies/toegankelijkheidsonderzoek.json, which the build reads).

Besides the outcomes the record says when it was made, with which tool versions, what each
check tests and which WCAG 2.1 success criteria it covers: the statement names them."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path

import page_types

from helpers import ROOT

RECORD = ROOT / "artifacts" / "toegankelijkheid" / "evaluatie.json"
NODE_MODULES = ROOT / "node_modules"
# The axe-core rule sets the tests run: WCAG 2.0 and 2.1, levels A and AA.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class Check:
    title: str              # in Dutch, short: the statement's heading for the check
    tools: tuple[str, ...]  # keys of tool_versions()
    what: str               # in Dutch: what it tests
    criteria: tuple[str, ...] = ()  # WCAG success criteria, e.g. "1.4.10"; axe: computed


# Every check a test may record. A check not named here is written without a description,
# and `lessons toegankelijkheid` refuses such a record: describe a new check here first.
CHECKS = {
    "axe": Check("WCAG-toets met axe-core", ("axe-core", "chromium"),
                 "Automatische toets met axe-core op de eisen van WCAG 2.1 niveau A en AA "
                 "die een programma kan vaststellen (zoals tekstalternatieven, contrast, "
                 "namen van knoppen en links, koppen en de taal van de pagina)."),
    "axe-own-look": Check("WCAG-toets in een eigen huisstijl", ("axe-core", "chromium"),
                          "Dezelfde toets met axe-core op dezelfde soorten pagina's in de "
                          "huisstijl van een andere organisatie (een GGD met eigen kleuren "
                          "en lettertype op de basis van NL Design System)."),
    "axe-no-js": Check("WCAG-toets zonder JavaScript", ("axe-core", "chromium"),
                       "Dezelfde toets met axe-core, met JavaScript uitgeschakeld in de "
                       "browser."),
    "vnu": Check("Geldige HTML", ("vnu-jar",),
                 "Controle van de HTML-code met de W3C Nu HTML Checker: geldige, goed "
                 "gevormde code die hulpmiddelen zoals schermlezers betrouwbaar kunnen lezen.",
                 ("4.1.1",)),
    "reflow": Check("Herschikken bij 320 pixels (reflow)", ("chromium",),
                    "Geen horizontaal scrollen bij een schermbreedte van 320 CSS-pixels "
                    "(vergroot tot 400%).", ("1.4.10",)),
    "requests": Check("Geen mislukte verzoeken", ("chromium",),
                      "Geen mislukte verzoeken: de pagina laadt al haar onderdelen, en vraagt "
                      "niets op bij andere websites (elk verzoek aan een andere host telt als "
                      "probleem)."),
}

# Page types in Dutch, as the statement names them (the tests use English keys): the
# browser checks' list (page_types.py) and the Nu HTML Checker's runs over whole sites.
PAGE_TYPES = {
    **{t.name: t.label for t in page_types.PAGE_TYPES},
    "all-pages-project": "Alle pagina's van de projectsite (gebouwd uit de map content/)",
    "all-pages-corpus": "Alle pagina's van de testsite met elke documentsoort",
    "all-pages-follow-up": "Alle pagina's van de testsite met opvolging",
}


@dataclass
class Outcome:
    check: str            # e.g. "axe", "vnu", "reflow", "requests"
    page_type: str        # e.g. "lesson", "browse"
    width: int | None     # viewport width in CSS pixels, None when not in a browser
    problems: list[str] = field(default_factory=list)


OUTCOMES: list[Outcome] = []


def record(check: str, page_type: str, width: int | None, problems: list[str]) -> None:
    """Keep what one check found on one page type at one width (an empty list: passed)."""
    OUTCOMES.append(Outcome(check, page_type, width, list(problems)))


def _package_version(name: str) -> str | None:
    try:
        return json.loads((NODE_MODULES / name / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def _chromium_version() -> str | None:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        out = subprocess.run([chromium, "--version"], capture_output=True, text=True,
                             timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"\d+(?:\.\d+)+", out)
    return found.group(0) if found else None


def tool_versions() -> dict[str, str]:
    """The versions of the tools the checks ran with (the ones this machine has)."""
    found = {"axe-core": _package_version("axe-core"),
             "vnu-jar": _package_version("vnu-jar"),
             "chromium": _chromium_version()}
    try:
        found["playwright"] = importlib.metadata.version("playwright")
    except importlib.metadata.PackageNotFoundError:
        pass
    return {tool: version for tool, version in found.items() if version}


_CRITERION_TAG = re.compile(r"wcag(\d)(\d)(\d{1,2})")


def axe_criteria(tags: tuple[str, ...] = AXE_TAGS) -> tuple[str, ...]:
    """The WCAG success criteria axe-core's rules for these tags test, from axe-core's own
    rule list (its rules are tagged "wcag111" for 1.1.1, "wcag1410" for 1.4.10)."""
    script = ("const axe = require('axe-core');"
              f"console.log(JSON.stringify(axe.getRules({json.dumps(list(tags))})"
              ".map(r => r.tags)))")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True,
                         cwd=ROOT, timeout=120).stdout
    found = {".".join(m.groups()) for rule in json.loads(out) for tag in rule
             if (m := _CRITERION_TAG.fullmatch(tag))}
    return tuple(sorted(found, key=lambda c: tuple(int(p) for p in c.split("."))))


def document(outcomes: list[Outcome], now: dt.datetime | None = None) -> dict:
    """The record as written: when, with what, which checks (described) and the outcomes."""
    used = sorted({o.check for o in outcomes})
    checks = {}
    for name in used:
        check = CHECKS.get(name)
        if check is None:
            checks[name] = {"title": name, "tools": [], "what": "", "criteria": []}
            continue
        criteria = check.criteria
        if name.startswith("axe") and not criteria:
            criteria = axe_criteria()
        checks[name] = {"title": check.title, "tools": list(check.tools), "what": check.what,
                        "criteria": list(criteria)}
    now = now or dt.datetime.now(dt.UTC)
    return {
        "date": now.date().isoformat(),
        "time": now.isoformat(timespec="seconds"),
        "tools": tool_versions(),
        "checks": checks,
        "page_types": {o.page_type: PAGE_TYPES.get(o.page_type, o.page_type)
                       for o in outcomes},
        "outcomes": [asdict(o) for o in outcomes],
    }


def write(path: Path = RECORD) -> None:
    if not OUTCOMES:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document(OUTCOMES), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
