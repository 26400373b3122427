"""The editors' commands: check (exit codes, formats, manifest) and new."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from lessons.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    shutil.copytree(FIXTURES / "corpus" / "documenten", tmp_path / "content" / "documenten")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_clean_corpus_exits_0(project, capsys):
    assert main(["check"]) == 0
    assert "0 problems" in capsys.readouterr().err


def test_check_reports_problems_with_location_and_exits_1(project, capsys):
    shutil.copy(FIXTURES / "invalid" / "pii-contact.md", project / "content" / "documenten")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert ("content/documenten/pii-contact.md:13: body: personal data: e-mail address "
            "'j.jansen@example.nl' would be published.") in out


def test_check_names_every_malformed_file_and_never_crashes(project, capsys):
    bad = project / "content" / "documenten" / "kapot"
    shutil.copytree(FIXTURES / "invalid", bad, ignore=shutil.ignore_patterns("*.expected"))
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    reported = {line.split(":", 1)[0] for line in captured.out.splitlines() if line.strip()}
    assert reported == {f"content/documenten/kapot/{p.name}" for p in bad.glob("*.md")}
    total = len(list((project / "content" / "documenten").rglob("*.md")))
    assert f"{total} documents checked" in captured.err


def test_check_github_format_gives_annotations(project, capsys):
    shutil.copy(FIXTURES / "invalid" / "unknown-kind.md", project / "content" / "documenten")
    assert main(["check", "--format", "github"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=content/documenten/unknown-kind.md,line=")


def test_check_usage_errors_exit_2(project):
    assert main(["check", "does/not/exist.md"]) == 2
    assert main(["check", "--format", "xml"]) == 2


def test_check_reports_a_lost_published_address(project, capsys):
    (project / "published-urls.txt").write_text("/documenten/verdwenen/\n")
    assert main(["check"]) == 1
    assert "/documenten/verdwenen/" in capsys.readouterr().out


def test_new_writes_a_draft_with_a_unique_id(project, capsys):
    assert main(["new", "memo", "Beta memo"]) == 0
    path = capsys.readouterr().out.strip()
    assert path == "content/documenten/memos/beta-memo-2.md"  # beta-memo is taken
    text = (project / path).read_text()
    assert "id: beta-memo-2" in text and "status: draft" in text and "kind: memo" in text
    assert main(["new", "brief", "X"]) == 2
