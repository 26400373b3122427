"""A malformed vocabulary file is refused with its line and field, never a traceback."""

from __future__ import annotations

import pytest

from lessons.model.source import SourceError
from lessons.model.vocab import parse_vocabulary

CASES = [
    ("a:\n  label: !!int 'x'\n", 2, "a.label", "YAML tags such as '!!int' are not allowed"),
    ("a:\n  label: A\n  aliases: [b, !!float 'abc']\n", 3, "a.aliases.1",
     "YAML tags such as '!!float' are not allowed"),
    ("a:\n  label: A\nb: !!bool 'maybe'\n", 3, "b", "YAML tags such as '!!bool' are not allowed"),
    ("a:\n  label: !!timestamp '2021-13-45'\n", 2, "a.label", "'!!timestamp' are not allowed"),
    ("a:\n  label: !!python/name:os.system ''\n", 2, "a.label",
     "'!!python/name:os.system' are not allowed"),
    ("a:\n  label: !thema A\n", 2, "a.label", "YAML tags such as '!thema' are not allowed"),
    ("a:\n  label: A\n  parent: [b]\n", 3, "a.parent", "must be text, not list"),
    ("a:\n  label: A\n  abbreviation: 12\n", 3, "a.abbreviation", "must be text, not int"),
    ("- a\n- b\n", 1, "vocabulary", "a vocabulary is a list of 'key:' entries"),
]


@pytest.mark.parametrize(("text", "line", "field", "message"), CASES)
def test_malformed_vocabulary_names_line_and_field(text, line, field, message):
    with pytest.raises(SourceError) as caught:
        parse_vocabulary("themes", text, "themes.yml")
    assert (caught.value.line, caught.value.field) == (line, field)
    assert message in caught.value.message
