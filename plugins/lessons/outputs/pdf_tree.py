"""A published body (sanitized HTML, as the page shows it) as plain data for the print template.

The print template (pdf.typ) receives the body as a tree of dicts and strings through
Typst's `sys.inputs`, never as Typst source: no value is ever parsed as markup, so text
such as `#import` or `]` in a document prints as itself (the templates-escape-every-value
rule, by construction). Only the sanitizer's allow-list (sanitize.TAGS) can occur here;
what the template does not know it prints as its text.

A node is a string (text, whitespace already collapsed as a browser would) or
{"t": tag, "c": [children], "a": {attribute: value}} with the attributes the template uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

Node = str | dict[str, Any]

# Attributes the template reads; the rest (ids, classes but ours) does not change the print.
_KEPT = {"href", "alt", "colspan", "rowspan", "start", "src", "title", "lang"}
# Class names that change the print: redaction marks and footnote furniture.
_CLASSES = {"lessons-redaction", "footnote", "footnote-ref", "footnote-backref",
            "headerlink", "admonition-title"}
_BLOCK = {"p", "div", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot",
          "tr", "td", "th", "caption", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
          "h6", "hr", "figure", "figcaption", "section", "details", "summary", "colgroup",
          "col", "picture", "video", "audio", "source", "track"}
_SPACE = re.compile(r"[ \t\n\r\f]+")


def tree(html: str, base_url: str, image: Callable[[str], str | None] = lambda src: None
         ) -> list[Node]:
    """The body's nodes. Relative links become absolute against `base_url` (the page's
    permanent address); `image(src)` gives the path (under the compile root) of an image
    the print can show, or None (then its alternative text is printed)."""
    root = LexborHTMLParser(f"<body>{html}</body>").body
    if root is None:
        return []
    return _trim(_children(root, base_url, image, pre=False))


def _children(node: LexborNode, base: str, image, pre: bool) -> list[Node]:
    out: list[Node] = []
    child = node.child
    while child is not None:
        if child.tag == "-text":
            text = child.text_content or ""
            if not pre:
                text = _SPACE.sub(" ", text)
            if text:
                out.append(text)
        elif child.tag not in ("-comment", None):
            made = _element(child, base, image, pre)
            if made is not None:
                out.append(made)
        child = child.next
    return _between_blocks(out)


def _between_blocks(nodes: list[Node]) -> list[Node]:
    """Whitespace beside a block (the newline between two paragraphs) is no text: kept,
    it would print as an empty paragraph."""
    def block(node: Node | None) -> bool:
        return isinstance(node, dict) and node["t"] in _BLOCK

    return [node for i, node in enumerate(nodes)
            if not (isinstance(node, str) and not node.strip()
                    and (block(nodes[i - 1] if i else None)
                         or block(nodes[i + 1] if i + 1 < len(nodes) else None)))]


def _element(node: LexborNode, base: str, image, pre: bool) -> Node | None:
    tag = node.tag or ""
    attrs = {k: v for k, v in (node.attributes or {}).items() if v is not None}
    classes = set((attrs.get("class") or "").split()) & _CLASSES
    if "headerlink" in classes or "footnote-backref" in classes:
        return None  # the page's own furniture (the pilcrow, the way back up)
    kept = {k: v for k, v in attrs.items() if k in _KEPT}
    if classes:
        kept["class"] = " ".join(sorted(classes))
    if tag == "a" and "href" in kept:
        href = kept["href"]
        if href.startswith("#"):
            del kept["href"]  # a place on the page: the print has no such anchor
        else:
            kept["href"] = urljoin(base, href)
    if tag == "img":
        path = image(kept.get("src", ""))
        kept.pop("src", None)
        if path is not None:
            kept["path"] = path
    children = _children(node, base, image, pre or tag == "pre")
    if tag in _BLOCK:
        children = _trim(children)
    return {"t": tag, "c": children, "a": kept}


def _trim(nodes: list[Node]) -> list[Node]:
    """Whitespace at the edges of a block is no text (as in a browser)."""
    while nodes and isinstance(nodes[0], str) and not nodes[0].strip():
        nodes.pop(0)
    while nodes and isinstance(nodes[-1], str) and not nodes[-1].strip():
        nodes.pop()
    if nodes and isinstance(nodes[0], str):
        nodes[0] = nodes[0].lstrip(" ")
    if nodes and isinstance(nodes[-1], str):
        nodes[-1] = nodes[-1].rstrip(" ")
    return nodes


def text_of(nodes: list[Node]) -> str:
    """The words of a tree (the tests compare them with the page's)."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
        else:
            parts.append(" " + text_of(node["c"]) + " ")
    return "".join(parts)
