"""Fixtures shared by all tests; the helpers themselves live in helpers.py."""

from __future__ import annotations

import os

import pytest

from helpers import make_docs


@pytest.fixture
def docs_dir(tmp_path):
    return make_docs(tmp_path)


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a broken setup (e.g. no browser), never a pass."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped in CI: failing the run", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
