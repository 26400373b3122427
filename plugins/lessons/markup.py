"""Raw HTML in a document body that the public site must not carry.

Markdown passes raw HTML through untouched. Editors may use a little of it (an <abbr>,
a <div markdown>), but nothing that runs code in a visitor's browser, embeds another
site, or loads a file from another host: the site promises no third-party requests, and
an embed code pasted from a video site breaks that promise without anyone noticing.
Code blocks and code spans are text, not markup, so they are skipped. Problems name the
line and the fix; `mask` defuses them so even a preview build cannot run them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .model.document import Document, Problem

_ELEMENTS = {
    "script": "runs code in the visitor's browser",
    "noscript": "belongs to page scripts, not to content",
    "iframe": "embeds another site; link to it instead",
    "frame": "embeds another site; link to it instead",
    "frameset": "embeds another site; link to it instead",
    "object": "embeds a program or another site; link to it instead",
    "embed": "embeds a program or another site; link to it instead",
    "applet": "embeds a program; link to it instead",
    "form": "sends what visitors type elsewhere; link to the form instead",
    "input": "is a form field; link to the form instead",
    "button": "is a form control; use a link instead",
    "textarea": "is a form field; link to the form instead",
    "select": "is a form field; link to the form instead",
    "style": "restyles the whole page; ask for a change to the site's style instead",
    "link": "loads a file into the page; use a Markdown link [text](address) instead",
    "meta": "changes the page's metadata; use the front-matter instead",
    "base": "changes every address on the page; remove it",
}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*/?>", re.S)
_HANDLER = re.compile(r"""\s(on[a-z]+)\s*=""", re.I)
_URL_ATTR = re.compile(r"""\s(href|src|srcset|action|formaction|poster|data)\s*=\s*
                           (?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I | re.X)
_STYLE_URL = re.compile(r"""\sstyle\s*=.*?url\(\s*['"]?\s*((?:https?:)?//[^)'"\s]+)""",
                        re.I | re.S)
_RESOURCE_TAGS = {"img", "audio", "video", "source", "track", "picture", "image", "input"}
# Starts at "[" (a leading "!" is looked up by hand) so the engine can skip to candidates.
_MD_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?"
                      r"(?:\s+[\"'(][^)]*)?\)")
_AUTOLINK = re.compile(r"<((?:javascript|vbscript|data):[^>\s]*)>", re.I)
_CODE_SCHEMES = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)\s*:?", re.I)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
REMOVED = "#verwijderd"


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    message: str
    replacement: str


def _blank_code(text: str) -> str:
    """Code blocks and spans replaced by spaces of the same length (lines keep their place)."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _runs_code(url: str) -> bool:
    # Browsers ignore control characters and whitespace inside a scheme: "java\tscript:".
    return bool(_CODE_SCHEMES.match(re.sub(r"[\x00-\x20]", "", html.unescape(url))))


def _foreign(url: str) -> bool:
    return bool(re.match(r"^\s*(?:https?:)?//", url, re.I))


def scan(body: str) -> list[Finding]:
    """Everything in body the public site must not carry, in order of appearance."""
    text = _blank_code(body)
    found: list[Finding] = []
    for match in _TAG.finditer(text):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        raw = match.group(0)
        defused = html.escape(raw, quote=False)
        if name in _ELEMENTS:
            if not closing:
                found.append(Finding(match.start(), match.end(),
                                     f"'<{name}>' is not allowed: it {_ELEMENTS[name]}", defused))
            else:
                found.append(Finding(match.start(), match.end(), "", defused))
            continue
        if handler := _HANDLER.search(attrs):
            found.append(Finding(match.start(), match.end(),
                                 f"the attribute '{handler.group(1).lower()}' on '<{name}>' runs "
                                 f"code in the visitor's browser; remove it", defused))
            continue
        if style := _STYLE_URL.search(attrs):
            found.append(Finding(match.start(), match.end(), _foreign_message(style.group(1)),
                                 defused))
            continue
        for attr in _URL_ATTR.finditer(attrs):
            url = next(g for g in attr.groups()[1:] if g is not None)
            if _runs_code(url):
                found.append(Finding(match.start(), match.end(),
                                     f"the address '{url[:40]}' runs code; link to a web page "
                                     f"instead", defused))
                break
            if name in _RESOURCE_TAGS and attr.group(1).lower() != "href" and _foreign(url):
                found.append(Finding(match.start(), match.end(), _foreign_message(url),
                                     defused))
                break
    for match in _MD_LINK.finditer(text):
        image = match.start() > 0 and text[match.start() - 1] == "!"
        url = match.group(1)
        start, end = match.span(1)
        if _runs_code(url):
            found.append(Finding(start, end, f"the link '{url[:40]}' runs code; link to a web "
                                             f"page instead", REMOVED))
        elif image and _foreign(url):
            found.append(Finding(start, end, _foreign_message(url), REMOVED))
    for match in _AUTOLINK.finditer(text):
        if _runs_code(match.group(1)):
            found.append(Finding(match.start(), match.end(),
                                 f"the link '{match.group(1)[:40]}' runs code; link to a web "
                                 f"page instead", html.escape(match.group(0))))
    return sorted(found, key=lambda f: f.start)


def _foreign_message(url: str) -> str:
    return (f"'{url[:60]}' would be loaded from another site, and the site makes no "
            f"third-party requests: save the file next to the document and refer to it by "
            f"its file name")


def check(doc: Document) -> list[Problem]:
    problems = []
    for finding in scan(doc.body):
        if finding.message:  # a closing tag is defused with its opening tag, not reported
            line = doc.body_line + doc.body.count("\n", 0, finding.start)
            problems.append(Problem(doc.path, line, "body", finding.message))
    return problems


def mask(doc: Document) -> None:
    """Defuse every finding in place, so a preview shows it as text and runs nothing."""
    body, limit = doc.body, len(doc.body)
    for finding in reversed(scan(body)):
        if finding.end <= limit:  # a link inside a tag already defused goes with it
            body = body[:finding.start] + finding.replacement + body[finding.end:]
            limit = finding.start
    doc.body = body
