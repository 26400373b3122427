"""Check every internal link and #anchor of a built site, independently of MkDocs.

MkDocs validates the links it renders from Markdown; templates, generated pages,
redirects and feeds are outside its view. This reads the HTML as a visitor's browser
would: every href/src that stays on the site must name a file that exists, and every
fragment an element id (or <a name>) on the target page.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
          "source": "src", "area": "href", "form": "action"}


@dataclass(frozen=True)
class Broken:
    page: str  # site-relative path of the page with the link
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        attribute = _ATTRS.get(tag)
        if attribute and values.get(attribute) is not None:
            if tag == "link" and values.get("rel") in ("canonical", "alternate") and \
                    "://" in (values.get(attribute) or ""):
                return  # absolute addresses of this site as published, not local files
            self.links.append(values[attribute] or "")


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def check(site: Path, own_origin: str = "") -> list[Broken]:
    """Every broken internal link of the site; `own_origin` (e.g. the site_url) marks
    absolute links that point into this site too."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed: dict[str, _Page] = {}

    def load(relative: str) -> _Page:
        if relative not in parsed:
            parsed[relative] = _parse(pages[relative])
        return parsed[relative]

    broken = []
    for relative in pages:
        page = load(relative)
        for link in page.links:
            target = _resolve(relative, link, own_origin)
            if target is None:
                continue
            path, fragment = target
            if path is None:
                broken.append(Broken(relative, link, "points outside the site"))
                continue
            file = site / path
            if file.is_dir() or path.endswith("/") or path == "":
                path = posixpath.join(path, "index.html") if path else "index.html"
                file = site / path
            if not file.is_file():
                broken.append(Broken(relative, link, "no such page or file"))
            elif fragment and path in pages and fragment not in load(path).ids:
                broken.append(Broken(relative, link, f"no element with id '{fragment}'"))
    return broken


def _resolve(page: str, link: str, own_origin: str) -> tuple[str | None, str] | None:
    """(site-relative path, fragment) of an internal link; None for external links."""
    link = link.strip()
    if not link or link.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    if own_origin and link.startswith(own_origin):
        link = "/" + link[len(own_origin):].lstrip("/")
    try:
        parts = urlsplit(link)
    except ValueError:  # not an address at all ("http://[::1/"); nothing to follow
        return None
    if parts.scheme or parts.netloc:
        return None
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    if parts.path.startswith("/"):
        joined = parts.path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), unquote(parts.path))
    normal = posixpath.normpath(joined)
    if normal.startswith(".."):
        return None, fragment
    if normal == ".":
        normal = ""
    if parts.path.endswith("/") and normal:
        normal += "/"
    return normal, fragment
