"""A preview's answer to a saved document: re-render what it touches, not the site.

After a whole build the plugin still holds everything it read and the theme's compiled
templates. When only documents that were already on the site changed, `start` reads them
again, rebuilds the link graph (cheap), asks the core which pages the change touches
(build/touched.py) and renders the changed documents' own pages at once; `Update.finish`
then renders the other pages whose content changed (listings, related and linked
documents), the feeds and exports, and the search index.

Anything else — a new, deleted or invalid document, a changed address, a vocabulary, a
template, mkdocs.yml — returns None: the preview then builds the whole site, which is the
only way redirects, the address manifest and the navigation stay right.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import _build_page

from . import graph
from .build.plan import generated_pages, published
from .build.touched import Affected, affected, metadata_changed
from .collect import collect
from .mkdocs_pages import write_files as write_site_files
from .originals import original
from .search.pagefind import PagefindIndex, write_files

if TYPE_CHECKING:
    from .plugin import LessonsPlugin

log = logging.getLogger("mkdocs.plugins.lessons")


@dataclass
class Update:
    plugin: LessonsPlugin
    change: Affected

    def finish(self) -> None:
        """Everything else the change touched (the search index is `reindex`'s)."""
        plugin, core = self.plugin, self.plugin.core
        later = self.change.later()
        _render(plugin, later)
        if self.change.outputs:
            write_site_files(Path(core.config.site_dir), plugin.site_files(core.config))
            home = core.files.get_file_from_path("index.md")
            if home is not None and home.page is not None:
                # The home page lists the newest documents; it is the theme's to render.
                _build_page(home.page, core.config, core.doc_files, core.nav, core.env)


def start(plugin: LessonsPlugin, paths: list[Path]) -> Update | None:
    """Re-render the pages of the documents at `paths` now; None when only a whole build
    can show the change."""
    core = getattr(plugin, "core", None)
    if core is None or not paths:
        return None
    uris = []
    for path in paths:
        try:
            uri = path.resolve().relative_to(plugin.docs_dir.resolve()).as_posix()
        except ValueError:
            return None
        if uri not in plugin.documents or not path.is_file():
            return None  # a new, deleted or unpublished document, or not a document
        uris.append(uri)
    collection = collect(((uri, (plugin.docs_dir / uri).read_bytes()) for uri in uris),
                         plugin.vocabs, plugin.documents.values())
    if collection.problems or not all(
            published(doc, True, plugin.today, plugin.config.include_drafts)
            for doc in collection.documents):
        return None  # the whole build reports problems and withholds the document
    pairs = [(plugin.documents[doc.path], doc) for doc in collection.documents]
    ids = {doc.path: doc.id for doc in plugin.documents.values()}
    for _, new in pairs:
        new.links_to = graph.extract_links(new, ids)
    if not any(metadata_changed(old, new) or old.links_to != new.links_to
               for old, new in pairs):
        # Only the text changed: the graph and every other page stay as they are.
        for old, new in pairs:
            old.body, old.body_line = new.body, new.body_line
        _render(plugin, [old.path for old, _ in pairs])
        return Update(plugin, Affected([], list, False))
    documents = {**plugin.documents, **{new.path: new for _, new in pairs}}
    corpus = graph.build(list(documents.values()), plugin.options.weights,
                         plugin.vocabs.lifecycle, plugin.options.today)
    generated = generated_pages(corpus, plugin.vocabs, plugin.options, plugin.plan.kept)
    change = affected(pairs, plugin.corpus, corpus, plugin.plan.specs,
                      list(generated.values()), plugin.config.related_count)
    if change is None:
        return None
    # From here on the plugin holds the new state, as a whole build would have made it.
    plan = plugin.plan
    plan.documents, plan.corpus, plan.generated = documents, corpus, generated
    for _, new in pairs:
        found = original(new, plugin.options.sources_dir)
        if found is not None:
            plan.originals[new.id] = found
    plugin.helpers = core.env.globals["lessons"] = plugin.helpers.with_corpus(corpus)
    _render(plugin, change.first)
    return Update(plugin, change)


def _render(plugin: LessonsPlugin, uris: list[str]) -> None:
    core = plugin.core
    for uri in uris:
        page = core.files.get_file_from_path(uri).page
        plugin.on_page_markdown("", page=page, config=core.config, files=core.files)
    core.render(uris, processes=1 if len(uris) < 64 else None)


class Reindex:
    """The search index made again in the background after an update, from the pages
    kept since the whole build: pagefind cannot replace pages in an index, and indexing
    every page takes seconds, which the editor should not wait for. Requests made while
    it runs are folded into one more run."""

    def __init__(self) -> None:
        self._wanted = threading.Event()
        self._plugin: LessonsPlugin | None = None
        self._thread = threading.Thread(target=self._run, name="lessons-reindex", daemon=True)
        self._thread.start()
        self.done = 0  # runs finished (tests wait for it)

    def request(self, plugin: LessonsPlugin) -> None:
        self._plugin = plugin
        self._wanted.set()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            plugin = self._plugin
            started = time.monotonic()
            try:
                if plugin is not None:
                    reindex(plugin)
                    if not self._wanted.is_set():  # the editor waits for this one
                        print(f"lessons serve: zoekindex bijgewerkt in "
                              f"{time.monotonic() - started:.1f} s", file=sys.stderr,
                              flush=True)
            except Exception as err:  # the served site keeps its last index
                log.warning(f"lessons: the search index could not be made again ({err})")
            self.done += 1


def reindex(plugin: LessonsPlugin) -> None:
    pages = plugin.core.searchable
    if pages is None or not plugin.config.search:
        return
    site_dir = Path(plugin.core.config.site_dir)
    index = PagefindIndex({"force_language": "nl", "exclude_selectors": [".headerlink"]},
                          own_session=True)
    try:
        for url, packed in list(pages.items()):
            index.add_html(url, zlib.decompress(packed).decode("utf-8"))
        files = index.files()
    finally:
        index.close()
    if site_dir.is_dir():  # not a build the preview has dropped since
        write_files(files, site_dir / "pagefind")
