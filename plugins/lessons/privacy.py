"""The personal-data guard: finds unredacted e-mail addresses, phone numbers, BSNs and IBANs.

Candidates are found with loose patterns and confirmed with well-kept validators
(phonenumbers for numbers, python-stdnum for the BSN eleven-test and IBAN checksums), so
a date, a case number or an amount is not mistaken for personal data. A BSN needs a
context word nearby: nine digits that pass the eleven-test are common in any text.
Redaction marks (`5.1.2e@minvws.nl`, `[redacted]`) are what an editor is supposed to
write, so they are never flagged. A document may allow specific values, each with a
reason; everything else is a problem that names the fix.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from .model.document import Document, Problem
from .normalize.redactions import MARK

# An e-mail address as (?<![\w.+-])([\w.+%-]+)@(domain) would find it. That pattern,
# run as is, scanned from every '%' (which the lookbehind lets start a match) to the end
# of a run: quadratic. _emails() reads each run once.
# A run of local-part characters that ends in '@' (the lookbehind allows only run starts).
_LOCAL_AT = re.compile(r"(?<![\w.+%-])[\w.+%-]++@")
# Letters of any script: "gemeënte.nl" is a domain too.
_DOMAIN = re.compile(r"(?:[^\W_]|-)++(?:\.(?:[^\W_]|-)++)++")
# Addresses written so that a scan for "@" misses them: "j.devries(at)ggd.nl", "[at]",
# and "%40" as in a mailto: link.
_OBFUSCATED = re.compile(r"(?<![\w.+-])([\w.+-]++)(?:[ \t]?[(\[{]at[)\]}][ \t]?|%40)"
                         r"((?:[^\W_]|-)++(?:\.(?:[^\W_]|-)++)++)", re.I)
# What every match of _OBFUSCATED contains (with the same flags).
_OBFUSCATED_HINT = re.compile(r"[(\[{]at[)\]}]", re.I)  # or "%40"
# Characters that look like "@", "-", "/", a space or a digit to a reader, mapped one to
# one, so offsets in the mapped text are offsets in the original.
_LOOKALIKES = str.maketrans({
    "\uff20": "@", "\ufe6b": "@",
    **{chr(c): "-" for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe63,
                             0xff0d)},
    "\uff0f": "/", "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    **{chr(0xff10 + d): str(d) for d in range(10)},
})
_LOOKALIKE_CLASS = "".join(re.escape(chr(c)) for c in sorted(_LOOKALIKES))
_LOOKALIKE = re.compile(f"[{_LOOKALIKE_CLASS}]")
# The first place where _LOOKALIKE, _OBFUSCATED_HINT or _TWO_DIGITS matches, in one pass:
# the pattern starts with a class of characters, which the regex engine skips to quickly.
_ANY = re.compile(rf"[(\[{{\d{_LOOKALIKE_CLASS}](?:(?<=[{_LOOKALIKE_CLASS}])"
                  r"|(?<=[(\[{])at[)\]}]|(?<=\d)\d)", re.I)
# Dutch numbers as people write them: 06-12345678, 020 123 4567, +31 (0)6 1234 5678, ...
# Each pattern starts with a character class, not a lookbehind, so the regex engine can
# skip ahead to candidates: three to six times faster on long documents.
# Separators include "/" and the ")" of an area code in brackets: "(06) 12345678".
_PHONE = re.compile(
    r"[+0](?<![\w+][+0])(?:(?<=\+)31[\s.-]*+(?:\(0\)[\s.-]*+)?|(?<=0)031[\s.-]*+(?:\(0\)[\s.-]*+)?"
    r"|(?<=0))[1-9](?:[\s./()-]*+\d){8}(?![\w-])")
_TWO_DIGITS = re.compile(r"\d\d")
_BSN = re.compile(
    r"\d(?<![\d.]\d)(?:\d{3}[.\s]?\d{2}[.\s]?\d{3}|\d{2}[.\s]\d{3}[.\s]\d{3})(?![\d.])")
_BSN_CONTEXT = re.compile(r"\b(bsn|burgerservicenummer|sofi-?nummer|sofinr)\b", re.I)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[\s-]?[A-Z0-9]{4}){2,7}(?:[\s-]?[A-Z0-9]{1,3})?\b", re.I)
# The two digits after an IBAN's two letters (the flags as _IBAN's: [A-Z] is the same set).
_IBAN_DIGITS = re.compile(r"\d(?<=[A-Z]{2}\d)\d", re.I)
# Mailboxes of a role, not a person: publishing them is not publishing personal data.
ROLE_MAILBOXES = frozenset({
    "info", "contact", "secretariaat", "postbus", "noreply", "no-reply", "pers",
    "persvoorlichting", "communicatie", "woo", "wob", "woo-verzoek", "klantcontact",
    "servicedesk", "helpdesk", "redactie", "webmaster", "privacy", "fg",
})
_REDACTED_LOCAL = re.compile(r"^(?:x+|\*+|\.+|redacted|geanonimiseerd|[\d.]+[a-i]?)$", re.I)

KINDS_NL = {"email": "e-mail address", "phone": "phone number", "bsn": "BSN",
            "iban": "IBAN"}


@dataclass(frozen=True)
class Finding:
    kind: str  # email | phone | bsn | iban
    value: str  # as written
    start: int  # offset in the scanned text
    end: int

    @property
    def normal(self) -> str:
        return normalize(self.kind, self.value)


@functools.lru_cache(maxsize=4096)
def normalize(kind: str, value: str) -> str:
    """The form in which an allowed value and a found one are compared."""
    value = value.translate(_LOOKALIKES)
    if kind == "email":
        return re.sub(r"[ \t]?[(\[{]at[)\]}][ \t]?|%40", "@", value.strip().lower())
    if kind == "phone":
        try:
            number = phonenumbers.parse(value, "NL")
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return re.sub(r"\D", "", value)
    return re.sub(r"[\s.-]", "", value).upper()


def scan(text: str) -> list[Finding]:
    """Every unredacted personal value in text, in order of appearance."""
    return list(_scan(text))


@functools.lru_cache(maxsize=8)  # check() and mask_document() scan the same texts
def _scan(original: str) -> tuple[Finding, ...]:
    # Where the first look-alike, "(at)" or pair of digits is: none of the three searches
    # below can find anything before it (the mapping neither makes nor breaks a pair of
    # digits or an "(at)"), and in most texts there is none at all.
    first = _ANY.search(original)
    if first is None:
        text, obfuscated, pair = original, False, None
    else:
        # Scanned with look-alike characters mapped; values are cut from the original.
        # str.translate takes some 100 ns a character on such a text; replacing each
        # look-alike the text holds (an en dash, a no-break space) takes a few.
        text = original
        for char in set(_LOOKALIKE.findall(original, first.start())):
            text = text.replace(char, _LOOKALIKES[ord(char)])
        obfuscated = _OBFUSCATED_HINT.search(text, first.start()) is not None
        # Every phone number, IBAN and BSN has two digits in a row: without them, only
        # addresses are looked for.
        pair = _TWO_DIGITS.search(text, first.start())
    # Redaction marks, found only when a candidate needs them (most texts have none).
    marks: list[_Spans] = []

    def redacted() -> _Spans:
        if not marks:
            marks.append(_Spans([m.span() for m in MARK.finditer(text)]))
        return marks[0]

    found: list[Finding] = []
    for start, end, local in _emails(text) if "@" in text else ():
        if local.lower() in ROLE_MAILBOXES or _REDACTED_LOCAL.match(local) or MARK.fullmatch(local):
            continue
        if redacted().contains(start):
            continue
        found.append(Finding("email", original[start:end], start, end))
    # The obfuscated pattern tries every word; a match needs "(at)" (or "[at]", ...) or
    # "%40", which one quick search rules out.
    if obfuscated or "%40" in text:
        taken = _Spans([(f.start, f.end) for f in found])
        for match in _OBFUSCATED.finditer(text):
            local = match.group(1)
            if (local.lower() in ROLE_MAILBOXES or _REDACTED_LOCAL.match(local)
                    or taken.overlaps(*match.span()) or redacted().contains(match.start())):
                continue
            found.append(Finding("email", original[match.start():match.end()],
                                 *match.span()))
    if pair is None:
        return tuple(sorted(found, key=lambda f: f.start))
    # No match starts more than two characters before the first pair of digits (lookbehinds
    # still see the text before `begin`).
    begin = max(0, pair.start() - 2)
    # Each kind yields to the kinds found before it; the sets of spans answer in log time,
    # so a text with many findings stays linear.
    taken = _Spans([(f.start, f.end) for f in found])
    for match in _PHONE.finditer(text, begin):
        if (taken.overlaps(*match.span()) or redacted().overlaps(*match.span())
                or not _valid_phone(match.group(0))):
            continue
        found.append(Finding("phone", original[match.start():match.end()], *match.span()))
    taken = _Spans([(f.start, f.end) for f in found])
    for match in _ibans(text, begin):
        if not taken.overlaps(*match.span()) and stdnum_iban.is_valid(match.group(0)):
            found.append(Finding("iban", original[match.start():match.end()], *match.span()))
    taken = _Spans([(f.start, f.end) for f in found])
    for match in _BSN.finditer(text, begin):
        if taken.overlaps(*match.span()) or not stdnum_bsn.is_valid(match.group(0)):
            continue
        window = text[max(0, match.start() - 60):match.end() + 20]
        if _BSN_CONTEXT.search(window):
            found.append(Finding("bsn", original[match.start():match.end()], *match.span()))
    return tuple(sorted(found, key=lambda f: f.start))


def _ibans(text: str, begin: int) -> Iterator[re.Match[str]]:
    """What _IBAN.finditer(text, begin) finds, without trying the pattern at every letter:
    a match starts two letters before a pair of digits, and the regex engine skips to
    digits quickly. Pairs so placed never overlap, so a scan finds them all."""
    end = begin
    for pair in _IBAN_DIGITS.finditer(text, begin + 2):
        start = pair.start() - 2
        if start < end:
            continue
        match = _IBAN.match(text, start)
        if match:
            end = match.end()
            yield match


def _emails(text: str) -> list[tuple[int, int, str]]:
    """(start, end, local part) of every e-mail address, in order."""
    found: list[tuple[int, int, str]] = []
    previous = 0
    for run in _LOCAL_AT.finditer(text):
        start, at = run.span()
        at -= 1
        domain = _DOMAIN.match(text, at + 1)
        if not domain:
            continue
        if start < previous:
            # The run began inside the previous address; of its characters only a '%'
            # may stand before the start of another.
            percent = text.find("%", previous - 1, at - 1)
            if percent == -1:
                continue
            start = percent + 1
        found.append((start, domain.end(), text[start:at]))
        previous = domain.end()
    return found


class _Spans:
    """Sorted, non-overlapping (start, end) spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def contains(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.ends, start)  # the first span ending after start
        return index < len(self.starts) and self.starts[index] < end


@functools.lru_cache(maxsize=4096)  # a number is often repeated; parsing one is slow
def _valid_phone(value: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(value, "NL"))
    except phonenumbers.NumberParseException:
        return False


def allowed_values(doc: Document) -> set[str]:
    allowed = set()
    for entry in doc.allow_personal_data:
        value = entry["value"]
        kinds = ["email"] if "@" in value else ["phone", "iban", "bsn"]
        allowed.update(normalize(kind, value) for kind in kinds)
    return allowed


def _front_matter_texts(doc: Document) -> Iterable[tuple[str, str]]:
    yield "title", doc.title
    yield "summary", doc.summary
    yield "organisation", doc.organisation
    for index, author in enumerate(doc.authors):
        yield f"authors.{index}", author
    for key, value in sorted(doc.source.items()):
        if isinstance(value, str):
            yield f"source.{key}", value
    for index, lesson in enumerate(doc.lessons):
        yield f"lessons.{index}.statement", lesson.statement
        yield f"lessons.{index}.explanation", lesson.explanation
        for step in lesson.transitions:
            for name in FOLLOW_UP_TEXTS:
                if value := getattr(step, name, ""):
                    yield f"lessons.{index}.transitions.{step.position}.{name}", value
        for action in lesson.actions:
            for name in FOLLOW_UP_TEXTS:
                if value := getattr(action, name, ""):
                    yield f"lessons.{index}.actions.{action.position}.{name}", value
    for follow in doc.follows_up:
        if follow.did:
            yield f"follows_up.{follow.position}.did", follow.did


# The free texts of follow-up (model/document.py): they reach pages, feeds and the API.
FOLLOW_UP_TEXTS = ("description", "reason", "evidence", "did")


def _masked(item, allowed: set[str]):
    """A follow-up record (frozen) with its texts masked."""
    return replace(item, **{name: mask(getattr(item, name), allowed)
                            for name in FOLLOW_UP_TEXTS if getattr(item, name, "")})


def check(doc: Document) -> list[Problem]:
    """One problem per personal value the document does not allow."""
    allowed = allowed_values(doc)
    problems = []
    for key, text in _front_matter_texts(doc):
        for finding in scan(text or ""):
            if finding.normal not in allowed:
                line = doc.line_of(key)
                problems.append(Problem(doc.path, line, key, _message(finding)))
    line_starts: list[int] = []
    for finding in scan(doc.body):
        if finding.normal in allowed:
            continue
        if not line_starts:  # only a body with findings needs its lines
            line_starts = [0] + [m.end() for m in re.finditer("\n", doc.body)]
        line = doc.body_line + _line_index(line_starts, finding.start)
        problems.append(Problem(doc.path, line, "body", _message(finding)))
    return problems


def check_page(path: str, text: str) -> list[Problem]:
    """A page of the site's own: every personal value is a problem (pages have no
    allow-list; a role mailbox such as redactie@ is not personal and passes)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return [Problem(path, 1 + _line_index(line_starts, finding.start), "body",
                    f"personal data: {KINDS_NL[finding.kind]} '{finding.value}' would be "
                    f"published; remove it, or use a role mailbox (redactie@, info@)")
            for finding in scan(text)]


# Where a browser starts a new line of text: the rendered text is scanned with those
# breaks, so "06" in one cell and "12345678" in the next never read as one number.
_BLOCK = re.compile(r"<(?=/?(?:p|div|li|td|th|tr|h[1-6]|br|dd|dt|blockquote|pre|table|ul|ol|"
                    r"section|figure|figcaption|hr|details|summary)\b)", re.I)


def rendered_text(html: str) -> str:
    """The text a visitor reads in a piece of HTML: entities decoded, tags and comments
    gone ("j.jansen<span>@</span>example.nl" reads as one address)."""
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(_BLOCK.sub("\n<", html)).body
    return body.text(separator="") if body is not None else ""


def check_rendered(path: str, html: str, source: str, first_line: int,
                   allowed: set[str]) -> list[Problem]:
    """Personal data in what the page shows that the source scan could not see: written
    with entities (&#64;), split by tags or comments. Each is a problem."""
    findings = scan(rendered_text(html))
    if not findings:
        return []  # most pages: the source need not be scanned
    seen = {f.normal for f in scan(source)}
    problems = []
    for finding in findings:
        if finding.normal in allowed or finding.normal in seen:
            continue
        seen.add(finding.normal)
        local = finding.value.split("@")[0] if finding.kind == "email" else finding.value[:4]
        at = source.find(local)
        line = first_line + (source.count("\n", 0, at) if at >= 0 else 0)
        problems.append(Problem(path, line, "body", _message(finding) + " (it is written "
                                "so that only the published page shows it, e.g. with &#64; "
                                "or tags inside it)"))
    return problems


def _line_index(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _message(finding: Finding) -> str:
    what = KINDS_NL[finding.kind]
    return (f"personal data: {what} '{finding.value}' would be published. Redact it with "
            f"its Woo ground (e.g. '[5.1.2e]'), or, if it may be public, allow it: "
            f"allow_personal_data: [{{value: '{finding.value}', reason: '...'}}]")


def mask_document(doc: Document) -> None:
    """Replace every personal value the document does not allow, in place."""
    allowed = allowed_values(doc)
    doc.title = mask(doc.title, allowed)
    doc.summary = mask(doc.summary, allowed)
    doc.organisation = mask(doc.organisation, allowed)
    doc.authors = [mask(author, allowed) for author in doc.authors]
    doc.source = {k: mask(v, allowed) if isinstance(v, str) else v for k, v in doc.source.items()}
    for lesson in doc.lessons:
        lesson.statement = mask(lesson.statement, allowed)
        lesson.explanation = mask(lesson.explanation, allowed)
        lesson.transitions = [_masked(step, allowed) for step in lesson.transitions]
        lesson.actions = [_masked(action, allowed) for action in lesson.actions]
    doc.follows_up = [_masked(follow, allowed) for follow in doc.follows_up]
    doc.body = mask(doc.body, allowed)


def mask(text: str, allowed: set[str]) -> str:
    """The text with every personal value that is not allowed replaced by a mark.

    A second line of defence: a preview or a non-strict build never shows the value.
    """
    out, last = [], 0
    for finding in scan(text):
        if finding.normal in allowed:
            continue
        out.append(text[last:finding.start])
        out.append("[persoonsgegeven verwijderd]")
        last = finding.end
    out.append(text[last:])
    return "".join(out)
