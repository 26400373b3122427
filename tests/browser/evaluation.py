"""The accessibility evaluation record: what the browser checks measured, per check, page
type and width. The tests call `record()`; at the end of the session the record is written to
`artifacts/toegankelijkheid/evaluatie.json` (a CI artifact), from which the accessibility
statement's evaluation section is made."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from helpers import ROOT

RECORD = ROOT / "artifacts" / "toegankelijkheid" / "evaluatie.json"


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


def write(path: Path = RECORD) -> None:
    if not OUTCOMES:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"outcomes": [asdict(o) for o in OUTCOMES]}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")
