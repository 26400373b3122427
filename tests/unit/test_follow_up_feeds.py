"""The changes the follow-up feeds are made of: ids that survive a change recorded later
in between, deadlines passed unmet dated the day after them, the state an entry shows,
and an organisation answering for the ones below it."""

from __future__ import annotations

import datetime as dt
import textwrap

from helpers import ROOT
from lessons import graph
from lessons.collect import collect, load_vocabularies
from lessons.outputs.followup_feeds import state_at

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")


def source(doc_id: str, date: str, extra: str = "") -> tuple[str, bytes]:
    return f"{doc_id}.md", textwrap.dedent(f"""\
        ---
        id: {doc_id}
        kind: memo
        title: Document {doc_id}
        date: '{date}'
        summary: Samenvatting van {doc_id}.
        themes: [governance]
        stakeholders: [rivm]
        organisation: VWS
        status: published
        """).encode() + textwrap.dedent(extra).encode() + b"---\n\nTekst.\n"


def lesson(extra: str = "") -> str:
    return "lessons:\n- id: les-1\n  statement: Les 1.\n" + textwrap.indent(
        textwrap.dedent(extra), "  ")


def events(*files: tuple[str, bytes], today: str = "2024-01-10"):
    collection = collect(list(files), VOCABS)
    assert collection.problems == []
    corpus = graph.build(collection.documents, None, VOCABS.lifecycle,
                         dt.date.fromisoformat(today))
    return corpus.follow_up.events()


def keys(found) -> list[tuple[str, str]]:
    return [(e.key, e.date.iso()) for e in found]


STEPS = """\
transitions:
- {state: aanvaard, date: 2023-02-01}
- {state: in-uitvoering, date: 2023-06-01}
"""


def test_a_change_recorded_later_in_between_leaves_the_other_ids_alone():
    before = keys(events(source("a", "2023-01-05", lesson(STEPS))))
    assert before == [("in-uitvoering-2023-06-01", "2023-06-01"),
                      ("aanvaard-2023-02-01", "2023-02-01")]
    later = source("b", "2023-04", "follows_up:\n- {lesson: les-1, state: in-uitvoering}\n")
    after = keys(events(source("a", "2023-01-05", lesson(STEPS)), later))
    assert after == [before[0], ("in-uitvoering-2023-04", "2023-04"), before[1]]


def test_a_response_deadline_passed_unmet_is_a_change_from_the_day_after():
    doc = source("a", "2023-01-05", lesson())  # responds by 2023-07-05
    assert keys(events(doc, today="2023-07-05")) == []
    assert keys(events(doc, today="2023-07-06")) == [
        ("reactietermijn-2023-07-05", "2023-07-06")]
    # Answered late, it stays in the feed; answered in time, it never was.
    late = "transitions:\n- {state: aanvaard, date: 2023-08-01}\n"
    assert ("reactietermijn-2023-07-05", "2023-07-06") in keys(events(
        source("a", "2023-01-05", lesson(late))))
    assert keys(events(source("a", "2023-01-05", lesson(STEPS)))) == [
        ("in-uitvoering-2023-06-01", "2023-06-01"), ("aanvaard-2023-02-01", "2023-02-01")]


def test_an_action_past_its_due_date_is_a_change_until_it_is_known_to_be_done_in_time():
    def action(state: str, since: str = "") -> str:
        dated = f", since: {since}" if since else ""
        return (STEPS + "actions:\n- {description: Doen, owner: rivm, state: " + state
                + ", due: 2023-09-30" + dated + "}\n")

    def late(state: str, since: str = "") -> bool:
        found = keys(events(source("a", "2023-01-05", lesson(action(state, since)))))
        return ("actie-te-laat-2023-09-30", "2023-10-01") in found

    assert late("lopend", "2023-06-01")  # still open
    assert late("afgerond", "2023-11-15")  # done, after the date
    assert not late("afgerond", "2023-09-15")  # done in time
    assert not late("afgerond")  # done, nobody said when


def test_an_entry_shows_the_state_the_lesson_was_in_then_not_now():
    later = source("b", "2023-03-01", "follows_up:\n- {lesson: les-1, did: Besproken.}\n")
    found = {e.key: e for e in events(source("a", "2023-01-05", lesson(STEPS)), later)}
    assert state_at(found["opgevolgd-b"]).key == "aanvaard"
    assert state_at(found["in-uitvoering-2023-06-01"]).key == "in-uitvoering"


def test_an_organisation_answers_for_the_ones_below_it():
    assert set(VOCABS.stakeholders.below("ministerie-vws")) == {
        "ministerie-vws", "vws-bestuursraad", "vws-dco"}
    assert VOCABS.stakeholders.below("rivm") == ["rivm"]
