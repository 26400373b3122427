"""Every malformed file in fixtures/invalid gives exactly the problems in its .expected file."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from lessons.collect import collect, load_vocabularies

CASES = sorted((FIXTURES / "invalid").glob("*.md"))
VOCABS = load_vocabularies(ROOT / "content" / "vocabularies")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_problems_match_expected(path: Path):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").strip().splitlines()
    result = collect([(path.name, path.read_bytes())], VOCABS)
    got = [f"{p.line}: {p.field}: {p.message}" for p in result.problems]
    assert got == expected
    # Nothing is dropped: even an unreadable file yields a document to show the editor.
    assert len(result.documents) == 1
    assert result.invalid == {path.name}


def test_malformed_files_next_to_valid_ones_lose_nothing():
    valid = sorted((FIXTURES / "corpus" / "documenten").rglob("*.md"))
    sources = [(p.name, p.read_bytes()) for p in CASES + valid]
    result = collect(sources, VOCABS)
    assert sorted(d.path for d in result.documents) == sorted(name for name, _ in sources)
    assert result.invalid == {p.name for p in CASES}
