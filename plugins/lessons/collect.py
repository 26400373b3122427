"""Collect every document of the content folder: read, validate, check across files.

Shared by the MkDocs plugin and `lessons check`, so both report the same problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import complexity, markup, privacy
from .build import workers
from .model import followup_schema
from .model.document import Document, Problem
from .model.lifecycle import load_lifecycle
from .model.schema import Vocabularies, read_document
from .model.source import SourceError
from .model.vocab import load_vocabulary

THEMES_FILE = "themes.yml"
STAKEHOLDERS_FILE = "stakeholders.yml"
LIFECYCLE_FILE = "lifecycle.yml"


@dataclass
class Collection:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)  # paths with at least one problem
    # Paths whose body must not be rendered at all: unreadable, or too slow for Markdown.
    unrenderable: set[str] = field(default_factory=set)


def load_vocabularies(folder: Path) -> Vocabularies:
    """Raises SourceError naming the file and line when a vocabulary is broken."""
    vocabs = {}
    for name, filename in (("themes", THEMES_FILE), ("stakeholders", STAKEHOLDERS_FILE)):
        path = folder / filename
        try:
            vocabs[name] = load_vocabulary(name, path)
        except SourceError as err:
            field = "yaml" if err.field == "front-matter" else err.field
            raise SourceError(f"{path}:{err.line}: {field}: {err.message}", err.line,
                              field) from None
    path = folder / LIFECYCLE_FILE
    try:
        lifecycle = load_lifecycle(path)
    except SourceError as err:
        field = "yaml" if err.field == "front-matter" else err.field
        raise SourceError(f"{path}:{err.line}: {field}: {err.message}", err.line,
                          field) from None
    return Vocabularies(**vocabs, lifecycle=lifecycle)


def collect(sources: Iterable[tuple[str, bytes]], vocabs: Vocabularies,
            others: Iterable[Document] = ()) -> Collection:
    """Read (path, raw bytes) pairs; every document is kept, problems are listed.
    `others`: the site's other documents, when only some are read again (a preview
    update), for what the read ones name of them (follow-up)."""
    return _collected((read(path, raw, vocabs) for path, raw in sources), others)


def collect_files(docs_dir: Path, paths: list[str], vocabs: Vocabularies) -> Collection:
    """`collect` of files under docs_dir, read and checked on every core."""
    return _collected(workers.run(
        lambda path: read(path, (docs_dir / path).read_bytes(), vocabs), paths, chunk=32))


def read(path: str, raw: bytes, vocabs: Vocabularies) -> tuple[Document, list[Problem], bool]:
    """One document, its problems, and whether its body may be rendered at all."""
    doc, problems = read_document(path, raw, vocabs)
    leaks, unsafe = privacy.check(doc), markup.check(doc)
    # The build fails on these; masking also keeps them out of any preview.
    if leaks:
        privacy.mask_document(doc)
    if unsafe:
        markup.mask(doc)
    # Checked on the masked body: an unclosed tag, masked, no longer slows Markdown.
    readable = not any(p.field in ("front-matter", "file") for p in problems)
    heavy = complexity.check(doc) if readable else []
    if leaks or unsafe or heavy:
        problems = sorted(problems + leaks + unsafe + heavy, key=lambda p: p.line)
    return doc, problems, readable and not heavy


def _collected(reads: Iterable[tuple[Document, list[Problem], bool]],
               others: Iterable[Document] = ()) -> Collection:
    result = Collection()
    for doc, problems, renderable in reads:
        if not renderable:
            result.unrenderable.add(doc.path)
        result.documents.append(doc)
        result.problems.extend(problems)
        if problems:
            result.invalid.add(doc.path)
    _check_duplicates(result)
    _check_follow_up(result, others)
    return result


def check_today(result: Collection, today) -> None:
    """What only the day of the build can tell: follow-up dated after it."""
    for doc in result.documents:
        for key, line, message in followup_schema.check_future(doc, today):
            result.problems.append(Problem(doc.path, line, key, message))
            result.invalid.add(doc.path)


def _check_follow_up(result: Collection, others: Iterable[Document]) -> None:
    read = {doc.path for doc in result.documents}
    site = result.documents + [doc for doc in others if doc.path not in read]
    for doc, key, message in followup_schema.check_references(site):
        if doc.path not in read:
            continue
        result.problems.append(Problem(doc.path, doc.line_of(key), key,
                                       message))
        result.invalid.add(doc.path)


def _check_duplicates(result: Collection) -> None:
    seen_docs: dict[str, Document] = {}
    seen_lessons: dict[str, Document] = {}
    for doc in sorted(result.documents, key=lambda d: d.path):
        first = seen_docs.setdefault(doc.id, doc)
        if first is not doc:
            result.problems.append(Problem(
                doc.path, doc.lines.get("id", 1), "id",
                f"'{doc.id}' is already the id of {first.path}; ids must be unique "
                f"(they are the permanent address), choose another"))
            result.invalid.add(doc.path)
        for index, lesson in enumerate(doc.lessons):
            owner = seen_lessons.setdefault(lesson.id, doc)
            first_index = next(i for i, x in enumerate(doc.lessons) if x.id == lesson.id)
            if owner is doc and first_index == index:
                continue  # first use of this lesson id
            result.problems.append(Problem(
                doc.path, doc.lines.get(f"lessons.{index}.id", 1), f"lessons.{index}.id",
                f"lesson id '{lesson.id}' is already used in {owner.path}; "
                f"lesson ids must be unique across the site"))
            result.invalid.add(doc.path)


def read_folder(folder: Path, root: Path) -> list[tuple[str, bytes]]:
    """Every .md under folder, as (path relative to root, bytes), in a stable order."""
    return [(p.relative_to(root).as_posix(), p.read_bytes())
            for p in sorted(folder.rglob("*.md")) if p.is_file()]
