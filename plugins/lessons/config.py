"""Options of the `lessons` MkDocs plugin (mkdocs.yml: plugins: - lessons: ...)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class HuisstijlConfig(Config):
    """The site's look (outputs/huisstijl.py). `rijkshuisstijl` only for central government
    (VWS, RIVM); any other organisation takes `nl-design-system` with its own tokens, e.g.
    `tokens: {primary: '#00589c', font_family: 'Open Sans, Arial, sans-serif'}`. Tokens are
    checked (a colour is a hex colour; contrast WCAG AA) when the build starts."""

    basis = opt.Choice(("rijkshuisstijl", "nl-design-system"), default="nl-design-system")
    tokens = opt.Type(dict, default={})


class LessonsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folders relative to docs_dir.
    documents_dir = opt.Type(str, default="documenten")
    vocabularies_dir = opt.Type(str, default="vocabularies")
    # Related documents: how many, and how much a shared theme / stakeholder weighs.
    related_count = opt.Type(int, default=5)
    theme_weight = opt.Type(int, default=2)
    stakeholder_weight = opt.Type(int, default=1)
    # Preview builds for reviewers: drafts and documents under embargo are built, marked.
    include_drafts = opt.Type(bool, default=False)
    # The date against which embargoes (publish_after) are checked; default: today.
    today = opt.Optional(opt.Type(str))
    # Rendered document bodies are kept between builds (see render_cache.py);
    # the folder is relative to mkdocs.yml.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/lessons")
    # Where imported originals are kept ('source.file: sources/...'), relative to
    # mkdocs.yml; only files in it are ever published as a document's original.
    sources_dir = opt.Type(str, default="sources")
    # The pagefind search index, built while pages are rendered.
    search = opt.Type(bool, default=True)
    # The committed list of every published address (relative to mkdocs.yml); the build
    # fails when one would disappear. Empty: no check (test corpora, first setup).
    manifest = opt.Type(str, default="published-urls.txt")
    # The organisation that runs the site: a key of stakeholders.yml. Required (or
    # `publisher`): it publishes the documents that name no `organisation:` of their own
    # (the website itself never does), and it is the Woo-index's publisher when its term
    # has a `tooi:` address.
    organisation = opt.Type(str, default="")
    # The organisation's name instead, for one that is no term of stakeholders.yml.
    publisher = opt.Optional(opt.Type(str))
    # Licence of the texts, stated in feeds and the JSON export.
    licence = opt.Type(str, default="CC-BY-4.0")
    licence_url = opt.Type(str, default="https://creativecommons.org/licenses/by/4.0/")
    # The Woo-index: the site's body as a TOOI organisation address, where its term in
    # stakeholders.yml has no `tooi:`; with one, the build writes DiWoo sitemaps and lists
    # them in robots.txt. Empty: none.
    woo_publisher_uri = opt.Type(str, default="")
    woo_publisher_name = opt.Optional(opt.Type(str))  # default: publisher
    # The look: basis and tokens (see HuisstijlConfig).
    huisstijl = opt.SubConfig(HuisstijlConfig)
    # Where `npm ci` put the design tokens and components, relative to mkdocs.yml (the
    # default is also looked for in the folders above it, as Node does).
    node_modules = opt.Type(str, default="node_modules")
