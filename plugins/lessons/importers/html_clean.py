"""Strip page chrome from an HTML page before conversion: keep the article, drop the rest."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
             "iframe", "svg", "button", "template", "dialog", "object", "embed"}
DROP_MARKS = re.compile(r"cookie|consent|banner|gdpr|menu|navbar|breadcrumb|skip|share|social"
                        r"|sidebar|newsletter|popup|modal", re.I)
VOID = {"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "track",
        "wbr"}


class _Cleaner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []

    def _dropped(self, tag: str, attrs) -> bool:
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role", "aria-label"))
        return tag in DROP_TAGS or bool(DROP_MARKS.search(marks)) or ("hidden", None) in attrs

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if not self.skip_depth and tag not in ("meta", "link", "base", "input"):
                self.out.append(self.get_starttag_text() or "")
            return
        if self.skip_depth or self._dropped(tag, attrs):
            self.skip_depth += 1
        else:
            self.out.append(self.get_starttag_text() or "")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            else:
                self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self.skip_depth:
            self.out.append(escape(data, quote=False))

    def handle_entityref(self, name):
        if not self.skip_depth:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skip_depth:
            self.out.append(f"&#{name};")


def main_content(html: str) -> str:
    """The <main> or single <article> if the page has one, else the <body>."""
    for tag in ("main", "article"):
        found = re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", html, re.S | re.I)
        if len(found) == 1:
            return found[0]
    body = re.search(r"<body\b[^>]*>(.*)</body>", html, re.S | re.I)
    return body.group(1) if body else html


def clean_html(html: str) -> tuple[str, str]:
    """Return (title, cleaned HTML fragment)."""
    title = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S | re.I)
    raw_title = (h1 or title).group(1) if (h1 or title) else ""
    parser = _Cleaner()
    parser.feed(main_content(html))
    parser.close()
    return re.sub(r"<[^>]+>|\s+", " ", raw_title).strip(), "".join(parser.out)
