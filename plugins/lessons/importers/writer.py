"""Write an imported document: front-matter for review, the original kept with its
checksum, the pictures beside it, and an account of every word of the original."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import frontmatter
import yaml

from ..model.kinds import KINDS
from ..model.schema import SOURCE_FILE, Vocabularies
from ..normalize.text import slugify
from . import accounting
from .assets import relink
from .infer import infer
from .registry import Converted, ImportFailure, read

CHECKSUM = re.compile(r"^\s*checksum:\s*['\"]?sha256:([0-9a-f]{64})", re.M)


@dataclass
class Imported:
    source: Path
    target: Path
    meta: dict
    review: list[str]
    lost: int = 0  # words of the original found nowhere in what was written
    assets: list[Path] = field(default_factory=list)


class AlreadyExists(Exception):
    pass


def build_document(path: Path, converted: Converted, vocabs: Vocabularies,
                   kind: str | None, today: dt.date, digest: str,
                   taken: set[str] | frozenset[str] = frozenset()) -> tuple[dict, str, int]:
    """The front-matter and body of a draft, and how many words of the original they
    lost; `digest` is the original's sha256, `taken` the ids already in use, which this
    document's id must not repeat (a second file with the same title and year)."""
    guessed, body = infer(converted, vocabs)
    title = guessed.title or path.stem.replace("_", " ")
    kind = kind or guessed.kind or "report"
    date = guessed.date
    # A title of punctuation only ("???") has no slug; without a fallback the file was
    # written as a hidden ".md" whose page never appeared.
    doc_id = slugify(title, 60) or slugify(path.stem, 60) or f"document-{digest[:8]}"
    if date:
        doc_id = f"{doc_id}-{date[:4]}" if not doc_id.endswith(date[:4]) else doc_id
    same = doc_id
    doc_id = next(f"{same}-{n}" if n > 1 else same for n in range(1, len(taken) + 2)
                  if (f"{same}-{n}" if n > 1 else same) not in taken)
    start = guessed.start
    meta: dict = {
        "id": doc_id,
        "kind": kind,
        "title": title,
        "date": date or "",  # a string at its precision: "2020", "2020-08", "2020-08-14"
        "summary": start.summary,
        "themes": guessed.themes,
        "stakeholders": guessed.stakeholders,
        "status": "draft",
    }
    for key in KINDS[kind].required:
        meta[key] = [] if key == "authors" else ""
    if start.authors:
        meta["authors"] = start.authors
    if start.lessons:
        meta["lessons"] = [{"id": f"{doc_id}-les-{n}", "statement": statement}
                           for n, statement in enumerate(start.lessons, 1)]
    meta["source"] = {
        "title": path.name,
        "file": f"sources/{doc_id}/{_file_name(path)}",
        "checksum": f"sha256:{digest}",
        "converter": converted.converter,
        "imported": today.isoformat(),
    }
    review = list(guessed.notes)
    if doc_id != same:
        review.append(f"id: '{same}' is already in use, so this one is '{doc_id}'; if both "
                      f"are the same document, keep one")
    if not guessed.title:
        review[0] = "title (from the file name: write the document's own title)"
    if guessed.redactions:
        review.append("redactions: " + ", ".join(guessed.redactions))
    review += [f"removed: {r.count} {r.what}" for r in converted.removed]
    # A reader's note that inference has since answered would contradict the list.
    answered = (("file properties:",) if guessed.date_from.startswith("the file's creation")
                else ()) + (("title: no title found",) if guessed.title else ())
    review += [note for note in converted.review if not note.startswith(answered)]
    lost = lost_words(converted, meta, body)
    if lost:
        review.append(accounting.describe(lost) + ": compare with the original")
    meta["review_needed"] = review
    return meta, body, sum(lost.values())


def lost_words(converted: Converted, meta: dict, body: str):
    """The nothing-lost invariant: words of the original that are neither in the body,
    the front-matter nor in what was removed on purpose."""
    lessons = [x["statement"] for x in meta.get("lessons", [])]
    return accounting.lost_words(converted.raw_text, [
        body, meta["title"], meta["summary"], *meta.get("authors", []), *lessons,
        *(r.text for r in converted.removed)])


def _file_name(path: Path) -> str:
    """The original's name under sources/: as it was, unless the schema would refuse it
    (separators, control characters, very long names)."""
    name = path.name
    if SOURCE_FILE.match(f"sources/x/{name}") and len(name) <= 120:
        return name
    return (slugify(path.stem, 80) or "origineel") + path.suffix.lower()[:10]


def _asset_name(name: str) -> str:
    """A picture's name as a plain file name: no folders, nothing the URL must escape."""
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix.lower()
    return (slugify(stem, 60) or "afbeelding") + suffix


def link_assets(body: str, assets: dict[str, bytes], folder: str) -> tuple[str, dict]:
    """Links to `media/<name>` point at `<folder>/<name>` beside the document; returns the
    body and the pictures by their new names."""
    renamed = {name: _asset_name(name) for name in assets}
    return relink(body, folder, renamed), {renamed[n]: data for n, data in assets.items()}


def on_site(root: Path, digest: str) -> Path | None:
    """The document on the site whose original has this checksum, if any."""
    documents = root / "content" / "documenten"
    for path in sorted(documents.rglob("*.md")) if documents.is_dir() else []:
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:20000]
        except OSError:
            continue
        if any(m.group(1) == digest for m in CHECKSUM.finditer(head)):
            return path
    return None


def check_readable(path: Path) -> None:
    """Refuse what is not a file to import, saying what it is."""
    if not path.exists():
        raise ImportFailure("the file does not exist; check the name and folder")
    if path.is_dir():
        raise ImportFailure("is a folder; name the files in it")
    if path.stat().st_size == 0:
        raise ImportFailure("the file is empty (0 bytes); there is nothing to import")


def _published(path: Path) -> bool:
    try:
        return frontmatter.load(path).get("status") == "published"
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # not known to be published
        return False


def ids_in_use(root: Path, out: Path | None) -> set[str]:
    """Ids a new document must not take: every document on the site and in the output
    folder (by file name, which is the id for imported drafts) and every originals folder."""
    taken: set[str] = set()
    for folder in (root / "content" / "documenten", out):
        if folder is not None and folder.is_dir():
            taken |= {p.stem for p in folder.rglob("*.md")}
    sources = root / "sources"
    if sources.is_dir():
        taken |= {p.name for p in sources.iterdir() if p.is_dir()}
    return taken


def import_file(path: Path, root: Path, vocabs: Vocabularies, *, kind: str | None = None,
                out: Path | None = None, force: bool = False,
                today: dt.date | None = None) -> Imported:
    """Convert one file and write it; raises ImportFailure or AlreadyExists."""
    check_readable(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    existing = on_site(root, digest)
    if existing and not force:
        shown = existing.relative_to(root) if existing.is_relative_to(root) else existing
        raise AlreadyExists(f"already on the site as {shown} (the same file: its checksum "
                            f"is that document's source.checksum); use --force to import "
                            f"it again")
    converted = read(path)
    if not accounting.words(converted.raw_text) and not converted.assets:
        raise ImportFailure("has no text (no words); if it is a scan, it needs OCR")
    # --force overwrites a document of the same id; otherwise a new id is chosen.
    taken = set() if force else ids_in_use(root, out)
    meta, body, lost = build_document(path, converted, vocabs, kind,
                                      today or dt.date.today(), digest, taken)
    folder = out or root / "content" / "documenten" / KINDS[meta["kind"]].slug
    target = folder / f"{meta['id']}.md"
    if target.exists() and _published(target):
        # An editor's finished work is never replaced by a fresh draft.
        raise AlreadyExists(f"{target} is published; --force does not replace a published "
                            f"document: set it to `status: draft` first if it should be "
                            f"imported again")
    body, assets = link_assets(body, converted.assets, meta["id"])
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in assets.items():
        picture = folder / meta["id"] / name
        picture.parent.mkdir(parents=True, exist_ok=True)
        picture.write_bytes(data)
        written.append(picture)
    post = frontmatter.Post(body, **meta)
    target.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True,
                                        width=100) + "\n", encoding="utf-8")
    original = root / meta["source"]["file"]
    original.parent.mkdir(parents=True, exist_ok=True)
    if original.resolve() != path.resolve():
        shutil.copyfile(path, original)
    return Imported(path, target, meta, meta["review_needed"], lost, written)
