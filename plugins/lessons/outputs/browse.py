"""Browsing without JavaScript: kind × theme (× year on each intersection page), and the
landscape overview: which organisation is involved in which theme.

Only non-empty intersections get a page, so the number of pages stays bounded by the
vocabularies, not by the number of documents.
"""

from __future__ import annotations

from typing import Any

from ..graph import Corpus
from ..model.kinds import KINDS
from ..model.schema import Vocabularies
from . import urls
from .pages import PageSpec

CELL = 28  # px, heat-map cell
LABEL_W = 300
HEAD_H = 190


def browse_pages(corpus: Corpus, vocabs: Vocabularies) -> list[PageSpec]:
    kinds = [k for k in KINDS.values() if corpus.kinds.get(k.key)]
    rows, pages = [], []
    for term in sorted(vocabs.themes, key=lambda t: t.label.lower()):
        docs = corpus.themes.get(term.key, [])
        if not docs:
            continue
        cells = []
        for kind in kinds:
            members = [d for d in docs if d.kind.key == kind.key]
            url = f"{urls.BROWSE}/{term.key}/{kind.slug}/" if members else ""
            cells.append({"kind": kind, "count": len(members), "url": url})
            if members:
                pages.append(PageSpec(
                    f"{urls.BROWSE}/{term.key}/{kind.slug}.md",
                    f"{kind.plural} over {term.label}", "lessons-listing.html",
                    f"{kind.plural} met het thema {term.label}, per jaar, nieuwste eerst.",
                    {"documents": members, "count": len(members), "by_year": True}))
        rows.append({"term": term, "cells": cells, "total": len(docs)})
    years = [{"year": y, "count": len(corpus.years[y])} for y in sorted(corpus.years,
                                                                         reverse=True)]
    pages.insert(0, PageSpec(
        f"{urls.BROWSE}/index.md", "Bladeren", "lessons-browse.html",
        "Alle documenten naar thema en soort; elke cel opent de documenten, per jaar.",
        {"kinds": kinds, "rows": rows, "years": years}))
    return pages


def landscape_pages(corpus: Corpus, vocabs: Vocabularies) -> list[PageSpec]:
    themes = [t for t in sorted(vocabs.themes, key=lambda t: t.label.lower())
              if corpus.themes.get(t.key)]
    holders = [s for s in sorted(vocabs.stakeholders, key=lambda s: s.label.lower())
               if corpus.stakeholders.get(s.key)]
    pages, rows, peak = [], [], 1
    for holder in holders:
        docs = corpus.stakeholders[holder.key]
        cells = []
        for term in themes:
            members = [d for d in docs if term.key in d.themes]
            lessons = [x for d in members for x in d.lessons if term.key in x.themes]
            url = f"{urls.LANDSCAPE}/{holder.key}/{term.key}/" if members else ""
            cells.append({"term": term, "count": len(members), "lessons": len(lessons),
                          "url": url})
            peak = max(peak, len(members))
            if members:
                pages.append(PageSpec(
                    f"{urls.LANDSCAPE}/{holder.key}/{term.key}.md",
                    f"{holder.label} · {term.label}", "lessons-listing.html",
                    f"Documenten waarin {holder.label} betrokken is bij het thema "
                    f"{term.label}.",
                    {"documents": members, "count": len(members), "by_year": True}))
        rows.append({"term": holder, "cells": cells})
    pages.insert(0, PageSpec(
        f"{urls.LANDSCAPE}/index.md", "Netwerkdrukte in kaart", "lessons-landscape.html",
        "Welke organisatie is bij welk thema betrokken: het aantal documenten en lessen.",
        {"themes": themes, "rows": rows, "svg": heat_map(themes, rows, peak)}))
    return pages


def emptied_pages(kept, vocabs: Vocabularies, built: set[str]) -> list[PageSpec]:
    """Pages for listings that were published and are empty now (addresses.kept): the
    address keeps answering, says there is nothing here now and where to look."""
    specs = []
    for address in kept:
        if address.path in built:
            continue
        params, segments = dict(address.params), address.path.strip("/").split("/")
        if "stakeholder" in params:
            title = (f"{vocabs.stakeholders.label(params['stakeholder'])} · "
                     f"{vocabs.themes.label(params['theme'])}")
        elif "theme" in params:
            kind = next(k for k in KINDS.values() if k.slug == segments[-1])
            title = f"{kind.plural} over {vocabs.themes.label(params['theme'])}"
        else:
            title = segments[-1]
        specs.append(PageSpec(
            "/".join(segments) + ".md", title, "lessons-listing.html",
            "Hier staan op dit moment geen documenten. Kies een thema, organisatie of jaar "
            "via het menu.", {"documents": [], "count": 0, "by_year": True}))
    return specs


def heat_map(themes: list, rows: list[dict[str, Any]], peak: int) -> str:
    """An SVG picture of the matrix: darker is more documents. Text is escaped."""
    from markupsafe import escape

    width = LABEL_W + CELL * len(themes) + 10
    height = HEAD_H + CELL * len(rows) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-labelledby="kaart-titel">',
             '<title id="kaart-titel">Heatmap: aantal documenten per organisatie en '
             'thema (de tabel hieronder geeft dezelfde cijfers)</title>',
             '<g font-family="sans-serif" font-size="12" fill="#1f2933">']
    for column, term in enumerate(themes):
        x = LABEL_W + column * CELL + CELL / 2
        parts.append(f'<text transform="translate({x:.0f},{HEAD_H - 6}) rotate(-60)">'
                     f'{escape(term.label[:30])}</text>')
    for row_index, row in enumerate(rows):
        y = HEAD_H + row_index * CELL
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + CELL * 0.65:.0f}" text-anchor="end">'
                     f'{escape(row["term"].label[:44])}</text>')
        for column, cell in enumerate(row["cells"]):
            share = cell["count"] / peak
            # From white to the site's dark blue (#154273), by share of the busiest cell.
            red, green, blue = (round(255 - (255 - c) * share) for c in (0x15, 0x42, 0x73))
            x = LABEL_W + column * CELL
            parts.append(f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                         f'fill="rgb({red},{green},{blue})" stroke="#c9d1d9"><title>'
                         f'{escape(row["term"].label)}, {escape(cell["term"].label)}: '
                         f'{cell["count"]}</title></rect>')
    parts.append("</g></svg>")
    return "\n".join(parts)
