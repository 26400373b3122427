"""What became of each lesson, computed at build time from the public documents.

A lesson's record joins what its own document says (`transitions`, `actions`) with what
later documents declare (`follows_up` with a state), in date order, and adds what only
a date can tell: overdue actions (due date passed, not closed) and a response past its
deadline ("reactie uitstaand": no state that counts as a response by then).

Only public documents take part: a follow-up recorded in a draft shows once the draft
is published. "Today" is the build's (plan.today), so a preview of a later day and the
tests see the same state.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .model.document import Action, Document, FollowUp, Lesson
from .model.lifecycle import Lifecycle, State
from .normalize.dates import PartialDate, format_nl
from .outputs import urls


@dataclass(frozen=True)
class Evidence:
    href: str  # a site path ("documenten/x/") or a web address
    label: str  # the title of the document or lesson, or the address
    internal: bool


@dataclass(frozen=True)
class Step:
    """A state the lesson reached, on a date, recorded in a document (None: no public
    document records it)."""
    state: State
    date: PartialDate
    document: Document | None
    reason: str = ""
    evidence: Evidence | None = None
    did: str = ""  # what a following-up document says it did


@dataclass(frozen=True)
class ActionStatus:
    action: Action
    state: State
    overdue: bool
    evidence: Evidence | None


@dataclass
class Record:
    lesson: Lesson
    document: Document  # where the lesson was identified
    steps: list[Step]  # the first is its identification, by its document
    actions: list[ActionStatus]
    addressees: list[str]  # stakeholder keys asked to respond
    response_due: dt.date | None  # None: its kind asks no response
    followed_up_by: list[tuple[Document, FollowUp]]  # newest first

    @property
    def state(self) -> State:
        return self.steps[-1].state

    @property
    def since(self) -> PartialDate:
        return self.steps[-1].date

    @property
    def responded(self) -> bool:
        return any(step.state.response for step in self.steps)

    def outstanding(self, today: dt.date) -> bool:
        """Its response deadline has passed without a response."""
        return (self.response_due is not None and self.response_due < today
                and not self.responded)

    @property
    def overdue(self) -> list[ActionStatus]:
        return [a for a in self.actions if a.overdue]


@dataclass(frozen=True)
class Event:
    """One follow-up change, for the feeds: a lesson reached a state, a document followed
    it up, an action reached its state, a deadline passed unmet."""
    id: str  # stable: the lesson's address and a key made of what happened and its date
    date: PartialDate
    record: Record
    title: str
    text: str
    document: Document | None  # the document that records the change
    state: State | None = None  # the lesson state reached (None: not a change of state)
    action: ActionStatus | None = None  # the action it is about

    @property
    def key(self) -> str:
        """The id's fragment: unique among the lesson's changes."""
        return self.id.partition("#")[2]


@dataclass
class FollowUps:
    lifecycle: Lifecycle
    today: dt.date
    records: dict[str, Record] = field(default_factory=dict)  # by lesson id, corpus order
    # By document id: the lessons that document follows up, with what it did.
    follows: dict[str, list[tuple[Lesson, FollowUp]]] = field(default_factory=dict)

    def of(self, lesson: Lesson) -> Record:
        return self.records[lesson.id]

    def by_state(self) -> dict[str, list[Record]]:
        """Every lesson state, in lifecycle order, with its lessons (possibly none)."""
        out: dict[str, list[Record]] = {state.key: [] for state in self.lifecycle.lesson}
        for record in self.records.values():
            out[record.state.key].append(record)
        return out

    def counts(self, records: list[Record] | None = None) -> list[tuple[State, int]]:
        found = Counter(r.state.key for r in (self.records.values() if records is None
                                              else records))
        return [(state, found[state.key]) for state in self.lifecycle.lesson]

    def outstanding(self) -> list[Record]:
        return [r for r in self.records.values() if r.outstanding(self.today)]

    def overdue(self) -> list[tuple[Record, ActionStatus]]:
        return [(r, a) for r in self.records.values() for a in r.overdue]

    def owned(self, keys: set[str]) -> list[tuple[Record, ActionStatus]]:
        """The actions owned by these organisations (a term and the terms below it)."""
        return [(r, a) for r in self.records.values() for a in r.actions
                if a.action.owner in keys]

    def addressed(self, keys: set[str]) -> list[Record]:
        """The lessons these organisations are asked to respond to."""
        return [r for r in self.records.values() if keys.intersection(r.addressees)]

    def events(self) -> list[Event]:
        """Every dated follow-up change, newest first (ties in a stable order).

        An id is made of what happened and its date, not of a position in a list: a step
        recorded later between two others does not give the ones after it new ids (a
        feed reader would show them again as new)."""
        found: list[Event] = []
        for record in self.records.values():
            found += _record_events(record, self.today)
        found.sort(key=lambda e: (e.date, e.id), reverse=True)
        return found


def _record_events(record: Record, today: dt.date) -> list[Event]:
    lesson = record.lesson
    base = urls.lesson(lesson.id)
    taken: set[str] = set()

    def event(key: str, date: PartialDate, title: str, text: str, document: Document | None,
              **more) -> Event:
        unique, number = key, 1
        while unique in taken:  # two changes alike on one day
            number += 1
            unique = f"{key}-{number}"
        taken.add(unique)
        return Event(f"{base}#{unique}", date, record, title, text, document, **more)

    found = []
    for step in record.steps[1:]:
        found.append(event(f"{step.state.key}-{step.date.iso()}", step.date,
                           f"{step.state.label}: {lesson.statement}",
                           step.did or step.reason or step.state.description, step.document,
                           state=step.state))
    for document, follow in record.followed_up_by:
        if follow.state or any(s.document is document for s in record.steps[1:]):
            continue  # a step above already says it
        found.append(event(f"opgevolgd-{document.id}", document.date,
                           f"Opgevolgd in {document.title}: {lesson.statement}",
                           follow.did or document.summary, document))
    for status in record.actions:
        action = status.action
        if action.since is not None and action.since.start <= today:
            found.append(event(f"actie-{status.state.key}-{action.since.iso()}", action.since,
                               f"Actie {status.state.label.lower()}: {action.description}",
                               action.reason or lesson.statement, None, action=status))
        if action.due is not None and _late(action.due, today, status.overdue, (
                action.since if status.state.closed else None)):
            found.append(event(f"actie-te-laat-{action.due.isoformat()}",
                               PartialDate.of(action.due + dt.timedelta(days=1)),
                               f"Actie over tijd: {action.description}",
                               f"De actie had op {format_nl(action.due)} klaar moeten zijn.",
                               None, action=status))
    due = record.response_due
    if due is not None and _late(due, today, record.outstanding(today), next(
            (s.date for s in record.steps if s.state.response), None)):
        found.append(event(f"reactietermijn-{due.isoformat()}",
                           PartialDate.of(due + dt.timedelta(days=1)),
                           f"Reactietermijn verstreken: {lesson.statement}",
                           f"Op {format_nl(due)} was er nog geen reactie.", None))
    return found


def _late(due: dt.date, today: dt.date, open_past_due: bool,
          done: PartialDate | None) -> bool:
    """A deadline passed unmet (the event is dated the day after it): what was due is
    still open, or was done after it. Done without a date, or in the deadline's own
    month or year, nothing tells it was late: no event."""
    return due < today and (open_past_due or (done is not None and done.start > due))


def _evidence(value: str, documents: dict[str, Document],
              lessons: dict[str, Lesson]) -> Evidence | None:
    if not value:
        return None
    if "://" in value:
        return Evidence(value, value, False)
    if value in documents:
        return Evidence(urls.document(documents[value].id), documents[value].title, True)
    if value in lessons:
        return Evidence(urls.lesson(lessons[value].id), lessons[value].statement, True)
    return None  # not public (the check refused an unknown id)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _merged(own: list[Step], declared: list[Step]) -> list[Step]:
    """The lesson's own steps in the order written (validated as the order they
    happened, whatever the precision of their dates), with the steps later documents
    declare put in by date: before an own step they end before, else after it."""
    out, rest = [], sorted(declared, key=lambda step: step.date)
    for step in own:
        while rest and rest[0].date.end < step.date.start:
            out.append(rest.pop(0))
        out.append(step)
    return out + rest


def build(documents: list[Document], lifecycle: Lifecycle, today: dt.date) -> FollowUps:
    """The follow-up of every lesson of these (public) documents, newest first."""
    by_id = {name: d for d in documents for name in (d.id, *d.redirect_from)}
    lessons = {name: x for d in documents for x in d.lessons
               for name in (x.id, *x.redirect_from)}
    follows: dict[str, list[tuple[Document, FollowUp]]] = {}
    result = FollowUps(lifecycle, today)
    for doc in documents:
        for follow in doc.follows_up:
            lesson = lessons.get(follow.lesson)
            if lesson is None or lesson.document_id == doc.id:
                continue  # not public (yet), or refused by the check
            follows.setdefault(lesson.id, []).append((doc, follow))
            result.follows.setdefault(doc.id, []).append((lesson, follow))
    for doc in documents:
        for lesson in doc.lessons:
            for step in lesson.transitions:
                recorder = by_id.get(step.document)
                if recorder is None or recorder.id == doc.id or any(
                        f.lesson in (lesson.id, *lesson.redirect_from)
                        for f in recorder.follows_up):
                    continue
                # The page of the document that records a transition says so too
                # ("Volgt op"), as if it had declared it; the step is the lesson's own.
                follows.setdefault(lesson.id, []).append(
                    (recorder, FollowUp(lesson.id, step.reason, "")))
                result.follows.setdefault(recorder.id, []).append(
                    (lesson, FollowUp(lesson.id, step.reason, step.state)))
    first = lifecycle.lesson.first
    for doc in documents:
        for lesson in doc.lessons:
            own = [Step(lifecycle.lesson[t.state], t.date, by_id.get(t.document), t.reason,
                        _evidence(t.evidence, by_id, lessons))
                   for t in lesson.transitions if t.state in lifecycle.lesson]
            declared = [Step(lifecycle.lesson[f.state], d.date, d, did=f.did)
                        for d, f in follows.get(lesson.id, []) if f.state in lifecycle.lesson]
            # What happened by `today`: a step dated later (a typo, or a view of an
            # earlier day) does not count yet; the check reports a date after today.
            steps = [Step(first, doc.date, doc)] + [
                step for step in _merged(own, declared) if step.date.start <= today]
            actions = [ActionStatus(
                a, lifecycle.action[a.state],
                a.due is not None and a.due < today and not lifecycle.action[a.state].closed
                and not steps[-1].state.closed,
                _evidence(a.evidence, by_id, lessons))
                for a in lesson.actions if a.state in lifecycle.action]
            due = None
            if lifecycle.asks_response(doc.kind.key):
                due = lesson.respond_by or _add_months(doc.date.end, lifecycle.response_months)
            result.records[lesson.id] = Record(
                lesson, doc, steps, actions, list(lesson.addressees or lesson.stakeholders),
                due, sorted(follows.get(lesson.id, []), key=lambda p: p[0].date, reverse=True))
    return result
