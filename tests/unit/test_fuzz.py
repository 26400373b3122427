"""Property tests: no input makes the reader, the normalizer or the guard crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT
from lessons.collect import collect, load_vocabularies
from lessons.normalize.redactions import mark_up
from lessons.privacy import scan

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
KEYS = st.sampled_from(["id", "kind", "title", "date", "summary", "themes", "stakeholders",
                        "status", "lessons", "authors", "allow_personal_data", "x"])
VALUES = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(),
                   st.lists(st.text(max_size=10), max_size=3))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_and_problems_not_an_exception(raw):
    result = collect([("x.md", raw)], VOCABS)
    assert len(result.documents) == 1


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=8), st.text(max_size=200))
def test_any_front_matter_mapping_is_read_or_reported(meta, body):
    import yaml
    raw = ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body).encode()
    result = collect([("x.md", raw)], VOCABS)
    assert len(result.documents) == 1
    assert all(p.line >= 1 for p in result.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalizer_and_guard_accept_any_text(text):
    assert isinstance(mark_up(text), str)
    for finding in scan(text):
        assert text[finding.start:finding.end] == finding.value
