"""Generated pages (home, taxonomies, kinds, years) as plain data.

Each PageSpec names a virtual source file, a title, a template and the context
the template needs. The MkDocs plugin turns specs into files; any other static
site generator could do the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..graph import Corpus
from ..model.document import Document
from ..model.kinds import KINDS
from ..model.schema import Vocabularies
from ..model.vocab import Term, Vocabulary
from . import urls

HOME_NEWEST = 10
# The search page's facets: pagefind filter name (set in document.html) and Dutch label.
SEARCH_FACETS = [("soort", "Soort document"), ("thema", "Thema"),
                 ("organisatie", "Organisatie"), ("jaar", "Jaar")]


@dataclass
class PageSpec:
    src_uri: str  # e.g. "themas/gegevensuitwisseling.md" -> /themas/gegevensuitwisseling/
    title: str
    template: str
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)


def group_by_kind(docs: list[Document]) -> list[dict[str, Any]]:
    """Documents grouped by kind in the order of KINDS, each group newest first."""
    groups = []
    for kind in KINDS.values():
        members = [d for d in docs if d.kind.key == kind.key]
        if members:
            groups.append({"kind": kind, "documents": members})
    return groups


def _term_pages(vocab: Vocabulary, index: dict[str, list[Document]], base: str,
                title: str, intro: str) -> list[PageSpec]:
    pages = [PageSpec(
        f"{base}/index.md", title, "lessons-terms.html", intro,
        {"terms": [_term_entry(t, vocab, index) for t in _ordered(vocab)], "base": base},
    )]
    for term in vocab:
        docs = _with_descendants(term, vocab, index)
        pages.append(PageSpec(
            f"{base}/{term.key}.md", term.label, "lessons-term.html", term.description,
            {"term": term, "parent": vocab.terms.get(term.parent or ""),
             "children": vocab.children(term.key), "groups": group_by_kind(docs),
             "count": len(docs), "base": base},
        ))
    return pages


def _ordered(vocab: Vocabulary) -> list[Term]:
    """Parents before their children, each level alphabetical by label."""
    out: list[Term] = []

    def visit(parent: str | None, depth: int) -> None:
        for term in sorted((t for t in vocab if t.parent == parent), key=lambda t: t.label.lower()):
            out.append(term)
            visit(term.key, depth + 1)
    visit(None, 0)
    return out


def _with_descendants(term: Term, vocab: Vocabulary, index: dict[str, list[Document]]):
    keys = [term.key]
    for key in keys:  # grows while iterating: a breadth-first walk of the hierarchy
        keys.extend(child.key for child in vocab.children(key))
    if len(keys) == 1:
        return index.get(term.key, [])
    seen: dict[str, Document] = {}
    for key in keys:
        for doc in index.get(key, []):
            seen.setdefault(doc.id, doc)
    return sorted(seen.values(), key=lambda d: (d.date, d.title, d.id), reverse=True)


def _term_entry(term: Term, vocab: Vocabulary, index: dict[str, list[Document]]):
    return {"term": term, "depth": len(vocab.ancestors(term.key)),
            "count": len(_with_descendants(term, vocab, index))}


def build_pages(corpus: Corpus, vocabs: Vocabularies) -> list[PageSpec]:
    pages = _term_pages(
        vocabs.themes, corpus.themes, urls.THEMES, "Thema's",
        "Alle documenten en lessen, geordend naar thema.")
    pages += _term_pages(
        vocabs.stakeholders, corpus.stakeholders, urls.STAKEHOLDERS, "Organisaties",
        "Alle documenten en lessen, geordend naar betrokken organisatie of partij.")
    kinds = [{"kind": k, "count": len(corpus.kinds.get(k.key, []))} for k in KINDS.values()]
    pages.append(PageSpec(f"{urls.KINDS}/index.md", "Documentsoorten", "lessons-kinds.html",
                          "Alle documenten, geordend naar soort.", {"kinds": kinds}))
    for kind in KINDS.values():
        docs = corpus.kinds.get(kind.key, [])
        pages.append(PageSpec(
            f"{urls.KINDS}/{kind.slug}.md", kind.plural, "lessons-listing.html",
            f"Alle {kind.plural.lower()}, nieuwste eerst.",
            {"documents": docs, "count": len(docs), "by_year": True},
        ))
    years = sorted(corpus.years, reverse=True)
    pages.append(PageSpec(
        f"{urls.YEARS}/index.md", "Jaren", "lessons-years.html",
        "Alle documenten, geordend naar jaar van verschijnen.",
        {"years": [{"year": y, "count": len(corpus.years[y])} for y in years]},
    ))
    pages.append(PageSpec(
        f"{urls.SEARCH}/index.md", "Zoeken", "lessons-search.html",
        "Zoek in alle documenten en lessen; verfijn op soort, thema, organisatie en jaar.",
        {"facets": SEARCH_FACETS}))
    for year in years:
        docs = corpus.years[year]
        pages.append(PageSpec(
            f"{urls.YEARS}/{year}.md", str(year), "lessons-term.html",
            f"Documenten uit {year}.",
            {"groups": group_by_kind(docs), "count": len(docs)},
        ))
    return pages


def home_context(corpus: Corpus, vocabs: Vocabularies) -> dict[str, Any]:
    themes = sorted(
        ({"term": t, "count": len(corpus.themes.get(t.key, []))} for t in vocabs.themes),
        key=lambda e: (-e["count"], e["term"].label.lower()),
    )
    return {
        "newest": corpus.documents[:HOME_NEWEST],
        "total": len(corpus.documents),
        "lesson_total": len(corpus.lessons),
        "kinds": [{"kind": k, "count": len(corpus.kinds.get(k.key, []))} for k in KINDS.values()],
        "themes": themes,
    }
