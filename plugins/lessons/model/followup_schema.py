"""Front-matter of lesson follow-up: a lesson's `transitions`, `actions` and
`respond_by`, and a document's `follows_up`.

Readers as in schema.py: each returns the normalized value and (sub-key, message)
problems. What needs the date of the document (a transition or a due date before the
lesson) is checked by `check_dates` once the document is assembled; what needs the other
documents (an unknown lesson or document id) by `references.check` across the site.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..normalize.dates import PartialDate, parse_date, parse_partial_date
from .document import Action, Document, FollowUp, Transition
from .lifecycle import States

Issues = list[tuple[str, str]]
MAX_TEXT = 1500
# Evidence and records: a document or lesson id of the site, or a web address.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_URL = re.compile(r"https?://[^\s\"'<>]+\Z")
TRANSITION_FIELDS = ("state", "date", "document", "reason", "evidence")
ACTION_FIELDS = ("description", "owner", "state", "due", "since", "evidence", "reason")
FOLLOW_UP_FIELDS = ("lesson", "did", "state")


def _text(value: Any, reader, *, required: bool) -> tuple[str, Issues]:
    from .schema import _text as text_reader

    if value is None:
        return "", ([("", "is missing; write it as text")] if required else [])
    found, issues = text_reader(MAX_TEXT)(value, reader)
    return found or "", issues


def _unknown_fields(item: dict, known: tuple[str, ...]) -> Issues:
    return [(str(k), f"unknown field; known: {', '.join(known)}")
            for k in sorted(map(str, set(item) - set(known)))]


def _state(value: Any, states: States) -> tuple[str, Issues]:
    if value is None or value == "":
        return "", [("", f"is missing; use one of: {', '.join(states.by_key)}")]
    state = states.resolve(value)
    return (state.key, []) if state else ("", [("", states.unknown(value))])


def _target(value: Any, what: str) -> tuple[str, Issues]:
    """A document or lesson id of the site, or a web address."""
    if value is None or value == "":
        return "", []
    if isinstance(value, str) and (_ID.match(value) or _URL.match(value)) \
            and len(value) <= 500:
        return value, []
    return "", [("", f"'{str(value)[:80]}' is not {what}: write the id of a document or a "
                     f"lesson of this site, or a web address starting with https://")]


def _needs(state_key: str, states: States, reason: str, evidence: str) -> Issues:
    if not state_key:
        return []
    state, issues = states[state_key], []
    if "reason" in state.needs and not reason:
        issues.append(("reason", f"is required for the state '{state_key}' "
                                 f"({state.label}): say why"))
    if "evidence" in state.needs and not evidence:
        issues.append(("evidence", f"is required for the state '{state_key}' "
                                   f"({state.label}): name the document or lesson of this "
                                   f"site, or the web address, that shows the change"))
    return issues


def read_transitions(value: Any, reader) -> tuple[list[Transition], Issues]:
    states: States = reader.vocabs.lifecycle.lesson
    if not isinstance(value, list):
        return [], [("", "must be a list of transitions, each with 'state' and 'date'")]
    out: list[Transition] = []
    issues: Issues = []
    previous: PartialDate | None = None
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            issues.append((str(index), "write a transition as {state: aanvaard, date: "
                                       "2021-03-01}"))
            continue
        found: Issues = _unknown_fields(item, TRANSITION_FIELDS)
        state, problems = _state(item.get("state"), states)
        found += [("state" + (f".{k}" if k else ""), m) for k, m in problems]
        date = None
        if item.get("date") in (None, ""):
            found.append(("date", "is missing; write the date the lesson reached this "
                                  "state, e.g. 2021-03-01"))
        else:
            try:
                date = parse_partial_date(item["date"])
            except ValueError as err:
                found.append(("date", str(err)))
        # Before: it ends before the one above starts. "2022" after "2022-06-15" is in order
        # (a less precise date may cover the later day).
        if date is not None and previous is not None and date.end < previous.start:
            found.append(("date", f"{date.iso()} is before the transition above it "
                                  f"({previous.iso()}): list transitions in the order "
                                  f"they happened"))
        previous = date or previous
        document, problems = _target(item.get("document"), "a document id")
        if document and not _ID.match(document):
            problems = [("", "must be the id of the document of this site that records "
                             "the transition (a web address goes in 'evidence')")]
            document = ""
        found += [("document", m) for _, m in problems]
        reason, problems = _text(item.get("reason"), reader, required=False)
        found += [("reason", m) for _, m in problems]
        evidence, problems = _target(item.get("evidence"), "evidence")
        found += [("evidence", m) for _, m in problems]
        found += _needs(state, states, reason, evidence)
        issues += [(f"{index}.{k}", m) for k, m in found]
        if not found and date is not None:
            out.append(Transition(state, date, document, reason, evidence, index))
    return out, issues


def read_actions(value: Any, reader) -> tuple[list[Action], Issues]:
    states: States = reader.vocabs.lifecycle.action
    if not isinstance(value, list):
        return [], [("", "must be a list of actions, each with 'description', 'owner' "
                         "and 'state'")]
    out: list[Action] = []
    issues: Issues = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            issues.append((str(index), "write an action as {description: ..., owner: "
                                       "<organisation key>, state: gepland, due: "
                                       "2021-06-30}"))
            continue
        found: Issues = _unknown_fields(item, ACTION_FIELDS)
        description, problems = _text(item.get("description"), reader, required=True)
        found += [("description", m) for _, m in problems]
        owner, problems = _owner(item.get("owner"), reader)
        found += [("owner", m) for _, m in problems]
        state, problems = _state(item.get("state"), states)
        found += [("state", m) for _, m in problems]
        due = since = None
        if item.get("due") not in (None, ""):
            try:
                due = parse_date(item["due"])
            except ValueError as err:
                found.append(("due", str(err)))
        if item.get("since") not in (None, ""):
            try:
                since = parse_partial_date(item["since"])
            except ValueError as err:
                found.append(("since", str(err)))
        evidence, problems = _target(item.get("evidence"), "evidence")
        found += [("evidence", m) for _, m in problems]
        reason, problems = _text(item.get("reason"), reader, required=False)
        found += [("reason", m) for _, m in problems]
        found += _needs(state, states, reason, "-")  # evidence of an action is optional
        issues += [(f"{index}.{k}", m) for k, m in found]
        if not found:
            out.append(Action(description, owner, state, due, since, evidence, reason, index))
    return out, issues


def _owner(value: Any, reader) -> tuple[str, Issues]:
    vocab = reader.vocabs.stakeholders
    if value is None or value == "":
        return "", [("", "is missing; name the organisation that owns the action: a key "
                         "from content/vocabularies/stakeholders.yml")]
    key = vocab.resolve(value) if isinstance(value, str) else None
    if key:
        return key, []
    near = vocab.suggest(str(value))
    hint = (f"did you mean '{near}' ({vocab.label(near)})?" if near
            else "add it to content/vocabularies/stakeholders.yml first")
    return "", [("", f"unknown organisation '{value}'; {hint}")]


def read_respond_by(value: Any, _reader) -> tuple[dt.date | None, Issues]:
    try:
        return parse_date(value), []
    except ValueError as err:
        return None, [("", str(err))]


def read_follows_up(value: Any, reader) -> tuple[list[FollowUp], Issues]:
    """`follows_up:` a list of lesson ids, or of {lesson, did, state}."""
    states: States = reader.vocabs.lifecycle.lesson
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return [], [("", "must be a list of lessons this document follows up, e.g. "
                         "[{lesson: <lesson id>, did: 'what this document did about it'}]")]
    out: list[FollowUp] = []
    issues: Issues = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            item = {"lesson": item}
        if not isinstance(item, dict):
            issues.append((str(index), "write {lesson: <lesson id>, did: 'what this "
                                       "document did about it'}"))
            continue
        found: Issues = _unknown_fields(item, FOLLOW_UP_FIELDS)
        lesson = item.get("lesson")
        if not isinstance(lesson, str) or not _ID.match(lesson):
            found.append(("lesson", f"'{lesson}' is not a lesson id; write the id of the "
                                    f"lesson as on its page /lessen/<id>/"))
            lesson = ""
        did, problems = _text(item.get("did"), reader, required=False)
        found += [("did", m) for _, m in problems]
        state = ""
        if item.get("state") not in (None, ""):
            state, problems = _state(item["state"], states)
            found += [("state", m) for _, m in problems]
            if state and "reason" in states[state].needs and not did:
                # A following-up document gives its reason in what it did.
                found.append(("did", f"is required for the state '{state}' "
                                     f"({states[state].label}): say in 'did' why"))
        if lesson and any(f.lesson == lesson for f in out):
            found.append(("lesson", f"'{lesson}' is already followed up above; write what "
                                    f"this document did about it in one entry"))
        issues += [(f"{index}.{k}", m) for k, m in found]
        if not found:
            out.append(FollowUp(lesson, did, state, index))
    return out, issues


def check_dates(doc: Document, line_of) -> list[tuple[str, int, str]]:
    """(field, line, message) for follow-up dated before its lesson: a lesson is
    identified on the date of its document."""
    found = []
    for index, lesson in enumerate(doc.lessons):
        base = f"lessons.{index}"
        for transition in lesson.transitions:
            if transition.date.end < doc.date.start:
                key = f"{base}.transitions.{transition.position}.date"
                found.append((key, line_of(key),
                              f"{transition.date.iso()} is before the lesson was identified "
                              f"({doc.date.iso()}, the date of this document)"))
        for action in lesson.actions:
            if action.due is not None and action.due < doc.date.start:
                key = f"{base}.actions.{action.position}.due"
                found.append((key, line_of(key),
                              f"{action.due.isoformat()} is before the lesson was "
                              f"identified ({doc.date.iso()}); a due date comes after it"))
        if lesson.respond_by is not None and lesson.respond_by < doc.date.start:
            key = f"{base}.respond_by"
            found.append((key, line_of(key), f"{lesson.respond_by.isoformat()} is before "
                                             f"the lesson was identified ({doc.date.iso()})"))
    return found


def check_references(documents: list[Document]) -> list[tuple[Document, str, str]]:
    """(document, field, message) for follow-up that names what the site does not have:
    a lesson in `follows_up`, the document recording a transition, an evidence id. Old
    ids (redirect_from) still count: a renamed lesson keeps its follow-up."""
    import difflib

    lessons: dict[str, Document] = {}
    for doc in documents:
        for lesson in doc.lessons:
            for name in (lesson.id, *lesson.redirect_from):
                lessons.setdefault(name, doc)
    docs = {name: doc for doc in documents for name in (doc.id, *doc.redirect_from)}

    def nearest(value: str, names) -> str:
        near = difflib.get_close_matches(value, list(names), n=1, cutoff=0.6)
        return f"did you mean '{near[0]}'? " if near else ""

    def target(value: str) -> str | None:
        if not value or "://" in value or value in docs or value in lessons:
            return None
        return (f"'{value}' is neither a document nor a lesson of this site; "
                f"{nearest(value, [*docs, *lessons])}write its id, or a web address")

    found = []
    for doc in documents:
        for follow in doc.follows_up:
            key = f"follows_up.{follow.position}.lesson"
            owner = lessons.get(follow.lesson)
            if owner is None:
                hint = nearest(follow.lesson, lessons) or (
                    f"'{follow.lesson}' is a document; name one of its lessons. "
                    if follow.lesson in docs else "")
                found.append((doc, key, f"unknown lesson id '{follow.lesson}'; {hint}"
                                        f"the id is the last part of the lesson's address "
                                        f"/lessen/<id>/"))
            elif owner is doc:
                found.append((doc, key, "a document cannot follow up its own lesson; give "
                                        "the lesson 'transitions' and 'actions' instead"))
            elif doc.date.end < owner.date.start:
                found.append((doc, key, f"this document ({doc.date.iso()}) is dated before "
                                        f"the lesson it follows up ({owner.date.iso()}, "
                                        f"{owner.path})"))
        for index, lesson in enumerate(doc.lessons):
            for step in lesson.transitions:
                base = f"lessons.{index}.transitions.{step.position}"
                if step.document and step.document not in docs:
                    found.append((doc, f"{base}.document",
                                  f"unknown document id '{step.document}'; "
                                  f"{nearest(step.document, docs)}write the id of the "
                                  f"document that records the transition"))
                if message := target(step.evidence):
                    found.append((doc, f"{base}.evidence", message))
            for action in lesson.actions:
                if message := target(action.evidence):
                    found.append((doc, f"lessons.{index}.actions.{action.position}.evidence",
                                  message))
    return found


def check_future(doc: Document, today: dt.date) -> list[tuple[str, int, str]]:
    """(field, line, message) for follow-up dated after today: a transition or an
    action's state is recorded once it happened (a later date is mostly a typo, and
    would top every feed for years). Until then it does not count."""
    found = []

    def later(key: str, date: PartialDate, what: str) -> None:
        if date.start > today:
            found.append((key, doc.line_of(key), f"{date.iso()} is after today "
                                                f"({today.isoformat()}): {what}"))

    for index, lesson in enumerate(doc.lessons):
        for step in lesson.transitions:
            later(f"lessons.{index}.transitions.{step.position}.date", step.date,
                  "record a transition once it happened; a planned step is an action "
                  "with a due date")
        for action in lesson.actions:
            if action.since is not None:
                later(f"lessons.{index}.actions.{action.position}.since", action.since,
                      "'since' is the date the action reached its state")
    return found
