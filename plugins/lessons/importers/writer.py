"""Write an imported document: front-matter for review, the original kept with its checksum."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import frontmatter

from ..model.kinds import KINDS
from ..model.schema import SOURCE_FILE, Vocabularies
from ..normalize.text import slugify
from .infer import infer
from .registry import Converted, read


@dataclass
class Imported:
    source: Path
    target: Path
    meta: dict
    review: list[str]


class AlreadyExists(Exception):
    pass


def build_document(path: Path, converted: Converted, vocabs: Vocabularies,
                   kind: str | None, today: dt.date) -> tuple[dict, str]:
    guessed, body = infer(converted.raw_text, converted.markdown, vocabs,
                          structured=converted.structured)
    title = converted.title_hint or guessed.title or path.stem.replace("_", " ")
    kind = kind or converted.kind_hint or guessed.kind or "report"
    date = converted.date_hint or guessed.date
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # A title of punctuation only ("???") has no slug; without a fallback the file was
    # written as a hidden ".md" whose page never appeared.
    doc_id = slugify(title, 60) or slugify(path.stem, 60) or f"document-{digest[:8]}"
    if date:
        doc_id = f"{doc_id}-{date[:4]}" if not doc_id.endswith(date[:4]) else doc_id
    meta: dict = {
        "id": doc_id,
        "kind": kind,
        "title": title,
        "date": date or "",
        "summary": "",
        "themes": guessed.themes,
        "stakeholders": guessed.stakeholders,
        "status": "draft",
    }
    if KINDS[kind].required:
        for key in KINDS[kind].required:
            meta[key] = [] if key == "authors" else ""
    if guessed.lessons:
        meta["lessons"] = [{"id": f"{doc_id}-les-{n}", "statement": statement}
                           for n, statement in enumerate(guessed.lessons, 1)]
    meta["source"] = {
        "title": path.name,
        "file": f"sources/{doc_id}/{_file_name(path)}",
        "checksum": f"sha256:{digest}",
        "converter": converted.converter,
        "imported": today.isoformat(),
    }
    review = guessed.notes if not converted.title_hint else [
        n for n in guessed.notes if n != "title"]
    if not date:
        review.append("date (none found)")
    if guessed.redactions:
        review.append("redactions: " + ", ".join(guessed.redactions))
    meta["review_needed"] = review
    return meta, body


def _file_name(path: Path) -> str:
    """The original's name under sources/: as it was, unless the schema would refuse it
    (separators, control characters, very long names)."""
    name = path.name
    if SOURCE_FILE.match(f"sources/x/{name}") and len(name) <= 120:
        return name
    return (slugify(path.stem, 80) or "origineel") + path.suffix.lower()[:10]


def import_file(path: Path, root: Path, vocabs: Vocabularies, *, kind: str | None = None,
                out: Path | None = None, force: bool = False,
                today: dt.date | None = None) -> Imported:
    """Convert one file and write it; raises ImportFailure or AlreadyExists."""
    converted = read(path)
    meta, body = build_document(path, converted, vocabs, kind, today or dt.date.today())
    folder = out or root / "content" / "documenten" / KINDS[meta["kind"]].slug
    target = folder / f"{meta['id']}.md"
    if target.exists() and not force:
        raise AlreadyExists(f"{target} exists; use --force to overwrite it")
    folder.mkdir(parents=True, exist_ok=True)
    post = frontmatter.Post(body, **meta)
    target.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True,
                                        width=100) + "\n", encoding="utf-8")
    original = root / meta["source"]["file"]
    original.parent.mkdir(parents=True, exist_ok=True)
    if original.resolve() != path.resolve():
        shutil.copyfile(path, original)
    return Imported(path, target, meta, meta["review_needed"])
