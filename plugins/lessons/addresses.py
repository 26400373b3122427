"""Every address the site publishes, as plain data.

One list, shared by the build's guard (plugin.py), `lessons manifest` and `lessons check`:
what published-urls.txt records, and what a build may never drop. An address is a page
('themas/preventie/', the home page '') or a file ('documenten/x/citeer.bib').

Each address keeps the template it was made from and the ids and keys it holds, so a
renamed document, lesson or vocabulary term can name the old form of every address it
owned (`moved`): its page redirects, and its files (feeds, citations, PDFs, originals, cards)
are written again at the old address, since a static site cannot redirect a file.

The lists mirror outputs/pages.py, outputs/browse.py, outputs/exports.py,
outputs/followup_feeds.py, outputs/diwoo.py and plugin.py; tests/build/test_addresses.py
walks a built site and fails when they part.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .graph import Corpus
from .model.kinds import KINDS
from .model.schema import Vocabularies
from .outputs import diwoo, followup_feeds, urls
from .outputs.followup_pages import FOLLOW_UP

# Parameters an address can hold, and the vocabulary or entity that owns their values.
DOCUMENT, LESSON, THEME, STAKEHOLDER = "document", "lesson", "theme", "stakeholder"
CITATION_FILES = ("citeer.bib", "citeer.ris", "citeer.json")
CARD_FILE = "kaart.html"
FEED_FORMATS = ("xml", "json")
API_FILES = ("api/documents.json", "api/lessons.json", "api/lifecycle.json",
             "api/schema/documents.schema.json", "api/schema/lessons.schema.json",
             "api/schema/lifecycle.schema.json")
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_BROWSE_CELL = re.compile(rf"^{urls.BROWSE}/({_SLUG})/({_SLUG})/\Z")
_LANDSCAPE_CELL = re.compile(rf"^{urls.LANDSCAPE}/({_SLUG})/({_SLUG})/\Z")
_YEAR = re.compile(rf"^{urls.YEARS}/([0-9]{{4}})/\Z")


@dataclass(frozen=True)
class Address:
    template: str  # "feeds/themas/{theme}/lessen.xml"; literal braces are doubled
    params: tuple[tuple[str, str], ...] = ()  # (("theme", "preventie"),)

    @property
    def path(self) -> str:
        return self.template.format_map(dict(self.params))

    @property
    def is_page(self) -> bool:
        return is_page(self.path)

    def with_values(self, values: Mapping[str, str]) -> str:
        return self.template.format_map({**dict(self.params), **values})


def is_page(path: str) -> bool:
    return path == "" or path.endswith("/")


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _at(template: str, **params: str) -> Address:
    return Address(template, tuple(params.items()))


def own_address(dest_uri: str) -> str:
    """Where MkDocs puts a file of the content folder: 'over/index.html' -> 'over/'."""
    if dest_uri == "index.html":
        return ""
    if dest_uri.endswith("/index.html"):
        return dest_uri.removesuffix("index.html")
    return dest_uri


def own_dest(src_uri: str) -> str:
    """MkDocs' destination of a content file (use_directory_urls): 'over.md' ->
    'over/index.html', 'a/index.md' -> 'a/index.html', 'logo.png' -> 'logo.png'."""
    if not src_uri.endswith(".md"):
        return src_uri
    folder, _, name = src_uri.rpartition("/")
    stem = name.removesuffix(".md")
    prefix = folder + "/" if folder else ""
    if stem in ("index", "README"):
        return prefix + "index.html"
    return f"{prefix}{stem}/index.html"


def site_addresses(corpus: Corpus, vocabs: Vocabularies, *, own: Iterable[str] = (),
                   originals: Mapping[str, str] | None = None, woo: bool = False,
                   robots: bool = False, kept: Iterable[Address] = ()) -> list[Address]:
    """Every public address of a build of `corpus` (public, valid documents only).

    own: addresses of the content folder's own pages and files (home, about, ...);
    originals: document id -> suffix of the original published next to it;
    woo: the DiWoo sitemaps are written; robots: the build writes robots.txt;
    kept: listings published before that are empty now (see `kept`)."""
    out = [Address(_literal(path)) for path in own]
    out += kept
    out += _term_pages(vocabs)
    out += _documents(corpus, originals or {})
    out += _lessons(corpus)
    out.append(Address(f"{urls.KINDS}/"))
    out += [Address(_literal(urls.kind(kind))) for kind in KINDS.values()]
    out.append(Address(f"{urls.YEARS}/"))
    out += [Address(urls.year(year)) for year in sorted(corpus.years)]
    out.append(Address(f"{urls.SEARCH}/"))
    out += _browse(corpus, vocabs)
    out += _follow_up(vocabs)
    out += _feeds(vocabs)
    out += [Address(path) for path in API_FILES]
    if woo:
        out += _sitemaps(corpus)
    if robots:
        out.append(Address("robots.txt"))
    unique: dict[str, Address] = {}
    for address in out:
        unique.setdefault(address.path, address)
    return sorted(unique.values(), key=lambda a: a.path)


def _term_pages(vocabs: Vocabularies) -> list[Address]:
    out = []
    for base, vocab, param in ((urls.THEMES, vocabs.themes, THEME),
                               (urls.STAKEHOLDERS, vocabs.stakeholders, STAKEHOLDER)):
        out.append(Address(f"{base}/"))
        out += [_at(f"{base}/{{{param}}}/", **{param: term.key}) for term in vocab]
    return out


def _documents(corpus: Corpus, originals: Mapping[str, str]) -> list[Address]:
    out = []
    for doc in corpus.documents:
        folder = f"{urls.DOCUMENTS}/{{{DOCUMENT}}}/"
        out.append(_at(folder, document=doc.id))
        out += [_at(folder + name, document=doc.id) for name in CITATION_FILES]
        out.append(_at(_literal(urls.document_pdf("\0")).replace("\0", f"{{{DOCUMENT}}}"),
                       document=doc.id))
        if doc.id in originals:
            out.append(_at(folder + "origineel" + _literal(originals[doc.id]),
                           document=doc.id))
    return out


def _lessons(corpus: Corpus) -> list[Address]:
    out = [Address(f"{urls.LESSONS}/")]
    folder = f"{urls.LESSONS}/{{{LESSON}}}/"
    for lesson in corpus.lessons:
        out.append(_at(folder, lesson=lesson.id))
        out += [_at(folder + name, lesson=lesson.id) for name in (*CITATION_FILES, CARD_FILE)]
        out.append(_at(_literal(urls.lesson_pdf("\0")).replace("\0", f"{{{LESSON}}}"),
                       lesson=lesson.id))
    return out


def _browse(corpus: Corpus, vocabs: Vocabularies) -> list[Address]:
    """Kind x theme cells (browse.browse_pages) and organisation x theme cells
    (browse.landscape_pages): only non-empty cells have a page."""
    out = [Address(f"{urls.BROWSE}/"), Address(f"{urls.LANDSCAPE}/")]
    for term in vocabs.themes:
        kinds = {doc.kind.slug for doc in corpus.themes.get(term.key, [])}
        out += [_at(f"{urls.BROWSE}/{{{THEME}}}/{_literal(slug)}/", theme=term.key)
                for slug in sorted(kinds)]
    for holder in vocabs.stakeholders:
        themes = {key for doc in corpus.stakeholders.get(holder.key, []) for key in doc.themes
                  if key in vocabs.themes.terms}
        out += [_at(f"{urls.LANDSCAPE}/{{{STAKEHOLDER}}}/{{{THEME}}}/",
                    stakeholder=holder.key, theme=key) for key in sorted(themes)]
    return out


def _follow_up(vocabs: Vocabularies) -> list[Address]:
    """followup_pages.follow_up_pages: the overview and a page for every lesson state,
    also an empty one (state keys are permanent, lifecycle.yml)."""
    return [Address(f"{FOLLOW_UP}/"), *(Address(f"{FOLLOW_UP}/{_literal(state.key)}/")
                                        for state in vocabs.lifecycle.lesson)]


def _feeds(vocabs: Vocabularies) -> list[Address]:
    """exports.feeds and followup_feeds.feeds: the site's three feeds, three per theme
    and one per organisation, each in both formats. Every term has them, empty or not."""
    names = ("documenten", "lessen", followup_feeds.NAME)
    out = [Address(f"feeds/{name}.{ext}") for name in names for ext in FEED_FORMATS]
    for term in vocabs.themes:
        out += [_at(f"feeds/{urls.THEMES}/{{{THEME}}}/{name}.{ext}", theme=term.key)
                for name in names for ext in FEED_FORMATS]
    for term in vocabs.stakeholders:
        out += [_at(f"feeds/{urls.STAKEHOLDERS}/{{{STAKEHOLDER}}}/{followup_feeds.NAME}.{ext}",
                    stakeholder=term.key) for ext in FEED_FORMATS]
    return out


def _sitemaps(corpus: Corpus) -> list[Address]:
    counts: dict[str, int] = {}
    for doc in corpus.documents:
        if doc.kind.woo_category:
            counts[doc.kind.woo_category] = counts.get(doc.kind.woo_category, 0) + 1
    out = []
    for key, count in counts.items():
        category = diwoo.CATEGORIES[key]
        out.append(Address(diwoo.index_name(category)))
        out += [Address(f"sitemaps/sitemap-diwoo-infocat{category.number:03d}-{part}.xml")
                for part in range(1, math.ceil(count / diwoo.MAX_URLS) + 1)]
    return out


def kept(entries: Iterable[str], vocabs: Vocabularies) -> list[Address]:
    """Listings a manifest names that exist only while a document is in them: a browse
    cell (theme x kind), a landscape cell (organisation x theme), a year. Once
    published, such an address keeps answering, as an empty listing, as long as its
    terms and kind exist; a renamed term moves it along (redirect_from)."""
    slugs = {kind.slug for kind in KINDS.values()}
    # Current key of a key or a former key (redirect_from): a cell both emptied and
    # renamed is kept under its new key, and `moved` leads its old address there.
    themes = {**{old: t.key for t in vocabs.themes for old in t.redirect_from},
              **{t.key: t.key for t in vocabs.themes}}
    holders = {**{old: t.key for t in vocabs.stakeholders for old in t.redirect_from},
               **{t.key: t.key for t in vocabs.stakeholders}}
    out = []
    for entry in entries:
        if (match := _BROWSE_CELL.match(entry)) and match[1] in themes and match[2] in slugs:
            out.append(_at(f"{urls.BROWSE}/{{{THEME}}}/{match[2]}/", theme=themes[match[1]]))
        elif (match := _LANDSCAPE_CELL.match(entry)) and match[1] in holders and (
                match[2] in themes):
            out.append(_at(f"{urls.LANDSCAPE}/{{{STAKEHOLDER}}}/{{{THEME}}}/",
                           stakeholder=holders[match[1]], theme=themes[match[2]]))
        elif _YEAR.match(entry):
            out.append(Address(entry))
    return list({address.path: address for address in out}.values())


# Renames --------------------------------------------------------------------------


def renames(corpus: Corpus, vocabs: Vocabularies) -> dict[str, dict[str, tuple[str, ...]]]:
    """parameter -> current value -> former values, from every `redirect_from`.

    The schema reduces a document's or lesson's entries to former ids."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}

    def former(param: str, current: str, entries: Iterable[str]) -> None:
        old = tuple(entry for entry in entries if entry != current)
        if old:
            found.setdefault(param, {})[current] = old

    for doc in corpus.documents:
        former(DOCUMENT, doc.id, doc.redirect_from)
        for lesson in doc.lessons:
            former(LESSON, lesson.id, lesson.redirect_from)
    for param, vocab in ((THEME, vocabs.themes), (STAKEHOLDER, vocabs.stakeholders)):
        for term in vocab:
            if term.redirect_from:
                found.setdefault(param, {})[term.key] = term.redirect_from
    return found


@dataclass(frozen=True)
class Moved:
    source: str  # the old address, e.g. "feeds/themas/oude-sleutel/lessen.xml"
    target: Address  # what now stands there
    changed: tuple[str, ...]  # the parameters that took a former value


def moved(addresses: Iterable[Address],
          former: Mapping[str, Mapping[str, tuple[str, ...]]]) -> list[Moved]:
    """Every old form of every address: each combination of current and former values
    of its parameters, except the current one. An old form that is itself a published
    address is skipped: what the site builds is never replaced."""
    addresses = list(addresses)
    published = {a.path for a in addresses}
    out: dict[str, Moved] = {}
    for address in addresses:
        params = dict(address.params)
        options = [[(name, value)] + [(name, old) for old in
                                      former.get(name, {}).get(value, ())]
                   for name, value in params.items()]
        for combination in itertools.product(*options):
            changed = tuple(name for name, value in combination if value != params[name])
            if not changed:
                continue
            source = address.with_values(dict(combination))
            if source not in published:
                out.setdefault(source, Moved(source, address, changed))
    return sorted(out.values(), key=lambda m: m.source)


def paths(addresses: Iterable[Address]) -> set[str]:
    return {a.path for a in addresses}
