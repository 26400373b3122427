"""The organisation that issued a document: named by key, label or abbreviation, refused
with a suggestion when unknown, and the site's own organisation where none is named."""

from __future__ import annotations

from helpers import ROOT
from lessons.collect import load_vocabularies
from lessons.issuer import Organisation, issuer
from lessons.model.schema import validate
from lessons.model.source import parse

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
SITE = Organisation("De organisatie van de site", "site")
HEAD = ("---\nid: a\nkind: meeting-report\ntitle: A\ndate: '2021'\nsummary: S\n"
        "themes: [governance]\nstakeholders: [rivm]\nstatus: published\n")


def read(extra: str):
    source = parse(HEAD + extra + "---\nTekst.\n")
    return validate("documenten/a.md", source, VOCABS)


def test_an_organisation_named_by_label_or_abbreviation_is_stored_as_its_key():
    for name in ("ZonMw", "zonmw", "RIVM", "Rijksinstituut voor Volksgezondheid en Milieu"):
        doc, problems = read(f"organisation: {name}\n")
        assert not problems
        assert doc.organisation in {"zonmw", "rivm"}
    doc, _ = read("organisation: Ministerie van VWS\n")
    found = issuer(doc, VOCABS.stakeholders, SITE)
    assert (found.key, found.name, found.tooi) == (
        "ministerie-vws", "Ministerie van Volksgezondheid, Welzijn en Sport",
        "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025")


def test_an_unknown_organisation_is_refused_with_line_and_suggestion():
    doc, problems = read("organisation: ZonMV\n")
    assert [str(p) for p in problems] == [
        "documenten/a.md:10: organisation: unknown organisation 'ZonMV'; "
        "did you mean 'zonmw' (ZonMw)?"]
    doc, problems = read("organisation: Stichting Nergens\n")
    assert "add it to content/vocabularies/stakeholders.yml first" in problems[0].message


def test_without_an_organisation_the_sites_own_organisation_issued_it():
    doc, problems = read("")
    assert not problems
    assert issuer(doc, VOCABS.stakeholders, SITE) == SITE
