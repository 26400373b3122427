"""Raw HTML in a document body that the public site must not carry.

Markdown passes raw HTML through untouched. Editors may use a little of it (an <abbr>,
a <div markdown>), but nothing that runs code in a visitor's browser, embeds another
site, or loads a file from another host: the site promises no third-party requests, and
an embed code pasted from a video site breaks that promise without anyone noticing.
Code blocks and code spans are text, not markup, so they are skipped. Problems name the
line and the fix; `mask` defuses them so even a preview build cannot run them.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import html
import re
from typing import NamedTuple

from .model.document import Document, Problem

# Why an element may not be in a body; the sanitizer (sanitize.py) says the same.
ELEMENTS = {
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
_ELEMENTS = ELEMENTS
# Every pattern here runs on editor input, so none may backtrack super-linearly: a
# quantifier that could give characters back to a neighbour is possessive (*+, ++), and
# where the regex engine would scan the same text again from every start, the scan is
# done once in Python (tag attributes, link labels, code spans). `<a` followed by a few
# thousand spaces used to take minutes; tests/unit/test_linear_scans.py keeps it so.
#
# A tag: '<', an optional '/', a name, then everything up to the next '>' (no '<' in it).
# The old pattern <(/?)(name)((?:\s+[^<>]*?)?)\s*/?> also said what may follow the name
# (nothing, '/', or whitespace and attributes); _tags() checks that on the text it found.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*+)([^<>]*+)>")
# A tag that is never closed: the next '<' or the end of the text comes before any '>'.
# Python-Markdown's HTML handling takes time quadratic in the length of the text after
# each one (100 KB of '<a <a ...' paragraphs: 81 s); written as '&lt;' it takes 0.4 s,
# and the page shows the same text.
_UNCLOSED = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*+)[^<>]*+(?=<|\Z)")
_HANDLER = re.compile(r"""\s(on[a-z]++)\s*+=""", re.I)
_URL_ATTR = re.compile(r"""\s(href|src|srcset|action|formaction|poster|data)\s*+=\s*+
                           (?:"([^"]*+)"|'([^']*+)'|([^\s"'>]++))""", re.I | re.X)
# A style attribute, then (anywhere after it in the tag) a url( that leaves the site.
_STYLE = re.compile(r"""\sstyle\s*+=""", re.I)
_STYLE_URL = re.compile(r"""url\(\s*+(?:['"]\s*+)?((?:https?:)?//[^)'"\s]++)""", re.I)
_RESOURCE_TAGS = {"img", "audio", "video", "source", "track", "picture", "image", "input"}
# What follows a link's label: ( <? target >? "title" ). The label itself ([ ... ] with
# one level of nested brackets) is found by _md_links().
_LINK_TARGET = re.compile(r"\(\s*+<?((?:[^()\s<>]++|\([^()\s]*+\))++)>?(\s+[\"'(])?")
# Always matches up to the next '>' or space, so no start inside a run is tried again;
# only a match that ends in '>' (group 2) is an autolink.
_AUTOLINK = re.compile(r"<((?:javascript|vbscript|data):[^>\s]*+)(>?)", re.I)
_CODE_SCHEMES = re.compile(r"^\s*(?:javascript|vbscript|data\s*:\s*text/html)\s*:?", re.I)
_FENCE = re.compile(r"^( {0,3})(`{3,}+|~{3,}+)[^\n]*+\n.*?(?:^ {0,3}\2[`~]*+[ \t]*+$|\Z)",
                    re.M | re.S)
_BACKTICKS = re.compile(r"`++")
_CONTROL = re.compile(r"[\x00-\x20]")
_FOREIGN = re.compile(r"\s*+(?:https?:)?//", re.I)
_LINK_CLOSE = re.compile(r"\](?=\()")
_BRACKET = re.compile(r"[\[\]]")
_CLOSE_PAIR = re.compile(r"\][^\[\]]*+\]")  # on the reversed text: the pair before
_NESTING_OPEN = re.compile(r"\[(?=[^\[\]]*+\[)")
REMOVED = "#verwijderd"


class Finding(NamedTuple):  # a tuple: cheap to make by the hundred thousand, immutable
    start: int
    end: int
    message: str
    replacement: str


def _blank_code(text: str) -> str:
    """Code blocks and spans replaced by spaces of the same length (lines keep their place)."""
    if "`" not in text and "~" not in text:  # most bodies: no code to blank
        return text
    text = _FENCE.sub(lambda match: _blank(match.group(0)), text)
    out, last = [], 0
    for start, end in _code_spans(text):
        out += [text[last:start], _blank(text[start:end])]
        last = end
    out.append(text[last:])
    return "".join(out)


def _blank(code: str) -> str:
    if "\n" not in code:
        return " " * len(code)
    return "\n".join(" " * len(line) for line in code.split("\n"))


def _code_spans(text: str) -> list[tuple[int, int]]:
    r"""Code spans as the pattern (`+)(?!`).+?(?<!`)\1(?!`) finds them, in linear time.

    A span opens with a run of backticks and closes at the next run of exactly the same
    length. Where a run finds no partner, the regex engine tried again one backtick
    later with a run one shorter, and scanned the rest of the text each time; here each
    run length is looked up in an index of the runs that follow.
    """
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] | None = None
    spans, index, count = [], 0, len(runs)
    while index < count:
        start, end = runs[index]
        if index + 1 < count and runs[index + 1][1] - runs[index + 1][0] == end - start:
            spans.append((start, runs[index + 1][1]))  # the usual case: `code`
            index += 2
            continue
        if end == len(text):  # '.+?' needs a character after the opening run
            break
        if by_length is None:
            by_length = {}
            for number, (run_start, run_end) in enumerate(runs):
                by_length.setdefault(run_end - run_start, []).append(number)
        for opening in range(start, end):
            later = by_length.get(end - opening, ())
            found = bisect.bisect_right(later, index)
            if found < len(later):
                spans.append((opening, runs[later[found]][1]))
                index = later[found] + 1
                break
        else:
            index += 1
    return spans


def _tags(text: str):
    r"""(match, closing, name, attributes) of every tag, as the old backtracking pattern
    <(/?)(name)((?:\s+[^<>]*?)?)\s*/?> read them: after the name comes nothing, '/', or
    whitespace; the attributes are what follows, less trailing whitespace and '/'."""
    for match in _TAG.finditer(text):
        rest = match.group(3)
        if rest and rest != "/" and not rest[0].isspace():
            continue
        lead = len(rest) - len(rest.lstrip())
        if lead == 0:
            attrs = ""
        else:
            tail = rest[lead:]
            core = tail[:-1] if tail.endswith("/") else tail
            attrs = rest[:lead] + core.rstrip()
        yield match, match.group(1), match.group(2).lower(), attrs


def _md_links(text: str):
    r"""(url, start, end, image) of every Markdown link or image target, in order.

    Finds what \[(?:[^\[\]]|\[[^\]]*\])*\]\(target\) found, without its cost: that pattern
    scanned from every '[' to the end of its label, so 'x[' repeated took quadratic time.
    A label's end depends only on the order of brackets after its '[': the next bracket
    if that is a ']'; otherwise ('[' opens a nested pair, which runs to the next ']') the
    second ']' of the first two ']' in a row. So we start from the few ']' followed by a
    valid '(target)' and look back for the first '[' whose label ends there; every search
    covers text no other search covers.
    """
    reverse = text[::-1]
    last = len(text) - 1
    candidates: list[tuple[int, int, int]] = []  # (opening, close, end of the search)
    targets: dict[int, tuple[str, int, int, int]] = {}  # close -> url, start, end, ')'
    paren = (-1, -1)  # (searched from, next ')' found): the closes come in order
    for close in (m.start() for m in _LINK_CLOSE.finditer(text)):
        target = _LINK_TARGET.match(text, close + 1)
        if not target:
            continue
        end = target.end()
        if target.group(2):  # a title runs to the next ')'
            if end < paren[0] or paren[0] == -1 or -1 < paren[1] < end:
                paren = (end, text.find(")", end))  # else: no ')' between, same answer
            end = paren[1]
        if end == -1 or end >= len(text) or text[end] != ")":
            continue
        targets[close] = (target.group(1), target.start(1), target.end(1), end)
        before = _BRACKET.search(reverse, last - close + 1)
        if not before:
            continue
        previous = last - before.start()
        if text[previous] == "[":  # a label without nested brackets
            candidates.append((previous, close, -1))
            continue
        # close is the second of two ']' in a row: the label opened at the first '['
        # after the pair before this one that is followed by another '[' (nested).
        pair = _CLOSE_PAIR.search(reverse, last - previous)
        lowest = last - pair.end() + 2 if pair else 0
        if opening := _NESTING_OPEN.search(text, lowest, previous):
            candidates.append((opening.start(), close, previous))
    heapq.heapify(candidates)
    position = 0
    while candidates:
        opening, close, limit = heapq.heappop(candidates)
        if opening < position:  # inside the previous link: the pattern went on after it
            if limit != -1 and (later := _NESTING_OPEN.search(text, position, limit)):
                heapq.heappush(candidates, (later.start(), close, limit))
            continue
        url, start, end, paren_end = targets[close]
        yield url, start, end, opening > 0 and text[opening - 1] == "!"
        position = paren_end + 1


def _runs_code(url: str) -> bool:
    # Browsers ignore control characters and whitespace inside a scheme: "java\tscript:".
    return bool(_CODE_SCHEMES.match(_CONTROL.sub("", html.unescape(url))))


def _foreign(url: str) -> bool:
    return bool(_FOREIGN.match(url))


def scan(body: str) -> list[Finding]:
    """Everything in body the public site must not carry, in order of appearance."""
    return list(_scan(body))


@functools.lru_cache(maxsize=4)  # check() and mask() of one body scan it once
def _scan(body: str) -> tuple[Finding, ...]:
    text = _blank_code(body)
    found: list[Finding] = []
    for match, closing, name, attrs in _tags(text):
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
        style = _STYLE.search(attrs)
        if style and (url := _STYLE_URL.search(attrs, style.end())):
            found.append(Finding(match.start(), match.end(), _foreign_message(url.group(1)),
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
    for url, start, end, image in _md_links(text):
        if _runs_code(url):
            found.append(Finding(start, end, f"the link '{url[:40]}' runs code; link to a web "
                                             f"page instead", REMOVED))
        elif image and _foreign(url):
            found.append(Finding(start, end, _foreign_message(url), REMOVED))
    links = sorted(f.start for f in found if f.replacement == REMOVED)
    for first, starts in _unclosed_runs(text, links):
        more = len(starts) - 1
        more_text = (" (nor is the one after it)" if more == 1 else
                     f" (nor are the {more} after it)" if more else "")
        # One finding for the run: masked, each '<' that opens a tag becomes '&lt;'.
        bounds = [*starts, starts[-1] + 1]
        escaped = "".join("&lt;" + body[a + 1:b]
                          for a, b in zip(bounds[:-1], bounds[1:], strict=True))
        found.append(Finding(first.start(), starts[-1] + 1,
                             f"'<{first.group(1)[:20]}' is not closed by a '>'{more_text}: "
                             f"write '&lt;' for a '<' in the text, or close the tag", escaped))
    for match in _AUTOLINK.finditer(text):
        if match.group(2) and _runs_code(match.group(1)):
            found.append(Finding(match.start(), match.end(),
                                 f"the link '{match.group(1)[:40]}' runs code; link to a web "
                                 f"page instead", html.escape(match.group(0))))
    return tuple(sorted(found, key=lambda f: f.start))


def _unclosed_runs(text: str, links: list[int]):
    """(first match, starts) of each run of unclosed tags that follow each other on a line.

    One problem per run keeps a body of thousands of them (on one line, say) readable
    and cheap; the editor sees the first and how many follow. A run stops at a link
    found in it, so the two are masked one after the other.
    """
    first, end, starts = None, -1, []
    for match in _UNCLOSED.finditer(text):
        if (first is not None and match.start() == end
                and text.find("\n", starts[-1], match.start()) == -1  # same line
                and bisect.bisect_left(links, starts[-1]) == bisect.bisect_left(
                    links, match.start())):  # no link between
            end = match.end()
            starts.append(match.start())
            continue
        if first is not None:
            yield first, starts
        first, end, starts = match, match.end(), [match.start()]
    if first is not None:
        yield first, starts


def _foreign_message(url: str) -> str:
    return (f"'{url[:60]}' would be loaded from another site, and the site makes no "
            f"third-party requests: save the file next to the document and refer to it by "
            f"its file name")


def check(doc: Document) -> list[Problem]:
    problems = []
    line_starts = [match.end() for match in re.finditer("\n", doc.body)]
    for finding in scan(doc.body):
        if finding.message:  # a closing tag is defused with its opening tag, not reported
            line = doc.body_line + bisect.bisect_right(line_starts, finding.start)
            problems.append(Problem(doc.path, line, "body", finding.message))
    return problems


def mask(doc: Document) -> None:
    """Defuse every finding in place, so a preview shows it as text and runs nothing."""
    body, limit, parts = doc.body, len(doc.body), []
    for finding in reversed(scan(body)):
        if finding.end <= limit:  # a link inside a tag already defused goes with it
            parts += [body[finding.end:limit], finding.replacement]
            limit = finding.start
    parts.append(body[:limit])
    doc.body = "".join(reversed(parts))
