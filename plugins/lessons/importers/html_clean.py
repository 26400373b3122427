"""Strip a web page's chrome before conversion: keep the article, count what goes.

Every word left out is returned as a removal (the nothing-lost invariant counts it):
- 'site navigation': everything outside the page's <main> (or its single <article>),
  and inside it the menus, headers, footers, sidebars, banners, forms and hidden parts;
- 'permalink anchors': the '¶' / '§' / '#' links built sites put beside each heading.

A page that is a list of documents (search results, an index) is no document: see
`list_page`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

NOT_TEXT = "script, style, noscript, template, link, meta"
CHROME_TAGS = {"nav", "footer", "aside", "form", "button", "dialog", "iframe", "object",
               "embed", "select", "input", "textarea"}
CHROME_MARKS = re.compile(r"cookie|consent|banner|gdpr|\bmenu|navbar|breadcrumb|skip-?link"
                          r"|\bshare|social|sidebar|newsletter|popup|modal|md-header"
                          r"|md-footer|md-search|md-source|md-top|md-content__button"
                          r"|searchbox|site-?header|site-?footer|\bheader\b|\bfooter\b|navigat"
                          r"|broodkruimel|\bzoeken\b|\bsearch\b|\bverberg|inhouds-?opgave"
                          r"|\btoc\b", re.I)
PERMALINK_TEXT = {"¶", "§", "#", "🔗", "link", ""}
PERMALINK_CLASS = re.compile(r"\b(?:headerlink|self-link|anchorjs-link|header-anchor"
                             r"|heading-anchor|permalink)\b", re.I)
# A list page: most of the content's words are link texts of many links.
LIST_MIN_LINKS = 20
LIST_LINK_SHARE = 0.5
WORD = re.compile(r"[^\W_]+")
SKIP_TO_CONTENT = re.compile(r"direct naar|naar (?:de )?(?:hoofd)?inhoud|spring naar|skip to"
                             r"|main content|naar de content", re.I)
MIN_CONTENT_WORDS = 20


@dataclass
class CleanPage:
    html: str  # the content, as an HTML fragment for pandoc
    removed: dict[str, list[str]] = field(default_factory=dict)  # what -> texts
    links: int = 0
    link_words: int = 0
    words: int = 0


def _text(node: LexborNode) -> str:
    return re.sub(r"\s+", " ", node.text(separator=" ")).strip()


def _marks(node: LexborNode) -> str:
    attrs = node.attributes
    return " ".join(attrs.get(k) or "" for k in ("class", "id", "role"))


def _is_chrome(node: LexborNode) -> bool:
    """Menus, banners, footers, sidebars, forms, hidden parts; never an element that
    holds the page's <h1> (a blog's <header class="entry-header"> is the article's)."""
    if node.css_first("h1") is not None:
        return False
    attrs = node.attributes
    if node.tag == "form":  # ASP.NET pages wrap the whole page in one <form>
        return node.css_first("p, h1, h2, h3, article, main, table") is None
    if node.tag in CHROME_TAGS or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if node.tag == "header" and node.css_first("nav") is not None:
        return True
    return bool(CHROME_MARKS.search(_marks(node))) or attrs.get("role") in (
        "navigation", "banner", "contentinfo", "search", "complementary")


def _is_permalink(node: LexborNode) -> bool:
    href = node.attributes.get("href") or ""
    if not href.startswith("#"):
        return False
    return bool(PERMALINK_CLASS.search(node.attributes.get("class") or "")) or (
        _text(node) in PERMALINK_TEXT and node.css_first("img") is None)


def _main(body: LexborNode) -> LexborNode:
    """The page's content: its <main>, role=main or single <article>; else where its
    'skip to content' link points ('Ga direct naar de inhoud'); else the whole body."""
    for selector in ("main", "[role=main]", "article"):
        found = body.css(selector)
        if len(found) == 1:
            return found[0]
    for anchor in body.css('a[href^="#"]'):
        if not SKIP_TO_CONTENT.search(_text(anchor)):
            continue
        target = (anchor.attributes.get("href") or "#")[1:]
        node = next((n for n in body.css("[id]") if n.attributes.get("id") == target), None)
        if node is not None and len(WORD.findall(_text(node))) >= MIN_CONTENT_WORDS:
            return node
    return body


def _remove(node: LexborNode, what: str, removed: dict[str, list[str]]) -> None:
    text = _text(node)
    if text:
        removed.setdefault(what, []).append(text)
    node.decompose()


def _outside(main: LexborNode, body: LexborNode, removed: dict[str, list[str]]) -> None:
    """Remove the siblings of `main` and of each of its ancestors up to <body>."""
    node = main
    while node.mem_id != body.mem_id and node.parent is not None:
        parent = node.parent
        for sibling in list(parent.iter(include_text=True)):
            if sibling.mem_id == node.mem_id:
                continue
            if sibling.tag == "-text":
                text = (sibling.text_content or "").strip()
                if text:
                    removed.setdefault("site navigation", []).append(text)
                sibling.decompose()
            else:
                _remove(sibling, "site navigation", removed)
        if parent.tag == "body":
            break
        node = parent


def _outermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Of nested matches, only the outer one (removing it removes the rest)."""
    ids = {n.mem_id for n in nodes}
    out = []
    for node in nodes:
        parent, nested = node.parent, False
        while parent is not None and not nested:
            nested = parent.mem_id in ids
            parent = parent.parent
        if not nested:
            out.append(node)
    return out


def _unwrap_svg(tree: LexborHTMLParser, removed: dict[str, list[str]]) -> None:
    """Slide decks (Marp) put each slide in <svg><foreignObject>: keep the slide, drop
    drawing-only SVG (icons)."""
    for svg in tree.css("svg"):
        inner = svg.css_first("foreignObject")
        if inner is not None:
            inner.unwrap()
            svg.unwrap()
        else:
            _remove(svg, "icons and drawings (svg)", removed)


SELF_CLOSED = re.compile(r"<([a-zA-Z][\w:-]*)(\s[^<>]*?)?\s*/>")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}


def xhtml_as_html(html: str) -> str:
    """XHTML's '<div id="x" />' is an empty element; an HTML parser reads it as an
    opening tag and nests the rest of the page inside it (so a page's text could end up
    inside its sidebar). Write such elements open and closed."""
    if not re.search(r"<\?xml|xmlns=[\"']http://www\.w3\.org/1999/xhtml", html[:2000]):
        return html
    return SELF_CLOSED.sub(lambda m: m.group(0) if m.group(1).lower() in VOID
                           else f"<{m.group(1)}{m.group(2) or ''}></{m.group(1)}>", html)


def clean_html(html: str) -> CleanPage:
    tree = LexborHTMLParser(xhtml_as_html(html))
    for node in tree.css(NOT_TEXT):
        node.decompose()
    removed: dict[str, list[str]] = {}
    body = tree.body
    if body is None:
        return CleanPage("")
    for anchor in body.css("a[href]"):
        if _is_permalink(anchor):
            removed.setdefault("permalink anchors", []).append(_text(anchor))
            anchor.decompose()
    main = _main(body)
    if main is not body:
        _outside(main, body, removed)
    for node in _outermost([n for n in main.traverse() if n.mem_id != main.mem_id
                            and n.is_element_node and _is_chrome(n)]):
        _remove(node, "site navigation", removed)
    _unwrap_svg(tree, removed)
    page = CleanPage(main.html or "", removed)
    links = [a for a in main.css("a[href]") if _text(a)]
    page.links = len({a.attributes.get("href") for a in links})
    page.link_words = sum(len(WORD.findall(_text(a))) for a in links)
    page.words = len(WORD.findall(_text(main)))
    return page


def list_page(page: CleanPage) -> str | None:
    """Why the page is a list of documents rather than a document, or None.

    A list page is one where many links (LIST_MIN_LINKS distinct targets) carry most of
    the words (LIST_LINK_SHARE): search results, archives, index pages. An article with
    many references has far more running text than link text.
    """
    if page.links >= LIST_MIN_LINKS and page.link_words >= LIST_LINK_SHARE * page.words:
        return (f"this page is a list of {page.links} links ({page.link_words} of its "
                f"{page.words} words are link texts), not a document; import each "
                f"document itself")
    return None
