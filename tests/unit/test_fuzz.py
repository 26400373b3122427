"""Property tests: no input makes the reader, the normalizer, the guards or the check crash.

About 3,500 cases in all (a few seconds each property); bench/fuzz.py runs the same
properties for as many cases as asked (100,000 for the record in its docstring).
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import (
    bodies,
    check_collect,
    check_vocabulary,
    documents,
    front_matter,
    vocabulary_files,
)
from helpers import ROOT
from lessons.collect import load_vocabularies
from lessons.normalize.redactions import mark_up
from lessons.privacy import scan

VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")
KEYS = st.sampled_from(["id", "kind", "title", "date", "summary", "themes", "stakeholders",
                        "status", "lessons", "authors", "allow_personal_data", "x"])
VALUES = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans(),
                   st.lists(st.text(max_size=10), max_size=3))
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])


@settings(FUZZ, max_examples=500)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_and_problems_not_an_exception(raw):
    check_collect(raw, VOCABS)


@settings(FUZZ, max_examples=300)
@given(st.dictionaries(KEYS, VALUES, max_size=8), st.text(max_size=200))
def test_any_front_matter_mapping_is_read_or_reported(meta, body):
    raw = ("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body).encode()
    check_collect(raw, VOCABS)


@settings(FUZZ, max_examples=1200)
@given(documents)
def test_any_yaml_with_tags_anchors_and_odd_scalars_is_read_or_reported(raw):
    check_collect(raw, VOCABS)


@settings(FUZZ, max_examples=800)
@given(front_matter, bodies)
def test_bodies_of_markup_fragments_are_checked_not_crashed(front, body):
    check_collect(("---\n" + front + "\n---\n" + body).encode(), VOCABS)


@settings(FUZZ, max_examples=400)
@given(vocabulary_files)
def test_any_vocabulary_file_is_read_or_refused_with_its_line(text):
    check_vocabulary(text)


@settings(FUZZ, max_examples=300)
@given(st.text(max_size=300) | bodies)
def test_normalizer_and_guard_accept_any_text(text):
    assert isinstance(mark_up(text), str)
    for finding in scan(text):
        assert text[finding.start:finding.end] == finding.value
