"""Related documents: by the weights of the terms they share, the newest first on equal
scores, never the document itself, and only as many as asked for."""

from __future__ import annotations

from lessons import graph
from lessons.model.document import Document
from lessons.model.kinds import KINDS
from lessons.normalize.dates import PartialDate


def doc(doc_id: str, year: int, themes: list[str], holders: list[str]) -> Document:
    return Document(path=f"documenten/{doc_id}.md", id=doc_id, kind=KINDS["memo"],
                    title=doc_id.title(), date=PartialDate(year, 1, 1), summary="",
                    themes=themes, stakeholders=holders, status="published")


DOCS = [
    doc("start", 2020, ["regie", "data"], ["ggd"]),
    doc("both-old", 2015, ["regie"], ["ggd"]),  # 2 + 1
    doc("both-new", 2023, ["data"], ["ggd"]),  # 2 + 1, newer: before both-old
    doc("two-themes", 2010, ["regie", "data"], []),  # 2 + 2
    doc("theme-only", 2021, ["regie"], []),  # 2
    doc("holder-only", 2024, [], ["ggd"]),  # 1
    doc("nothing", 2022, ["anders"], ["rivm"]),  # 0: never related
]


def related(weights: graph.Weights, limit: int) -> list[tuple[str, int]]:
    corpus = graph.build(DOCS, weights)
    return [(d.id, score) for d, score in corpus.related(DOCS[0], limit)]


def test_the_highest_score_first_and_the_newest_first_among_equals():
    assert related(graph.Weights(), 10) == [
        ("two-themes", 4), ("both-new", 3), ("both-old", 3), ("theme-only", 2),
        ("holder-only", 1)]


def test_only_as_many_as_asked_for():
    assert related(graph.Weights(), 2) == [("two-themes", 4), ("both-new", 3)]
    assert related(graph.Weights(), 0) == []
    # A negative limit leaves out that many at the end, as it always has.
    assert related(graph.Weights(), -1) == related(graph.Weights(), 10)[:-1]


def test_a_term_without_weight_relates_nothing():
    assert related(graph.Weights(theme=1, stakeholder=0), 10) == [
        ("two-themes", 2), ("both-new", 1), ("theme-only", 1), ("both-old", 1)]
    assert related(graph.Weights(theme=-1, stakeholder=3), 10) == [
        ("holder-only", 3), ("both-new", 3), ("both-old", 3)]


def test_asking_again_or_for_more_gives_the_same_order():
    corpus = graph.build(DOCS, graph.Weights())
    first = [(d.id, s) for d, s in corpus.related(DOCS[0], 2)]
    every = [(d.id, s) for d, s in corpus.related(DOCS[0], 10)]
    assert first == every[:2] == [(d.id, s) for d, s in corpus.related(DOCS[0], 2)]
    assert every == related(graph.Weights(), 10)
    # A document outside the corpus that shares an id is answered for its own terms.
    stranger = doc("start", 2020, [], ["ggd"])
    assert [d.id for d, _ in corpus.related(stranger, 10)] == [
        "holder-only", "both-new", "both-old"]
