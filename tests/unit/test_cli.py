"""The editors' commands: check (exit codes, formats, manifest) and new."""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from lessons.cli import main


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    shutil.copytree(FIXTURES / "corpus" / "documenten", tmp_path / "content" / "documenten")
    for page in ("index.md", "over.md", "toegankelijkheid.md"):  # the site's own pages
        shutil.copy(ROOT / "content" / page, tmp_path / "content" / page)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n"
                                         "site_url: !ENV [SITE_URL, 'https://x.example/']\n")
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
    assert f"{total} documents and 3 pages checked" in captured.err


def test_check_github_format_gives_annotations(project, capsys):
    shutil.copy(FIXTURES / "invalid" / "unknown-kind.md", project / "content" / "documenten")
    assert main(["check", "--format", "github"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=content/documenten/unknown-kind.md,line=")


def test_check_usage_errors_exit_2(project):
    assert main(["check", "does/not/exist.md"]) == 2
    assert main(["check", "--format", "xml"]) == 2


BROKEN = "content/documenten/kapot/unknown-kind.md"


@pytest.fixture
def broken(project) -> Path:
    (project / "content" / "documenten" / "kapot").mkdir()
    shutil.copy(FIXTURES / "invalid" / "unknown-kind.md", project / BROKEN)
    return project


@pytest.mark.parametrize(("where", "paths"), [
    (".", ["content/documenten"]),
    (".", ["content"]),
    (".", ["."]),
    (".", ["content/documenten/kapot/"]),
    (".", [BROKEN]),
    ("content/documenten", ["kapot"]),
    ("content/documenten/kapot", ["unknown-kind.md"]),
    ("content/documenten/kapot", ["../../../content/documenten/kapot/unknown-kind.md"]),
    ("content", ["."]),
    ("sources", ["../content"]),
    ("/", ["{root}/content"]),
    ("/", ["{root}/content/documenten/kapot", "{root}/content/index.md"]),
    (".", ["{root}/" + BROKEN]),
])
def test_check_takes_relative_and_absolute_paths_from_anywhere(broken, monkeypatch, capsys,
                                                               where, paths):
    (broken / "sources").mkdir()
    monkeypatch.chdir(broken / where)
    assert main(["check", *(p.format(root=broken) for p in paths)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    # Only the broken document is reported (never the site's own pages), always named
    # from the project root, however the editor named it.
    reported = {line.split(":", 1)[0] for line in captured.out.splitlines()}
    assert reported == {BROKEN}


def test_check_of_the_site_folder_reports_no_false_problems(project, capsys):
    assert main(["check", str(project / "content")]) == 0
    assert main(["check", "content/documenten"]) == 0
    assert main(["check", "content/index.md"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 documents and 1 page checked, 0 problems" in captured.err


@pytest.mark.parametrize("path", ["/etc/hostname", "README.md", "{parent}"])
def test_check_refuses_paths_outside_the_documents_clearly(project, capsys, path):
    (project / "README.md").write_text("# x\n")
    assert main(["check", path.format(parent=project.parent)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert captured.err.startswith("error: ") and "content/" in captured.err


def test_check_outside_any_project_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "no mkdocs.yml" in capsys.readouterr().err


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
    # The follow-up fields are shown, commented out, each with what it is for.
    for field in ("addressees: []", "respond_by:", "transitions: []", "actions: []"):
        assert f"\n#     {field}  # " in text, field
    assert "\n# follows_up: []  # lessen van eerdere documenten die dit document opvolgt" in text
    assert main(["new", "brief", "X"]) == 2


def test_check_judges_what_the_build_would_publish(project, capsys):
    """The same inventory and sanitizer as the build: misplaced documents, links, files
    that are not published, and what the HTML filter would remove, each by file and line."""
    import os

    docs = project / "content"
    # The check renders with the Markdown extensions the site uses: {: ...} needs attr_list.
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("markdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n")
    doc = (FIXTURES / "corpus" / "documenten" / "a.md").read_text(encoding="utf-8")
    (docs / "verkeerd.md").write_text(doc, encoding="utf-8")
    attack = ("---\nid: aanval\nkind: memo\norganisation: RIVM\ntitle: Aanval\ndate: 2021-01-01\n"
              "summary: Een aanval.\nthemes: [regie]\nstakeholders: [rivm]\n"
              "status: published\n---\n\nTekst.\n")
    (docs / "documenten" / "aanval.md").write_text(
        attack + '\n![x](x.png){: onload="alert(1)" }\n\n[a][r]\n\n[r]: javascript:alert(2)\n',
        encoding="utf-8")
    os.symlink("/etc/hostname", docs / "link.md")
    (docs / "export.csv").write_text("a,b\n", encoding="utf-8")
    (docs / "over.md").write_text("# Over\n\n<iframe src='https://x.example/'></iframe>\n",
                                  encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    body_line = attack.count("\n") + 2
    for expected in (
        "content/verkeerd.md:2: id: this is a document (it has 'id:')",
        f"content/documenten/aanval.md:{body_line}: body: the attribute 'onload' on '<img>' "
        "runs code",
        f"content/documenten/aanval.md:{body_line + 4}: body: the address "
        "'javascript:alert(2)' on '<a>' is removed",
        "content/link.md:1: file: is a symbolic link",
        "content/export.csv:1: file: files of this type are not published",
        "content/over.md:3: body: '<iframe>' is removed with its content",
    ):
        assert expected in out, (expected, out)
    # One file at a time gives the same answer for that file.
    assert main(["check", "content/documenten/aanval.md"]) == 1
    assert "content/verkeerd.md" not in capsys.readouterr().out


def test_check_refuses_what_the_build_refuses_in_redirects_and_pages(project, capsys):
    a = project / "content" / "documenten" / "a.md"
    a.write_text(a.read_text(encoding="utf-8").replace(
        "status: published", "status: published\nredirect_from: [/documenten/beta-memo/]", 1),
        encoding="utf-8")
    (project / "content" / "concept.md").write_text("---\ntitle: Concept\nstatus: draft\n---\n"
                                                    "\n# Concept\n", encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert ("content/documenten/a.md:10: redirect_from: '/documenten/beta-memo/' is the address "
            "of a page that exists") in out
    assert "content/concept.md:3: status: pages of the site's own have no status" in out


def test_check_reports_everything_at_once(project, capsys):
    """A source problem does not hide what the sanitizer would remove from the same body."""
    (project / "content" / "documenten" / "beide.md").write_text(
        "---\nid: beide\nkind: memo\norganisation: RIVM\ntitle: Beide\ndate: 2021-01-01\n"
        "summary: x.\nthemes: [regie]\nstakeholders: [rivm]\nstatus: published\n---\n\n"
        "<script>alert(1)</script>\n\n[a][r]\n\n[r]: javascript:alert(2)\n", encoding="utf-8")
    assert main(["check", "content/documenten/beide.md"]) == 1
    out = capsys.readouterr().out
    assert "beide.md:13: body: '<script>' is not allowed" in out
    assert "beide.md:17: body: the address 'javascript:alert(2)' on '<a>' is removed" in out


def test_manifest_reads_the_config_through_properdocs_when_mkdocs_is_not_installed(
        project, monkeypatch, capsys):
    """ProperDocs, the maintained fork of MkDocs 1.6, installs the module `properdocs` and
    no `mkdocs`. The commands still read mkdocs.yml as the build does (!ENV resolved), so
    the site_url decides whether robots.txt is a published address. ProperDocs itself need
    not be installed here: its yaml_load is MkDocs' under another name, so a stand-in
    module hands the call to MkDocs' and notes it."""
    from mkdocs.utils.yaml import yaml_load

    read = []

    def properdocs_yaml_load(source, loader=None):
        read.append(Path(source.name).name)
        return yaml_load(source, loader)

    stand_in = types.ModuleType("properdocs.utils.yaml")
    stand_in.yaml_load = properdocs_yaml_load  # type: ignore[attr-defined]
    for name in ("mkdocs", "mkdocs.utils", "mkdocs.utils.yaml"):
        monkeypatch.setitem(sys.modules, name, None)  # import mkdocs: ImportError
    monkeypatch.setitem(sys.modules, "properdocs", types.ModuleType("properdocs"))
    monkeypatch.setitem(sys.modules, "properdocs.utils", types.ModuleType("properdocs.utils"))
    monkeypatch.setitem(sys.modules, "properdocs.utils.yaml", stand_in)
    assert main(["manifest"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert read == ["mkdocs.yml"]
    assert "/robots.txt" in (project / "published-urls.txt").read_text().splitlines()
