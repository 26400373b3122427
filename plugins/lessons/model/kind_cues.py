"""Which kind a document is, from Dutch government document cues kept as data
(kind_cues.yml beside this module): each cue found adds its weight, the highest score wins."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .kinds import KINDS

CUES_FILE = Path(__file__).with_name("kind_cues.yml")
REGIONS = ("head", "first-page", "anywhere")
HEAD_LINES = 15
FIRST_PAGE = 3000


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]
    weight: int
    where: str


@cache
def cues(path: Path = CUES_FILE) -> tuple[Cue, ...]:
    """The cue table, checked once: a wrong kind or region names the entry to fix."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["cues"]
    out = []
    for n, row in enumerate(rows, 1):
        if row["kind"] not in KINDS or row["where"] not in REGIONS:
            raise ValueError(f"{path.name}: cue {n}: kind must be one of {', '.join(KINDS)} "
                             f"and where one of {', '.join(REGIONS)}")
        flags = re.M if row.get("case") else re.I | re.M
        out.append(Cue(row["kind"], re.compile(row["pattern"], flags), int(row["weight"]),
                       row["where"]))
    return tuple(out)


def head(text: str) -> str:
    return "\n".join([x for x in text.split("\n") if x.strip()][:HEAD_LINES])


def scores(text: str) -> Counter[str]:
    """Each cue counts once; found in the head it counts double (a document names its own
    kind on its cover), elsewhere once if it is in its region."""
    regions = {"head": head(text), "first-page": text[:FIRST_PAGE], "anywhere": text}
    total: Counter[str] = Counter()
    for cue in cues():
        if cue.pattern.search(regions["head"]):
            total[cue.kind] += cue.weight * 2
        elif cue.where != "head" and cue.pattern.search(regions[cue.where]):
            total[cue.kind] += cue.weight
    return total


def guess_kind(text: str) -> str | None:
    """The kind with the highest score; ties go to the kind listed first in KINDS."""
    total = scores(text)
    if not total:
        return None
    order = list(KINDS)
    return max(total, key=lambda k: (total[k], -order.index(k)))
