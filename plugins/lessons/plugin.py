"""The `lessons` MkDocs plugin: reads config, calls the core, nothing else.

Events, in build order:
  on_startup  note whether a preview server builds (problems then warn, never stop it)
  on_config   load the vocabularies
  on_files    read and validate every document, build the link graph, add generated pages
  on_page_*   hand MkDocs the normalized body and escaped metadata of each page
  on_env      expose template helpers, fix the theme's invalid markup
  on_post_page  hand each public document page to the search index (a second process)
  on_post_build write the search index
"""

from __future__ import annotations

import html
import os
import shutil
import time
from pathlib import Path

import markdown as markdown_lib
import mkdocs
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from . import addresses, graph, permalinks, privacy, sanitize, tables, theme_fixes
from .build.plan import Options, prepare, today
from .collect import load_vocabularies
from .config import LessonsConfig
from .issuer import Organisation, site_organisation
from .mkdocs_pages import WRITTEN, CorePages, guarded
from .model.document import Document
from .model.schema import Vocabularies
from .model.source import SourceError
from .model.vocab import Vocabulary
from .normalize.redactions import mark_up
from .originals import Original, published_bytes
from .outputs import crumbs, csl, diwoo, exports, followup_feeds, huisstijl, pdf, statement, urls
from .outputs.card import NEUTRAL as NEUTRAL_CARD
from .outputs.helpers import TemplateHelpers
from .outputs.pages import PageSpec, document_sections, home_context, lesson_sections
from .render_cache import RenderCache, fingerprint
from .search.pagefind import PagefindIndex, SearchIndexError

log = get_plugin_logger(__name__)


class LessonsPlugin(BasePlugin[LessonsConfig]):
    supports_multiple_instances = False
    serving = False  # a preview server (`mkdocs serve`, `lessons serve`) is building
    published_url = ""  # a preview's: the site_url of mkdocs.yml, which PDFs print

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A preview server must keep answering: what would stop a build only warns there.
        (`mkdocs serve` holds every request while a rebuild keeps raising.)"""
        self.serving = command == "serve"

    def _stop(self, message: str) -> None:
        if not self.serving:
            raise PluginError(message) from None
        log.warning(message.removeprefix("lessons: "))  # the plugin's logger says it

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the controlled vocabularies; a broken vocabulary stops the build."""
        self.docs_dir = Path(os.path.abspath(config.docs_dir))
        try:
            self.vocabs = load_vocabularies(self.docs_dir / self.config.vocabularies_dir)
        except SourceError as err:
            self._stop(err.message)
            self.vocabs = Vocabularies(Vocabulary("themes"), Vocabulary("stakeholders"))
        self.today = today(self.config.today)
        self.organisation = self._site_organisation(config)
        self.statement = self._statement(config)
        self.cache = None
        self.base_dir = Path(config.config_file_path or ".").resolve().parent
        self.card_style = NEUTRAL_CARD  # until the huisstijl gives its colours
        self.huisstijl_css = self._huisstijl(config)
        if self.config.cache:
            self.cache = RenderCache(
                self.base_dir / self.config.cache_dir / "render",
                fingerprint(mkdocs.__version__, markdown_lib.__version__,
                            config.markdown_extensions, config.mdx_configs,
                            config.use_directory_urls))
        # PDFs of documents and lessons (outputs/pdf.py), cached by content beside the bodies.
        self.pdf = pdf.PdfMaker(
            self.base_dir / self.config.cache_dir / "pdf" if self.config.cache else None,
            self.docs_dir)
        self.index: PagefindIndex | None = None
        self.options = Options(
            self.docs_dir, self.base_dir / self.config.sources_dir, self.config.documents_dir,
            self.config.vocabularies_dir, self.config.include_drafts, self.today,
            graph.Weights(self.config.theme_weight, self.config.stakeholder_weight),
            self._manifest() if self.config.manifest else None)
        return config

    def _site_organisation(self, config: MkDocsConfig) -> Organisation:
        """The organisation that runs the site (the `organisation` option, or by name the
        `publisher` option). Required: it is the author and publisher of every document
        that names none, and the website itself never is."""
        key = self.config.organisation
        found = self.vocabs.stakeholders.resolve(key) if key else None
        # content/vocabularies/stakeholders.yml: relative to mkdocs.yml where it can be.
        path = self.docs_dir / self.config.vocabularies_dir / "stakeholders.yml"
        project = Path(os.path.abspath(config.config_file_path or ".")).parent
        vocabulary = str(path.relative_to(project) if path.is_relative_to(project) else path)
        if key and found is None:
            near = self.vocabs.stakeholders.suggest(key)
            hint = f"did you mean '{near}'? " if near else ""
            self._stop(f"lessons: organisation: unknown organisation '{key}'; {hint}name a "
                       f"key of {vocabulary}")
        if not key and not self.config.publisher:
            self._stop("lessons: organisation: name the organisation that runs the site, a "
                       f"key of {vocabulary} (e.g. `organisation: ministerie-vws` under "
                       "`plugins: - lessons:` in mkdocs.yml)")
        # `publisher` by name; or, in a preview that warned, the site's name until
        # mkdocs.yml names the organisation.
        return site_organisation(self.vocabs.stakeholders, key,
                                 self.config.publisher or config.site_name,
                                 self.config.woo_publisher_uri,
                                 self.config.woo_publisher_name or "")

    def _statement(self, config: MkDocsConfig) -> dict | None:
        """The accessibility statement's facts and recorded checks (outputs/statement.py);
        a problem stops the build: the statement must not claim what they do not support."""
        folder = self.docs_dir / self.config.vocabularies_dir
        project = Path(os.path.abspath(config.config_file_path or ".")).parent
        shown = folder.relative_to(project) if folder.is_relative_to(project) else folder
        loaded, problems = statement.load(folder, str(shown))
        if problems:
            self._stop("lessons: " + "\n".join(str(p) for p in problems))
        return loaded

    def _huisstijl(self, config: MkDocsConfig) -> str:
        """The site's stylesheet from the `huisstijl` option (outputs/huisstijl.py)."""
        where = f"{Path(config.config_file_path or 'mkdocs.yml').name}: plugins: lessons: "
        chosen = self.config.huisstijl
        basis, tokens = chosen.get("basis", "nl-design-system"), chosen.get("tokens") or {}
        node_modules = huisstijl.find_node_modules(self.base_dir, self.config.node_modules)
        try:
            design = huisstijl.read_tokens((node_modules / huisstijl.TOKENS_CSS).read_text(
                encoding="utf-8")) if basis == "rijkshuisstijl" else {}
            look = huisstijl.choose(basis, tokens, design)
            self.card_style = huisstijl.card_style(look, design)
            return huisstijl.stylesheet(look, node_modules, design)
        except huisstijl.HuisstijlError as err:
            self._stop(f"lessons: {where}huisstijl: {err}")
        except FileNotFoundError as err:
            raise PluginError(
                f"lessons: {err.filename or err}: not found; the site's look needs the npm "
                f"packages of package.json: run `npm ci` (or `make site`) beside mkdocs.yml"
            ) from None
        return huisstijl.stylesheet(huisstijl.choose("nl-design-system", {}), node_modules)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Account for every file under docs_dir, read every document, publish only what
        is public and valid (the core's plan), give each its permanent URL."""
        plan = prepare(self.options, self.vocabs,
                       lambda path: files.get_file_from_path(path) is not None)
        for problem in plan.content.problems:
            log.warning(str(problem))
        for problem in plan.problems:
            log.warning(str(problem))
        for problem in plan.draft_problems:
            log.info(f"{problem} (a draft: not published)")
        publishable = plan.publishable
        for file in list(files):
            # Theme files and generated pages are not the editors'; everything from
            # docs_dir is published only when the inventory accounted for it.
            if (file.generated_by is None and _inside(file.abs_src_path, self.docs_dir)
                    and file.src_uri not in publishable):
                files.remove(file)
        for path in plan.withheld:
            files.remove(files.get_file_from_path(path))
            # The pictures `lessons import` wrote beside it are as unpublished as it is.
            _remove_under(files, path.removesuffix(".md") + "/")
        for path, doc in plan.documents.items():
            files.get_file_from_path(path).dest_uri = urls.document_dest(doc)
        self.plan = plan
        self.read: set[str] = set()  # pages whose Markdown MkDocs read (on_page_markdown)
        for uri in plan.generated:
            files.append(File.generated(config, uri, content=""))
        files.append(File.generated(config, "assets/huisstijl.css", content=self.huisstijl_css))
        # The content folder's own pages and files (home, about, images): public addresses.
        self.own = [addresses.own_address(f.dest_uri) for f in files
                    if _inside(f.abs_src_path, self.docs_dir)
                    and not f.inclusion.is_excluded() and f.src_uri not in self.documents]
        self.titles = {addresses.own_address(addresses.own_dest(spec.src_uri)): spec.title
                       for spec in plan.specs}
        pages = {f.url for f in files.documentation_pages()}
        self.redirects, problems = permalinks.check_redirects(
            permalinks.redirects(self.corpus), pages)
        for problem in problems:
            log.warning(str(problem))
        self.published = lambda uri: (f.dest_uri if (f := files.get_file_from_path(uri))
                                      else None)
        self._own_robots = files.get_file_from_path("robots.txt") is not None
        self._start_index()
        return files

    # What the plan holds, under the names the events use. A preview's update replaces
    # the plan's parts (mkdocs_update.py); nothing here keeps a copy of them.
    @property
    def documents(self) -> dict[str, Document]:
        return self.plan.documents

    @property
    def generated(self) -> dict[str, PageSpec]:
        return self.plan.generated

    @property
    def corpus(self) -> graph.Corpus:
        return self.plan.corpus

    @property
    def originals(self) -> dict[str, Original]:
        return self.plan.originals

    @property
    def pages(self) -> dict[str, str]:
        return self.plan.content.pages

    @property
    def page_meta(self) -> dict[str, dict]:
        return self.plan.content.page_meta

    @property
    def masked(self) -> set[str]:
        return self.plan.content.masked

    def _start_index(self) -> None:
        if self.index is not None:
            self.index.close()
        self.index = None
        if self.config.search:
            try:
                self.index = PagefindIndex({"force_language": "nl",
                                            "exclude_selectors": [".headerlink"]})
            except (OSError, SearchIndexError) as err:
                self._stop(f"search index: {err}")

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """We already hold the body; skip MkDocs' own file read and YAML parse."""
        uri = page.file.src_uri
        if uri in self.documents or uri in self.generated:
            return ""
        return None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Give MkDocs the metadata that is safe in any template; a document's or generated
        page's body is the core's to render (mkdocs_pages.py), not MkDocs' page loop's."""
        uri = page.file.src_uri
        self.read.add(uri)
        if uri in self.documents:
            doc = self.documents[uri]
            page.meta = {"title": doc.title, "description": doc.summary,
                         "template": doc.kind.template}
        elif uri in self.generated:
            spec = self.generated[uri]
            page.meta = {"title": spec.title, "description": spec.description,
                         "template": spec.template}
        else:
            # The theme prints page metadata (subtitle, status, icon, template ...) in every
            # page's header and menu, unescaped: only the inventory's plain fields pass.
            page.meta = dict(self.page_meta.get(uri, {}))
            if page.is_homepage:
                page.meta["template"] = "lessons-home.html"
            elif uri == statement.PAGE and self.statement is not None:
                page.meta["template"] = statement.TEMPLATE
        _escape_meta(page)
        if uri in self.documents or uri in self.generated:
            page.render = _rendered_later(page)  # type: ignore[method-assign]
            return ""
        if uri in self.masked:  # personal data on a page of the site's own (reported)
            markdown = privacy.mask(markdown, set())
        path, _, first_line, _ = self._source_of(uri)
        _guard_render(page, path, first_line)
        return markdown

    def body_of(self, uri: str) -> tuple[str, str | None, int]:
        """(Markdown, source path, its first line) of a page the core renders; a
        generated page has no source (None): its text is made from escaped values."""
        doc = self.documents.get(uri)
        if doc is not None:
            return mark_up(doc.body), doc.path, doc.body_line
        return html.escape(self.generated[uri].description, quote=False), None, 0

    def publish_body(self, uri: str, rendered: str) -> str:
        """Publish only what the sanitizer allows; report what it removes (strict fails)."""
        path, source, first_line, allowed = self._source_of(uri)
        cleaned, problems = sanitize.publish(path, rendered, source, first_line, allowed)
        for problem in problems:
            log.warning(str(problem))
        return tables.scrollable(cleaned)

    def page_files(self, uri: str) -> dict[str, str]:
        """The files that go with a page (site path to text): a document's citation
        files and its lessons' citation files and cards."""
        doc = self.documents.get(uri)
        if doc is None:
            return {}
        return exports.document_downloads(doc, self.helpers.cite, self.site)

    def page_pdf(self, uri: str, body_html: str, dest_uri: str,
                 site_dir: Path) -> pdf.Made | None:
        """Write the PDF of a document page (from its published body) or of a lesson page
        into the site; what the page's download link shows. None for other pages."""
        helpers = self._print_helpers()
        doc = self.documents.get(uri)
        spec = self.generated.get(uri)
        if doc is not None:
            printable = pdf.document_printable(
                doc, body_html, helpers.cite(doc), helpers.issuer(doc), self.site.name,
                helpers.theme_labels(doc.themes), helpers.stakeholder_labels(doc.stakeholders),
                pdf.image_resolver(self.docs_dir, dest_uri))
            path = urls.document_pdf(doc.id)
        elif spec is not None and "lesson" in spec.context and "doc" in spec.context:
            lesson, doc = spec.context["lesson"], spec.context["doc"]
            printable = pdf.lesson_printable(
                lesson, doc, helpers.cite(doc, lesson),
                helpers.absolute(urls.document(doc.id)), helpers.issuer(doc), self.site.name,
                helpers.theme_labels(lesson.themes),
                helpers.stakeholder_labels(lesson.stakeholders))
            path = urls.lesson_pdf(lesson.id)
        else:
            return None
        return pdf.Made(path, self.pdf.write(printable, site_dir / path))

    def _citation_cache(self) -> Path | None:
        return self.base_dir / self.config.cache_dir / "citations" if self.config.cache else None

    def _print_helpers(self) -> TemplateHelpers:
        """The helpers whose addresses a PDF prints: a preview serves its pages on
        127.0.0.1, but the PDF carries the permanent address of the published site."""
        if not (self.serving and self.published_url):
            return self.helpers
        found = getattr(self, "_printing", None)
        if found is None or found[0] is not self.helpers:
            # The same citation cache: helpers set it for the whole process (csl.use_cache).
            printing = TemplateHelpers(self.vocabs, self.corpus, self.published_url,
                                       self.organisation, self.site.name,
                                       self.config.licence, self._citation_cache())
            found = self._printing = (self.helpers, printing)
        return found[1]

    def search_entry(self, page: Page, output: str) -> tuple[str, str] | None:
        """(address, HTML) when the page is a search result of its own: a public document
        or a searchable generated page (a lesson); drafts in a preview never are."""
        uri = page.file.src_uri
        doc = self.documents.get(uri)
        spec = self.generated.get(uri)
        if ((doc is not None and doc.is_public(self.today))
                or (spec is not None and spec.searchable)):
            return "/" + page.url, output
        return None

    def _source_of(self, uri: str) -> tuple[str, str, int, set[str]]:
        """(path in messages, Markdown source, its first line, allowed personal values)
        of a document or a page of the site's own."""
        doc = self.documents.get(uri)
        if doc is not None:
            return doc.path, doc.body, doc.body_line, privacy.allowed_values(doc)
        return uri, self.pages.get(uri, ""), 1, set()

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Publish only what the sanitizer allows on the site's own pages (the core does
        the same for the pages it renders)."""
        uri = page.file.src_uri
        if uri in self.documents or uri in self.generated:
            return html
        return self.publish_body(uri, html)

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.meta.get("template") == WRITTEN:
            return ""  # the core wrote it (mkdocs_pages.py); MkDocs writes nothing
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        written = set(self.core.site_written)  # feeds, exports and sitemaps (on_env)
        for doc_id, found in sorted(self.originals.items()):
            if found.path is not None:
                target = site_dir / urls.document(doc_id) / f"origineel{found.path.suffix}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(published_bytes(found.path))
        # After the files, so a redirect can be checked against every file the build wrote.
        for problem in permalinks.write_redirects(self.redirects, site_dir,
                                                  config.site_url or ""):
            log.warning(str(problem))
        listed = addresses.site_addresses(
            self.corpus, self.vocabs, own=self.own,
            originals={doc_id: found.path.suffix for doc_id, found in self.originals.items()
                       if found.path is not None},
            woo=bool(self.organisation.tooi), robots="robots.txt" in written,
            kept=self.plan.kept)
        self._write_moved(listed, site_dir, config.site_url or "")
        # What `lessons manifest` records must be what a build writes.
        unwritten = [a.path for a in listed if not permalinks.served(a.path, site_dir)]
        if unwritten:
            log.warning(f"addresses.py lists {len(unwritten)} address(es) this build did not "
                        f"write: {', '.join('/' + u for u in unwritten[:10])}; a bug in the "
                        f"lessons plugin, please report it")
        if self.config.manifest:
            manifest = self._manifest()
            entries = permalinks.read_manifest(manifest)
            gone = [e for e in entries if not permalinks.served(e, site_dir)]
            if gone:
                self._stop(permalinks.missing_message(gone, manifest))
        if self.index is not None:
            index, self.index = self.index, None
            try:
                index.write(site_dir / "pagefind")
            except SearchIndexError as err:
                self._stop(f"search index: {err}")

    def site_files(self, config: MkDocsConfig) -> dict[str, str]:
        """Feeds, open data, DiWoo sitemaps and robots.txt: site path to text. (Each
        document's citation files and lesson cards are written with its page.)"""
        site = self.site
        files = {**exports.feeds(self.corpus, self.vocabs, site),
                 **followup_feeds.feeds(self.corpus, self.vocabs, site),
                 **exports.api(self.corpus, self.vocabs, site, self.helpers.cite)}
        if self.organisation.tooi:
            files.update(diwoo.sitemaps(self.corpus, self.vocabs, site.absolute,
                                        self.organisation))
            for note in diwoo.notes(self.corpus, self.vocabs, self.organisation):
                log.info(note)
        # An editor's own robots.txt in the content wins; sitemaps need absolute addresses.
        if not self._own_robots and config.site_url:
            files["robots.txt"] = diwoo.robots(site.absolute, files)
        return files

    def _manifest(self) -> Path:
        return self.base_dir / self.config.manifest

    def _write_moved(self, listed: list[addresses.Address], site_dir: Path,
                     site_url: str) -> None:
        """The old addresses of renamed documents, lessons and terms keep answering: a
        redirect page for a page, the same bytes for a file (a static site cannot
        redirect a file). Document and lesson pages are permalinks.redirects' job."""
        accepted = {r.source for r in self.redirects}
        entity = {addresses.DOCUMENT, addresses.LESSON}
        root = site_dir.resolve()
        for move in addresses.moved(listed, addresses.renames(self.corpus, self.vocabs)):
            target = site_dir / move.source
            if move.target.is_page:
                if entity & set(move.changed):
                    continue
                target = target / "index.html"
            elif entity & set(move.changed) and (
                    move.source.rpartition("/")[0] + "/" not in accepted):
                continue  # the folder's redirect was refused (a problem is reported)
            if target.exists() or not target.resolve().is_relative_to(root):
                continue  # never replace what the site builds; never write outside it
            target.parent.mkdir(parents=True, exist_ok=True)
            if move.target.is_page:
                target.write_text(permalinks.moved_page(
                    move.source, move.target.path, self.titles.get(move.target.path, ""),
                    site_url), encoding="utf-8")
            else:
                shutil.copyfile(site_dir / move.target.path, target)

    def on_build_error(self, error: Exception) -> None:
        index = getattr(self, "index", None)
        if index is not None:
            index.close()
            self.index = None

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Templates call `lessons.*` for labels, URLs and Dates. Every page MkDocs has read
        is known now: the core renders its own pages on every core (mkdocs_pages.py)."""
        theme_fixes.fix_theme(env)  # before any template is loaded
        env.globals["lessons"] = TemplateHelpers(
            self.vocabs, self.corpus, config.site_url or "", self.organisation,
            config.site_name, self.config.licence, self._citation_cache())
        self.helpers = env.globals["lessons"]
        self.helpers.card_style = self.card_style
        # The frame of every page: the header's organisation, the footer's licence, the
        # breadcrumbs' titles (site_src/partials/).
        env.globals["huisstijl"] = {"organisation": self.organisation.name,
                                    "basis": self.config.huisstijl.get("basis",
                                                                       "nl-design-system"),
                                    "licence": self.config.licence,
                                    "licence_url": self.config.licence_url}
        titles = {page.url: page.title for page in (f.page for f in files.documentation_pages())
                  if page is not None and page.title}
        env.globals["lessons_trail"] = lambda url: crumbs.trail(url, titles)
        self.site = exports.Site((config.site_url or "/").rstrip("/") + "/", config.site_name,
                                 self.organisation, self.config.licence,
                                 self.config.licence_url, self.card_style)
        # Every reference in one engine run, before the page workers fork (csl.py).
        started = time.perf_counter()
        try:
            cited = self.helpers.prepare_citations()
            if self._print_helpers() is not self.helpers:
                # A preview's PDFs cite the published addresses (page_pdf): their references
                # too in this one run, or each page worker would run the engine per PDF.
                printed = self._print_helpers().prepare_citations()
                cited.formatted, cited.cached = (cited.formatted + printed.formatted,
                                                 cited.cached + printed.cached)
            log.info(f"citations: {cited.formatted} formatted, {cited.cached} from the cache "
                     f"({time.perf_counter() - started:.1f} s)")
        except csl.CitationError as err:
            self._stop(str(err))
            csl.without_engine()  # a preview keeps serving, with a placeholder per reference
        self.core = core = CorePages(self, env, config, files, self.nav,
                                     keep_search=self.serving)
        # The pages MkDocs read this build: all of them, but for `--dirty`, which leaves
        # the pages of unchanged files as they are.
        core.render([uri for uri in [*self.documents, *self.generated] if uri in self.read],
                    site_files=True)
        if self.index is not None:  # it builds while MkDocs writes the rest
            self.index.finish_early()
        if self.cache is not None:
            log.info(f"{core.hits + core.misses} document bodies: {core.misses} converted, "
                     f"{core.hits} from the render cache ({self.cache.folder})")
        if core.pdf_hits + core.pdf_misses:
            log.info(f"{core.pdf_hits + core.pdf_misses} PDFs: {core.pdf_misses} made, "
                     f"{core.pdf_hits} from the cache")
        log.debug(f"{core.filled} pages filled into the theme rendered once per page shape")
        return env

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """The data each template renders; values are escaped in the templates."""
        uri = page.file.src_uri
        if page.meta.get("template") == WRITTEN:
            return context
        if uri in self.documents:
            doc = self.documents[uri]
            context["doc"] = doc
            context["related"] = self.corpus.related(doc, self.config.related_count)
            context["backlinks"] = self.corpus.backlinks.get(doc.id, [])
            context["preview"] = not doc.is_public(self.today)
            context["original"] = self.originals.get(doc.id)
            _add_sections(page, document_sections(
                doc, bool(self.helpers.follows(doc)), bool(context["related"]),
                bool(context["backlinks"])))
        elif uri in self.generated:
            context.update(self.generated[uri].context)
            if "lesson" in context and "doc" in context:
                _add_sections(page, lesson_sections(
                    self.helpers.record(context["lesson"]) is not None,
                    bool(context.get("related_lessons"))))
        elif page.is_homepage:
            context.update(home_context(self.corpus, self.vocabs))
        elif uri == statement.PAGE and self.statement is not None:
            context["statement"] = statement.context(
                self.statement, self.organisation.name, config.site_name,
                config.site_url or "")
        return context


def _add_sections(page: Page, sections: list[tuple[str, str]]) -> None:
    """The page's own sections below its body (citing, lessons ...) in its table of
    contents, after the body's headings: the theme lists only those."""
    present = {item.id for item in page.toc.items}
    page.toc.items.extend(AnchorLink(title, anchor, 2) for anchor, title in sections
                          if anchor not in present)


def _rendered_later(page: Page):
    """MkDocs' page loop does not convert a page the core renders (see on_env)."""
    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""
    return render


def _remove_under(files: Files, folder: str) -> None:
    for file in [f for f in files if f.src_uri.startswith(folder)]:
        files.remove(file)


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and Path(os.path.abspath(path)).is_relative_to(
        Path(os.path.abspath(folder)))


def _guard_render(page: Page, path: str, line: int) -> None:
    """A body of the site's own pages is converted as the core converts documents."""
    render = page.render

    def checked(config: MkDocsConfig, files: Files) -> None:
        guarded(lambda: render(config, files), page, path, line)
    page.render = checked  # type: ignore[method-assign]


def _escape_meta(page: Page) -> None:
    # mkdocs-material prints title, description and author unescaped; escaping
    # them once here makes every theme template safe for content values.
    for key in ("title", "description", "author"):
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
