"""The editorial meeting's follow-up agenda (`lessons opvolging`): per organisation, its
actions past their due date and the lessons still waiting for its response after their
deadline, on a reference day.

Read from the build's own follow-up (`corpus.follow_up`), so the command and the site
never disagree on what is overdue. An organisation is here as the owner of an action or
as an addressee of a lesson; one lesson addressed to three organisations is on the
agenda of each of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .followup import ActionStatus, FollowUps, Record
from .model.vocab import Vocabulary, fold
from .normalize.dates import format_nl
from .outputs import urls


@dataclass(frozen=True)
class LateAction:
    record: Record
    status: ActionStatus
    days_late: int  # days since its due date


@dataclass(frozen=True)
class LateResponse:
    record: Record
    days_late: int  # days since the response deadline


@dataclass
class Organisation:
    key: str
    label: str
    actions: list[LateAction] = field(default_factory=list)
    responses: list[LateResponse] = field(default_factory=list)


@dataclass
class Agenda:
    day: dt.date
    organisations: list[Organisation]  # by label, only those with something late
    invalid: int = 0  # documents left out because they have problems
    scope: str = ""  # the organisation asked for (--organisatie), its key; "": all
    scope_label: str = ""
    scope_below: bool = False  # organisations under it are included

    @property
    def actions(self) -> int:
        """Overdue actions, each counted once."""
        return len({(a.record.lesson.id, a.status.action.position)
                    for o in self.organisations for a in o.actions})

    @property
    def responses(self) -> int:
        """Lessons waiting for a response, each counted once (however many addressees)."""
        return len({r.record.lesson.id for o in self.organisations for r in o.responses})

    @property
    def empty(self) -> bool:
        return not self.organisations


def agenda(follow: FollowUps, vocab: Vocabulary, scope: str = "",
           invalid: int = 0) -> Agenda:
    """What is late on follow.today, per organisation: every one, or the one named by
    scope (a stakeholder key) and those under it."""
    day = follow.today
    only = set(vocab.below(scope)) if scope else None
    found: dict[str, Organisation] = {}

    def organisation(key: str) -> Organisation:
        return found.setdefault(key, Organisation(key, vocab.label(key)))

    for record, status in follow.overdue():
        if only is None or status.action.owner in only:
            organisation(status.action.owner).actions.append(
                LateAction(record, status, (day - status.action.due).days))
    for record in follow.outstanding():
        for key in record.addressees:
            if only is None or key in only:
                organisation(key).responses.append(
                    LateResponse(record, (day - record.response_due).days))
    for org in found.values():
        org.actions.sort(key=lambda a: (a.status.action.due, a.record.lesson.id,
                                        a.status.action.position))
        org.responses.sort(key=lambda r: (r.record.response_due, r.record.lesson.id))
    ordered = sorted(found.values(), key=lambda o: (fold(o.label), o.key))
    return Agenda(day, ordered, invalid, scope, vocab.label(scope) if scope else "",
                  bool(only and len(only) > 1))


def _days(number: int) -> str:
    return f"{number} dag" if number == 1 else f"{number} dagen"


def _plural(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def text(result: Agenda) -> str:
    """Plain Dutch text for the editorial meeting."""
    lines = [f"Opvolging, peildatum {format_nl(result.day)}", ""]
    if result.scope:
        under = " en de organisaties eronder" if result.scope_below else ""
        lines[1:1] = [f"Alleen {result.scope_label} ({result.scope}){under}."]
    for org in result.organisations:
        lines.append(f"{org.label} ({org.key})")
        if org.actions:
            lines.append("  Acties te laat:")
            for late in org.actions:
                action, lesson = late.status.action, late.record.lesson
                lines.append(f"  - {action.description} ({late.status.state.label.lower()}); "
                             f"termijn {format_nl(action.due)}, "
                             f"{_days(late.days_late)} te laat")
                lines.append(f"    les {lesson.id}: {lesson.statement}")
        if org.responses:
            lines.append("  Reactie uitstaand:")
            for late in org.responses:
                lesson = late.record.lesson
                lines.append(f"  - les {lesson.id}: {lesson.statement}")
                due = format_nl(late.record.response_due)
                lines.append(f"    reactie verwacht uiterlijk {due}, "
                             f"{_days(late.days_late)} over de termijn")
        lines.append("")
    if result.empty:
        lines += ["Niets te laat en geen reactie uitstaand.", ""]
    organisations = _plural(len(result.organisations), "organisatie", "organisaties")
    lines.append(f"Samenvatting: {_plural(result.actions, 'actie', 'acties')} te laat, "
                 f"{_plural(result.responses, 'les', 'lessen')} met reactie uitstaand, "
                 f"bij {organisations}.")
    if result.invalid:
        lines.append(f"{_plural(result.invalid, 'document', 'documenten')} met fouten niet "
                     f"meegeteld; `lessons check` noemt "
                     f"{'het' if result.invalid == 1 else 'ze'}.")
    return "\n".join(lines) + "\n"


def as_json(result: Agenda, site_url: str = "") -> dict:
    """The same, for a scheduled job: English keys and ISO dates, as api/lessons.json;
    addresses in full when the site's address is known, so a message can link them."""
    base = site_url.rstrip("/") + "/"

    def lesson(record: Record) -> dict:
        return {"lesson": record.lesson.id, "statement": record.lesson.statement,
                "url": base + urls.lesson(record.lesson.id), "document": record.document.id}

    return {
        "date": result.day.isoformat(),
        "organisation": result.scope or None,  # None: every organisation
        "counts": {"overdue_actions": result.actions,
                   "outstanding_responses": result.responses,
                   "organisations": len(result.organisations),
                   "invalid_documents_left_out": result.invalid},
        "organisations": [{
            "key": org.key, "label": org.label,
            "overdue_actions": [{
                **lesson(a.record), "action": a.status.action.description,
                "state": a.status.state.key, "due": a.status.action.due.isoformat(),
                "days_late": a.days_late} for a in org.actions],
            "outstanding_responses": [{
                **lesson(r.record), "respond_by": r.record.response_due.isoformat(),
                "days_late": r.days_late} for r in org.responses],
        } for org in result.organisations],
    }
