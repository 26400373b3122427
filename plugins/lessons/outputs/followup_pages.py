"""The follow-up pages: an overview "Opvolging" at /opvolging/ (counts per state, theme
and year of identification, a chart with a table as its twin, overdue actions and
responses past their deadline) and one listing per lesson state at /opvolging/<state>/.

Every state of the lifecycle has its page, also an empty one, so an address once
published keeps answering while the lessons move on. The chart is drawn here, at build
time, as SVG text: no script, and the same figures as the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from ..followup import ActionStatus, FollowUps, Record
from ..graph import Corpus
from ..model.lifecycle import State
from ..model.schema import Vocabularies
from . import urls
from .pages import PageSpec

FOLLOW_UP = "opvolging"  # the top-level folder (inventory.RESERVED_FOLDERS)

# The chart: one bar per state, its label above it, so it stays legible on a phone.
CHART_W = 320
BAR_X = 2
BAR_MAX = 270
BAR_H = 18
ROW_H = 48
FONT = 15


def overview_url() -> str:
    return f"{FOLLOW_UP}/"


def state_url(key: str) -> str:
    return f"{FOLLOW_UP}/{key}/"


@dataclass(frozen=True)
class Row:
    """A line of a state table: a theme or a year, its lessons per state in lifecycle
    order, and their total."""
    label: str
    url: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


def newest_first(records: list[Record]) -> list[Record]:
    """By the date the lesson reached its state, newest first; ties keep corpus order."""
    order = {id(r): i for i, r in enumerate(records)}
    return sorted(records, key=lambda r: (r.since, -order[id(r)]), reverse=True)


def _rows(follow: FollowUps, groups: dict[Any, list[Record]], label, url) -> list[Row]:
    """Only groups with lessons: a theme without any would be a line of zeros."""
    return [Row(label(key), url(key), [count for _, count in follow.counts(records)])
            for key, records in groups.items() if records]


def overview_context(corpus: Corpus, vocabs: Vocabularies) -> dict[str, Any]:
    follow = corpus.follow_up
    records = list(follow.records.values())
    counts = follow.counts()
    by_theme: dict[str, list[Record]] = {}
    for term in sorted(vocabs.themes, key=lambda t: t.label.lower()):
        by_theme[term.key] = [r for r in records if term.key in r.lesson.themes]
    by_year: dict[int, list[Record]] = {}
    for record in sorted(records, key=lambda r: r.steps[0].date.year, reverse=True):
        by_year.setdefault(record.steps[0].date.year, []).append(record)
    return {
        "states": [{"state": state, "count": count, "url": state_url(state.key)}
                   for state, count in counts],
        "total": len(records),
        "chart": chart(counts),
        "theme_rows": _rows(follow, by_theme, vocabs.themes.label, urls.theme),
        "year_rows": _rows(follow, by_year, str, urls.year),
        "overdue": overdue_entries(follow.overdue()),
        "outstanding": sorted(follow.outstanding(),
                              key=lambda r: (r.response_due, r.lesson.id)),
        "today": follow.today,
    }


def overdue_entries(pairs: list[tuple[Record, ActionStatus]]
                    ) -> list[tuple[Record, ActionStatus]]:
    """Longest overdue first."""
    return sorted(pairs, key=lambda pair: (pair[1].action.due, pair[0].lesson.id))


def follow_up_pages(corpus: Corpus, vocabs: Vocabularies) -> list[PageSpec]:
    follow = corpus.follow_up
    pages = [PageSpec(
        f"{FOLLOW_UP}/index.md", "Opvolging", "lessons-followup.html",
        "Wat er met de lessen is gebeurd: per stand van opvolging, per thema en per jaar, "
        "met de acties die te laat zijn en de reacties die nog uitstaan.",
        overview_context(corpus, vocabs))]
    for state, records in follow.by_state().items():
        found = newest_first(records)
        meaning = follow.lifecycle.lesson[state]
        pages.append(PageSpec(
            f"{FOLLOW_UP}/{state}.md", f"Lessen: {meaning.label.lower()}",
            "lessons-followup-state.html", meaning.description,
            {"state": meaning, "records": found, "count": len(found),
             "states": [{"state": s, "count": c, "url": state_url(s.key)}
                        for s, c in follow.counts()]}))
    return pages


def chart(counts: list[tuple[State, int]]) -> Markup:
    """A bar per state in the state's colour (lifecycle.yml), each labelled with its name
    and number in text, so no colour has to be told apart. Text is escaped."""
    peak = max((count for _, count in counts), default=0) or 1
    height = ROW_H * len(counts) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {height}" '
             f'width="{CHART_W}" height="{height}" role="img" '
             f'aria-labelledby="opvolging-grafiek-titel" class="lessons-chart">',
             '<title id="opvolging-grafiek-titel">Aantal lessen per stand van opvolging '
             '(de tabel hieronder geeft dezelfde cijfers)</title>',
             f'<g font-family="sans-serif" font-size="{FONT}" fill="#1f2933">']
    for row, (state, count) in enumerate(counts):
        y = row * ROW_H
        width = round(BAR_MAX * count / peak)
        parts.append(f'<text x="{BAR_X}" y="{y + FONT + 2}">{escape(state.label)}</text>')
        parts.append(f'<rect x="{BAR_X}" y="{y + FONT + 8}" width="{max(width, 1)}" '
                     f'height="{BAR_H}" fill="{escape(state.color)}" '
                     f'data-state="{escape(state.key)}" data-count="{count}"/>')
        parts.append(f'<text x="{BAR_X + max(width, 1) + 6}" y="{y + FONT + 8 + BAR_H - 4}">'
                     f'{count}</text>')
    parts.append("</g></svg>")
    return Markup("\n".join(parts))
