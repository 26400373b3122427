"""The content model: a document and its lessons, as read and normalized."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..normalize.dates import PartialDate
from .kinds import Kind


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Transition:
    """A lesson reached a state (content/vocabularies/lifecycle.yml) on a date, as
    recorded in a document of the site where one exists."""
    state: str
    date: PartialDate
    document: str = ""  # id of the document that records it
    reason: str = ""  # why, where the state needs one (not adopted)
    evidence: str = ""  # a document id, a lesson id or a web address
    position: int = field(default=0, compare=False)  # index in the source list (messages)


@dataclass(frozen=True)
class Action:
    """Something an organisation does about a lesson."""
    description: str
    owner: str  # a stakeholder key
    state: str  # an action state of the lifecycle
    due: dt.date | None = None
    since: PartialDate | None = None  # when it reached its state
    evidence: str = ""  # a document id, a lesson id or a web address
    reason: str = ""
    position: int = field(default=0, compare=False)  # index in the source list (messages)


@dataclass(frozen=True)
class FollowUp:
    """A document's declaration that it follows up a lesson (`follows_up:`), with what it
    did and, where it says so, the state the lesson reached by it."""
    lesson: str
    did: str = ""
    state: str = ""
    position: int = field(default=0, compare=False)  # index in the source list (messages)


@dataclass
class Lesson:
    id: str
    statement: str
    explanation: str = ""
    themes: list[str] = field(default_factory=list)
    stakeholders: list[str] = field(default_factory=list)
    document_id: str = ""
    redirect_from: list[str] = field(default_factory=list)
    transitions: list[Transition] = field(default_factory=list)  # in date order
    actions: list[Action] = field(default_factory=list)
    respond_by: dt.date | None = None  # overrides the lifecycle's response_months
    addressees: list[str] = field(default_factory=list)  # who must respond; else stakeholders


@dataclass
class Document:
    path: str  # source path relative to the docs dir, with forward slashes
    id: str
    kind: Kind
    title: str
    date: PartialDate  # a day, a month or a year: as precise as the document is dated
    summary: str
    themes: list[str]
    stakeholders: list[str]
    status: str
    body: str = ""
    authors: list[str] = field(default_factory=list)
    organisation: str = ""
    source: dict[str, Any] = field(default_factory=dict)
    lessons: list[Lesson] = field(default_factory=list)
    redirect_from: list[str] = field(default_factory=list)
    publish_after: dt.date | None = None  # an embargo ends on a day, never a month
    language: str = "nl"
    allow_personal_data: list[dict[str, str]] = field(default_factory=list)
    review_needed: list[str] = field(default_factory=list)
    follows_up: list[FollowUp] = field(default_factory=list)
    links_to: set[str] = field(default_factory=set)  # ids of documents this one links to
    lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1  # line of the body's first line in the source file

    @property
    def year(self) -> int:
        return self.date.year

    def line_of(self, key: str) -> int:
        """Line of a front-matter key ("lessons.0.actions.1.due"), else of the nearest key
        above it, else 1 (as Source.line_of)."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return 1

    def is_public(self, today: dt.date) -> bool:
        if self.status != "published":
            return False
        return self.publish_after is None or self.publish_after <= today
