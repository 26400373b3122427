"""`lessons opvolging`: the editorial meeting's list of overdue actions and responses past
their deadline, per organisation, with an exit status a scheduled job can act on."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from helpers import ROOT
from lessons.cli import main


def document(doc_id: str, date: str, lessons: str, kind: str = "memo",
             status: str = "published") -> str:
    return textwrap.dedent(f"""\
        ---
        id: {doc_id}
        kind: {kind}
        title: Document {doc_id}
        date: '{date}'
        summary: Samenvatting van {doc_id}.
        themes: [governance]
        stakeholders: [rivm, ggd]
        organisation: VWS
        status: {status}
        """) + textwrap.dedent(lessons) + "---\n\nTekst.\n"


DOCUMENTS = {
    # Identified 2023-03-05: a response is due 2023-09-05 (six months).
    "a.md": document("a", "2023-03-05", """\
        lessons:
        - id: les-te-laat
          statement: Een les met een actie over de termijn.
          addressees: [ggd]
          actions:
          - {description: Draaiboek herzien, owner: ggd, state: lopend, due: 2023-12-31}
          - {description: Nog op tijd, owner: rivm, state: gepland, due: 2024-02-01}
          - {description: Laat maar af, owner: ggd, state: afgerond, due: 2023-05-01}
          - {description: Oefening houden, owner: ggd, state: gepland, due: 2023-10-01}
        - id: les-beantwoord
          statement: Een les waarop gereageerd is.
          addressees: [rivm]
          transitions:
          - {state: aanvaard, date: 2023-04-01}
        """),
    # Identified 2023-06-01: a response is due 2023-12-01.
    "b.md": document("b", "2023-06-01", """\
        lessons:
        - id: les-bestuur
          statement: Een les voor de bestuursraad.
          addressees: [vws-bestuursraad]
          actions:
          - {description: Delen via intranet, owner: vws-dco, state: gepland, due: 2023-11-01}
        - id: les-keten
          statement: Een les voor de GGD'en en de verzekeraars, later vastgesteld.
          addressees: [ggd, zorgverzekeraars]
        """),
    # A practice example asks nobody to respond.
    "c.md": document("c", "2022-01-01", """\
        lessons:
        - id: les-voorbeeld
          statement: Een voorbeeld uit de praktijk.
        """, kind="practice-example"),
    # Not public: a draft's overdue action is nobody's business yet.
    "concept.md": document("concept", "2023-01-01", """\
        lessons:
        - id: les-concept
          statement: Een les in een concept.
          actions:
          - {description: Uit een concept, owner: ggd, state: gepland, due: 2023-02-01}
        """, status="draft"),
    # A draft with a problem: left out as every draft, not counted as refused.
    "concept-kapot.md": document("concept-kapot", "2023-01-01", """\
        lessons:
        - id: les-concept-kapot
          statement: Een les in een concept met een fout.
          actions:
          - {description: Uit een kapot concept, owner: gdd-y, state: gepland, due: 2023-02-01}
        """, status="draft"),
}


# Invalid (an owner not in the vocabulary): left out, and counted.
INVALID = document("kapot", "2023-01-01", """\
        lessons:
        - id: les-kapot
          statement: Een les in een document met een fout.
          addressees: [ggd]
          actions:
          - {description: Uit een kapot document, owner: gdd-x, state: gepland, due: 2023-02-01}
        """)


def add_invalid(project: Path) -> None:
    (project / "content" / "documenten" / "kapot.md").write_text(INVALID, encoding="utf-8")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "content" / "vocabularies", tmp_path / "content" / "vocabularies")
    folder = tmp_path / "content" / "documenten"
    folder.mkdir()
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    # The site's `today` is the day the build dates follow-up with; so is this command's.
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: content\nplugins:\n  - lessons:\n      today: '2024-01-10'\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_lists_per_organisation_what_is_late_and_exits_2_when_incomplete(project, capsys):
    add_invalid(project)
    # The list is incomplete: a scheduled job must not take it for all there is.
    assert main(["opvolging"]) == 2
    assert "de lijst is onvolledig, 1 document(en) met fouten" in capsys.readouterr().err
    (project / "content" / "documenten" / "kapot.md").unlink()
    assert main(["opvolging"]) == 1
    assert capsys.readouterr().out.endswith("organisaties.\n")
    add_invalid(project)
    assert main(["opvolging"]) == 2
    out = capsys.readouterr().out
    assert out == textwrap.dedent("""\
        Opvolging, peildatum 10 januari 2024

        Bestuursraad VWS (vws-bestuursraad)
          Reactie uitstaand:
          - les les-bestuur: Een les voor de bestuursraad.
            reactie verwacht uiterlijk 1 december 2023, 40 dagen over de termijn

        Directie Communicatie VWS (vws-dco)
          Acties te laat:
          - Delen via intranet (gepland); termijn 1 november 2023, 70 dagen te laat
            les les-bestuur: Een les voor de bestuursraad.

        GGD'en en GGD GHOR Nederland (ggd)
          Acties te laat:
          - Oefening houden (gepland); termijn 1 oktober 2023, 101 dagen te laat
            les les-te-laat: Een les met een actie over de termijn.
          - Draaiboek herzien (lopend); termijn 31 december 2023, 10 dagen te laat
            les les-te-laat: Een les met een actie over de termijn.
          Reactie uitstaand:
          - les les-te-laat: Een les met een actie over de termijn.
            reactie verwacht uiterlijk 5 september 2023, 127 dagen over de termijn
          - les les-keten: Een les voor de GGD'en en de verzekeraars, later vastgesteld.
            reactie verwacht uiterlijk 1 december 2023, 40 dagen over de termijn

        Zorgverzekeraars en zorgkantoren (zorgverzekeraars)
          Reactie uitstaand:
          - les les-keten: Een les voor de GGD'en en de verzekeraars, later vastgesteld.
            reactie verwacht uiterlijk 1 december 2023, 40 dagen over de termijn

        Samenvatting: 3 acties te laat, 3 lessen met reactie uitstaand, bij 4 \
organisaties.
        1 document met fouten niet meegeteld; `lessons check` noemt het.
        """)


def test_an_organisation_with_the_ones_under_it(project, capsys):
    assert main(["opvolging", "--organisatie", "ministerie-vws"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Opvolging, peildatum 10 januari 2024\nAlleen Ministerie van "
                          "Volksgezondheid, Welzijn en Sport (ministerie-vws) en de "
                          "organisaties eronder.\n\n")
    assert "Bestuursraad VWS (vws-bestuursraad)" in out
    assert "Directie Communicatie VWS (vws-dco)" in out
    assert "(ggd)" not in out and "Draaiboek" not in out
    assert "Samenvatting: 1 actie te laat, 1 les met reactie uitstaand, " \
           "bij 2 organisaties." in out
    # A directorate alone: not its parent, not its sibling.
    assert main(["opvolging", "--organisatie", "vws-dco"]) == 1
    out = capsys.readouterr().out
    assert "\nAlleen Directie Communicatie VWS (vws-dco).\n" in out
    assert "(vws-dco)" in out and "(vws-bestuursraad)" not in out


def test_nothing_late_exits_0(project, capsys):
    # RIVM's action is not yet due and its lesson has its response.
    assert main(["opvolging", "--organisatie", "rivm"]) == 0
    out = capsys.readouterr().out
    assert "Niets te laat en geen reactie uitstaand." in out
    assert "Samenvatting: 0 acties te laat, 0 lessen met reactie uitstaand, " \
           "bij 0 organisaties." in out


def test_another_reference_day(project, capsys):
    # Before every deadline: nothing to report.
    assert main(["opvolging", "--datum", "2023-09-05"]) == 0
    capsys.readouterr()
    # The first response deadline has passed, the actions and the other deadline not yet.
    assert main(["opvolging", "--datum", "2023-10-01"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Opvolging, peildatum 1 oktober 2023\n")
    assert "reactie verwacht uiterlijk 5 september 2023, 26 dagen over de termijn" in out
    assert "Acties te laat" not in out and "les-bestuur" not in out
    # The English alias and option names work too.
    assert main(["follow-up", "--date", "2023-10-01", "--organisation", "ggd"]) == 1
    assert "(ggd)" in capsys.readouterr().out


def test_json_for_a_scheduled_job(project, capsys):
    add_invalid(project)
    assert main(["opvolging", "--json", "--organisatie", "ministerie-vws"]) == 2
    data = json.loads(capsys.readouterr().out)
    lesson = {"lesson": "les-bestuur", "statement": "Een les voor de bestuursraad.",
              "url": "/lessen/les-bestuur/", "document": "b"}
    assert data == {
        "date": "2024-01-10",
        "organisation": "ministerie-vws",
        "counts": {"overdue_actions": 1, "outstanding_responses": 1, "organisations": 2,
                   "invalid_documents_left_out": 1},
        "organisations": [{
            "key": "vws-bestuursraad", "label": "Bestuursraad VWS",
            "overdue_actions": [],
            "outstanding_responses": [{**lesson, "respond_by": "2023-12-01",
                                       "days_late": 40}],
        }, {
            "key": "vws-dco", "label": "Directie Communicatie VWS",
            "overdue_actions": [{**lesson, "action": "Delen via intranet", "state": "gepland",
                                 "due": "2023-11-01", "days_late": 70}],
            "outstanding_responses": [],
        }],
    }
    (project / "content" / "documenten" / "kapot.md").unlink()
    assert main(["opvolging", "--json", "--organisatie", "rivm"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["organisations"] == [] and data["counts"]["overdue_actions"] == 0
    assert main(["opvolging", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["organisation"] is None
    # With the site's address known, the lessons' addresses are given in full.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://lessen.example.nl/archief/\n")
    assert main(["opvolging", "--json", "--organisatie", "vws-dco"]) == 1
    assert json.loads(capsys.readouterr().out)["organisations"][0]["overdue_actions"][0][
        "url"] == "https://lessen.example.nl/archief/lessen/les-bestuur/"
    assert [o["key"] for o in data["organisations"]] == [
        "vws-bestuursraad", "vws-dco", "ggd", "zorgverzekeraars"]


def test_an_unknown_organisation_names_the_nearest_and_exits_2(project, capsys):
    assert main(["opvolging", "--organisatie", "ministerie-vwz"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert ("onbekende organisatie 'ministerie-vwz'; bedoelt u 'ministerie-vws' (Ministerie "
            "van Volksgezondheid, Welzijn en Sport)?") in captured.err
    # A label or an alias is as good as the key.
    assert main(["opvolging", "--organisatie", "DCO"]) == 1
    assert "(vws-dco)" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["opvolging", "--datum", "10-01-2024"],
    ["opvolging", "--datum"],
    ["opvolging", "--onbekend"],
])
def test_bad_usage_exits_2(project, capsys, argv):
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_without_invalid_documents_no_note(project, capsys):
    assert main(["opvolging"]) == 1
    out = capsys.readouterr().out
    assert "met fouten" not in out
    # The invalid document's lesson and action were never counted.
    assert "les-kapot" not in out and "Uit een kapot document" not in out


def test_outside_a_project_or_with_a_broken_vocabulary_exits_2(project, tmp_path_factory,
                                                                monkeypatch, capsys):
    """Exit 1 tells a scheduled job that something is late; what it cannot read is 2."""
    vocabulary = project / "content" / "vocabularies" / "lifecycle.yml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "onbekend: ja\n",
                          encoding="utf-8")
    assert main(["opvolging"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("fout: ") and "lifecycle.yml" in captured.err
    monkeypatch.chdir(tmp_path_factory.mktemp("elders"))
    assert main(["opvolging"]) == 2
    assert "geen mkdocs.yml" in capsys.readouterr().err


def test_checking_one_file_knows_the_lessons_of_the_others(project, capsys):
    later = project / "content" / "documenten" / "later.md"
    later.write_text(document("later", "2023-08-01", """\
        follows_up:
        - {lesson: les-bestuur, did: Besproken in de bestuursraad.}
        - {lesson: les-bestuurr}
        """), encoding="utf-8")
    assert main(["check", "content/documenten/later.md"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1  # the lesson of another file, spelled right, is known
    assert ("later.md:13: follows_up.1.lesson: unknown lesson id 'les-bestuurr'; "
            "did you mean 'les-bestuur'?") in lines[0]


def test_a_transition_after_the_sites_today_is_refused_and_not_counted(project, capsys):
    path = project / "content" / "documenten" / "b.md"
    text = path.read_text(encoding="utf-8").replace(
        "  addressees: [vws-bestuursraad]\n",
        "  addressees: [vws-bestuursraad]\n  transitions:\n"
        "  - {state: aanvaard, date: 2031-05-01}\n", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["check", "content/documenten/b.md"]) == 1
    assert ("b.md:16: lessons.0.transitions.0.date: 2031-05-01 is after today (2024-01-10): "
            "record a transition once it happened") in capsys.readouterr().out


def test_a_lost_address_names_the_document_whose_problems_withhold_it(project, capsys):
    (project / "published-urls.txt").write_text("/lessen/les-bestuur/\n", encoding="utf-8")
    main(["check"])  # (the fixture's broken draft is reported)
    assert "published-urls.txt" not in capsys.readouterr().out  # the manifest holds
    path = project / "content" / "documenten" / "b.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "state: gepland, due: 2023-11-01", "state: gepladn, due: 2023-11-01"), encoding="utf-8")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "did you mean 'gepland'?" in out
    assert ("published-urls.txt: 1 published address(es) would disappear: "
            "/lessen/les-bestuur/. First fix the problems reported for "
            "content/documenten/b.md: a published document with problems is left out") in out
