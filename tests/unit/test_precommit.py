"""The commit hook the README tells editors to install works: pre-commit is installed by the
set-up, and the hook in .pre-commit-config.yaml stops a commit of a broken document."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "user.name=Redactie", "-c", "user.email=r@example.org",
                           *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    # pre-commit keeps its own state in the home folder; each test gets its own.
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-home"))
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content" / "vocabularies", repo / "content" / "vocabularies")
    shutil.copytree(FIXTURES / "corpus" / "documenten", repo / "content" / "documenten")
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    (repo / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n")
    # The hook runs .venv/bin/lessons, as `make` installs it; here: this checkout's.
    lessons = repo / ".venv" / "bin" / "lessons"
    lessons.parent.mkdir(parents=True)
    lessons.write_text(f"#!/bin/sh\nPYTHONPATH={ROOT / 'plugins'} exec {sys.executable} "
                       f"-m lessons.cli \"$@\"\n")
    lessons.chmod(0o755)
    (repo / ".gitignore").write_text(".venv/\n")
    assert _git(repo, "init", "-q").returncode == 0
    assert _git(repo, "add", ".").returncode == 0
    assert _git(repo, "commit", "-q", "--no-verify", "-m", "start").returncode == 0
    installed = subprocess.run([str(PRE_COMMIT), "install"], cwd=repo, capture_output=True,
                               text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def test_setup_installs_pre_commit():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '"pre-commit' in pyproject and "[test,editor]" in makefile
    assert PRE_COMMIT.exists()


def test_hook_refuses_a_broken_document_and_lets_a_fixed_one_pass(repo):
    broken = repo / "content" / "documenten" / "nieuw.md"
    shutil.copy(FIXTURES / "invalid" / "unknown-kind.md", broken)
    _git(repo, "add", ".")
    refused = _git(repo, "commit", "-q", "-m", "nieuw document")
    assert refused.returncode != 0
    assert "content/documenten/nieuw.md:" in refused.stdout + refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    shutil.copy(FIXTURES / "corpus" / "documenten" / "a.md", broken)
    text = broken.read_text(encoding="utf-8").replace("alpha", "nieuw")
    broken.write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    accepted = _git(repo, "commit", "-q", "-m", "nieuw document")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_hook_checks_every_document_when_a_vocabulary_changes(repo):
    themes = repo / "content" / "vocabularies" / "themes.yml"
    # Renaming a theme key leaves the documents that use it with an unknown term.
    text = themes.read_text(encoding="utf-8")
    themes.write_text(text.replace("governance:", "bestuur:", 1), encoding="utf-8")
    _git(repo, "add", ".")
    refused = _git(repo, "commit", "-q", "-m", "thema hernoemd")
    assert refused.returncode != 0
    assert "unknown term 'governance'" in refused.stdout + refused.stderr
