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


def site_organisation(stakeholders: Vocabulary, key: str, name: str, woo_uri: str = "",
                      woo_name: str = "") -> Organisation:
    """The organisation that runs the site, from the plugin's options: the `organisation`
    term where `key` names one, else by `name` (the `publisher` option, or the site's name
    in a preview that warned); `woo_publisher_uri`/`_name` override its TOOI address and
    name. The build (plugin.py) and `lessons check`'s address list (cli.py) ask here."""
    found = stakeholders.resolve(key) if key else None
    own = Organisation.of(found, stakeholders) if found else Organisation(name)
    if woo_uri or woo_name:
        own = Organisation(woo_name or own.name, own.key, woo_uri or own.tooi,
                           own.abbreviation)
    return own


def issuer(doc: Document, stakeholders: Vocabulary, default: Organisation) -> Organisation:
    key = doc.organisation
    if key and key in stakeholders.terms:
        return Organisation.of(key, stakeholders)
    return default
