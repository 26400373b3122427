"""Generated pages (home, taxonomies, kinds, years) as plain data.

Each PageSpec names a virtual source file, a title, a template and the context
the template needs. The MkDocs plugin turns specs into files; any other static
site generator could do the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..followup import FollowUps
from ..graph import Corpus
from ..model.document import Document, Lesson
from ..model.kinds import KINDS
from ..model.schema import Vocabularies
from ..model.vocab import Term, Vocabulary
from ..search.facets import facet_totals
from . import urls

HOME_NEWEST = 10
HOME_NEWEST_LESSONS = 5  # the newest lessons, each with its document and date


@dataclass
class PageSpec:
    src_uri: str  # e.g. "themas/gegevensuitwisseling.md" -> /themas/gegevensuitwisseling/
    title: str
    template: str
    description: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    searchable: bool = False  # a result of its own in the search index (lessons)


def group_by_kind(docs: list[Document]) -> list[dict[str, Any]]:
    """Documents grouped by kind in the order of KINDS, each group newest first."""
    groups = []
    for kind in KINDS.values():
        members = [d for d in docs if d.kind.key == kind.key]
        if members:
            groups.append({"kind": kind, "documents": members})
    return groups


def _term_pages(vocab: Vocabulary, index: dict[str, list[Document]], base: str,
                title: str, intro: str,
                lesson_index: dict[str, list[Lesson]] | None = None,
                follow_up: FollowUps | None = None) -> list[PageSpec]:
    """`follow_up`: for organisations, the follow-up section of each page."""
    pages = [PageSpec(
        f"{base}/index.md", title, "lessons-terms.html", intro,
        {"terms": [entry for t in _ordered(vocab)
                   if (entry := _term_entry(t, vocab, index, lesson_index or {}))["shown"]],
         "base": base},
    )]
    for term in vocab:
        docs = _with_descendants(term, vocab, index)
        pages.append(PageSpec(
            f"{base}/{term.key}.md", term.label, "lessons-term.html", term.description,
            {"term": term, "parent": vocab.terms.get(term.parent or ""),
             "children": [child for child in vocab.children(term.key)
                          if _term_entry(child, vocab, index, lesson_index or {})["shown"]],
             "groups": group_by_kind(docs),
             "count": len(docs), "base": base,
             "lesson_items": _with_descendants(term, vocab, lesson_index or {}),
             "follow_up": (organisation_follow_up(follow_up, set(vocab.below(term.key)))
                           if follow_up is not None else None)},
        ))
    return pages


def organisation_follow_up(follow: FollowUps, keys: set[str]) -> dict[str, Any] | None:
    """What an organisation (with the organisations below it, as its page's documents)
    owns and is asked: its actions, counted per action state, the overdue ones, and the
    lessons addressed to it with their states. None when it has neither."""
    owned = follow.owned(keys)
    addressed = follow.addressed(keys)
    if not owned and not addressed:
        return None
    found = {state.key: 0 for state in follow.lifecycle.action}
    for _, status in owned:
        found[status.state.key] += 1
    return {
        "actions": owned,
        "action_counts": [(state, found[state.key]) for state in follow.lifecycle.action],
        "overdue": [(r, a) for r, a in owned if a.overdue],
        "addressed": addressed,
        "lesson_counts": [(s, c) for s, c in follow.counts(addressed) if c],
        "outstanding": [r for r in addressed if r.outstanding(follow.today)],
    }


def _ordered(vocab: Vocabulary) -> list[Term]:
    """Parents before their children, each level alphabetical by label."""
    out: list[Term] = []

    def visit(parent: str | None, depth: int) -> None:
        for term in sorted((t for t in vocab if t.parent == parent), key=lambda t: t.label.lower()):
            out.append(term)
            visit(term.key, depth + 1)
    visit(None, 0)
    return out


def _with_descendants(term: Term, vocab: Vocabulary, index: dict[str, list]):
    """The items (documents or lessons) of a term and of every term below it, in the
    index's order (newest document first)."""
    keys = vocab.below(term.key)
    if len(keys) == 1:
        return index.get(term.key, [])
    seen: dict[str, Any] = {}
    for key in keys:
        for item in index.get(key, []):
            seen.setdefault(item.id, item)
    if all(isinstance(item, Document) for item in seen.values()):
        return sorted(seen.values(), key=lambda d: (d.date, d.title, d.id), reverse=True)
    order = {id(item): i for key in keys for i, item in enumerate(index.get(key, []))}
    return sorted(seen.values(), key=lambda item: order[id(item)])


def _term_entry(term: Term, vocab: Vocabulary, index: dict[str, list[Document]],
                lesson_index: dict[str, list[Lesson]]) -> dict[str, Any]:
    """A term as an index lists it. `shown`: only a term with documents or lessons is
    linked; an empty one keeps its page (its address may have been published, and its
    feeds answer) but no index leads a visitor to an empty page."""
    count = len(_with_descendants(term, vocab, index))
    return {"term": term, "depth": len(vocab.ancestors(term.key)), "count": count,
            "shown": bool(count or _with_descendants(term, vocab, lesson_index))}


def build_pages(corpus: Corpus, vocabs: Vocabularies,
                indexed: Callable[[Document], bool] = lambda doc: True) -> list[PageSpec]:
    """`indexed` tells which documents (and their lessons) go into the search index: in
    a preview, drafts are pages but never search results."""
    pages = _term_pages(
        vocabs.themes, corpus.themes, urls.THEMES, "Thema's",
        "Alle documenten en lessen, geordend naar thema.", corpus.lesson_themes)
    pages += _term_pages(
        vocabs.stakeholders, corpus.stakeholders, urls.STAKEHOLDERS, "Organisaties",
        "Alle documenten en lessen, geordend naar betrokken organisatie of partij.",
        corpus.lesson_stakeholders, corpus.follow_up)
    pages += lesson_pages(corpus, vocabs, indexed)
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
        "Zoek in alle documenten en lessen; verfijn op soort, thema, organisatie, jaar en "
        "opvolging.",
        {"facets": facet_totals(filter(indexed, corpus.documents), vocabs,
                                corpus.follow_up)}))
    for year in years:
        docs = corpus.years[year]
        pages.append(PageSpec(
            f"{urls.YEARS}/{year}.md", str(year), "lessons-term.html",
            f"Documenten uit {year}.",
            {"groups": group_by_kind(docs), "count": len(docs)},
        ))
    return pages


def lesson_pages(corpus: Corpus, vocabs: Vocabularies,
                 indexed: Callable[[Document], bool] = lambda doc: True) -> list[PageSpec]:
    """The lessons overview and one page per lesson, at /lessen/<id>/."""
    themes = [{"term": t, "count": len(corpus.lesson_themes.get(t.key, []))}
              for t in _ordered(vocabs.themes)]
    pages = [PageSpec(
        f"{urls.LESSONS}/index.md", "Lessen", "lessons-lessons.html",
        "Alle geleerde lessen, elk met een vaste link; kies een thema om te filteren.",
        {"lesson_items": corpus.lessons, "themes": [t for t in themes if t["count"]]})]
    for lesson in corpus.lessons:
        doc = corpus.lesson_document(lesson)
        pages.append(PageSpec(
            f"{urls.LESSONS}/{lesson.id}.md", lesson.statement, "lesson.html",
            lesson.explanation or f"Les uit: {doc.title}",
            {"lesson": lesson, "doc": doc, "related_lessons": corpus.related_lessons(lesson)},
            searchable=indexed(doc)))
    return pages


def home_context(corpus: Corpus, vocabs: Vocabularies) -> dict[str, Any]:
    themes = sorted(
        ({"term": t, "count": len(corpus.themes.get(t.key, []))} for t in vocabs.themes),
        key=lambda e: (-e["count"], e["term"].label.lower()),
    )
    return {
        "newest": corpus.documents[:HOME_NEWEST],
        # corpus.lessons runs by document, newest first: the newest documents' lessons.
        "newest_lessons": corpus.lessons[:HOME_NEWEST_LESSONS],
        "total": len(corpus.documents),
        "lesson_total": len(corpus.lessons),
        "kinds": [{"kind": k, "count": len(corpus.kinds.get(k.key, []))} for k in KINDS.values()],
        "themes": themes,
        "follow_up": [{"state": state, "count": count}
                      for state, count in corpus.follow_up.counts()],
        "outstanding": len(corpus.follow_up.outstanding()),
        "overdue": len(corpus.follow_up.overdue()),
    }


# The headings of the "Citeer" section (partials/lessons-cite.html).
CITE_DOCUMENT = "Citeer dit document"
CITE_LESSON = "Citeer deze les"


def document_sections(doc: Document, follows: bool, related: bool,
                      backlinks: bool) -> list[tuple[str, str]]:
    """(id, heading) of the sections a document page adds below its body
    (lessons/document-content.html), in their order: for the table of contents, after the
    body's own headings."""
    return [entry for entry, shown in (
        (("lessen", "Lessen"), bool(doc.lessons)),
        (("volgt-op", "Volgt op"), follows),
        (("citeer", CITE_DOCUMENT), True),
        (("gerelateerd", "Gerelateerde documenten"), related),
        (("verwijzingen", "Documenten die hiernaar verwijzen"), backlinks)) if shown]


def lesson_sections(followed_up: bool, related: bool) -> list[tuple[str, str]]:
    """(id, heading) of the sections of a lesson page (lessons/lesson-content.html)."""
    return [entry for entry, shown in (
        (("opvolging", "Opvolging"), followed_up),
        (("citeer", CITE_LESSON), True),
        (("insluiten", "Insluiten"), True),
        (("verwante-lessen", "Verwante lessen"), related)) if shown]
