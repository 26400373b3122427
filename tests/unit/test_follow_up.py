"""Lesson follow-up read from front-matter: the state a lesson is in, overdue actions,
responses past their deadline, follow-up declared by a later document, and the
problems an editor gets for follow-up that cannot be right."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from helpers import ROOT
from lessons import graph
from lessons.collect import collect, load_vocabularies

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
TODAY = dt.date(2024, 1, 10)


def source(doc_id: str, date: str, extra: str = "", kind: str = "memo") -> bytes:
    return textwrap.dedent(f"""\
        ---
        id: {doc_id}
        kind: {kind}
        title: Document {doc_id}
        date: '{date}'
        summary: Samenvatting van {doc_id}.
        themes: [governance]
        stakeholders: [rivm, ggd]
        organisation: VWS
        status: published
        """).encode() + textwrap.dedent(extra).encode() + b"---\n\nTekst.\n"


LESSON = """\
    lessons:
    - id: les-{n}
      statement: Les {n}.
"""


def build(*files: tuple[str, bytes]):
    collection = collect(list(files), VOCABS)
    corpus = graph.build([d for d in collection.documents if d.path not in collection.invalid],
                         None, VOCABS.lifecycle, TODAY)
    return collection, corpus.follow_up


def problems(collection) -> list[str]:
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in collection.problems]


def test_a_lesson_without_follow_up_is_identified_on_its_documents_date():
    collection, follow = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1))))
    assert problems(collection) == []
    record = follow.records["les-1"]
    assert (record.state.key, record.since.iso()) == ("geidentificeerd", "2023-03-05")
    assert record.response_due == dt.date(2023, 9, 5)  # six months (lifecycle.yml)
    assert record.outstanding(TODAY) and not record.outstanding(dt.date(2023, 9, 5))


def test_every_lesson_state_can_be_reached_and_is_counted():
    states = [s.key for s in VOCABS.lifecycle.lesson]
    files = []
    for number, state in enumerate(states):
        steps = "" if number == 0 else textwrap.indent(textwrap.dedent(f"""\
            transitions:
            - state: {state}
              date: 2023-0{number + 1}-20
              reason: Omdat het zo besloten is.
              evidence: https://example.org/bewijs
            """), "      ")
        files.append((f"d{number}.md", source(f"d{number}", "2023-01-02",
                                              LESSON.format(n=number) + steps)))
    collection, follow = build(*files)
    assert problems(collection) == []
    assert [follow.records[f"les-{n}"].state.key for n in range(len(states))] == states
    assert [(state.key, count) for state, count in follow.counts()] == [
        (key, 1) for key in states]
    # A response ends "reactie uitstaand"; only the lesson still identified waits for one.
    assert [r.lesson.id for r in follow.outstanding()] == ["les-0"]


def test_an_action_past_its_due_date_is_overdue_until_it_is_closed():
    actions = """\
      actions:
      - {description: Open en te laat, owner: ggd, state: lopend, due: 2023-12-31}
      - {description: Op tijd, owner: rivm, state: gepland, due: 2024-01-10}
      - {description: Te laat maar af, owner: ggd, state: afgerond, due: 2023-06-01}
"""
    collection, follow = build(("a.md", source("a", "2023-03-05",
                                                LESSON.format(n=1) + actions)))
    assert problems(collection) == []
    overdue = [(r.lesson.id, a.action.description) for r, a in follow.overdue()]
    assert overdue == [("les-1", "Open en te laat")]
    assert [a.action.description for _, a in follow.owned({"ggd"})] == [
        "Open en te laat", "Te laat maar af"]


def test_a_later_document_follows_up_a_lesson_and_both_sides_know_it():
    later = """\
    follows_up:
    - lesson: les-1
      did: Het ministerie nam de les over in het crisisplan.
      state: aanvaard
"""
    collection, follow = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1))),
                               ("b.md", source("b", "2023-05", later)))
    assert problems(collection) == []
    record = follow.records["les-1"]
    assert [(s.state.key, s.date.iso(), s.document.id) for s in record.steps] == [
        ("geidentificeerd", "2023-03-05", "a"), ("aanvaard", "2023-05", "b")]
    assert record.steps[-1].did == "Het ministerie nam de les over in het crisisplan."
    assert [(d.id, f.lesson) for d, f in record.followed_up_by] == [("b", "les-1")]
    assert [(x.id, f.did) for x, f in follow.follows["b"]] == [
        ("les-1", "Het ministerie nam de les over in het crisisplan.")]
    assert not record.outstanding(TODAY)
    assert [e.title for e in follow.events()] == ["Aanvaard: Les 1."]


def test_an_unknown_lesson_in_follows_up_names_the_nearest_one():
    collection, _ = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1))),
                          ("b.md", source("b", "2023-06-01", "follows_up: [les-l]\n")),
                          ("c.md", source("c", "2022-01-01", "follows_up: [les-1]\n")))
    assert problems(collection) == [
        "b.md:11: follows_up.0.lesson: unknown lesson id 'les-l'; did you mean 'les-1'? "
        "the id is the last part of the lesson's address /lessen/<id>/",
        "c.md:11: follows_up.0.lesson: this document (2022-01-01) is dated before the "
        "lesson it follows up (2023-03-05, a.md)"]


def test_a_renamed_lesson_keeps_the_follow_up_that_names_its_old_id():
    renamed = LESSON.format(n=2) + "      redirect_from: [les-1]\n"
    collection, follow = build(("a.md", source("a", "2023-03-05", renamed)),
                               ("b.md", source("b", "2023-06-01", "follows_up: [les-1]\n")))
    assert problems(collection) == []
    assert [d.id for d, _ in follow.records["les-2"].followed_up_by] == ["b"]


def test_a_practice_example_asks_no_response():
    collection, follow = build(("a.md", source("a", "2020-01-01", LESSON.format(n=1),
                                               kind="practice-example")))
    assert problems(collection) == []
    assert follow.records["les-1"].response_due is None
    assert follow.outstanding() == []


def test_personal_data_in_follow_up_texts_is_refused_and_masked():
    extra = """\
    follows_up:
    - lesson: les-1
      did: Bel j.jansen@example.nl voor de stand van zaken.
"""
    actions = """\
      actions:
      - description: Overleg met 06-12345678 inplannen
        owner: ggd
        state: vervallen
        reason: Mevrouw was op 0612345678 niet bereikbaar.
"""
    collection, _ = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1) + actions)),
                          ("b.md", source("b", "2023-06-01", extra)))
    found = [p for p in problems(collection) if "personal data" in p]
    assert [p.split(": personal data")[0] for p in found] == [
        "a.md:15: lessons.0.actions.0.description", "a.md:18: lessons.0.actions.0.reason",
        "b.md:13: follows_up.0.did"]
    by_path = {d.path: d for d in collection.documents}
    assert "06-12345678" not in by_path["a.md"].lessons[0].actions[0].description
    assert "0612345678" not in by_path["a.md"].lessons[0].actions[0].reason
    assert "example.nl" not in by_path["b.md"].follows_up[0].did


def test_a_less_precise_date_may_follow_a_day_it_covers_and_the_order_holds():
    steps = """\
      transitions:
      - {state: aanvaard, date: 2023-06-15}
      - {state: in-uitvoering, date: 2023-06}
      - {state: uitgevoerd, date: '2023'}
"""
    collection, follow = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1) + steps)))
    assert problems(collection) == []
    assert [s.state.key for s in follow.records["les-1"].steps] == [
        "geidentificeerd", "aanvaard", "in-uitvoering", "uitgevoerd"]


def test_a_step_after_today_does_not_count_yet():
    steps = """\
      transitions:
      - {state: aanvaard, date: 2023-06-15}
      - {state: geborgd, date: 2031-05-01, evidence: https://example.org/bewijs}
"""
    _, follow = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1) + steps)))
    assert follow.records["les-1"].state.key == "aanvaard"
    assert all(e.date.year < 2031 for e in follow.events())


def test_the_document_a_transition_names_shows_it_follows_the_lesson_up():
    steps = """\
      transitions:
      - {state: aanvaard, date: 2023-06-01, document: b}
"""
    collection, follow = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1) + steps)),
                               ("b.md", source("b", "2023-06-01")))
    assert problems(collection) == []
    assert [(x.id, f.state) for x, f in follow.follows["b"]] == [("les-1", "aanvaard")]
    assert [d.id for d, _ in follow.records["les-1"].followed_up_by] == ["b"]
    assert [e.title for e in follow.events()] == ["Aanvaard: Les 1."]  # once, not twice


@pytest.mark.parametrize("date", ["9999", "9999-12", "9999-12-31"])
def test_the_last_years_the_calendar_knows_are_no_crash(date):
    steps = f"""\
      transitions:
      - {{state: aanvaard, date: '{date}'}}
"""
    collection, follow = build(("a.md", source("a", date, LESSON.format(n=1) + steps)))
    assert problems(collection) == []
    assert follow.records["les-1"].response_due == dt.date.max


def test_follows_up_problems_name_the_entry_they_are_in():
    later = """\
    follows_up:
    - {lesson: les-1, did: [een lijst]}
    - {lesson: les-1, did: Goed.}
    - {lesson: les-l, did: Tikfout.}
    - {lesson: les-1, state: niet-overgenomen}
"""
    collection, _ = build(("a.md", source("a", "2023-03-05", LESSON.format(n=1))),
                          ("b.md", source("b", "2023-06-01", later)))
    assert [p.split(": ", 2)[0] + ": " + p.split(": ", 2)[1] for p in problems(collection)] == [
        "b.md:12: follows_up.0.did", "b.md:15: follows_up.3.did", "b.md:15: follows_up.3.lesson",
        "b.md:14: follows_up.2.lesson"]
    assert "say in 'did' why" in problems(collection)[1]
    assert "already followed up above" in problems(collection)[2]
    assert "unknown lesson id 'les-l'; did you mean 'les-1'?" in problems(collection)[3]
