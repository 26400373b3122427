"""Who issued a document: the organisation named in its `organisation:` (a term of
stakeholders.yml), else the organisation that runs the site (the plugin's
`organisation` option). It is the publisher in every citation, record and feed, and the
corporate author where the document names no person. The website itself is never an
author or a publisher: it is the collection the document is kept in."""

from __future__ import annotations

from dataclasses import dataclass

from .model.document import Document
from .model.vocab import Vocabulary


@dataclass(frozen=True)
class Organisation:
    name: str
    key: str = ""  # its stakeholders.yml key; "" for a name configured without one
    tooi: str = ""  # its TOOI address (https://identifier.overheid.nl/tooi/id/...), if any
    abbreviation: str = ""

    @classmethod
    def of(cls, key: str, stakeholders: Vocabulary) -> Organisation:
        term = stakeholders.terms[key]
        return cls(term.label, key, term.tooi or "", term.abbreviation or "")


def issuer(doc: Document, stakeholders: Vocabulary, default: Organisation) -> Organisation:
    key = doc.organisation
    if key and key in stakeholders.terms:
        return Organisation.of(key, stakeholders)
    return default
