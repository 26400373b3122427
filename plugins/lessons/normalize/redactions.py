"""Redaction marks of Woo/Wob releases, recognised in any common form.

Every form becomes one inline element that names its legal ground, so readers
see *why* text is missing and the marks look the same in every document.
"""

from __future__ import annotations

import bisect
import html
import re

# Legal grounds: article -> short Dutch description.
GROUNDS = {
    "5.1.1c": "vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
    "5.1.1d": "bijzondere persoonsgegevens",
    "5.1.1e": "identificatienummers",
    "5.1.2a": "betrekkingen met andere staten en internationale organisaties",
    "5.1.2b": "economische of financiële belangen van de Staat",
    "5.1.2c": "opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht",
    "5.1.2e": "eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "milieu-informatie over beschermde soorten",
    "5.1.2h": "beveiliging van personen en bedrijven",
    "5.1.2i": "goed functioneren van de Staat",
    "5.2": "persoonlijke beleidsopvattingen",
    "10.1c": "vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
    "10.1d": "persoonsgegevens",
    "10.2a": "betrekkingen met andere staten",
    "10.2b": "economische of financiële belangen",
    "10.2c": "opsporing en vervolging van strafbare feiten",
    "10.2d": "inspectie, controle en toezicht",
    "10.2e": "eerbiediging van de persoonlijke levenssfeer",
    "10.2g": "voorkomen van onevenredige bevoordeling of benadeling",
    "11.1": "persoonlijke beleidsopvattingen",
}

# Canonical forms an editor writes (and the importer produces):
#   [redacted]  [5.1.2e]  5.1.2e  [5.2]  10.2.e  10.2e  (10)(2e)  (10)(2)(e)  [11.1]
_WOO = r"5\.1\.[12][ .]?[a-i]"
_WOB = r"10\.[12][ .]?[a-g]|\(10\)\s?\((?:[12])\)?\s?\(?[a-g]\)"
_BRACKETED_ONLY = r"5\.2|11\.1"
MARK = re.compile(
    r"\[(?:redacted|gelakt|weggelakt)\]"
    rf"|\[(?P<b>{_WOO}|{_WOB}|{_BRACKETED_ONLY})\]"
    rf"|(?<![\w.])(?P<p>{_WOO}|{_WOB})(?![\w])",
    re.I,
)
# Code is left alone: a fenced block (``` or ~~~ to the next line of the same fence) or
# a one-line code span. The single pattern ^(```|~~~).*?^\1[ \t]*$|`[^`\n]+` scanned
# to the end of the text from every unclosed fence line (quadratic); _code() finds the
# same code with one scan per pattern.
_FENCE_OPEN = re.compile(r"^(?:```|~~~)", re.M)
_FENCE_CLOSE = re.compile(r"^(?:```|~~~)[ \t]*+$", re.M)
_CODE_SPAN = re.compile(r"`[^`\n]++`")


def _code(text: str) -> list[tuple[int, int]]:
    """(start, end) of every code block and span, as the pattern above found them."""
    closers: dict[str, list[tuple[int, int]]] = {"```": [], "~~~": []}
    for match in _FENCE_CLOSE.finditer(text):
        closers[match.group()[:3]].append(match.span())
    starts = {kind: [start for start, _ in spans] for kind, spans in closers.items()}
    found: list[tuple[int, int]] = []
    position = 0
    fence = _FENCE_OPEN.search(text)
    span = _CODE_SPAN.search(text)
    while fence or span:
        if fence and fence.start() < position:
            fence = _FENCE_OPEN.search(text, position)
            continue
        if span and span.start() < position:
            span = _CODE_SPAN.search(text, position)
            continue
        if fence and (not span or fence.start() <= span.start()):
            kind = fence.group()
            later = bisect.bisect_right(starts[kind], fence.start())
            if later < len(starts[kind]):
                found.append((fence.start(), closers[kind][later][1]))
                position = closers[kind][later][1]
            else:  # never closed: not code (and no span can start on a fence's '`')
                fence = _FENCE_OPEN.search(text, fence.start() + 1)
        elif span:
            found.append(span.span())
            position = span.end()
    return found


def canonical(code: str) -> str:
    """'10.2.e', '(10)(2e)', '5.1.2 e' -> '10.2e', '10.2e', '5.1.2e'."""
    code = code.lower()
    if code.startswith("("):
        digits = re.findall(r"\d+|[a-g]", code)
        return f"{digits[0]}.{digits[1]}{digits[2]}" if len(digits) == 3 else code
    return re.sub(r"[ .]?([a-i])$", r"\1", code) if re.search(r"[a-i]$", code) else code


def render(code: str | None) -> str:
    if not code:
        return ('<span class="lessons-redaction" role="note" '
                'title="Gelakt">[gelakt]</span>')
    ground = GROUNDS.get(code)
    law = "Wob" if code.startswith(("10.", "11.")) else "Woo"
    title = f"Gelakt op grond van art. {code} {law}" + (f": {ground}" if ground else "")
    return (f'<span class="lessons-redaction" role="note" title="{html.escape(title)}">'
            f"[{html.escape(code)}]</span>")


def codes_in(text: str) -> list[str]:
    """Every redaction code in a text, canonical, in order of first appearance."""
    found: dict[str, None] = {}
    outside, last = [], 0
    for start, end in _code(text):
        outside.append(text[last:start])
        last = end
    outside.append(text[last:])
    for match in MARK.finditer("".join(outside)):
        code = match.group("b") or match.group("p")
        found[canonical(code) if code else "redacted"] = None
    return list(found)


def mark_up(markdown: str) -> str:
    """Replace every redaction mark outside code by the inline element."""
    def replace(match: re.Match[str]) -> str:
        code = match.group("b") or match.group("p")
        return render(canonical(code) if code else None)

    out, last = [], 0
    for start, end in _code(markdown):
        out.append(MARK.sub(replace, markdown[last:start]))
        out.append(markdown[start:end])
        last = end
    out.append(MARK.sub(replace, markdown[last:]))
    return "".join(out)
