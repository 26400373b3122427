"""Controlled vocabularies (themes, stakeholders): keys, labels, aliases, hierarchy."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .source import SourceError, load_yaml

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form for matching aliases."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    uri: str | None = None
    abbreviation: str | None = None


@dataclass
class Vocabulary:
    name: str  # "themes" | "stakeholders"
    terms: dict[str, Term] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, term: Term) -> None:
        self.terms[term.key] = term
        for name in (term.key, term.label, term.abbreviation, *term.aliases):
            if name:
                self._index.setdefault(fold(name), term.key)

    def resolve(self, value: str) -> str | None:
        """Canonical key of a key, label, abbreviation or alias; None when unknown."""
        if value in self.terms:
            return value
        return self._index.get(fold(value))

    def suggest(self, value: str) -> str | None:
        """The nearest known key, for 'did you mean' messages."""
        folded = fold(value)
        match = difflib.get_close_matches(folded, list(self._index), n=1, cutoff=0.6)
        return self._index[match[0]] if match else None

    def ancestors(self, key: str) -> list[str]:
        chain, seen = [], {key}
        parent = self.terms[key].parent if key in self.terms else None
        while parent and parent in self.terms and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.terms[parent].parent
        return chain

    def children(self, key: str) -> list[Term]:
        return [t for t in self.terms.values() if t.parent == key]

    def label(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)


def _strings(value, where: str, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise SourceError(f"{where} must be a list of texts", line, where)


def _text(value, where: str, line: int) -> str | None:
    # A number or a list where a name belongs would fail later, far from the file.
    if value is None or isinstance(value, str):
        return value
    raise SourceError(f"{where} must be a text, not {type(value).__name__}", line, where)


def parse_vocabulary(name: str, text: str, path: str = "") -> Vocabulary:
    """Parse a vocabulary file: a mapping of key -> {label, description, aliases, ...}."""
    data, lines = load_yaml(text)
    if not isinstance(data, dict):
        raise SourceError("a vocabulary is a list of 'key:' entries", 1, "vocabulary")
    vocab = Vocabulary(name)
    for key, entry in data.items():
        line = lines.get(str(key), 1)
        if not isinstance(key, str) or not _KEY.match(key):
            raise SourceError(
                f"key {key!r} must be lowercase letters, digits and hyphens", line, str(key))
        entry = entry or {}
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            raise SourceError(f"term '{key}' needs a 'label:' (its Dutch name)", line, str(key))
        vocab.add(Term(
            key=key,
            label=entry["label"].strip(),
            description=str(entry.get("description") or "").strip(),
            aliases=_strings(entry.get("aliases"), f"{key}.aliases", line),
            parent=_text(entry.get("parent"), f"{key}.parent",
                         lines.get(f"{key}.parent", line)),
            uri=_text(entry.get("uri"), f"{key}.uri", lines.get(f"{key}.uri", line)),
            abbreviation=_text(entry.get("abbreviation"), f"{key}.abbreviation",
                               lines.get(f"{key}.abbreviation", line)),
        ))
    for term in vocab:
        if term.parent and term.parent not in vocab.terms:
            raise SourceError(
                f"term '{term.key}' has unknown parent '{term.parent}'",
                lines.get(f"{term.key}.parent", 1), f"{term.key}.parent")
    return vocab


def load_vocabulary(name: str, path: Path) -> Vocabulary:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(f"vocabulary file {path} is missing", 1, name) from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        raise SourceError(f"not valid UTF-8 (byte 0x{err.object[err.start]:02x}); save the "
                          f"file as UTF-8", line, "file") from None
    return parse_vocabulary(name, text, str(path))
