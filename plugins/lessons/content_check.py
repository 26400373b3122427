"""`lessons check` without a build: the same inventory, guards and sanitizer as the build.

The build reports body problems while it renders; a check must find the same ones
without building, so it renders each body that would be published with the site's own
Markdown configuration and puts the HTML through the sanitizer the build uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import inventory, privacy, sanitize
from .collect import check_today, collect, collect_files
from .model.document import Document, Problem
from .model.schema import Vocabularies
from .render import RENDER_FAILURES, BodyRenderer, failure_message


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # paths with at least one problem
    files: int = 0  # files looked at


def _selected(path: str, only: Iterable[str] | None) -> bool:
    """Is path (relative to the docs dir) one of, or inside one of, the given paths?"""
    if only is None:
        return True
    return any(path == o or path.startswith(o.rstrip("/") + "/") or o in ("", ".")
               for o in only)


def check(docs_dir: Path, vocabs: Vocabularies, renderer: BodyRenderer, *,
          documents_dir: str = "documenten", vocabularies_dir: str = "vocabularies",
          only: Iterable[str] | None = None, today: dt.date | None = None) -> Report:
    """Every problem the build would report for docs_dir (or for the given paths in it,
    relative to docs_dir), drafts included: a check is for the editor."""
    only = list(only) if only is not None else None
    found = inventory.take(docs_dir, documents_dir, vocabularies_dir)
    report = Report()
    report.problems += [p for p in found.problems if _selected(p.path, only)]
    report.invalid |= {p.path for p in report.problems}
    documents = [path for path in found.documents if _selected(path, only)]
    # A check of some files still checks what they name of the others (follow-up).
    others = [] if only is None else collect_files(
        docs_dir, [path for path in found.documents if path not in set(documents)],
        vocabs).documents
    collection = collect(((path, (docs_dir / path).read_bytes()) for path in documents),
                         vocabs, others)
    check_today(collection, today or dt.date.today())
    report.documents = collection.documents
    report.problems += collection.problems
    report.invalid |= collection.invalid
    for doc in collection.documents:
        # Rendered even with problems in its source (masked, it is harmless), so the editor
        # hears of everything at once; not when it cannot be read, or Markdown would
        # take too long for it.
        if doc.path in collection.unrenderable:
            continue
        problems = _rendered(doc.path, doc.body, doc.body, doc.body_line, renderer,
                             privacy.allowed_values(doc))
        report.problems += problems
        report.invalid |= {p.path for p in problems}
    for path, text in sorted(found.pages.items()):
        if not _selected(path, only):
            continue
        problems = _rendered(path, _body(text), text, 1, renderer, set())
        report.problems += problems
        report.invalid |= {p.path for p in problems}
    report.files = len(documents) + sum(_selected(p, only) for p in found.pages)
    report.problems.sort(key=lambda p: (p.path, p.line))
    return report


def _rendered(path: str, body: str, source: str, first_line: int, renderer: BodyRenderer,
              allowed: set[str]) -> list[Problem]:
    """What the build would report while rendering this body: removals by the sanitizer,
    personal data only the rendered text shows, a body that cannot be converted."""
    try:
        html = renderer.html(body)
    except RENDER_FAILURES as err:
        return [Problem(path, first_line, "body", failure_message(err))]
    return sanitize.publish(path, html, source, first_line, allowed)[1]


def _body(text: str) -> str:
    """A page without its front-matter, with the lines of the front-matter kept blank so
    Markdown's output follows the source."""
    from .model.source import split

    front, body, body_line = split(text)
    return body if front is None else "\n" * (body_line - 1) + body
