"""Front-matter values are what PyYAML itself builds from the same text: the quick
construction of plain mappings, lists and scalars gives the same values, and anything
else (merge keys, '=' keys, lists as keys, values no constructor takes) is left to
PyYAML, with its own messages."""

from __future__ import annotations

import pytest
import yaml

from lessons.model import source
from lessons.model.source import SafeLoader, SourceError, load_yaml

SAME = [
    "title: Tekst\nthemes: [regie, data]\nlessons:\n  - id: a\n    statement: b\n",
    "n: 12\nf: 1.5\nhex: 0x1F\nsexagesimal: 1:20\nyes: yes\nno: off\nempty:\nnull: ~\n",
    "date: 2021-03-23\nwhen: 2021-03-23T10:00:00Z\n.inf: .nan\n2021: jaar\n",
    "nested: {a: [1, {b: [true, null]}], c: ''}\nquoted: '12'\n",
    "base:\n  a: 1\nmerged:\n  <<: {a: 1, b: 2}\n  b: 3\n",  # a merge key
    "=: waarde\nx: {=: y}\n",  # a value key
    "? [a, b]\n: lijst als sleutel\n",  # a list as a key: PyYAML refuses it
    "x: <<\n",  # a merge key where a value belongs: PyYAML refuses it
    "bad: 0b_\n",  # the int constructor fails on it
]


def outcome(text: str) -> tuple:
    try:
        data, lines = load_yaml(text, offset=1)
    except SourceError as err:
        return ("error", err.message, err.line, err.field)
    return ("data", repr(data), lines)


@pytest.mark.parametrize("text", SAME)
def test_values_and_messages_are_what_pyyaml_gives(text, monkeypatch):
    quick = outcome(text)
    if quick[0] == "data":
        assert quick[1] == repr(yaml.load(text, Loader=SafeLoader))  # noqa: S506 - safe
    # PyYAML's own construction alone (the quick one never tried) gives the same.
    def refuse(loader, node):
        raise source._NotPlain
    monkeypatch.setattr(source, "_plain", refuse)
    assert outcome(text) == quick
