"""Front-matter validation: one table of field readers, every problem of a file at once.

Each reader takes the raw YAML value and returns the normalized value plus a
list of (sub-key, message) problems, so a bad third theme is reported on its own
line. Kinds only differ by which fields they require (see kinds.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..normalize.dates import DATE_FORMS, PartialDate, parse_date, parse_partial_date
from ..normalize.text import clean_inline, slugify
from . import followup_schema
from .document import Document, Lesson, Problem
from .kinds import COMMON_REQUIRED, KINDS, STATUSES
from .lifecycle import Lifecycle
from .source import Source, SourceError, parse
from .vocab import Vocabulary

# \Z, not $: "$" also matches before a final newline, and an id "x\n" became the address
# /documenten/x%0A/.
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# An old address in redirect_from: an old id, or "/section/old-id/" of the same section.
OLD_ADDRESS = re.compile(r"/?(?:(?P<section>[a-z]+)/)?(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)/?"
                         r"(?:index\.html)?\Z")
# Originals live under sources/, never in content/: a path of plain names, no "..".
SOURCE_FILE = re.compile(r"sources(?:/(?!\.\.?(?:/|\Z))[^/\\\x00-\x1f:*?\"<>|]{1,120}){1,4}\Z")
MAX_ID, MAX_TITLE, MAX_SUMMARY, MAX_TEXT = 80, 300, 1500, 5000

Issues = list[tuple[str, str]]  # (sub-key relative to the field, message)


@dataclass
class Vocabularies:
    themes: Vocabulary
    stakeholders: Vocabulary
    lifecycle: Lifecycle = field(default_factory=Lifecycle.minimal)


class _Reader:
    """Context a field reader needs: the vocabularies."""

    def __init__(self, vocabs: Vocabularies):
        self.vocabs = vocabs


# An HTML tag or comment: front-matter is plain text, the templates escape it, so markup
# would show as written (or is someone testing whether it runs).
# Possessive (*+) so a value such as '<a' and thousands of spaces cannot backtrack.
# A tag, also as browsers read "<img/src=...>" (a slash is enough to separate attributes).
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?/?>"
                     r"|<[A-Za-z][A-Za-z0-9-]*+/[^<>\s][^<>]{0,30}|<!--")
EMPTY = "is empty; write a value or remove the field"
# What the readers say of an empty value, when the field may not be left out.
EMPTY_REQUIRED = "is empty; it is required: write a value"


def _required(issues: Issues) -> Issues:
    return [(sub, EMPTY_REQUIRED if message == EMPTY and not sub else message)
            for sub, message in issues]


def markup_in(value: str) -> str | None:
    """The first HTML tag or comment in a plain-text value (shortened), or None."""
    match = _MARKUP.search(value)
    return match.group(0)[:40] if match else None


def _markup(value: str) -> Issues:
    if match := _MARKUP.search(value):
        return [("", f"contains HTML markup '{match.group(0)[:40]}'; front-matter is plain "
                     f"text: remove the markup")]
    return []


def _text(limit: int, *, single_line: bool = True):
    def read(value: Any, _: _Reader) -> tuple[Any, Issues]:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if value is None:
            return None, [("", EMPTY)]
        if not isinstance(value, str):
            return None, [("", f"must be text, not {_type(value)}")]
        value = clean_inline(value) if single_line else value.strip()
        if not value:
            return None, [("", EMPTY)]
        if len(value) > limit:
            return None, [("", f"is {len(value)} characters long; at most {limit} are allowed")]
        if issues := _markup(value):
            return None, issues
        return value, []
    return read


def _type(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "yes/no", type(None): "empty",
            bytes: "binary data (a !!binary tag)", set: "a set (a !!set tag)"}.get(
        type(value), type(value).__name__)


def _id(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if not isinstance(value, str) or not ID.match(value) or len(value) > MAX_ID:
        hint = slugify(str(value))[:MAX_ID] if value not in (None, "") else "my-document-2021"
        return None, [("", f"'{value}' is not a valid id: use lowercase letters, digits and "
                           f"hyphens (at most {MAX_ID}), e.g. '{hint}'")]
    return value, []


def _kind(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if isinstance(value, str) and value in KINDS:
        return KINDS[value], []
    near = difflib.get_close_matches(str(value), list(KINDS), n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return None, [("", f"unknown kind '{value}'; {hint}valid: {', '.join(KINDS)}")]


def _status(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if isinstance(value, str) and value in STATUSES:
        return value, []
    near = difflib.get_close_matches(str(value), list(STATUSES), n=1)
    hint = f"did you mean '{near[0]}'? " if near else ""
    return None, [("", f"'{value}' is not a status; {hint}use one of: {', '.join(STATUSES)}")]


def _date(value: Any, _: _Reader) -> tuple[Any, Issues]:
    """A document's date, as precise as it is known: a day, a month or a year."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [("", f"is empty; write {DATE_FORMS}")]
    try:
        return parse_partial_date(value), []
    except ValueError as err:
        return None, [("", str(err))]


def _day(value: Any, _: _Reader) -> tuple[Any, Issues]:
    """An embargo ends on a day: 'januari 2022' would leave open which one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [("", EMPTY)]
    try:
        return parse_date(value), []
    except ValueError as err:
        return None, [("", str(err))]


def _strings(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None, [("", f"must be a list of names, not {_type(value)}")]
    out, issues = [], []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            issues.append((str(index), "must be a non-empty name"))
        elif markup := _markup(item):
            issues += [(str(index), message) for _, message in markup]
        else:
            out.append(clean_inline(item))
    return out, issues


def _old_addresses(section: str):
    """redirect_from: old ids (or their addresses) that now lead here. Each becomes a
    folder in the site, so only the id shape is accepted: no '..', no other section."""
    def read(value: Any, reader: _Reader) -> tuple[Any, Issues]:
        names, issues = _strings(value, reader)
        out = []
        for index, name in enumerate(names or []):
            match = OLD_ADDRESS.match(name) if len(name) <= MAX_ID + 20 else None
            if match and match.group("section") in (None, section) and (
                    len(match.group("id")) <= MAX_ID):
                out.append(match.group("id"))
            else:
                hint = slugify(name.rsplit("/", 1)[-1] or name)[:MAX_ID] or "oude-id"
                issues.append((str(index), f"'{name[:80]}' is not an old id: write the id the "
                                           f"{'document' if section == 'documenten' else 'lesson'}"
                                           f" had, e.g. '{hint}' (or '/{section}/{hint}/')"))
        return out, sorted(issues)
    return read


def _terms(vocab_name: str, *, required: bool):
    def read(value: Any, reader: _Reader) -> tuple[Any, Issues]:
        vocab: Vocabulary = getattr(reader.vocabs, vocab_name)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return None, [("", f"must be a list of {vocab_name} keys, not {_type(value)}")]
        if required and not value:
            return None, [("", f"needs at least one of the {vocab_name} in "
                               f"content/vocabularies/{vocab_name}.yml")]
        keys, issues = [], []
        for index, item in enumerate(value):
            if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                issues.append((str(index), f"must be a term key from content/vocabularies/"
                                           f"{vocab_name}.yml, not {_type(item)}"))
                continue
            key = vocab.resolve(item) if isinstance(item, str) else None
            if key is None:
                near = vocab.suggest(str(item))
                hint = (f"did you mean '{near}' ({vocab.label(near)})?" if near
                        else f"add it to content/vocabularies/{vocab_name}.yml first")
                issues.append((str(index), f"unknown term '{item}'; {hint}"))
            elif key not in keys:
                keys.append(key)
        return keys, issues
    return read


def _organisation(value: Any, reader: _Reader) -> tuple[Any, Issues]:
    """The organisation that issued the document: one term of stakeholders.yml (key,
    label, abbreviation or alias), so it is cited, published and harvested under one name
    and, for the Woo-index, under its TOOI identifier."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [("", EMPTY)]
    if not isinstance(value, str):
        return None, [("", "must name one organisation: a key of "
                           "content/vocabularies/stakeholders.yml, e.g. 'ministerie-vws'")]
    if markup := _markup(value):
        return None, markup
    vocab = reader.vocabs.stakeholders
    key = vocab.resolve(value)
    if key is None:
        near = vocab.suggest(value)
        hint = (f"did you mean '{near}' ({vocab.label(near)})?" if near else
                "add it to content/vocabularies/stakeholders.yml first (label, and its "
                "TOOI address under 'tooi:' if it is a government body)")
        return None, [("", f"unknown organisation '{value[:100]}'; {hint}")]
    return key, []


def _source(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if isinstance(value, str):
        markup = _markup(value)
        return (None if markup else {"title": clean_inline(value)}), markup
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        allowed = {"title", "url", "file", "checksum", "converter", "publisher", "imported"}
        issues: Issues = [(k, f"unknown source field; allowed: {', '.join(sorted(allowed))}")
                          for k in value if k not in allowed]
        out = {k: str(v) for k, v in value.items() if v is not None}
        if "title" in out:
            issues += [("title", message) for _, message in _markup(out["title"])]
        if "url" in out and not re.match(r"https?://[^\s\"'<>]+$", out["url"]):
            issues.append(("url", "must be a web address starting with https:// or http://"))
        if "file" in out and not SOURCE_FILE.match(out["file"]):
            issues.append(("file", "must be a file under sources/ (where 'lessons import' "
                                   "keeps originals), e.g. 'sources/mijn-document/verslag.pdf'"))
        return (None if issues else out), sorted(issues)
    return None, [("", "must be a text (where the original comes from) or a mapping")]


LESSON_FIELDS = ("id", "statement", "explanation", "themes", "stakeholders", "redirect_from")
# The follow-up of a lesson (model/followup_schema.py).
LESSON_FOLLOW_UP = {"transitions": followup_schema.read_transitions,
                    "actions": followup_schema.read_actions,
                    "respond_by": followup_schema.read_respond_by,
                    "addressees": _terms("stakeholders", required=False)}


def _lessons(value: Any, reader: _Reader) -> tuple[Any, Issues]:
    if not isinstance(value, list):
        return None, [("", "must be a list of lessons, each with 'id' and 'statement'")]
    lessons, issues = [], []
    for index, item in enumerate(value):
        if isinstance(item, str):
            item = {"statement": item}
        if not isinstance(item, dict):
            issues.append((str(index), "a lesson needs 'id' and 'statement'"))
            continue
        statement, problems = _text(MAX_SUMMARY)(item.get("statement"), reader)
        problems = _required(problems)
        issues += [(f"{index}.statement{k and '.' + k}", m) for k, m in problems]
        lesson_id, problems = (_id(item["id"], reader) if "id" in item else
                               (None, [("", "is missing: give the lesson a permanent id")]))
        issues += [(f"{index}.id", m) for _, m in problems]
        themes, problems = _terms("themes", required=False)(item.get("themes", []), reader)
        issues += [(f"{index}.themes.{k}".rstrip("."), m) for k, m in problems]
        holders, problems = _terms("stakeholders", required=False)(
            item.get("stakeholders", []), reader)
        issues += [(f"{index}.stakeholders.{k}".rstrip("."), m) for k, m in problems]
        explanation, problems = (_text(MAX_TEXT, single_line=False)(item["explanation"], reader)
                                 if item.get("explanation") is not None else ("", []))
        issues += [(f"{index}.explanation", m) for _, m in problems]
        moved, problems = (_old_addresses("lessen")(item["redirect_from"], reader)
                           if "redirect_from" in item
                           else ([], []))
        issues += [(f"{index}.redirect_from{k and '.' + k}", m) for k, m in problems]
        follow_up: dict[str, Any] = {}
        for key, read in LESSON_FOLLOW_UP.items():
            if item.get(key) is not None:
                follow_up[key], problems = read(item[key], reader)
                issues += [(f"{index}.{key}{k and '.' + k}", m) for k, m in problems]
        unknown = set(item) - {"id", "statement", "explanation", "themes", "stakeholders",
                               "redirect_from", *LESSON_FOLLOW_UP}
        for key in sorted(map(str, unknown)):
            near = difflib.get_close_matches(key, [*LESSON_FIELDS, *LESSON_FOLLOW_UP], n=1)
            issues.append((f"{index}.{key}", "unknown lesson field" + (
                f"; did you mean '{near[0]}'?" if near else
                f"; known: {', '.join([*LESSON_FIELDS, *LESSON_FOLLOW_UP])}")))
        if statement and lesson_id:
            lessons.append(Lesson(lesson_id, statement, explanation or "",
                                  themes or [], holders or [], redirect_from=moved or [],
                                  transitions=follow_up.get("transitions") or [],
                                  actions=follow_up.get("actions") or [],
                                  respond_by=follow_up.get("respond_by"),
                                  addressees=follow_up.get("addressees") or []))
    return lessons, issues


def _allow(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if not isinstance(value, list):
        return None, [("", "must be a list of {value, reason} entries")]
    out, issues = [], []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            issues.append((str(index), f"write the entry as {{value: '{item}', reason: "
                                       f"'why it may be public'}}"))
        elif not isinstance(item.get("value"), (str, int)) or not str(item["value"]).strip():
            issues.append((str(index), "needs 'value': the exact text that may be published"))
        elif not isinstance(item.get("reason"), str) or not item["reason"].strip():
            issues.append((str(index), f"'{item['value']}' needs a 'reason' why it may be "
                                       f"public, e.g. 'public contact of the project'"))
        else:
            out.append({"value": str(item["value"]).strip(), "reason": item["reason"].strip()})
    return out, issues


def _language(value: Any, _: _Reader) -> tuple[Any, Issues]:
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", value):
        return value, []
    return None, [("", f"'{value}' is not a language code such as 'nl' or 'en'")]


FIELDS: dict[str, Callable[[Any, _Reader], tuple[Any, Issues]]] = {
    "id": _id,
    "kind": _kind,
    "title": _text(MAX_TITLE),
    "date": _date,
    "summary": _text(MAX_SUMMARY),
    "themes": _terms("themes", required=True),
    "stakeholders": _terms("stakeholders", required=True),
    "status": _status,
    "authors": _strings,
    "organisation": _organisation,
    "source": _source,
    "lessons": _lessons,
    "redirect_from": _old_addresses("documenten"),
    "publish_after": _day,
    "language": _language,
    "allow_personal_data": _allow,
    "review_needed": _strings,
    "follows_up": followup_schema.read_follows_up,
}


def validate(path: str, source: Source, vocabs: Vocabularies) -> tuple[Document, list[Problem]]:
    """Validate and normalize; always return a Document so nothing disappears."""
    reader, meta, values, problems = _Reader(vocabs), source.meta, {}, []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, source.line_of(key), key, message))

    for key in meta:
        if key not in FIELDS:
            near = difflib.get_close_matches(str(key), list(FIELDS), n=1)
            problem(str(key), f"unknown field; did you mean '{near[0]}'?" if near else
                    f"unknown field; known fields: {', '.join(FIELDS)}")
    kind_value, _ = _kind(meta.get("kind"), reader)
    required = COMMON_REQUIRED + (kind_value.required if kind_value else ())
    for key in required:
        if key not in meta:
            scope = "" if key in COMMON_REQUIRED else f" for a {kind_value.key}"
            problem(key, f"is required{scope}; add '{key}:' to the front-matter")
    for key, read in FIELDS.items():
        if key in meta:
            value, issues = read(meta[key], reader)
            if key in required:
                issues = _required(issues)
            for sub, message in issues:
                problem(f"{key}.{sub}" if sub else key, message)
            values[key] = value
    if not source.body.strip():
        problems.append(Problem(path, source.body_line, "body",
                                "is empty; write the text of the document below the "
                                "front-matter's closing '---'"))
    if values.get("status") == "published" and values.get("review_needed"):
        problem("review_needed", "the importer asked to review these fields: check them, "
                                 "then remove 'review_needed' before publishing")
    document = _assemble(path, source, values)
    if values.get("date"):
        problems += [Problem(path, line, key, message) for key, line, message
                     in followup_schema.check_dates(document, source.line_of)]
    return document, sorted(problems, key=lambda p: p.line)


def _assemble(path: str, source: Source, values: dict[str, Any]) -> Document:
    stem = PurePosixPath(path).stem
    doc = Document(
        path=path,
        id=values.get("id") or slugify(stem) or "document",
        kind=values.get("kind") or KINDS["report"],
        title=values.get("title") or stem,
        date=values.get("date") or PartialDate(1970, 1, 1),
        summary=values.get("summary") or "",
        themes=values.get("themes") or [],
        stakeholders=values.get("stakeholders") or [],
        status=values.get("status") or "draft",
        body=source.body,
        authors=values.get("authors") or [],
        organisation=values.get("organisation") or "",
        source=values.get("source") or {},
        lessons=values.get("lessons") or [],
        redirect_from=values.get("redirect_from") or [],
        publish_after=values.get("publish_after"),
        language=values.get("language") or "nl",
        allow_personal_data=values.get("allow_personal_data") or [],
        review_needed=values.get("review_needed") or [],
        follows_up=values.get("follows_up") or [],
        lines=source.lines,
        body_line=source.body_line,
    )
    for lesson in doc.lessons:
        lesson.document_id = doc.id
        lesson.themes = lesson.themes or list(doc.themes)
        lesson.stakeholders = lesson.stakeholders or list(doc.stakeholders)
    return doc


def read_document(path: str, raw: bytes, vocabs: Vocabularies) -> tuple[Document, list[Problem]]:
    """Parse and validate one file; unreadable files still give a placeholder Document."""
    try:
        source = parse(raw)
    except SourceError as err:
        source = Source(meta={}, body=_salvage(raw), body_line=1)
        doc = _assemble(path, source, {})
        return doc, [Problem(path, err.line, err.field, err.message)]
    return validate(path, source, vocabs)


def _salvage(raw: bytes) -> str:
    # Keep what text there is, so an unreadable file still shows up (marked) in a preview.
    return raw.decode("utf-8", "replace").replace("\x00", "")
