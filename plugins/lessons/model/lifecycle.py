"""The follow-up lifecycle as data (content/vocabularies/lifecycle.yml): the states a
lesson goes through, the states of the actions taken on it, and how long the
addressees of a lesson have to respond.

The states are read from the file in the order written: the first lesson state is where
every lesson starts. Nothing in the code names a state; it asks what a state means
(`response`, `closed`, `needs`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .source import SourceError, decode, load_yaml

_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
NEEDS = ("reason", "evidence")  # what a transition to a state may have to give
STATE_FIELDS = frozenset({"label", "description", "response", "closed", "needs", "color"})
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT_COLOR = "#535353"
RESPONSE_MONTHS = 6


@dataclass(frozen=True)
class State:
    key: str
    label: str
    description: str = ""
    order: int = 0  # position in the file: the lifecycle's direction
    response: bool = False  # reaching it answers the lesson
    closed: bool = False  # nothing more is expected
    needs: tuple[str, ...] = ()  # "reason", "evidence"
    color: str = DEFAULT_COLOR


@dataclass
class States:
    name: str  # "lesson_states" | "action_states"
    by_key: dict[str, State] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.by_key.values())

    def __len__(self) -> int:
        return len(self.by_key)

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    def __getitem__(self, key: str) -> State:
        return self.by_key[key]

    @property
    def first(self) -> State:
        return next(iter(self.by_key.values()))

    def resolve(self, value: Any) -> State | None:
        """A state by key, or by its label written out ('In uitvoering')."""
        if not isinstance(value, str):
            return None
        if value in self.by_key:
            return self.by_key[value]
        folded = value.strip().lower()
        return next((s for s in self if s.label.lower() == folded
                     or s.key == folded.replace(" ", "-")), None)

    def unknown(self, value: Any) -> str:
        """The message for a value that is no state: the nearest one, and all of them."""
        near = difflib.get_close_matches(str(value).lower(), list(self.by_key), n=1,
                                         cutoff=0.5)
        hint = f"did you mean '{near[0]}'? " if near else ""
        return (f"unknown state '{value}'; {hint}use one of: {', '.join(self.by_key)} "
                f"(content/vocabularies/lifecycle.yml)")


@dataclass
class Lifecycle:
    lesson: States
    action: States
    response_months: int = RESPONSE_MONTHS
    # Kinds whose lessons ask their addressees for a response; None: every kind.
    response_kinds: tuple[str, ...] | None = None

    def asks_response(self, kind: str) -> bool:
        return self.response_kinds is None or kind in self.response_kinds

    @classmethod
    def minimal(cls) -> Lifecycle:
        """A lifecycle of one state, for a site whose vocabularies could not be read (the
        build stops on that) and for tests that need none."""
        return cls(States("lesson_states", {"geidentificeerd": State(
                       "geidentificeerd", "Geïdentificeerd")}),
                   States("action_states", {"gepland": State("gepland", "Gepland")}))


def parse_lifecycle(text: str) -> Lifecycle:
    data, lines = load_yaml(text)
    if not isinstance(data, dict):
        raise SourceError("the lifecycle is a mapping with 'lesson_states:' and "
                          "'action_states:'", 1, "lifecycle")
    known = ("response_months", "response_kinds", "lesson_states", "action_states")
    for key in sorted(set(data) - set(known), key=str):
        raise SourceError(f"unknown field; known: {', '.join(known)}",
                          lines.get(str(key), 1), str(key))
    months = data.get("response_months", RESPONSE_MONTHS)
    if not isinstance(months, int) or isinstance(months, bool) or not 0 < months <= 120:
        raise SourceError("must be a number of months between 1 and 120",
                          lines.get("response_months", 1), "response_months")
    return Lifecycle(_states("lesson_states", data, lines),
                     _states("action_states", data, lines), months,
                     _kinds(data.get("response_kinds"), lines))


def _kinds(value: Any, lines: dict[str, int]) -> tuple[str, ...] | None:
    from .kinds import KINDS

    if value is None:
        return None
    line = lines.get("response_kinds", 1)
    if not isinstance(value, list):
        raise SourceError(f"must be a list of kinds: {', '.join(KINDS)}", line,
                          "response_kinds")
    for index, kind in enumerate(value):
        if not isinstance(kind, str) or kind not in KINDS:
            near = difflib.get_close_matches(str(kind), list(KINDS), n=1)
            hint = f"did you mean '{near[0]}'? " if near else ""
            raise SourceError(f"unknown kind '{kind}'; {hint}valid: {', '.join(KINDS)}",
                              lines.get(f"response_kinds.{index}", line),
                              f"response_kinds.{index}")
    return tuple(value)


def _states(name: str, data: dict, lines: dict[str, int]) -> States:
    entries = data.get(name)
    line = lines.get(name, 1)
    if not isinstance(entries, dict) or not entries:
        raise SourceError(f"'{name}:' must list at least one state, each with a 'label:'",
                          line, name)
    states = States(name)
    for order, (key, entry) in enumerate(entries.items()):
        where = f"{name}.{key}"
        here = lines.get(where, line)
        if not isinstance(key, str) or not _KEY.fullmatch(key) or len(key) > 80:
            raise SourceError(f"key {key!r} must be lowercase letters, digits and hyphens",
                              here, where)
        if key == "index":  # /opvolging/index/ would be the overview's own address
            raise SourceError("'index' cannot be a key: /opvolging/index/ is the overview's "
                              "address; choose another", here, where)
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str) \
                or not entry["label"].strip():
            raise SourceError(f"state '{key}' needs a 'label:' (its Dutch name)", here, where)
        for unknown in sorted(set(entry) - STATE_FIELDS, key=str):
            raise SourceError(f"unknown field; known: {', '.join(sorted(STATE_FIELDS))}",
                              lines.get(f"{where}.{unknown}", here), f"{where}.{unknown}")
        states.by_key[key] = State(
            key=key, label=_plain(entry["label"], f"{where}.label", lines, here),
            description=_plain(entry.get("description") or "", f"{where}.description",
                               lines, here),
            order=order,
            response=_flag(entry, "response", where, lines, here),
            closed=_flag(entry, "closed", where, lines, here),
            needs=_needs(entry.get("needs"), where, lines, here),
            color=_color(entry.get("color"), where, lines, here))
    labels: dict[str, str] = {}
    for state in states:
        # The search facet and the feeds name a state by its label: two alike would merge.
        other = labels.setdefault(state.label.lower(), state.key)
        if other != state.key:
            where = f"{name}.{state.key}.label"
            raise SourceError(f"'{state.label}' is already the label of '{other}'; give each "
                              f"state its own label", lines.get(where, line), where)
    return states


MAX_LABEL, MAX_DESCRIPTION = 80, 500


def _plain(value: Any, where: str, lines: dict[str, int], line: int) -> str:
    """A label or description: plain text, no markup, no personal data, as the texts of
    themes and stakeholders (vocab.plain_text), and not longer than a state needs."""
    from .vocab import plain_text  # vocab imports schema, which imports this module

    here = lines.get(where, line)
    value = plain_text(value, where, here) or ""
    limit = MAX_LABEL if where.endswith(".label") else MAX_DESCRIPTION
    if len(value) > limit:
        raise SourceError(f"is {len(value)} characters long; at most {limit} are allowed",
                          here, where)
    return value


def _flag(entry: dict, name: str, where: str, lines: dict[str, int], line: int) -> bool:
    value = entry.get(name, False)
    if not isinstance(value, bool):
        raise SourceError("must be yes or no", lines.get(f"{where}.{name}", line),
                          f"{where}.{name}")
    return value


def _needs(value: Any, where: str, lines: dict[str, int], line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or any(v not in NEEDS for v in values):
        raise SourceError(f"must be a list of: {', '.join(NEEDS)}",
                          lines.get(f"{where}.needs", line), f"{where}.needs")
    return tuple(values)


def _color(value: Any, where: str, lines: dict[str, int], line: int) -> str:
    if value is None:
        return DEFAULT_COLOR
    if not isinstance(value, str) or not _COLOR.fullmatch(value):
        raise SourceError("must be a colour such as '#154273' (in quotes)",
                          lines.get(f"{where}.color", line), f"{where}.color")
    return value.lower()


def load_lifecycle(path: Path) -> Lifecycle:
    try:
        text = decode(path.read_bytes())
    except FileNotFoundError:
        raise SourceError(f"vocabulary file {path} is missing", 1, "lifecycle") from None
    except SourceError as err:
        raise SourceError(err.message, err.line, "file") from None
    return parse_lifecycle(text)
