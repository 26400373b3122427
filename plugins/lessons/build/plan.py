"""What a build publishes, decided once: which documents, which generated pages, which
originals, with the one rule for what is public today.

`prepare` reads the content folder (inventory, documents, vocabularies already loaded),
applies the publication rule and builds the link graph and the generated pages. The MkDocs
plugin, `lessons check` and `lessons manifest` all ask it, so a document is public or not
by the same rule and the same notion of "today" everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import addresses, graph, inventory, permalinks
from ..collect import Collection, check_today, collect_files
from ..model.document import Document, Problem
from ..model.schema import Vocabularies
from ..originals import Original, original
from ..outputs import browse
from ..outputs.followup_pages import follow_up_pages
from ..outputs.pages import PageSpec, build_pages


def today(option: str | None = None) -> dt.date:
    """The date embargoes (publish_after) are checked against: the `today` option of the
    plugin when set (a preview of a later day, reproducible tests), else the calendar's."""
    return dt.date.fromisoformat(option) if option else dt.date.today()


def published(doc: Document, valid: bool, on: dt.date, include_drafts: bool = False) -> bool:
    """Whether a document is on the site: valid, and public on that day (status published
    and past any embargo), or any valid document in a preview with drafts. An invalid
    document is never shown, in any mode."""
    return valid and (doc.is_public(on) or include_drafts)


def public_documents(collection: Collection, on: dt.date) -> list[Document]:
    """The documents of a public build (no drafts), in the collection's order."""
    return [doc for doc in collection.documents
            if published(doc, doc.path not in collection.invalid, on)]


def stops_build(doc: Document, problems: list[Problem], include_drafts: bool) -> bool:
    """Whether a document's problems stop a public build: False only for a readable
    draft (status draft or review, stated without a problem) in a public build."""
    if include_drafts or doc.status == "published":
        return True
    return any(p.field in ("status", "file", "front-matter") for p in problems)


@dataclass
class Options:
    docs_dir: Path
    sources_dir: Path  # where imported originals are kept
    documents_dir: str = "documenten"
    vocabularies_dir: str = "vocabularies"
    include_drafts: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    weights: graph.Weights = field(default_factory=graph.Weights)
    manifest: Path | None = None  # the committed list of published addresses


@dataclass
class Plan:
    content: inventory.Inventory
    documents: dict[str, Document]  # shown documents by source path
    withheld: list[str]  # source paths of documents read but not shown
    problems: list[Problem]  # that stop a public build (warnings)
    draft_problems: list[Problem]  # of drafts, the editor's to fix before publishing
    corpus: graph.Corpus
    generated: dict[str, PageSpec]  # generated pages by source path
    kept: list[addresses.Address]  # addresses of the manifest this build must keep
    originals: dict[str, Original]  # by document id

    @property
    def specs(self) -> list[PageSpec]:
        return list(self.generated.values())

    @property
    def publishable(self) -> set[str]:
        """Source paths of the content folder the site may publish as they are."""
        return self.content.accepted - set(self.content.vocabularies)


def prepare(options: Options, vocabs: Vocabularies,
            servable: Callable[[str], bool] = lambda path: True) -> Plan:
    """`servable(path)` says whether the site generator can publish a document's source
    at all (it may leave files out by its own rules); one it cannot is checked, never
    shown."""
    content = inventory.take(options.docs_dir, options.documents_dir,
                             options.vocabularies_dir)
    # Read from disk, not from a site generator's file list: a file it left out is still
    # checked.
    collection = collect_files(options.docs_dir, content.documents, vocabs)
    check_today(collection, options.today)
    problems_of: dict[str, list[Problem]] = {}
    for problem in collection.problems:
        problems_of.setdefault(problem.path, []).append(problem)
    documents: dict[str, Document] = {}
    withheld, stopping, drafts = [], [], []
    for doc in collection.documents:
        problems = problems_of.get(doc.path, [])
        (stopping if stops_build(doc, problems, options.include_drafts) else drafts
         ).extend(problems)
        if not servable(doc.path):
            continue
        if published(doc, not problems, options.today, options.include_drafts):
            documents[doc.path] = doc
        else:
            withheld.append(doc.path)
    corpus = graph.build(list(documents.values()), options.weights, vocabs.lifecycle,
                         options.today)
    kept = kept_addresses(options, vocabs)
    return Plan(content, documents, withheld, stopping, drafts, corpus,
                generated_pages(corpus, vocabs, options, kept), kept,
                {doc.id: found for doc in documents.values()
                 if (found := original(doc, options.sources_dir)) is not None})


def generated_pages(corpus: graph.Corpus, vocabs: Vocabularies, options: Options,
                    kept: list[addresses.Address]) -> dict[str, PageSpec]:
    """Every page the build makes from the graph, by source path: taxonomies, kinds,
    years, lessons, search, browsing, follow-up, and the pages that say a term was
    emptied."""
    specs = (build_pages(corpus, vocabs, lambda doc: doc.is_public(options.today))
             + browse.browse_pages(corpus, vocabs)
             + browse.landscape_pages(corpus, vocabs)
             + follow_up_pages(corpus, vocabs))
    specs += browse.emptied_pages(kept, vocabs, {
        addresses.own_address(addresses.own_dest(spec.src_uri)) for spec in specs})
    return {spec.src_uri: spec for spec in specs}


def kept_addresses(options: Options, vocabs: Vocabularies) -> list[addresses.Address]:
    if options.manifest is None:
        return []
    return addresses.kept(permalinks.read_manifest(options.manifest), vocabs)
