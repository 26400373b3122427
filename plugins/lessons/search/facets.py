"""The search page's facets and their totals, counted as the index counts them.

The search page shows these before any index file is fetched: pagefind's filter
indexes grow with the corpus (126 KB at 5,000 documents), and a visitor who types a
query needs none of them for the first results. The values must be the texts the
templates mark with data-pagefind-filter (document.html, lesson.html), so that the
counts pagefind gives once a search has run replace these without a jump.

"opvolging" (the state of a lesson's follow-up, followup.py) is on lesson pages only: a
document has no state of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..followup import FollowUps
from ..model.document import Document
from ..model.schema import Vocabularies
from ..model.vocab import Vocabulary

# Filter name (as in the templates) and its Dutch label on the search page.
FACETS = [("soort", "Soort document"), ("thema", "Thema"),
          ("organisatie", "Organisatie"), ("jaar", "Jaar"), ("opvolging", "Opvolging")]
LESSON_KIND = "Les"  # the `soort` of a lesson's own page


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]


def _label(vocab: Vocabulary, key: str) -> str:
    term = vocab.terms.get(key)
    return term.label if term else key


def facet_totals(documents: Iterable[Document], vocabs: Vocabularies,
                 follow_up: FollowUps | None = None) -> list[Facet]:
    """Count every indexed page (a document, or a lesson of one) once per value, in the
    order the search page lists them: years newest first, the rest by count. A lesson
    counts under its state's label (lesson-content.html marks it so)."""
    counts: dict[str, Counter[str]] = {name: Counter() for name, _ in FACETS}

    def add(kind: str, year: int, themes: list[str], stakeholders: list[str]) -> None:
        counts["soort"][kind] += 1
        counts["jaar"][str(year)] += 1
        counts["thema"].update({_label(vocabs.themes, k) for k in themes})
        counts["organisatie"].update({_label(vocabs.stakeholders, k) for k in stakeholders})

    for doc in documents:
        add(doc.kind.label, doc.year, doc.themes, doc.stakeholders)
        for lesson in doc.lessons:
            add(LESSON_KIND, doc.year, lesson.themes, lesson.stakeholders)
            record = follow_up.records.get(lesson.id) if follow_up is not None else None
            if record is not None:
                counts["opvolging"][record.state.label] += 1
    facets = []
    for name, label in FACETS:
        if name == "jaar":
            ordered = sorted(counts[name].items(), reverse=True)
        else:
            ordered = sorted(counts[name].items(), key=lambda item: (-item[1], item[0].lower()))
        facets.append(Facet(name, label, [FacetValue(v, c) for v, c in ordered]))
    return facets
