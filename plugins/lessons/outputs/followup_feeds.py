"""Feeds of follow-up changes (Atom and JSON Feed 1.1): for the site, per theme and per
organisation, from `corpus.follow_up.events()`.

An entry is one change (a lesson reached a state, a document followed it up, an action
reached its state, a deadline passed unmet), dated by that change, never by the build:
two builds of the same content on the same day write the same bytes. It links to the
follow-up section of the lesson's page and, where one records the change, to the
document. Every theme and every organisation has its feeds, empty or not, like the
theme feeds of documents and lessons: a subscription must survive a quiet period.
"""

from __future__ import annotations

from ..followup import Event, Record
from ..graph import Corpus
from ..model.lifecycle import State
from ..model.schema import Vocabularies
from . import urls
from .exports import ATOM, FEED_SIZE, Site, atom_feed, atom_sub, json_feed, xml_document

NAME = "opvolging"  # feeds/opvolging.xml, feeds/themas/<key>/opvolging.xml, ...
SECTION = "opvolging"  # the id of the follow-up section of a lesson's page
LIFECYCLE = "api/lifecycle.json"  # the states an entry's category names


def feeds(corpus: Corpus, vocabs: Vocabularies, site: Site) -> dict[str, str]:
    """Site path to text: the site's follow-up feeds, and two per theme and organisation."""
    events = corpus.follow_up.events()
    out: dict[str, str] = {}

    def both(base: str, title: str, chosen: list[Event]) -> None:
        chosen = chosen[:FEED_SIZE]
        out[f"{base}.xml"] = _atom(site, vocabs, title, f"{base}.xml", chosen)
        out[f"{base}.json"] = _json_feed(site, vocabs, title, f"{base}.json", chosen)

    both(f"feeds/{NAME}", "Opvolging van lessen", events)
    for term in vocabs.themes:
        both(f"feeds/{urls.THEMES}/{term.key}/{NAME}", f"Opvolging van lessen over {term.label}",
             [e for e in events if term.key in e.record.lesson.themes])
    concerned = {lesson_id: organisations(record)
                 for lesson_id, record in corpus.follow_up.records.items()}
    for term in vocabs.stakeholders:
        keys = set(vocabs.stakeholders.below(term.key))
        both(f"feeds/{urls.STAKEHOLDERS}/{term.key}/{NAME}",
             f"Opvolging van lessen voor {term.label}",
             [e for e in events if not keys.isdisjoint(concerned[e.record.lesson.id])])
    return out


def organisations(record: Record) -> set[str]:
    """The organisations a lesson's follow-up concerns: its addressees and the owners of
    its actions."""
    return {*record.addressees, *(status.action.owner for status in record.actions)}


def state_at(event: Event) -> State:
    """The state the lesson was in once this change happened: the state it reached, or
    the last one reached by then (not today's, so an entry never changes afterwards)."""
    if event.state is not None:
        return event.state
    reached = [step.state for step in event.record.steps if step.date <= event.date]
    return reached[-1] if reached else event.record.steps[0].state


def _timestamp(event: Event) -> str:
    """A change dated by its month or year is dated by the period's first day, as it is
    sorted (Atom and JSON Feed need a full timestamp)."""
    return f"{event.date.start.isoformat()}T00:00:00Z"


def _link(site: Site, event: Event) -> str:
    return site.absolute(urls.lesson(event.record.lesson.id)) + "#" + SECTION


def _summary(event: Event, vocabs: Vocabularies) -> str:
    if event.action is None:
        return event.text
    owner = vocabs.stakeholders.label(event.action.action.owner)
    return f"{event.text} Eigenaar: {owner}."


def _themes(event: Event, vocabs: Vocabularies) -> list[tuple[str, str]]:
    return [(key, vocabs.themes.label(key)) for key in event.record.lesson.themes]


def _atom(site: Site, vocabs: Vocabularies, title: str, self_path: str,
          events: list[Event]) -> str:
    feed = atom_feed(site, title, self_path, _timestamp(events[0]) if events else None)
    sub = atom_sub
    for event in events:
        entry = sub(feed, "entry")
        sub(entry, "id", site.absolute(event.id))
        sub(entry, "title", event.title)
        sub(entry, "link", rel="alternate", href=_link(site, event), type="text/html")
        if event.document is not None:
            sub(entry, "link", rel="related", type="text/html", title=event.document.title,
                href=site.absolute(urls.document(event.document.id)))
        sub(entry, "published", _timestamp(event))
        sub(entry, "updated", _timestamp(event))
        if summary := _summary(event, vocabs):
            sub(entry, "summary", summary)
        state = state_at(event)
        sub(entry, "category", term=state.key, label=state.label,
            scheme=site.absolute(LIFECYCLE))
        for key, label in _themes(event, vocabs):
            sub(entry, "category", term=key, label=label,
                scheme=site.absolute(urls.THEMES + "/"))
    return xml_document(feed, ATOM)


def _json_feed(site: Site, vocabs: Vocabularies, title: str, self_path: str,
               events: list[Event]) -> str:
    items = []
    for event in events:
        state = state_at(event)
        summary = _summary(event, vocabs)
        item = {
            "id": site.absolute(event.id), "url": _link(site, event), "title": event.title,
            "content_text": summary or event.title,
            **({"summary": summary} if summary else {}),
            **({"external_url": site.absolute(urls.document(event.document.id))}
               if event.document is not None else {}),
            "date_published": _timestamp(event),
            "tags": [state.label, *(label for _, label in _themes(event, vocabs))],
            "language": "nl",
            # JSON Feed's extension: a key starting with "_" (jsonfeed.org/version/1.1).
            "_lesson": {"id": event.record.lesson.id,
                        "url": site.absolute(urls.lesson(event.record.lesson.id)),
                        "state": {"key": state.key, "label": state.label},
                        "date": event.date.iso()},
        }
        items.append(item)
    return json_feed(site, title, self_path, items)
