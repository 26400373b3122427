"""Vocabulary terms take `redirect_from` like documents do: validated like ids, and every
address a renamed term (or document) owned gets its old form."""

from __future__ import annotations

import pytest

from lessons import addresses, graph
from lessons.model.schema import Vocabularies
from lessons.model.source import SourceError
from lessons.model.vocab import parse_vocabulary

THEMES = """\
preventie:
  label: Preventie
gegevensdeling:
  label: Gegevensdeling
  redirect_from: [gegevensuitwisseling, data-uitwisseling]
"""


def test_a_former_key_resolves_to_the_renamed_term():
    vocab = parse_vocabulary("themes", THEMES)
    assert vocab.terms["gegevensdeling"].redirect_from == (
        "gegevensuitwisseling", "data-uitwisseling")
    assert vocab.resolve("gegevensuitwisseling") == "gegevensdeling"


@pytest.mark.parametrize("entry, line, message", [
    ("[Gegevens]", 5, "'Gegevens' is not a former key: use lowercase letters, digits and "
                      "hyphens (at most 80)"),
    ("['../../index']", 5, "'../../index' is not a former key"),
    ("['feeds/documenten.xml']", 5, "'feeds/documenten.xml' is not a former key"),
    ('["oud\\n"]', 5, "'oud\\n' is not a former key"),
    ("[" + "a" * 81 + "]", 5, "is not a former key"),
    ("[12]", 5, "'12' is not a former key"),
    ("{oud: ja}", 5, "must be a list of former keys, e.g. [oude-sleutel]"),
    ("[preventie]", 5, "'preventie' is the key of a term; a former key must be a key no "
                       "term has any more"),
])
def test_a_former_key_is_validated_like_an_id(entry, line, message):
    text = THEMES.replace("[gegevensuitwisseling, data-uitwisseling]", entry)
    with pytest.raises(SourceError) as caught:
        parse_vocabulary("themes", text)
    assert message in caught.value.message
    assert caught.value.line == line
    assert caught.value.field.startswith("gegevensdeling.redirect_from")


def test_a_former_key_leads_to_one_term_only():
    text = THEMES + "preventie-2:\n  label: Preventie twee\n  redirect_from: [data-uitwisseling]\n"
    with pytest.raises(SourceError) as caught:
        parse_vocabulary("themes", text)
    assert caught.value.message == ("'data-uitwisseling' is already a former key of "
                                    "'gegevensdeling'; an old address can lead to one term "
                                    "only")
    assert caught.value.line == 8


def test_every_combination_of_old_and_new_keys_is_an_old_address():
    themes = parse_vocabulary("themes", THEMES)
    holders = parse_vocabulary("stakeholders", "rivm:\n  label: RIVM\n  redirect_from: [ri]\n")
    vocabs = Vocabularies(themes, holders)
    corpus = graph.build([])
    cell = addresses._at("overzicht/{stakeholder}/{theme}/", stakeholder="rivm",
                         theme="gegevensdeling")
    listed = [cell, addresses.Address("overzicht/ri/gegevensdeling/"),
              *addresses.site_addresses(corpus, vocabs)]
    moved = {m.source: m.target.path
             for m in addresses.moved(listed, addresses.renames(corpus, vocabs))}
    assert {source for source in moved if source.startswith("overzicht/")} == {
        "overzicht/rivm/gegevensuitwisseling/", "overzicht/rivm/data-uitwisseling/",
        "overzicht/ri/gegevensuitwisseling/", "overzicht/ri/data-uitwisseling/"}
    # An old form that is itself published is never replaced.
    assert "overzicht/ri/gegevensdeling/" not in moved
    assert moved["themas/gegevensuitwisseling/"] == "themas/gegevensdeling/"
    assert moved["feeds/themas/data-uitwisseling/lessen.json"] == (
        "feeds/themas/gegevensdeling/lessen.json")
    assert moved["organisaties/ri/"] == "organisaties/rivm/"
