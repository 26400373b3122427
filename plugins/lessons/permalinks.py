"""Permanent addresses: redirects for renamed ids and the manifest of published URLs.

Journals cite our URLs for years. A URL may change only through `redirect_from` (the
old id or old address, in the front-matter of the document or lesson that took its
place), and the committed manifest remembers every address ever published, so a build
that would drop one fails instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .graph import Corpus
from .model.document import Document, Problem
from .outputs import urls

MANIFEST_HEADER = """\
# Every address this site has published: pages end with '/', files are named by their
# path. The build fails when one of them is neither written nor redirected. Update with
# `lessons manifest`; never remove a line to make a build pass. After a rename, give the
# new one the old name in 'redirect_from': a document or lesson in its front-matter, a
# theme or organisation in content/vocabularies/*.yml. Its pages then redirect, and its
# files (citations, original, card, feeds) are written at the old address as well.
"""


@dataclass(frozen=True)
class Redirect:
    source: str  # site-relative address that moved, e.g. "documenten/oude-id/"
    target: str  # site-relative address it moved to
    title: str
    doc: Document
    field: str  # front-matter key that asked for it, for error messages


def redirects(corpus: Corpus) -> list[Redirect]:
    out = []
    for doc in corpus.documents:
        for entry in doc.redirect_from:
            # The schema reduced every entry to an old id, so a source is always one
            # folder under its section: nothing can be written outside the site.
            out.append(Redirect(urls.document(entry), urls.document(doc.id),
                                doc.title, doc, "redirect_from"))
        for index, lesson in enumerate(doc.lessons):
            for entry in lesson.redirect_from:
                out.append(Redirect(urls.lesson(entry), urls.lesson(lesson.id),
                                    lesson.statement, doc, f"lessons.{index}.redirect_from"))
    return out


def check_redirects(found: list[Redirect], pages: set[str]) -> tuple[list[Redirect],
                                                                     list[Problem]]:
    """Redirects that may be written, and problems for those that would hide a page or
    clash with another redirect. `pages` holds the site-relative addresses of all pages."""
    usable, problems, seen = [], [], {}
    for redirect in found:
        line = redirect.doc.lines.get(redirect.field, redirect.doc.lines.get("id", 1))
        if redirect.source in pages:
            problems.append(Problem(redirect.doc.path, line, redirect.field,
                                    f"'/{redirect.source}' is the address of a page that "
                                    f"exists; a redirect may only replace an address "
                                    f"that is gone"))
        elif redirect.source in seen and seen[redirect.source].target != redirect.target:
            problems.append(Problem(redirect.doc.path, line, redirect.field,
                                    f"'/{redirect.source}' already redirects to "
                                    f"'/{seen[redirect.source].target}' "
                                    f"({seen[redirect.source].doc.path})"))
        else:
            seen[redirect.source] = redirect
            usable.append(redirect)
    return usable, problems


def redirect_page(redirect: Redirect, site_url: str) -> str:
    """A static page that sends browsers and crawlers on; works without JavaScript."""
    return moved_page(redirect.source, redirect.target, redirect.title, site_url)


def moved_page(source: str, target: str, title: str, site_url: str) -> str:
    """The redirect page at `source` (a page address) leading to `target`."""
    depth = source.strip("/").count("/") + 1
    relative = "../" * depth + target
    absolute = site_url.rstrip("/") + "/" + target if site_url else relative
    title = html.escape(title)
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Verplaatst: {title}</title>\n"
        f'<link rel="canonical" href="{html.escape(absolute)}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={html.escape(relative)}">\n'
        "</head>\n<body>\n"
        f'<p>Deze pagina is verplaatst naar <a href="{html.escape(relative)}">{title}</a>.</p>\n'
        "</body>\n</html>\n")


def write_redirects(found: Iterable[Redirect], site_dir: Path, site_url: str) -> list[Problem]:
    """Write each redirect page; one that would leave the site or replace a file the
    build wrote is not written but returned as a problem (a second line of defence: the
    schema already admits only old ids)."""
    root = site_dir.resolve()
    problems = []
    for redirect in found:
        target = (site_dir / redirect.source / "index.html").resolve()
        line = redirect.doc.lines.get(redirect.field, redirect.doc.lines.get("id", 1))
        if not target.is_relative_to(root) or target.exists():
            problems.append(Problem(redirect.doc.path, line, redirect.field,
                                    f"'/{redirect.source}' is an address the site already "
                                    f"uses (or lies outside it); it is not redirected"))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_page(redirect, site_url), encoding="utf-8")
    return problems


def read_manifest(path: Path) -> list[str]:
    """Site-relative addresses: '/' is the home page '', '/x/' a page 'x/', '/x/y.bib' a
    file. A line naming a place outside the site is kept as written, so it is reported
    as missing instead of being looked up."""
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line.lstrip("/"))
    return entries


def write_manifest(path: Path, entries: Iterable[str]) -> None:
    lines = sorted({"/" + e.lstrip("/") for e in entries})
    path.write_text(MANIFEST_HEADER + "\n".join(lines) + "\n", encoding="utf-8")


def served(entry: str, site_dir: Path) -> bool:
    """Whether a built site answers at a manifest address (a page or a file)."""
    parts = entry.split("/")
    if ".." in parts or "\\" in entry or ":" in entry:
        return False
    target = site_dir / entry / "index.html" if entry == "" or entry.endswith("/") else (
        site_dir / entry)
    return target.is_file()


def missing(manifest: Iterable[str], available: set[str]) -> list[str]:
    """Manifest addresses that this build would neither serve nor redirect."""
    return sorted(set(manifest) - available)


# What makes an address disappear, by where it lives, and how to keep it; first match.
_FIXES = (
    (r"documenten/[^/]+/origineel\.[^/]+", "for an original: restore the file named in "
     "'source.file' under sources/ (it is published only while the privacy check finds "
     "nothing in it)"),
    (r"documenten/.*", "for a document: restore it, or add its old id to 'redirect_from' "
     "of the document that replaces it"),
    (r"lessen/.*", "for a lesson: restore it, or add its old id to 'redirect_from' of the "
     "lesson that replaces it"),
    (r"(themas|feeds/themas|bladeren)/.*", "for a theme: restore its key, or add the old "
     "key to 'redirect_from' of the theme that replaces it in "
     "content/vocabularies/themes.yml"),
    (r"(organisaties|feeds/organisaties)/.*", "for an organisation: restore its key, or "
     "add the old key to 'redirect_from' of the organisation that replaces it in "
     "content/vocabularies/stakeholders.yml"),
    (r"overzicht/.*", "for an organisation x theme cell: restore the keys, or add the old "
     "key to 'redirect_from' of the term in content/vocabularies/"),
    (r"sitemaps/.*", "for the DiWoo sitemaps (the Woo-index harvests them): they are written "
     "only while the site's organisation (plugin option 'organisation' in mkdocs.yml) has a "
     "'tooi:' address in content/vocabularies/stakeholders.yml; give it its TOOI address, "
     "or, if this site no longer publishes for the Woo-index, remove these lines from the "
     "address list after telling the Woo-index"),
    (r".*", "for anything else: restore the page or file that published it"),
)


def missing_message(gone: list[str], manifest: Path, withheld: list[str] = ()) -> str:
    """`withheld`: published documents left out for their problems, the likely cause."""
    # Pages first, shallow before deep: '/themas/x/' says more than its feeds and cells.
    ordered = sorted(gone, key=lambda g: (not (g == "" or g.endswith("/")), g.count("/"), g))
    shown = ", ".join("/" + g for g in ordered[:10]) + (" ..." if len(gone) > 10 else "")
    fixes = []
    for entry in ordered:
        fix = next(fix for pattern, fix in _FIXES if re.fullmatch(pattern, entry))
        if fix not in fixes:
            fixes.append(fix)
    fix = "; ".join(fixes)
    if withheld:
        names = ", ".join(withheld[:3]) + (" ..." if len(withheld) > 3 else "")
        fix = (f"first fix the problems reported for {names}: a published document with "
               f"problems is left out, and its addresses with it; otherwise: {fix}")
    return (f"{manifest.name}: {len(gone)} published address(es) would disappear: {shown}. "
            f"{fix[:1].upper()}{fix[1:]}")
