"""What a published body may contain: an allow-list applied to the HTML, after Markdown.

Checking the Markdown source for dangerous HTML is a race we lose: attribute lists
(`{: onload=... }`), reference links, entity-encoded schemes and HTML that browsers parse
differently from our patterns all turn harmless-looking text into script. So the guard
sits where the danger is, on the HTML that would be published: nh3 (the Python binding
of the Rust crate ammonia, an HTML5 parser and allow-list sanitizer) keeps the tags and
attributes the site needs, allows only http(s), mailto and tel addresses, and lets
images and media load only from the site itself. Whatever it removes is also listed,
with the same policy, by walking the same HTML with an HTML5 parser (lexbor), so an
editor learns what was dropped and where: `path:line: body: message`.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import nh3
from selectolax.lexbor import LexborHTMLParser

from .markup import ELEMENTS
from .model.document import Problem

# Text and structure the bodies use: Markdown's own output, its extensions (tables,
# footnotes, admonitions, attribute lists, md_in_html), the redaction element and the
# HTML editors reasonably write (abbr, details, figure). No landmarks (header, nav,
# footer, main): a body must not add regions to the page's structure.
TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "track", "u", "ul", "var", "video", "audio", "wbr",
})
# Removed with everything inside: their content is code, styling or another document.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "noembed", "noframes", "svg", "math", "xmp", "plaintext",
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role", "aria-label"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "rel"}),
    "img": frozenset({"src", "srcset", "sizes", "alt", "width", "height", "loading",
                      "decoding"}),
    "source": frozenset({"src", "srcset", "sizes", "type", "media"}),
    "video": frozenset({"src", "poster", "controls", "width", "height", "preload", "muted",
                        "loop", "playsinline"}),
    "audio": frozenset({"src", "controls", "preload", "loop", "muted"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    # Python-Markdown's tables align columns with style="text-align: ..."
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "style", "align"}),
    "td": frozenset({"colspan", "rowspan", "headers", "style", "align"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
STYLE_PROPERTIES = frozenset({"text-align"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Attributes whose addresses the browser loads by itself: only files of the site.
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster"})
LINK_ATTRIBUTES = frozenset({"href"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

WHY_ELEMENT = {
    **ELEMENTS,
    "svg": "can run code and load files; save the picture as PNG next to the document",
    "math": "is not supported; write the formula as text or a picture",
}


@dataclass(frozen=True)
class Removal:
    message: str
    needle: str  # text to look for in the source, to find the line


def _normal(url: str) -> str:
    # What a browser sees: entities decoded, controls and spaces dropped, and "\" read
    # as "/" (so "/\evil.example" is "//evil.example", another site).
    return _INVISIBLE.sub("", html_lib.unescape(url)).replace("\\", "/")


def _scheme(url: str) -> str | None:
    match = _SCHEME.match(_normal(url))
    return match.group(1).lower() if match else None


def _foreign(url: str) -> bool:
    """True when the address leaves the site (another host, or any scheme at all)."""
    normal = _normal(url)
    return normal.startswith("//") or _SCHEME.match(normal) is not None


def _srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def _resource_urls(name: str, value: str) -> list[str]:
    return _srcset_urls(value) if name == "srcset" else [value]


def _filter(tag: str, name: str, value: str) -> str | None:
    if name in RESOURCE_ATTRIBUTES and any(_foreign(u) for u in _resource_urls(name, value)):
        return None
    if name == "id" and _reserved_id(value):
        return None
    return value


def _reserved_id(value: str) -> bool:
    # The theme's scripts find their configuration and controls by id ("__config",
    # "__search", ...): a body element with such an id comes first in the page and would
    # be read instead. Markdown's own ids never start with "_".
    return value.lstrip().startswith("_")


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{t: set(a) for t, a in ATTRIBUTES.items()}},
    attribute_filter=_filter,
    strip_comments=True,
    link_rel=None,  # keep links as written; rel is the editor's (allowed above)
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
)


def clean(html: str) -> str:
    """The HTML as it may be published."""
    return _CLEANER.clean(html)


def removals(html: str) -> list[Removal]:
    """What `clean` removes from html, in document order, each with a message and fix."""
    if "<" not in html:
        return []
    tree = LexborHTMLParser(html)
    root = tree.body
    return list(_walk(root)) if root is not None else []


def _walk(root) -> Iterator[Removal]:
    """Depth first, in document order, with a stack of its own: Markdown nests as deep as
    the editor writes, deeper than Python's recursion limit."""
    stack = [root.child] if root.child is not None else []
    while stack:
        node = stack.pop()
        if node.next is not None:
            stack.append(node.next)
        tag = node.tag
        if tag.startswith("-"):
            continue  # text, and comments (dropped silently: they were never visible)
        if tag in DROPPED_WITH_CONTENT:
            why = WHY_ELEMENT.get(tag, "is not allowed in a document")
            yield Removal(f"'<{tag}>' is removed with its content: it {why}", f"<{tag}")
            continue
        if tag not in TAGS:
            why = WHY_ELEMENT.get(tag, "is not an element the site publishes; its text is "
                                       "kept, remove the tag")
            yield Removal(f"'<{tag}>' is removed: it {why}", f"<{tag}")
        else:
            attributes = node.attributes
            if attributes:  # most elements have none
                yield from _attributes(tag, attributes)
        if node.child is not None:
            stack.append(node.child)


# Per element, the attributes it may carry (computed once, not for every element).
_ALLOWED = {tag: GLOBAL_ATTRIBUTES | extra for tag, extra in ATTRIBUTES.items()}


def _attributes(tag: str, attributes: dict[str, str | None]) -> Iterator[Removal]:
    allowed = _ALLOWED.get(tag, GLOBAL_ATTRIBUTES)
    for name, value in attributes.items():
        value = value or ""
        if name.startswith("on"):
            yield Removal(f"the attribute '{name}' on '<{tag}>' runs code in the visitor's "
                          f"browser and is removed", name)
        elif name not in allowed:
            yield Removal(f"the attribute '{name}' on '<{tag}>' is not published; remove it",
                          name)
        elif name == "id" and _reserved_id(value):
            yield Removal(f"the id '{value[:40]}' on '<{tag}>' is reserved for the site's "
                          f"own scripts and is removed; choose an id without '_' in front",
                          value[:40])
        elif name in LINK_ATTRIBUTES and (scheme := _scheme(value)) and (
                scheme not in URL_SCHEMES):
            yield Removal(f"the address '{value[:60]}' on '<{tag}>' is removed: only web "
                          f"(https), mailto and tel addresses are published; link to a web "
                          f"page instead", value[:40])
        elif name in LINK_ATTRIBUTES and not _kept(tag, name, value):
            yield Removal(f"the address '{value[:60]}' on '<{tag}>' is not a valid address "
                          f"and is removed; check it (a port, a '%' or a space?)", value[:40])
        elif name in RESOURCE_ATTRIBUTES:
            for url in _resource_urls(name, value):
                if _foreign(url):
                    yield Removal(
                        f"'{url[:60]}' would be loaded from another site ({name} on "
                        f"'<{tag}>'), and the site makes no third-party requests: save the "
                        f"file next to the document and refer to it by its file name",
                        url[:40])
                    break
            else:
                if not _kept(tag, name, value):
                    yield Removal(f"the address '{value[:60]}' ({name} on '<{tag}>') is not a "
                                  f"valid address and is removed; check it", value[:40])
        elif name == "style":
            properties = [p.split(":", 1)[0].strip().lower() for p in value.split(";")
                          if p.strip()]
            if any(p not in STYLE_PROPERTIES for p in properties):
                yield Removal(f"the style '{value[:60]}' on '<{tag}>' is removed; ask for a "
                              f"change to the site's style instead", "style")


# A link with no scheme, no escapes and nothing to parse: "#kop", "../memos/a.md". An
# address without ':' is relative, and ammonia passes relative links on as written.
_PLAIN_LINK = re.compile(r"[A-Za-z0-9_./#-]+")


def _kept(tag: str, name: str, value: str) -> bool:
    """Whether the sanitizer keeps this one attribute: ammonia also drops addresses it
    cannot parse (a port over 65535, a bad %-escape), and the editor must hear of it."""
    if name in LINK_ATTRIBUTES and _PLAIN_LINK.fullmatch(value):
        return True  # every page's heading links: asking ammonia costs a parse each
    probe = f'<{tag} {name}="{html_lib.escape(value, quote=True)}">x</{tag}>'
    return f" {name}=" in _CLEANER.clean(probe)


def locate(found: list[Removal], source: str, first_line: int) -> list[int]:
    """The source line of each removal: its needle searched from the previous one on, so
    the lines follow the order of the page; first_line when it cannot be found."""
    if not found:
        return []
    lines, position, lowered = [], 0, source.lower()
    for removal in found:
        needle = removal.needle.lower()
        at = lowered.find(needle, position) if needle else -1
        if at < 0 and needle:
            at = lowered.find(needle)
        if at < 0:
            lines.append(first_line)
            continue
        position = at
        lines.append(first_line + source.count("\n", 0, at))
    return lines


WITHHELD = ('<p class="lessons-preview" role="status">Deze tekst bevat persoonsgegevens en '
            'wordt niet getoond.</p>')


def publish(path: str, html: str, source: str, first_line: int,
            allowed: set[str]) -> tuple[str, list[Problem]]:
    """(the HTML the site may publish, the problems to report) for one rendered body:
    the sanitizer's removals, and personal data only the rendered text shows (written
    with &#64; or split by tags), for which the whole text is withheld."""
    from . import privacy

    cleaned, problems = check(path, html, source, first_line)
    leaks = privacy.check_rendered(path, cleaned, source, first_line, allowed)
    return (WITHHELD if leaks else cleaned), sorted(problems + leaks, key=lambda p: p.line)


def check(path: str, html: str, source: str, first_line: int) -> tuple[str, list[Problem]]:
    """(the publishable HTML, a problem per removal) for one rendered body."""
    found = removals(html)
    problems = [Problem(path, line, "body", removal.message)
                for removal, line in zip(found, locate(found, source, first_line), strict=True)]
    return clean(html), problems
