"""The accessibility statement's facts (toegankelijkheid.yml) and the record of the automated
checks: every problem as `path:line: field: message`, and no status the facts or the record
do not support."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import sys

import pytest

from helpers import ROOT
from lessons.cli import main
from lessons.model import statement as model
from lessons.outputs import statement

VOCABULARIES = ROOT / "content" / "vocabularies"
FACTS = """\
status: C
date: 2026-11-24
planned_evaluation: 2027-05-03
contact:
  email: redactie@lessen.example.org
"""
EVALUATION = """\
evaluations:
  - date: 2026-10-01
    by: Onderzoeksbureau Toegankelijk
    method: WCAG-EM
    report: https://lessen.example.org/rapport.pdf
"""


def facts_problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / model.FILE
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in model.load(path, model.FILE)[1]]


def record(problems: dict[tuple[str, str], list[str]] | None = None) -> dict:
    """A record as tests/browser/evaluation.py writes it."""
    outcomes = [{"check": check, "page_type": page, "width": 390, "problems": found}
                for (check, page), found in (problems or {("axe", "lesson"): []}).items()]
    return {"date": "2026-11-20", "tools": {"axe-core": "4.11.0", "chromium": "156.0"},
            "checks": {"axe": {"title": "WCAG-toets met axe-core", "what": "axe-core, WCAG",
                               "tools": ["axe-core", "chromium"],
                               "criteria": ["1.1.1", "2.1.3"]}},
            "page_types": {"lesson": "Les"}, "outcomes": outcomes}


def test_the_project_statement_is_valid_and_its_record_supports_it():
    loaded, problems = statement.load(VOCABULARIES, "content/vocabularies")
    assert problems == []
    assert loaded["facts"].status == "C"
    assert loaded["record"] is not None and not loaded["record"].failing


def test_a_missing_file_names_itself_and_what_it_is_for(tmp_path):
    facts, problems = model.load(tmp_path / model.FILE, "content/vocabularies/" + model.FILE)
    assert facts is None
    assert str(problems[0]).startswith("content/vocabularies/toegankelijkheid.yml:1: file: is "
                                       "missing: the accessibility statement")


def test_garbled_yaml_is_reported_with_its_line(tmp_path):
    assert facts_problems(tmp_path, FACTS + "measures: [een, twee\n")[0].startswith(
        "toegankelijkheid.yml:7: yaml: invalid YAML")


def test_every_problem_of_the_file_at_once_with_field_and_line(tmp_path):
    found = facts_problems(tmp_path, """\
status: Z
date: 24-11-2026
colour: blue
contact:
  email: j.jansen@example.nl
limitations:
  - title: Tabellen
    criteria: ['9.9.9']
""")
    assert found == [
        "toegankelijkheid.yml:3: colour: unknown field; known: website, status, date, revised, "
        "planned_evaluation, approval, evaluations, limitations, measures, contact, ombudsman",
        "toegankelijkheid.yml:1: status: 'Z' is no status of the model; use one of: A (voldoet "
        "volledig), B (voldoet gedeeltelijk), C (eerste maatregelen genomen), D (voldoet niet)",
        "toegankelijkheid.yml:2: date: '24-11-2026' is not a date; write it as 2026-11-24",
        "toegankelijkheid.yml:5: contact.email: 'j.jansen@example.nl' is a personal e-mail "
        "address and would be published; give a mailbox of the organisation (redactie@, "
        "info@, contact@ ...)",
        "toegankelijkheid.yml:7: limitations.0.description: is required; write it as plain "
        "text",
        "toegankelijkheid.yml:8: limitations.0.criteria.0: '9.9.9' is not a WCAG 2.1 A/AA success "
        "criterion; write its number in quotes, e.g. '1.4.10'",
    ]


def test_a_mailbox_of_the_organisation_passes_the_personal_data_guard(tmp_path):
    assert facts_problems(tmp_path, FACTS) == []
    assert facts_problems(tmp_path, FACTS.replace("redactie@", "info@")) == []


def test_status_c_needs_an_evaluation_planned_within_six_months(tmp_path):
    late = FACTS.replace("2027-05-03", "2027-06-01")
    assert facts_problems(tmp_path, late) == [
        "toegankelijkheid.yml:3: planned_evaluation: status C (eerste maatregelen genomen) "
        "needs a full evaluation (WCAG-EM) planned within 6 months of 'date': "
        "'planned_evaluation:' between 2026-11-24 and 2027-05-24; without one the status is D"]
    none = FACTS.replace("planned_evaluation: 2027-05-03\n", "")
    assert facts_problems(tmp_path, none)[0].startswith("toegankelijkheid.yml:1: status: "
                                                        "status C (eerste maatregelen genomen)")
    assert facts_problems(tmp_path, none.replace("status: C", "status: D")) == []


def test_automated_checks_alone_never_make_status_a_or_b(tmp_path):
    for status in "AB":
        found = facts_problems(tmp_path, FACTS.replace("status: C", f"status: {status}"))
        assert found == [f"toegankelijkheid.yml:1: status: status {status} "
                         f"({model.STATUSES[status]}) needs an evaluation by an expert after "
                         f"WCAG-EM of at most 3 years old under 'evaluations:'; automated "
                         f"checks alone support at most status C (with an evaluation planned) "
                         f"or D"]
    assert facts_problems(tmp_path, FACTS.replace("status: C", "status: A") + EVALUATION) == []
    old = EVALUATION.replace("2026-10-01", "2023-11-23")
    assert facts_problems(tmp_path, FACTS.replace("status: C", "status: A") + old)


def test_a_record_with_failures_is_refused_next_to_a_status_claiming_compliance(tmp_path):
    facts = model.parse(*_yaml(FACTS.replace("status: C", "status: A") + EVALUATION))[0]
    failing = statement.parse_record(record({("axe", "lesson"): ["color-contrast: Contrast"]}),
                                     {}, "r.json")[0]
    assert [str(p) for p in statement.claims(facts, failing, "toegankelijkheid.yml")] == [
        "toegankelijkheid.yml:1: status: status A (voldoet volledig), but the automated check "
        "'axe' of 2026-11-20 found 1 problem (Les (390 px): 1 probleem): fix them and record "
        "the checks again (`lessons toegankelijkheid`), or choose another status with a known "
        "limitation that names the check"]
    passing = statement.parse_record(record(), {}, "r.json")[0]
    assert statement.claims(facts, passing, "toegankelijkheid.yml") == []
    # Status C promises every known problem is listed: the failing check must be one.
    facts = model.parse(*_yaml(FACTS))[0]
    assert statement.claims(facts, failing, "t.yml")[0].field == "limitations"
    owned = FACTS + ("limitations:\n  - title: Contrast\n    description: Te licht.\n"
                     "    checks: [axe]\n")
    assert statement.claims(model.parse(*_yaml(owned))[0], failing, "t.yml") == []


def _yaml(text: str):
    from lessons.model.source import load_yaml

    data, lines = load_yaml(text)
    return data, lines, "toegankelijkheid.yml"


def test_a_garbled_or_undescribed_record_is_refused_with_its_line(tmp_path):
    path = tmp_path / statement.RECORD_FILE
    path.write_text('{\n  "date": "2026-11-20",\n  "outcomes": [,]\n}\n')
    assert str(statement.read_record(path, "r.json")[1][0]).startswith("r.json:3: json: not "
                                                                       "valid JSON")
    data = record()
    data["checks"]["axe"]["what"] = ""
    path.write_text(json.dumps(data, indent=2))
    assert [str(p) for p in statement.read_record(path, "r.json")[1]] == [
        "r.json:8: checks.axe: check 'axe' is not described (what it tests, with which tools); "
        "describe it in CHECKS of tests/browser/evaluation.py and record again"]


def test_a_record_counts_per_check_and_names_criteria_in_dutch():
    found, problems = statement.parse_record(
        record({("axe", "lesson"): [], ("axe", "home"): ["a", "b"]}), {}, "r.json")
    assert problems == []
    axe = found.checks[0]
    assert (axe.title, axe.tools, axe.page_types, axe.runs, axe.problems) == (
        "WCAG-toets met axe-core", ["axe-core 4.11.0", "Chromium 156.0"], 2, 2, 2)
    assert axe.criteria == ["1.1.1 Niet-tekstuele content (A)"]  # 2.1.3 is AAA: not named
    assert axe.failing == ["home (390 px): 2 problemen"]


def _evaluation_module():
    # It imports its neighbours (page_types), as the browser tests' conftest has them.
    browser_tests = str(ROOT / "tests" / "browser")
    if browser_tests not in sys.path:
        sys.path.insert(0, browser_tests)
    spec = importlib.util.spec_from_file_location(
        "evaluation", ROOT / "tests" / "browser" / "evaluation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("evaluation", module)  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_what_the_browser_tests_write_is_what_the_statement_reads(tmp_path):
    evaluation = _evaluation_module()
    evaluation.record("axe", "lesson", 390, [])
    evaluation.record("reflow", "lesson", 320, ["de pagina is 412 pixels breed"])
    written = evaluation.document(evaluation.OUTCOMES,
                                  dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))
    assert set(written["tools"]) >= {"axe-core", "chromium"}
    found, problems = statement.parse_record(written, {}, "r.json")
    assert problems == []
    assert [(c.name, c.problems) for c in found.checks] == [("axe", 0), ("reflow", 1)]
    assert "1.4.10 Reflow (AA)" in found.checks[1].criteria
    assert found.page_types == [("Les", "320 en 390")]
    assert "1.1.1 Niet-tekstuele content (A)" in found.covered  # from axe-core's own rules


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(VOCABULARIES, tmp_path / "content" / "vocabularies")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_command_copies_a_passing_record_and_refuses_a_failing_one(project, capsys):
    artifact = project / "artifacts" / "toegankelijkheid" / "evaluatie.json"
    target = project / "content" / "vocabularies" / statement.RECORD_FILE
    assert main(["toegankelijkheid"]) == 1
    assert "no record of the accessibility checks; run the browser tests" in \
        capsys.readouterr().err
    artifact.parent.mkdir(parents=True)
    artifact.write_text(json.dumps(record({("axe", "lesson"): ["region: landmarks"]})))
    before = target.read_bytes()
    assert main(["toegankelijkheid"]) == 1
    err = capsys.readouterr().err
    assert "the checks found problems (axe: Les (390 px): 1 probleem)" in err
    assert target.read_bytes() == before
    # Copied anyway, the statement (status C) must own up to them: still refused.
    assert main(["toegankelijkheid", "--met-problemen"]) == 1
    assert "content/vocabularies/toegankelijkheid.yml:1: limitations: the automated check " \
           "'axe'" in capsys.readouterr().err
    assert target.read_bytes() == before
    artifact.write_text(json.dumps(record()))
    assert main(["toegankelijkheid"]) == 0
    assert "axe: 1 page type, 1 run, 0 problems" in capsys.readouterr().out
    assert json.loads(target.read_text()) == record()


def test_lessons_check_reports_the_statement_as_the_build_does(project, capsys):
    (project / "content" / "documenten").mkdir()
    facts = project / "content" / "vocabularies" / model.FILE
    facts.write_text(facts.read_text().replace("status: C", "status: A"))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "content/vocabularies/toegankelijkheid.yml:10: status: status A (voldoet " \
           "volledig) needs an evaluation by an expert" in out
