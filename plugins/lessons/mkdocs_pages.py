"""The pages the lessons core owns, rendered through MkDocs' theme on every core.

Documents, lessons and generated pages are thousands at scale. They are not rendered one by
one in MkDocs' page loop: once MkDocs has read every file and built the navigation
(on_env), `CorePages.render` renders them in worker processes (build/workers.py), with the
theme rendered once per page shape (build/chrome.py), writes them, and hands the searchable
ones to the search index. MkDocs' own loop then passes over these pages with an empty
template and writes nothing. The site's own pages (home, about) stay MkDocs' to render.

A document body is converted by MkDocs' own Page.render, so links between source files
resolve and are reported exactly as MkDocs does for any page.
"""

from __future__ import annotations

import copy
import logging
import os
import posixpath
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
from jinja2 import ChoiceLoader, DictLoader, Environment, TemplateNotFound
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_page
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from .build import workers
from .build.chrome import Shapes, marker
from .render import RENDER_FAILURES, failure_message, time_limit
from .render_cache import Rendered

if TYPE_CHECKING:
    from .plugin import LessonsPlugin

# The template MkDocs renders for a page the core has written: nothing, so it writes nothing.
WRITTEN = "lessons-written.html"
TOC = "partials/toc.html"  # the theme's table of contents, filled in per page


def write_files(site_dir: Path, files: dict[str, str]) -> None:
    """Text files into the site, by site path, in UTF-8 as they are."""
    for relative, text in sorted(files.items()):
        write(site_dir / relative, text.encode("utf-8"))


_MADE: set[Path] = set()  # folders this process made or found, so each is asked for once


def write(target: Path, data: bytes) -> None:
    """A file of the site, its folder made when needed. Thousands of pages share a few
    folders' parents; asking the file system for each again costs more than the write."""
    folder = target.parent
    if folder not in _MADE:
        folder.mkdir(parents=True, exist_ok=True)
        _MADE.add(folder)
    try:
        target.write_bytes(data)
    except FileNotFoundError:  # the folder went away since (a new build cleaned it)
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def guarded(render: Callable[[], None], page: Page, path: str, line: int) -> bool:
    """Convert a body; one Markdown cannot convert (nesting deep enough to exhaust Python's
    stack, an address urllib cannot parse, text that takes too long) is a problem named by
    its file and a placeholder on the page, never a traceback or a hang. False if so."""
    try:
        with time_limit():
            render()
        return True
    except RENDER_FAILURES as err:
        logging.getLogger("mkdocs.plugins.lessons").warning(
            f"lessons: {path}:{line}: body: {failure_message(err)}")
        page.content = ('<p class="lessons-preview" role="status">Deze tekst kon niet '
                        'worden omgezet.</p>')
        page.toc = get_toc([])
        page.present_anchor_ids = set()
        page.links_to_anchors = {}
        return False


_ARTICLE = '<article class="md-content__inner md-typeset">'  # mkdocs-material's content


def searchable_part(html: str) -> str:
    """What pagefind needs of a page: the document element with its language and the
    content, without the theme's navigation, header and footer around it (half the bytes
    of a lesson page). Every page indexed has a data-pagefind-body inside the content, so
    pagefind reads nothing outside it anyway; a page laid out otherwise goes whole."""
    head = html.find("<head>")
    start = html.find(_ARTICLE)
    end = html.find("</article>", start)
    if head < 0 or start < 0 or end < 0 or "data-pagefind-body" not in html[start:end]:
        return html
    return (html[:head + len("<head>")] + "</head><body>" + html[start:end]
            + "</article></body></html>")


class _SkipNotice(logging.Filter):
    """MkDocs says "Page skipped: ... Generated empty output." for every page it does not
    write; for the pages the core wrote that is noise, thousands of lines of it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO
                    and str(record.msg).startswith("Page skipped: '")
                    and str(record.msg).endswith("Generated empty output."))


logging.getLogger("mkdocs.commands.build").addFilter(_SkipNotice())


SITE_FILES = ""  # the job that writes feeds, open data and sitemaps, beside the pages


@dataclass
class Outcome:
    search: tuple[str, str] | None  # (address, HTML) for the search index
    hits: int
    misses: int
    filled: bool
    written: list[str] | None = None  # site paths the SITE_FILES job wrote
    anchors: list[str] | None = None  # ids on the page, for MkDocs' anchor check
    links: dict[str, dict[str, str]] | None = None  # links to anchors of other pages
    pdf_hits: int = 0  # PDFs copied from the cache ...
    pdf_misses: int = 0  # ... and compiled


class CorePages:
    def __init__(self, plugin: LessonsPlugin, env: Environment, config: MkDocsConfig,
                 files: Files, nav: Navigation, keep_search: bool = False):
        self.plugin, self.env, self.config, self.files, self.nav = plugin, env, config, files, nav
        _MADE.clear()  # a new build: its own folders (a preview builds again and again)
        self.doc_files = files.documentation_pages()
        self._in_nav = {id(page) for page in nav.pages} if nav is not None else set()
        self.shapes = Shapes()
        # A page's own parts stand on their own (lessons/<template>-*.html); the probe sees
        # markers in their place.
        self.parts: dict[str, tuple[str, str]] = {}
        self.probe_env = env.overlay(loader=ChoiceLoader([
            DictLoader({TOC: marker("toc")}), env.loader]))
        self._toc = env.from_string(
            '{% import "partials/language.html" as lang with context %}'
            '{% include "' + TOC + '" %}')
        self.hits = self.misses = self.filled = 0
        self.pdf_hits = self.pdf_misses = 0
        self.site_written: list[str] = []
        # A preview keeps every searchable page, to index them again after an edit
        # (pagefind cannot replace a page in an index).
        self.searchable: dict[str, bytes] | None = {} if keep_search else None
        self._md: markdown.Markdown | None = None  # made in each worker on first use
        self._lang = None

    def render(self, uris: list[str], processes: int | None = None,
               site_files: bool = False) -> None:
        """Render, write and index every page in `uris`; MkDocs then writes none of them.
        With `site_files`, a worker writes the feeds, exports and sitemaps meanwhile
        (`site_written` lists them)."""
        index = self.plugin.index
        jobs = [SITE_FILES, *uris] if site_files else uris
        for uri, outcome in zip(jobs, workers.run(self._one, jobs, processes=processes),
                                strict=True):
            if outcome.written is not None:
                self.site_written = outcome.written
                continue
            page = self.files.get_file_from_path(uri).page
            page.present_anchor_ids = set(outcome.anchors or ())
            page.links_to_anchors = {
                target: found for src, found in (outcome.links or {}).items()
                if (target := self.files.get_file_from_path(src)) is not None}
            if outcome.search is not None:
                if index is not None:
                    index.add_html(*outcome.search)
                if self.searchable is not None:  # compressed: a quarter of the memory
                    self.searchable[outcome.search[0]] = zlib.compress(
                        outcome.search[1].encode("utf-8"), 1)
            self.hits += outcome.hits
            self.misses += outcome.misses
            self.filled += outcome.filled
            self.pdf_hits += outcome.pdf_hits
            self.pdf_misses += outcome.pdf_misses
        for uri in uris:
            page = self.files.get_file_from_path(uri).page
            page.meta["template"] = WRITTEN

    # In a worker process from here on.

    def _one(self, uri: str) -> Outcome:
        if uri == SITE_FILES:
            files = self.plugin.site_files(self.config)
            write_files(Path(self.config.site_dir), files)
            return Outcome(None, 0, 0, False, sorted(files))
        page = self.files.get_file_from_path(uri).page
        self.config._current_page = page
        page.active = True
        try:
            hits, misses = self._body(page)
            maker = self.plugin.pdf
            pdf_before = (maker.hits, maker.misses)
            # Before the page: its download link gives the PDF's size.
            made = self.plugin.page_pdf(uri, page.content, page.file.dest_uri,
                                        Path(self.config.site_dir))
            context = get_context(self.nav, self.doc_files, self.config, page)
            context = self.plugin.on_page_context(context, page=page, config=self.config,
                                                  nav=self.nav)
            context["pdf"] = made
            name = page.meta["template"]
            before = self.shapes.filled
            if id(page) in self._in_nav:
                # A page in the navigation has its own: the active item, previous and next.
                output = self.env.get_template(name).render(context)
            else:
                shape = (name, posixpath.dirname(page.url.rstrip("/")), bool(page.toc.items),
                         bool(page.meta.get("description")), bool(page.canonical_url))
                output = self.shapes.render(
                    shape, lambda: self._probe(page, context, name),
                    lambda: self._values(page, context, name),
                    lambda: self.env.get_template(name).render(context))
            search = self.plugin.search_entry(page, output)
            if search is not None:
                search = (search[0], searchable_part(output))
            write(Path(page.file.abs_dest_path),
                  output.encode("utf-8", errors="xmlcharrefreplace"))
            write_files(Path(self.config.site_dir), self.plugin.page_files(uri))
            # Anchors travel back, so MkDocs checks links to and from this page.
            links = {target.src_uri: dict(found)
                     for target, found in (page.links_to_anchors or {}).items()}
            return Outcome(search, hits, misses, self.shapes.filled > before,
                           anchors=sorted(page.present_anchor_ids or ()), links=links,
                           pdf_hits=maker.hits - pdf_before[0],
                           pdf_misses=maker.misses - pdf_before[1])
        except Exception as err:
            # As MkDocs names a page it cannot build; the error itself is raised as well.
            logging.getLogger("mkdocs.commands.build").error(
                f"Error building page '{uri}': {err}")
            raise
        finally:
            page.active = False
            self.config._current_page = None

    def _body(self, page: Page) -> tuple[int, int]:
        """Convert the page's Markdown as MkDocs would, or take it from the render cache;
        publish only what the sanitizer allows. Returns (cache hits, misses)."""
        plugin = self.plugin
        markdown, path, line = plugin.body_of(page.file.src_uri)
        cache = plugin.cache
        key = None if cache is None or path is None else cache.key(
            markdown, page.file.src_uri, page.file.dest_uri, plugin.published)
        found = cache.get(key) if key is not None else None
        if found is not None:
            page.content = found.html
            page.toc = get_toc(found.toc)
            page.present_anchor_ids = set(found.anchors)
            page.links_to_anchors = {}
        else:
            page.markdown = markdown
            if not guarded(lambda: self._convert(page), page, path or page.file.src_uri, line):
                key = None
            if key is not None:
                cache.put(key, Rendered(page.content, _toc_tokens(page.toc.items),
                                        sorted(page.present_anchor_ids or ())))
        if path is not None:
            page.content = plugin.publish_body(page.file.src_uri, page.content)
        return (found is not None, key is not None and found is None)

    def _convert(self, page: Page) -> None:
        """MkDocs' Page.render, with one Markdown converter per process instead of one per
        page (building a converter costs a third of converting a page). reset() is how
        Python-Markdown reuses a converter; the per-page processors are MkDocs' own,
        registered anew under their names for each page."""
        if self._md is None:
            self._md = markdown.Markdown(extensions=self.config["markdown_extensions"],
                                         extension_configs=self.config["mdx_configs"] or {})
        md = self._md
        md.reset()
        raw_html = mkdocs_page._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_page._ExtractAnchorsTreeprocessor(page.file, self.files, self.config)
        anchors._register(md)
        relative = mkdocs_page._RelativePathTreeprocessor(page.file, self.files, self.config)
        relative._register(md)
        title = mkdocs_page._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_page.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors

    def _probe(self, page: Page, context: dict, name: str) -> tuple[str, set[str]] | None:
        """The page template rendered around markers: values of this shape's pages that
        differ are markers, and so are the page's own parts."""
        parts = self._parts(name)
        if parts is None or os.environ.get("LESSONS_FULL_RENDER"):  # the tests' referee
            return None
        head, content = parts
        probe = copy.copy(page)
        probe.meta = dict(page.meta, title=Markup(marker("title")))
        names = {"title", "head", "content", "toc"}
        if page.meta.get("description"):
            probe.meta["description"] = Markup(marker("description"))
            names.add("description")
        if page.canonical_url:
            probe.canonical_url = marker("canonical")
            names.add("canonical")
        if page.toc.items:
            probe.toc = TableOfContents([AnchorLink(marker("toctitle"), marker("skip"), 2)])
            names.add("skip")
        env = self.probe_env.overlay(loader=ChoiceLoader([
            DictLoader({head: marker("head"), content: marker("content")}),
            self.probe_env.loader]))
        template = env.get_template(name)
        ctx = template.new_context(dict(context, page=probe))
        output = env.concat(template.root_render_func(ctx))  # type: ignore[attr-defined]
        # The theme's translations, imported once by its base template, for the table of
        # contents of each page (importing them per page costs more than the page).
        self._lang = ctx.vars.get("lang")
        return output, names

    def _parts(self, name: str) -> tuple[str, str] | None:
        if name not in self.parts:
            stem = name.removesuffix(".html")
            parts = (f"lessons/{stem}-head.html", f"lessons/{stem}-content.html")
            try:
                for part in parts:
                    self.env.get_template(part)
            except TemplateNotFound:
                parts = None
            self.parts[name] = parts
        return self.parts[name]

    def _values(self, page: Page, context: dict, name: str) -> dict[str, str]:
        head, content = self.parts[name]
        return {
            "title": str(page.meta["title"]),
            "description": str(page.meta.get("description", "")),
            "canonical": page.canonical_url or "",
            "skip": page.toc.items[0].id if page.toc.items else "",
            "head": self.env.get_template(head).render(context),
            "content": self.env.get_template(content).render(context),
            "toc": (self.env.get_template(TOC).render(dict(context, lang=self._lang))
                    if self._lang is not None else self._toc.render(context)),
        }


def _toc_tokens(items: list[AnchorLink]) -> list[dict]:
    return [{"level": item.level, "id": item.id, "name": item.title,
             "children": _toc_tokens(item.children)} for item in items]
