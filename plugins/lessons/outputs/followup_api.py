"""Follow-up in the JSON export: per lesson its state, transitions, actions and the
documents that followed it up; per document the lessons it follows up; and the
lifecycle itself (api/lifecycle.json), so another organisation can read the states
without this site's vocabulary files. Each part with its JSON Schema fragment.

State keys are permanent (they are in addresses and in this export); labels are Dutch
and may be reworded. Dates are ISO 8601 at the precision they are known ('2022',
'2022-01', '2022-01-14'); a deadline is always a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..followup import Evidence, FollowUps, Record
from ..model.document import Document
from ..model.lifecycle import Lifecycle, State
from ..model.vocab import Vocabulary
from . import urls


def _state(state: State) -> dict[str, str]:
    return {"key": state.key, "label": state.label}


def _evidence(evidence: Evidence | None, absolute) -> dict[str, str] | None:
    if evidence is None:
        return None
    return {"url": absolute(evidence.href) if evidence.internal else evidence.href,
            "label": evidence.label}


def _document(doc: Document | None, absolute) -> dict[str, str] | None:
    if doc is None:
        return None
    return {"id": doc.id, "title": doc.title, "url": absolute(urls.document(doc.id))}


def lesson_follow_up(record: Record, today: dt.date, owners: Vocabulary,
                     absolute) -> dict[str, Any]:
    """`follow_up` of a lesson in api/lessons.json; `absolute` makes a site path a full
    address. `response_outstanding` and `overdue` are as of `today` (the file's as_of)."""
    return {
        "state": _state(record.state),
        "since": record.since.iso(),
        "response_due": record.response_due.isoformat() if record.response_due else None,
        "response_outstanding": record.outstanding(today),
        "addressees": [{"key": key, "label": owners.label(key)} for key in record.addressees],
        "transitions": [{
            "state": _state(step.state), "date": step.date.iso(),
            "document": _document(step.document, absolute),
            "reason": step.reason or None,
            "evidence": _evidence(step.evidence, absolute),
            "did": step.did or None,
        } for step in record.steps],
        "actions": [{
            "description": status.action.description,
            "owner": {"key": status.action.owner, "label": owners.label(status.action.owner)},
            "state": _state(status.state),
            "due": status.action.due.isoformat() if status.action.due else None,
            "since": status.action.since.iso() if status.action.since else None,
            "overdue": status.overdue,
            "reason": status.action.reason or None,
            "evidence": _evidence(status.evidence, absolute),
        } for status in record.actions],
        "followed_up_by": [{
            "id": doc.id, "title": doc.title, "url": absolute(urls.document(doc.id)),
            "did": follow.did or None,
        } for doc, follow in record.followed_up_by],
    }


def document_follows_up(doc: Document, follow_up: FollowUps, absolute) -> list[dict[str, Any]]:
    """`follows_up` of a document in api/documents.json: the (public) lessons it follows
    up, what it did and the state it records (null: it records none)."""
    states = follow_up.lifecycle.lesson
    return [{
        "lesson": {"id": lesson.id, "url": absolute(urls.lesson(lesson.id))},
        "did": follow.did or None,
        "state": _state(states[follow.state]) if follow.state in states else None,
    } for lesson, follow in follow_up.follows.get(doc.id, [])]


def lifecycle(cycle: Lifecycle) -> dict[str, Any]:
    """The body of api/lifecycle.json."""
    def state(s: State) -> dict[str, Any]:
        return {"key": s.key, "label": s.label, "description": s.description,
                "response": s.response, "closed": s.closed, "needs": list(s.needs)}

    return {
        "response_months": cycle.response_months,
        "response_kinds": list(cycle.response_kinds) if cycle.response_kinds is not None
        else None,
        "lesson_states": [state(s) for s in cycle.lesson],
        "action_states": [state(s) for s in cycle.action],
    }


# JSON Schema fragments ---------------------------------------------------------------

_KEY = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
         "description": "ISO 8601 at the precision known: '2022', '2022-01' or '2022-01-14'."}
_DAY = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_TEXT_OR_NULL = {"type": ["string", "null"]}


def _strict(properties: dict[str, Any], description: str = "") -> dict[str, Any]:
    out = {"type": "object", "additionalProperties": False, "required": list(properties),
           "properties": properties}
    return {**({"description": description} if description else {}), **out}


STATE = _strict({"key": _KEY, "label": {"type": "string"}},
                "A state of api/lifecycle.json: its permanent key and its Dutch label.")
_TERM = _strict({"key": _KEY, "label": {"type": "string"}})
_EVIDENCE = {"oneOf": [{"type": "null"}, _strict(
    {"url": {"type": "string", "format": "uri"}, "label": {"type": "string"}},
    "Where the evidence is: a document or lesson of this site, or another address.")]}
_DOCUMENT = {"oneOf": [{"type": "null"}, _strict(
    {"id": _KEY, "title": {"type": "string"}, "url": {"type": "string", "format": "uri"}})]}

FOLLOW_UP = _strict({
    "state": STATE,
    "since": {**_DATE, "description": "The date the lesson reached its state."},
    "response_due": {"oneOf": [{"type": "null"}, _DAY], "description":
                     "The day by which its addressees respond (null: its kind asks none)."},
    "response_outstanding": {"type": "boolean", "description":
                             "The deadline passed (as of the file's as_of) without a state "
                             "that counts as a response."},
    "addressees": {"type": "array", "items": _TERM, "description":
                   "The organisations asked to respond to the lesson."},
    "transitions": {"type": "array", "minItems": 1, "description":
                    "Every state the lesson reached, oldest first; the first is the first "
                    "state of the lifecycle, recorded by the lesson's own document.",
                    "items": _strict({
                        "state": STATE, "date": _DATE, "document": _DOCUMENT,
                        "reason": {**_TEXT_OR_NULL, "description": "Why (a state that needs "
                                   "a reason, such as not adopted)."},
                        "evidence": _EVIDENCE,
                        "did": {**_TEXT_OR_NULL, "description": "What the recording "
                                "document says it did."}})},
    "actions": {"type": "array", "items": _strict({
        "description": {"type": "string"},
        "owner": {**_TERM, "description": "The organisation that owns the action."},
        "state": {**STATE, "description": "An action state of api/lifecycle.json."},
        "due": {"oneOf": [{"type": "null"}, _DAY]},
        "since": {"oneOf": [{"type": "null"}, _DATE],
                  "description": "When the action reached its state."},
        "overdue": {"type": "boolean", "description": "Its due day passed (as of the file's "
                    "as_of) while neither it nor the lesson is closed."},
        "reason": _TEXT_OR_NULL,
        "evidence": _EVIDENCE})},
    "followed_up_by": {"type": "array", "description": "Later documents that declare they "
                       "follow the lesson up, newest first.", "items": _strict({
                           "id": _KEY, "title": {"type": "string"},
                           "url": {"type": "string", "format": "uri"},
                           "did": _TEXT_OR_NULL})},
}, "What became of the lesson: its lifecycle (api/lifecycle.json) as recorded on this site.")

FOLLOWS_UP = {"type": "array", "description": "The lessons this document follows up.",
              "items": _strict({
                  "lesson": _strict({"id": _KEY, "url": {"type": "string", "format": "uri"}}),
                  "did": _TEXT_OR_NULL,
                  "state": {"oneOf": [{"type": "null"}, STATE], "description":
                            "The state this document records for the lesson (null: none)."}})}

_LIFECYCLE_STATE = _strict({
    "key": {**_KEY, "description": "Permanent: used in addresses and in this export."},
    "label": {"type": "string", "description": "The Dutch name shown on the site."},
    "description": {"type": "string", "description": "What the state means."},
    "response": {"type": "boolean", "description": "Reaching it answers the lesson: it "
                 "ends a response outstanding."},
    "closed": {"type": "boolean", "description": "Nothing more is expected: actions are "
               "no longer overdue."},
    "needs": {"type": "array", "items": {"enum": ["reason", "evidence"]}, "description":
              "What a transition to this state must give."},
})

LIFECYCLE = {
    "response_months": {"type": "integer", "minimum": 1, "description":
                        "Addressees respond within this many months of a lesson's "
                        "publication, unless the lesson sets its own day."},
    "response_kinds": {"oneOf": [{"type": "null"}, {"type": "array", "items": {
        "type": "string"}}], "description": "The document kinds whose lessons ask a "
        "response (null: every kind)."},
    "lesson_states": {"type": "array", "minItems": 1, "items": _LIFECYCLE_STATE,
                      "description": "In lifecycle order: every lesson starts in the first "
                      "and moves toward the last."},
    "action_states": {"type": "array", "minItems": 1, "items": _LIFECYCLE_STATE,
                      "description": "The states of an action taken on a lesson."},
}
