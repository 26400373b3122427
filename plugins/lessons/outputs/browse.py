"""Browsing without JavaScript: kind × theme (× year on each intersection page), and the
landscape overview: which organisation is involved in which theme.

Only non-empty intersections get a page, so the number of pages stays bounded by the
vocabularies, not by the number of documents.
"""

from __future__ import annotations

from ..graph import Corpus
from ..model.kinds import KINDS
from ..model.schema import Vocabularies
from . import heatmap, urls
from .pages import PageSpec


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


LANDSCAPE_TITLE = "Welke organisaties werken aan welke thema's"


def landscape_pages(corpus: Corpus, vocabs: Vocabularies) -> list[PageSpec]:
    """The overview of organisations × themes (a picture and its table) and a page per
    non-empty cell. A cell counts the documents that involve the organisation and have the
    theme, and their lessons on that theme: together the material there is to read."""
    themes = [t for t in sorted(vocabs.themes, key=lambda t: t.label.lower())
              if corpus.themes.get(t.key)]
    holders = [s for s in sorted(vocabs.stakeholders, key=lambda s: s.label.lower())
               if corpus.stakeholders.get(s.key)]
    pages, rows = [], []
    for holder in holders:
        docs = corpus.stakeholders[holder.key]
        cells = []
        for term in themes:
            members = [d for d in docs if term.key in d.themes]
            lessons = [x for d in members for x in d.lessons if term.key in x.themes]
            url = f"{urls.LANDSCAPE}/{holder.key}/{term.key}/" if members else ""
            cells.append({"term": term, "count": len(members), "lessons": len(lessons),
                          "total": len(members) + len(lessons), "url": url})
            if members:
                pages.append(PageSpec(
                    f"{urls.LANDSCAPE}/{holder.key}/{term.key}.md",
                    f"{holder.label} · {term.label}", "lessons-listing.html",
                    f"Documenten waarin {holder.label} betrokken is bij het thema "
                    f"{term.label}.",
                    {"documents": members, "count": len(members), "by_year": True}))
        rows.append({"term": holder, "cells": cells,
                     "short": heatmap.row_label(holder)[0]})
    scale = heatmap.Scale.of_values(c["total"] for r in rows for c in r["cells"])
    for row in rows:
        for cell in row["cells"]:
            cell["level"] = scale.level(cell["total"])
    pages.insert(0, PageSpec(
        f"{urls.LANDSCAPE}/index.md", LANDSCAPE_TITLE, "lessons-landscape.html",
        "Per organisatie en thema: hoeveel documenten en lessen er zijn. Zo ziet u waar "
        "veel ervaring is vastgelegd, en waar weinig.",
        {"heading": LANDSCAPE_TITLE, "themes": themes, "rows": rows,
         "legend": scale.legend(),
         "svg": heatmap.heat_map(themes, rows, scale, "kaart-uitleg")}))
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
