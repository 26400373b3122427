"""Which outputs a changed document touches, so a preview re-renders those and no others.

A document page shows its own content, its lessons, its related documents and the
documents that link to it; a lesson page shows its lesson, its source and related lessons;
listing pages, feeds and exports show the metadata of many documents. So:

- a changed body touches the document's page; when the links in it changed, also the pages
  of the documents it links (or linked) to, whose "links here" lists change;
- changed metadata (anything but the body) touches, besides, the pages of its lessons,
  every listing page, the feeds and exports, and the pages of the documents and lessons
  whose related lists change.

`affected` returns None when the change alters which pages exist or where (an id, a
lesson id, a new year or term page): only a whole build gets redirects, the address
manifest and the navigation right then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ..graph import Corpus
from ..model.document import Document
from ..outputs.pages import PageSpec


@dataclass
class Affected:
    first: list[str]  # the changed documents' pages and their lessons': shown at once
    later: Callable[[], list[str]]  # every other page whose content changed
    outputs: bool  # feeds, open data, sitemaps


def metadata_changed(old: Document, new: Document) -> bool:
    """Anything but the body (and where it starts) differs."""
    return replace(old, body=new.body, body_line=new.body_line, links_to=new.links_to) != new


def affected(changed: Iterable[tuple[Document, Document]], before: Corpus, after: Corpus,
             specs_before: list[PageSpec], specs_after: list[PageSpec],
             related_count: int) -> Affected | None:
    """The pages and outputs to make again after documents changed from old to new;
    `before` and `after` are the graphs of the whole site either side of the change."""
    changed = list(changed)
    if {s.src_uri for s in specs_before} != {s.src_uri for s in specs_after}:
        return None
    if any(_addresses(old) != _addresses(new) for old, new in changed):
        return None
    if any(_redirected(new) and metadata_changed(old, new) for old, new in changed):
        return None  # its redirect pages at old addresses show its title
    if any(_follow_up(old) != _follow_up(new) for old, new in changed):
        return None  # states, counts and other documents' pages change (followup.py)
    lesson_page = {spec.context["lesson"].id: spec.src_uri for spec in specs_after
                   if "lesson" in spec.context}
    metadata = [(old, new) for old, new in changed if metadata_changed(old, new)]
    first = [new.path for _, new in changed]
    first += [lesson_page[x.id] for _, new in metadata for x in new.lessons]

    def later() -> list[str]:
        pages: dict[str, None] = {}  # an ordered set
        linked = {t for old, new in changed if old.links_to != new.links_to
                  for t in old.links_to ^ new.links_to}
        linked |= {t for old, new in metadata for t in old.links_to | new.links_to}
        for target in sorted(linked):
            if (doc := after.by_id.get(target)) is not None:
                pages[doc.path] = None
        if metadata:
            pages.update(dict.fromkeys(s.src_uri for s in specs_after
                                       if "lesson" not in s.context))
            for doc in _sharing_terms(after, metadata):
                was = before.by_id.get(doc.id, doc)
                if _shown(before.related(was, related_count)) != _shown(
                        after.related(doc, related_count)):
                    pages[doc.path] = None
                for lesson, old_lesson in zip(doc.lessons, was.lessons, strict=False):
                    if _lessons_shown(before, before.related_lessons(old_lesson)) != \
                            _lessons_shown(after, after.related_lessons(lesson)):
                        pages[lesson_page[lesson.id]] = None
            # A lesson's page names the documents that follow it up ("Opgevolgd in"),
            # with their title and date.
            for _, new in metadata:
                for lesson, _ in after.follow_up.follows.get(new.id, ()):
                    pages[lesson_page[lesson.id]] = None
            # A later document that follows up one of their lessons shows it ("Volgt op").
            for _, new in metadata:
                for lesson in new.lessons:
                    record = after.follow_up.records.get(lesson.id)
                    for doc, _ in record.followed_up_by if record else ():
                        pages[doc.path] = None
        return [p for p in pages if p not in first]

    return Affected(first, later, bool(metadata))


def _addresses(doc: Document) -> tuple:
    """What decides a document's addresses and files: its id, its lessons' ids, the old
    addresses that redirect to them, and the original file published beside it."""
    return (doc.id, [(x.id, x.redirect_from) for x in doc.lessons], doc.redirect_from,
            doc.source.get("file") if isinstance(doc.source, dict) else None)


def _sharing_terms(corpus: Corpus, changed: list[tuple[Document, Document]]) -> list[Document]:
    """The documents whose related lists may hold a changed document, before or after:
    those sharing a theme or a stakeholder with it (related lists rank by shared terms)."""
    found: dict[str, Document] = {}
    for old, new in changed:
        for doc in (old, new):
            for key in doc.themes:
                found.update((d.id, d) for d in corpus.themes.get(key, ()))
            for key in doc.stakeholders:
                found.update((d.id, d) for d in corpus.stakeholders.get(key, ()))
    return list(found.values())


def _shown(related: list[tuple[Document, int]]) -> list[tuple]:
    # What a related list prints of each document (macros doc_item): address and text.
    return [(d.id, d.title, d.kind.key, d.date.iso()) for d, _ in related]


def _lessons_shown(corpus: Corpus, lessons) -> list[tuple]:
    # What a list of lessons prints of each (macros lesson_item): the lesson, and the
    # title, kind and date of the document it comes from.
    return [(x.id, x.statement, *_shown([(corpus.by_id[x.document_id], 0)])[0])
            for x in lessons]


def _follow_up(doc: Document) -> tuple:
    """What a document says of follow-up, its own lessons' and others'."""
    return (doc.follows_up, [(x.transitions, x.actions, x.respond_by, x.addressees)
                             for x in doc.lessons])


def _redirected(doc: Document) -> bool:
    return bool(doc.redirect_from or any(x.redirect_from for x in doc.lessons))
