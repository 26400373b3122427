"""Controlled vocabularies (themes, stakeholders): keys, labels, aliases, hierarchy."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .source import SourceError, decode, load_yaml

_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # fullmatch: "$" would allow a final newline
MAX_KEY = 80  # as document ids: a key is a segment of several public addresses


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
    # An organisation's address in TOOI, the government's list of public bodies
    # (https://identifier.overheid.nl/tooi/id/ministerie/mnre1025): the Woo-index accepts
    # only publishers it lists.
    tooi: str | None = None
    # Former keys: their pages redirect here and their feeds keep answering, and
    # documents that still name them resolve to this term.
    redirect_from: tuple[str, ...] = ()


@dataclass
class Vocabulary:
    name: str  # "themes" | "stakeholders"
    terms: dict[str, Term] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict, repr=False)

    def add(self, term: Term) -> None:
        self.terms[term.key] = term
        for name in (term.key, term.label, term.abbreviation, *term.aliases,
                     *term.redirect_from):
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

    def below(self, key: str) -> list[str]:
        """A key and the keys of every term under it, breadth first (an organisation
        answers for its directorates; a theme's page lists its subthemes' documents)."""
        keys = [key]
        for current in keys:  # grows while iterating
            keys.extend(child.key for child in self.children(current) if child.key not in keys)
        return keys

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



def parse_vocabulary(name: str, text: str, path: str = "") -> Vocabulary:
    """Parse a vocabulary file: a mapping of key -> {label, description, aliases, ...}."""
    data, lines = load_yaml(text)
    if not isinstance(data, dict):
        raise SourceError("a vocabulary is a list of 'key:' entries", 1, "vocabulary")
    vocab = Vocabulary(name)
    for key, entry in data.items():
        line = lines.get(str(key), 1)
        if not isinstance(key, str) or not _KEY.fullmatch(key) or len(key) > MAX_KEY:
            raise SourceError(
                f"key {key!r} must be lowercase letters, digits and hyphens "
                f"(at most {MAX_KEY})", line, str(key))
        if key in RESERVED_KEYS:
            raise SourceError(f"'{key}' cannot be a key: /{key}/ is the address of an "
                              f"overview page; choose another", line, str(key))
        entry = entry or {}
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            raise SourceError(f"term '{key}' needs a 'label:' (its Dutch name)", line, str(key))
        for unknown in sorted(set(entry) - TERM_FIELDS, key=str):
            raise SourceError(f"unknown field; known: {', '.join(sorted(TERM_FIELDS))}",
                              lines.get(f"{key}.{unknown}", line), f"{key}.{unknown}")
        texts = {f: plain_text(entry.get(f), f"{key}.{f}", lines.get(f"{key}.{f}", line))
                 for f in ("label", "description", "parent", "uri", "abbreviation", "tooi")}
        if texts["tooi"] and not TOOI.fullmatch(texts["tooi"]):
            raise SourceError("must be a TOOI address such as https://identifier.overheid.nl/"
                              "tooi/id/ministerie/mnre1025 (look it up at "
                              "https://standaarden.overheid.nl/tooi)",
                              lines.get(f"{key}.tooi", line), f"{key}.tooi")
        vocab.add(Term(
            key=key,
            label=texts["label"] or "",
            description=texts["description"] or "",
            aliases=_strings(entry.get("aliases"), f"{key}.aliases", line),
            parent=texts["parent"],
            uri=texts["uri"],
            abbreviation=texts["abbreviation"],
            tooi=texts["tooi"],
            redirect_from=_former_keys(entry.get("redirect_from"), key, lines),
        ))
    _check_former_keys(vocab, lines)
    for term in vocab:
        if term.parent and term.parent not in vocab.terms:
            raise SourceError(
                f"term '{term.key}' has unknown parent '{term.parent}'",
                lines.get(f"{term.key}.parent", 1), f"{term.key}.parent")
    return vocab


# A key is a folder under /themas/, /organisaties/ ...: "index" would be the listing.
RESERVED_KEYS = frozenset({"index"})
TERM_FIELDS = frozenset({"label", "description", "aliases", "parent", "uri", "abbreviation",
                         "redirect_from", "tooi"})
TOOI = re.compile(r"https://identifier\.overheid\.nl/tooi/id/[a-z_]+/[a-z0-9_]+")


def plain_text(value, where: str, line: int) -> str | None:
    """A term's (or a lifecycle state's) text field: plain text, no markup, no personal
    data (labels and descriptions reach every page, feed, export and citation that names
    the term)."""
    from ..privacy import KINDS_NL, scan
    from .schema import markup_in

    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(f"must be text, not {type(value).__name__}; put it in quotes",
                          line, where)
    value = value.strip()
    if found := markup_in(value):
        raise SourceError(f"contains HTML markup '{found}'; write plain text", line, where)
    if leaks := scan(value):
        raise SourceError(f"personal data: {KINDS_NL[leaks[0].kind]} '{leaks[0].value}' "
                          f"would be published; remove it", line, where)
    return value


def _former_keys(value, key: str, lines: dict[str, int]) -> tuple[str, ...]:
    """A term's `redirect_from`: former keys, each a key as valid as a current one,
    because it stays a segment of addresses the build writes."""
    where = f"{key}.redirect_from"
    line = lines.get(where, lines.get(key, 1))
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise SourceError("must be a list of former keys, e.g. [oude-sleutel]", line, where)
    for index, old in enumerate(value):
        if not isinstance(old, str) or not _KEY.fullmatch(old) or len(old) > MAX_KEY:
            raise SourceError(
                f"{str(old)[:100]!r} is not a former key: use lowercase letters, digits and "
                f"hyphens (at most {MAX_KEY}), as the key was written",
                lines.get(f"{where}.{index}", line), f"{where}.{index}")
    return tuple(dict.fromkeys(value))


def _check_former_keys(vocab: Vocabulary, lines: dict[str, int]) -> None:
    """A former key may not be a current key, nor the former key of two terms: its
    addresses would then have two owners."""
    claimed: dict[str, str] = {}
    for term in vocab:
        for index, old in enumerate(term.redirect_from):
            where = f"{term.key}.redirect_from"
            line = lines.get(f"{where}.{index}", lines.get(where, 1))
            if old in vocab.terms:
                raise SourceError(
                    f"'{old}' is the key of a term; a former key must be a key no term "
                    f"has any more", line, where)
            if old in claimed:
                raise SourceError(
                    f"'{old}' is already a former key of '{claimed[old]}'; an old address "
                    f"can lead to one term only", line, where)
            claimed[old] = term.key


def load_vocabulary(name: str, path: Path) -> Vocabulary:
    try:
        text = decode(path.read_bytes())  # the same encoding rules as documents
    except FileNotFoundError:
        raise SourceError(f"vocabulary file {path} is missing", 1, name) from None
    except SourceError as err:
        raise SourceError(err.message, err.line, "file") from None
    return parse_vocabulary(name, text, str(path))
