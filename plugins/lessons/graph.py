"""The corpus once read: terms -> documents, related documents, backlinks.

Built once every document is known (collect first, render later). Only public
documents enter the graph, so drafts never show up in listings or counts.
"""

from __future__ import annotations

import datetime as dt
import heapq
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from . import followup
from .model.document import Document, Lesson
from .model.lifecycle import Lifecycle

# Markdown inline links and reference definitions; enough to find links between documents.
# Link targets: inline ](target "title") and reference definitions [label]: target.
# Both run on editor input, so neither may scan the text again from every start (the
# one pattern that did took quadratic time on '](' repeated); _links() combines them.
_INLINE = re.compile(r"\]\(\s*+<?([^)\s>]++)>?[^)]*+\)")
_DEFINITION_START = re.compile(r"^[^\S\n]*+\[(?!\])", re.M)
_DEFINITION_REST = re.compile(r"\]:\s*<?(\S+?)>?\s*$", re.M)
_DOC_URL = re.compile(r"(?:^|/)documenten/([a-z0-9-]+)/?(?:index\.html)?$")


# related() keeps this many per document: what related_lessons() draws its lessons from.
RELATED_KEPT = 10


@dataclass(frozen=True)
class Weights:
    theme: int = 2
    stakeholder: int = 1


@dataclass
class Corpus:
    documents: list[Document]  # public, newest first
    by_id: dict[str, Document]
    themes: dict[str, list[Document]]
    stakeholders: dict[str, list[Document]]
    kinds: dict[str, list[Document]]
    years: dict[int, list[Document]]
    backlinks: dict[str, list[Document]]
    lessons: list[Lesson] = field(default_factory=list)  # by document, newest first
    lesson_themes: dict[str, list[Lesson]] = field(default_factory=dict)
    lesson_stakeholders: dict[str, list[Lesson]] = field(default_factory=dict)
    weights: Weights = field(default_factory=Weights)
    follow_up: followup.FollowUps = field(
        default_factory=lambda: followup.FollowUps(Lifecycle.minimal(), dt.date.today()))
    _rank: dict[str, int] = field(default_factory=dict, repr=False)
    _related_memo: dict[str, list[tuple[Document, int]]] = field(default_factory=dict,
                                                                 repr=False)
    # ("themes" | "stakeholders", key) -> ranks of its documents; bounded by the vocabularies.
    _postings: dict[tuple[str, str], list[int]] = field(default_factory=dict, repr=False)

    def related(self, doc: Document, limit: int = 5) -> list[tuple[Document, int]]:
        """Documents sharing themes and stakeholders, by weighted overlap, newest first on ties.

        The score is the sum of the weights of the shared terms. Counting over the
        per-term document lists keeps this near-linear in the corpus size. The first
        RELATED_KEPT of a document of the corpus are kept: its page asks for some, its
        lessons' pages for more.
        """
        mine = self.by_id.get(doc.id) is doc
        if mine and 0 <= limit <= RELATED_KEPT and doc.id in self._related_memo:
            return self._related_memo[doc.id][:limit]
        pool: list[int] = []  # a document's rank once for every weight point it gets
        for key in doc.themes:
            ranks = self._term_ranks("themes", key)
            for _ in range(self.weights.theme):
                pool += ranks
        for key in doc.stakeholders:
            ranks = self._term_ranks("stakeholders", key)
            for _ in range(self.weights.stakeholder):
                pool += ranks
        scores = Counter(pool)
        scores.pop(self._rank.get(doc.id, -1), None)
        # Highest score first, newest (lowest rank) first on ties: one integer per document
        # orders both ways, and only `limit` of them are taken from the heap.
        size = len(self.documents) or 1
        codes = [rank - score * size for rank, score in scores.items()]
        # (A negative limit drops that many from the end, as a slice does.)
        take = max(limit, RELATED_KEPT) if mine else limit
        best = heapq.nsmallest(take, codes) if limit >= 0 else sorted(codes)[:limit]
        found = [(self.documents[code % size], (code % size - code) // size) for code in best]
        if mine and limit >= 0:
            self._related_memo[doc.id] = found[:RELATED_KEPT]
        return found[:limit] if limit >= 0 else found

    def lesson_document(self, lesson: Lesson) -> Document:
        return self.by_id[lesson.document_id]

    def related_lessons(self, lesson: Lesson, limit: int = 5) -> list[Lesson]:
        """Lessons that share themes and stakeholders with this one (same weights as for
        documents), taken from its own document and the documents related to it.

        Scoring every lesson of the site against every other would be quadratic; the
        related documents are where the overlapping lessons are, and they are known.
        """
        doc = self.by_id[lesson.document_id]
        pool = [doc] + [other for other, _ in self._related_cached(doc)]
        themes, holders = set(lesson.themes), set(lesson.stakeholders)
        scored = []
        for position, source in enumerate(pool):
            for index, other in enumerate(source.lessons):
                if other.id == lesson.id:
                    continue
                score = (self.weights.theme * len(themes.intersection(other.themes))
                         + self.weights.stakeholder * len(holders.intersection(other.stakeholders)))
                if score:
                    # Other documents first on equal scores: the reader has seen this one.
                    scored.append((-score, position == 0, position, index, other))
        scored.sort(key=lambda item: item[:4])
        return [item[4] for item in scored[:limit]]

    def _related_cached(self, doc: Document) -> list[tuple[Document, int]]:
        return self.related(doc, RELATED_KEPT)

    def _term_ranks(self, vocabulary: str, key: str) -> list[int]:
        """The ranks of the documents with a term, computed once per term."""
        found = self._postings.get((vocabulary, key))
        if found is None:
            docs = (self.themes if vocabulary == "themes" else self.stakeholders).get(key, ())
            found = self._postings[(vocabulary, key)] = [self._rank[d.id] for d in docs]
        return found


def extract_links(doc: Document, path_to_id: dict[str, str]) -> set[str]:
    """Ids of the documents a document's body links to (by source path or public URL)."""
    found: set[str] = set()
    base = posixpath.dirname(doc.path)
    for link in _links(doc.body):
        target = link.split("#", 1)[0]
        if not target or "://" in target or target.startswith("mailto:"):
            continue
        by_url = _DOC_URL.search(target)
        if by_url:
            found.add(by_url.group(1))
            continue
        if target.endswith(".md"):
            resolved = posixpath.normpath(posixpath.join(base, target)).lstrip("/")
            if resolved in path_to_id:
                found.add(path_to_id[resolved])
    found.discard(doc.id)
    return found


def _links(text: str) -> list[str]:
    r"""Targets as \]\(\s*<?([^)\s>]+)>?[^)]*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$
    (multi-line) found them, in order, in linear time.

    An inline link needs a ')' after it, so its pattern runs only up to the last one. A
    definition's label runs to the next ']'; every line start before that ']' reaches
    the same ']' and the same rest, so one try stands for all of them.
    """
    found, position = [], 0
    inline_end = text.rfind(")") + 1
    inline = _INLINE.search(text, 0, inline_end)
    start = _DEFINITION_START.search(text)
    definition: re.Match[str] | None = None
    while inline or start:
        if inline and inline.start() < position:
            inline = _INLINE.search(text, position, inline_end)
            continue
        if start and start.start() < position:
            start = _DEFINITION_START.search(text, position)
            continue
        if start and (not inline or start.start() < inline.start()):
            close = text.find("]", start.end())
            if close == -1:
                start = None
                continue
            definition = _DEFINITION_REST.match(text, close)
            if not definition:  # every start up to this ']' fails the same way
                start = _DEFINITION_START.search(text, close)
                continue
            found.append(definition.group(1))
            position = definition.end()
        elif inline:
            found.append(inline.group(1))
            position = inline.end()
    return found


def build(documents: list[Document], weights: Weights | None = None,
          lifecycle: Lifecycle | None = None, today: dt.date | None = None) -> Corpus:
    """Index the public documents; `documents` must already be filtered to public ones.
    `today` dates the follow-up (overdue actions, responses past their deadline)."""
    docs = sorted(documents, key=lambda d: (d.date, d.title, d.id), reverse=True)
    by_id = {d.id: d for d in docs}
    path_to_id = {d.path: d.id for d in docs}
    themes: dict[str, list[Document]] = defaultdict(list)
    stakeholders: dict[str, list[Document]] = defaultdict(list)
    kinds: dict[str, list[Document]] = defaultdict(list)
    years: dict[int, list[Document]] = defaultdict(list)
    backlinks: dict[str, list[Document]] = defaultdict(list)
    lessons: list[Lesson] = []
    for doc in docs:
        for key in doc.themes:
            themes[key].append(doc)
        for key in doc.stakeholders:
            stakeholders[key].append(doc)
        kinds[doc.kind.key].append(doc)
        years[doc.year].append(doc)
        lessons.extend(doc.lessons)
        doc.links_to = extract_links(doc, path_to_id)
        for target in sorted(doc.links_to):
            if target in by_id:
                backlinks[target].append(doc)
    lesson_themes: dict[str, list[Lesson]] = defaultdict(list)
    lesson_stakeholders: dict[str, list[Lesson]] = defaultdict(list)
    for lesson in lessons:
        for key in lesson.themes:
            lesson_themes[key].append(lesson)
        for key in lesson.stakeholders:
            lesson_stakeholders[key].append(lesson)
    return Corpus(
        documents=docs, by_id=by_id, themes=dict(themes), stakeholders=dict(stakeholders),
        kinds=dict(kinds), years=dict(years), backlinks=dict(backlinks), lessons=lessons,
        lesson_themes=dict(lesson_themes), lesson_stakeholders=dict(lesson_stakeholders),
        weights=weights or Weights(), _rank={d.id: i for i, d in enumerate(docs)},
        follow_up=followup.build(docs, lifecycle or Lifecycle.minimal(),
                                 today or dt.date.today()),
    )
