"""A malformed vocabulary file is refused with its line and field, never a traceback."""

from __future__ import annotations

import shutil

import pytest
import yaml

from helpers import ROOT
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
    ("a:\n  label: A\n  tooi: https://www.rijksoverheid.nl/vws\n", 3, "a.tooi",
     "must be a TOOI address such as https://identifier.overheid.nl/tooi/id/"),
]


@pytest.mark.parametrize(("text", "line", "field", "message"), CASES)
def test_malformed_vocabulary_names_line_and_field(text, line, field, message):
    with pytest.raises(SourceError) as caught:
        parse_vocabulary("themes", text, "themes.yml")
    assert (caught.value.line, caught.value.field) == (line, field)
    assert message in caught.value.message


LIFECYCLE = (ROOT / "content" / "vocabularies" / "lifecycle.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit, expected", [
    ("response_kinds: [{a: 1}, memo]\n", "response_kinds.0: unknown kind"),
    ("response_kinds: [[a], memo]\n", "response_kinds.0: unknown kind"),
    ("lesson_states:\n  index:\n    label: Index\n", "lesson_states.index: 'index' cannot"),
    ("lesson_states:\n  a:\n    label: Open\n  b:\n    label: open\n",
     "lesson_states.b.label: 'open' is already the label of 'a'"),
    ("lesson_states:\n  a:\n    label: A\n    description: Mail jan@gmail.com\n",
     "lesson_states.a.description: personal data"),
    ("lesson_states:\n  a:\n    label: '" + "x" * 81 + "'\n",
     "lesson_states.a.label: is 81 characters long"),
])
def test_a_bad_lifecycle_is_named_never_a_traceback(tmp_path, edit, expected):
    from lessons.collect import load_vocabularies

    folder = tmp_path / "vocabularies"
    shutil.copytree(ROOT / "content" / "vocabularies", folder)
    data = yaml.safe_load(LIFECYCLE)
    key = edit.split(":", 1)[0]
    data.pop(key)
    text = yaml.safe_dump(data, allow_unicode=True) + edit
    (folder / "lifecycle.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_vocabularies(folder)
    assert "lifecycle.yml:" in caught.value.message and expected in caught.value.message
