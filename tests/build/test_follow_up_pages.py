"""What a visitor sees of lesson follow-up: the overview /opvolging/ (a chart and its
table with the same figures, per theme and year, overdue actions, responses past their
deadline), a listing per state, each lesson's state, timeline and actions, "Volgt op" on a
document that follows lessons up, an organisation's section, and the state as a search
facet. Built from tests/fixtures/follow-up with `today` fixed, so "te laat" and
"reactie uitstaand" do not depend on the calendar."""

from __future__ import annotations

import shutil
import time

import pytest
import yaml

from helpers import FIXTURES, ROOT, build_site, make_docs, site_files
from lessons.preview_build import PreviewBuild

TODAY = "2024-06-01"
STATES = ["geidentificeerd", "aanvaard", "niet-overgenomen", "in-uitvoering", "uitgevoerd",
          "geborgd"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("follow-up-site")
    return build_site(make_docs(tmp, FIXTURES / "follow-up"), tmp, strict=True, today=TODAY)


def text(node) -> str:
    return " ".join(node.text().split())


def fields(dl) -> dict[str, str]:
    """A description list as label -> value."""
    return {text(dt): text(dd) for dt, dd in zip(dl.css("dt"), dl.css("dd"), strict=True)}


def cells(row) -> list[str]:
    return [text(cell) for cell in row.css("th, td")]


def test_builds_strict_without_warnings(site):
    assert not site.failed, site.messages
    assert site.messages == []


def test_the_overview_chart_and_its_table_give_the_same_figures(site):
    page = site.html("opvolging/")
    svg = page.css_first("figure svg")
    assert svg.attributes["role"] == "img"
    title = svg.css_first("title")
    assert svg.attributes["aria-labelledby"] == title.attributes["id"]
    assert "Aantal lessen per stand" in title.text()
    drawn = {bar.attributes["data-state"]: int(bar.attributes["data-count"])
             for bar in svg.css("rect")}
    # Each bar says its state and number in text, not by colour alone.
    assert [t.text() for t in svg.css("text")][:2] == ["Geïdentificeerd", "2"]
    table = page.css_first("table.lessons-states")
    rows = {row.attributes["data-state"]: int(row.css_first("td").text())
            for row in table.css("tbody tr")}
    assert rows == drawn == {"geidentificeerd": 2, "aanvaard": 1, "niet-overgenomen": 1,
                             "in-uitvoering": 1, "uitgevoerd": 1, "geborgd": 1}
    assert list(rows) == STATES  # in the lifecycle's order
    assert cells(table.css_first("tfoot tr")) == ["Totaal", "7"]
    # The colours are lifecycle.yml's.
    assert svg.css_first("rect[data-state=niet-overgenomen]").attributes["fill"] == "#a32a2a"
    links = [a.attributes["href"] for a in table.css("tbody a")]
    assert links == [f"{state}/" for state in STATES]
    meanings = [text(dd) for dd in page.css(".lessons-state-meanings dd")]
    assert meanings[0].startswith("De les is vastgesteld en gepubliceerd")


def test_the_overview_counts_per_theme_and_year_of_identification(site):
    page = site.html("opvolging/")

    def table(anchor):
        section = page.css_first(f"section[aria-labelledby={anchor}]")
        return [cells(row) for row in section.css("tr")]

    assert table("per-thema") == [
        ["Thema", "Geïdentificeerd", "Aanvaard", "Niet overgenomen", "In uitvoering",
         "Uitgevoerd", "Geborgd", "Totaal"],
        ["Gegevensuitwisseling", "1", "0", "1", "1", "1", "0", "4"],
        ["Governance, rollen en verantwoordelijkheden", "2", "1", "0", "1", "1", "1", "6"]]
    assert table("per-jaar")[1:] == [["2023", "1", "0", "0", "0", "0", "1", "2"],
                                     ["2022", "1", "1", "1", "1", "1", "0", "5"]]


def test_the_overview_lists_overdue_actions_and_outstanding_responses(site):
    page = site.html("opvolging/")
    late = page.css_first("section[aria-labelledby=te-laat]")
    assert text(late.css_first("h2")) == "Acties te laat (1)"
    action = late.css_first(".lessons-action")
    assert text(action.css_first("p")) == "Het loket inrichten"
    assert fields(action.css_first("dl")) == {
        "Les": "Maak één loket voor vragen over gegevensdeling.",
        "Eigenaar": "Directie Communicatie VWS", "Stand": "Lopend",
        "Uiterlijk": "31 december 2023 te laat"}
    waiting = page.css_first("section[aria-labelledby=reactie-uitstaand]")
    assert text(waiting.css_first("h2")) == "Reactie uitstaand (1)"
    item = waiting.css_first("li")
    assert item.css_first("a").attributes["href"] == "../lessen/les-geidentificeerd/"
    assert "Reactie verwacht uiterlijk 1 september 2022" in text(item)


def test_every_state_has_a_page_listing_its_lessons_newest_first(site):
    for state in STATES:
        assert site.exists(f"opvolging/{state}"), state
    page = site.html("opvolging/geidentificeerd/")
    assert page.css_first("h1").text() == "Lessen: geïdentificeerd"
    items = page.css(".lessons-list > li")
    assert [text(li.css_first("a")) for li in items] == [
        "Vraag de regio's wat zij van het loket vinden.",
        "Leg vast wie besluit over gegevensdeling."]
    assert "Sinds 1 maart 2022 · reactie uitstaand · Uit: Evaluatie van de regie in 2022" \
        in text(items[1])
    # (the breadcrumbs, above the article, mark the page as current too)
    assert text(page.css_first("article [aria-current=page]")) == "Geïdentificeerd"


def test_an_empty_state_keeps_its_page(tmp_path):
    docs = make_docs(tmp_path)
    (docs / "documenten" / "een.md").write_text(
        "---\nid: een\nkind: memo\ntitle: Een memo\ndate: 2024-01-05\nsummary: Kort.\n"
        "organisation: VWS\nthemes: [governance]\nstakeholders: [rivm]\nstatus: published\n"
        "lessons:\n  - id: enige-les\n    statement: De enige les.\n---\n\nTekst.\n",
        encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True, today=TODAY, search=False)
    assert not built.failed, built.messages
    page = built.html("opvolging/geborgd/")
    assert "Er zijn op dit moment geen lessen met deze stand." in text(page)
    assert cells(built.html("opvolging/").css_first("table.lessons-states tfoot tr")) == [
        "Totaal", "1"]


def test_a_lesson_page_shows_its_state_timeline_and_actions(site):
    page = site.html("lessen/les-in-uitvoering/")
    meta = fields(page.css_first(".lessons-meta"))
    assert meta["Opvolging"] == "In uitvoering sinds 1 september 2022"
    section = page.css_first("section.lessons-followup")
    steps = [text(li.css_first(".lessons-timeline__head")) for li in section.css(
        ".lessons-timeline > li")]
    assert steps == ["1 maart 2022: Geïdentificeerd", "15 mei 2022: Aanvaard",
                     "1 september 2022: In uitvoering"]
    first = section.css_first("#stap-0")
    assert first.css_first("a[href='../../documenten/rapport-2022/']") is not None
    actions = section.css(".lessons-actions > li")
    assert [a.attributes["id"] for a in actions] == ["actie-1", "actie-2", "actie-3"]
    late, done, planned = (fields(a.css_first("dl")) for a in actions)
    assert late == {"Eigenaar": "Directie Communicatie VWS", "Stand": "Lopend",
                    "Uiterlijk": "31 december 2023 te laat"}
    assert done == {"Eigenaar": "GGD'en en GGD GHOR Nederland",
                    "Stand": "Afgerond sinds 1 december 2022", "Uiterlijk": "1 januari 2023",
                    "Bewijs": "https://example.org/bericht-ggd"}
    assert planned["Uiterlijk"] == "1 januari 2025"  # still to come: not late
    assert actions[0].css_first("dd a").attributes["href"] == "../../organisaties/vws-dco/"
    assert actions[1].css_first("a[href='https://example.org/bericht-ggd']") is not None
    later = section.css_first("#opgevolgd-evaluatie-2024")
    assert later.css_first("a").attributes["href"] == "../../documenten/evaluatie-2024/"
    assert "De voortgang van het loket besproken." in text(later)


def test_a_lesson_shows_who_must_respond_by_when(site):
    late = site.html("lessen/les-geidentificeerd/")
    assert fields(late.css_first(".lessons-meta"))["Opvolging"] == (
        "Geïdentificeerd sinds 1 maart 2022 · reactie uitstaand")
    alert = text(late.css_first(".lessons-alert"))
    assert alert.startswith("Reactie uitstaand.")
    assert "uiterlijk 1 september 2022 verwacht" in alert
    assert alert == ("Reactie uitstaand. Een reactie van Ministerie van Volksgezondheid, Welzijn "
                     "en Sport en GGD'en en GGD GHOR Nederland werd uiterlijk 1 september 2022 "
                     "verwacht en is er nog niet.")
    waiting = text(site.html("lessen/les-reactie-gevraagd/").css_first("section.lessons-followup"))
    assert "Reactie gevraagd van Ministerie van Volksgezondheid, Welzijn en Sport, uiterlijk " \
           "31 december 2024." in waiting
    assert "uitstaand" not in waiting
    answered = site.html("lessen/les-aanvaard/")
    assert answered.css_first(".lessons-alert") is None
    assert "Reactie" not in text(answered.css_first("section.lessons-followup"))


def test_reason_evidence_and_what_a_later_document_did_are_on_the_timeline(site):
    refused = site.html("lessen/les-niet-overgenomen/")
    step = refused.css_first("#stap-1")
    assert "Reden: Past niet in de begroting & de planning van dit jaar." in text(step)
    assert "&amp; de planning" in step.html  # escaped
    secured = site.html("lessen/les-geborgd/").css_first("#stap-1")
    assert "Vastgelegd in Evaluatie 2024." in text(secured)
    assert secured.css_first("p:last-child a").attributes["href"] == (
        "../../documenten/evaluatie-2024/")
    assert text(secured).endswith("Bewijs: Evaluatie 2024")
    done = site.html("lessen/les-uitgevoerd/")
    step = done.css_first("#stap-1")
    assert "Uitgevoerd" in text(step) and "Vastgelegd in Memo over de opvolging" in text(step)
    assert "De dashboards staan sinds maart open voor alle GGD'en." in text(step)
    assert done.css_first("#opgevolgd-memo-2023 a").attributes["href"] == (
        "../../documenten/memo-2023/")


def test_a_document_page_shows_what_it_follows_up_and_its_lessons_states(site):
    memo = site.html("documenten/memo-2023/")
    follows = memo.css_first("section[aria-labelledby=volgt-op]")
    items = follows.css("li")
    assert [li.css_first("a").attributes["href"] for li in items] == [
        "../../lessen/les-uitgevoerd/", "../../lessen/les-aanvaard/"]
    assert "hier vastgelegde stand: Uitgevoerd" in text(items[0])
    assert "De dashboards staan sinds maart open voor alle GGD'en." in text(items[0])
    assert "stand" not in text(items[1])  # it says it follows up, not what state
    states = [text(p) for p in memo.css(".lessons-lessons .lessons-lesson-state")]
    assert states == ["Opvolging: Geborgd sinds 1 februari 2024",
                      "Opvolging: Geïdentificeerd sinds 1 april 2023"]
    report = site.html("documenten/rapport-2022/")
    assert report.css_first("section[aria-labelledby=volgt-op]") is None
    assert "Opvolging: Geïdentificeerd sinds 1 maart 2022 · reactie uitstaand" in [
        text(p) for p in report.css(".lessons-lesson-state")]


ACTION_LABELS = [state["label"] for state in yaml.safe_load(
    (ROOT / "content" / "vocabularies" / "lifecycle.yml").read_text(encoding="utf-8"))
    ["action_states"].values()]


def test_an_organisation_page_shows_what_it_and_those_below_it_own(site):
    page = site.html("organisaties/ministerie-vws/")
    section = page.css_first("section.lessons-followup")
    counts = text(section.css_first("h3#acties + p"))
    # Every action state of lifecycle.yml is counted, in its order; one action is running.
    assert counts.startswith("Per stand: ") and counts.endswith("; te laat: 1.")
    assert [part.rsplit(" ", 1)[1] for part in counts[11:-13].split(", ")] == [
        "1" if label == "Lopend" else "0" for label in ACTION_LABELS]
    late = section.css_first("#acties-te-laat + ul")
    assert "Het loket inrichten" in text(late) and "Directie Communicatie VWS" in text(late)
    addressed = section.css_first("h3#gericht-aan")
    assert text(addressed) == "Lessen gericht aan deze organisatie (6)"
    assert text(section.css_first("h3#gericht-aan + p")) == (
        "Per stand: Geïdentificeerd 2, Aanvaard 1, In uitvoering 1, Uitgevoerd 1, Geborgd 1; "
        "reactie uitstaand: 1.")
    # A lesson with its own addressees is asked of them only.
    assert "Richt een apart fonds op" not in text(section)
    zonmw = site.html("organisaties/zonmw/").css_first("section.lessons-followup")
    assert "Richt een apart fonds op voor gegevensuitwisseling." in text(zonmw)
    assert "Niet overgenomen sinds 1 mei 2022" in text(zonmw)
    ggd = text(site.html("organisaties/ggd/").css_first("section.lessons-followup"))
    assert "Per stand: " + ", ".join(f"{label} {1 if label == 'Afgerond' else 0}"
                                     for label in ACTION_LABELS) + "; te laat: 0." in ggd
    # Nothing to follow up: no section.
    assert site.html("organisaties/nza/").css_first("section.lessons-followup") is None
    # Theme pages have none either.
    assert site.html("themas/governance/").css_first("section.lessons-followup") is None


def test_the_state_is_a_search_facet_of_lessons_only(site):
    records = {record["url"]: record for record in site.search_records()}
    assert records["/lessen/les-in-uitvoering/"]["filters"]["opvolging"] == ["In uitvoering"]
    assert records["/lessen/les-geborgd/"]["filters"]["opvolging"] == ["Geborgd"]
    assert all("opvolging" not in r["filters"] for url, r in records.items()
               if url.startswith("/documenten/"))
    counted: dict[str, int] = {}
    for record in records.values():
        for value in record["filters"].get("opvolging", []):
            counted[value] = counted.get(value, 0) + 1
    facet = site.html("zoeken/").css_first("[data-facet=opvolging]")
    assert text(facet.css_first("legend")) == "Opvolging"
    shown = sorted(text(label) for label in facet.css("label"))
    assert shown == sorted(f"{value} ({count})" for value, count in counted.items())
    assert "Geïdentificeerd (2)" in shown


def test_the_overview_is_in_the_navigation_and_on_the_home_page(site):
    home = site.html("")
    nav = [text(a) for a in home.css(".md-nav__link")]
    assert "Opvolging" in nav
    assert home.css_first("a[href='opvolging/']") is not None
    assert home.css_first("a[href='opvolging/geidentificeerd/']") is not None
    section = text(home.css_first("section[aria-labelledby=per-stand]"))
    assert "Reactie uitstaand: 1 les. Acties te laat: 1." in section


def test_a_preview_update_shows_a_changed_lesson_where_a_later_document_follows_it_up(
        tmp_path):
    """memo-2023 lists les-uitgevoerd under "Volgt op": a new wording of that lesson, made
    in rapport-2022, shows there too, as a whole build would show it."""
    make_docs(tmp_path, FIXTURES / "follow-up")
    source = tmp_path / "docs" / "documenten" / "rapport-2022.md"
    # A document naming another in its follow-up is checked against the whole site, so a
    # preview builds the whole site for it; without that, it updates the touched pages.
    text_before = source.read_text(encoding="utf-8")
    assert ", document: memo-2023}" in text_before
    source.write_text(text_before.replace(", document: memo-2023}", "}"), encoding="utf-8")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - lessons:\n" in config
    (tmp_path / "mkdocs.yml").write_text(
        config.replace("docs_dir: content", "docs_dir: docs")
        .replace("  - lessons:\n", f"  - lessons:\n      today: '{TODAY}'\n", 1),
        encoding="utf-8")
    preview = PreviewBuild(tmp_path / "mkdocs.yml", 8996, drafts=False)
    try:
        served = tmp_path / "served"
        assert preview(served).error is None
        wording = source.read_text(encoding="utf-8").replace(
            "Deel de dashboards met de GGD'en.", "Deel de dashboards met alle GGD'en.")
        source.write_text(wording, encoding="utf-8")
        result = preview.update({source}, served)
        assert result is not None and result.error is None  # not a whole build
        if result.then is not None:
            result.then()
        memo = (served / "documenten" / "memo-2023" / "index.html").read_text(encoding="utf-8")
        assert "Deel de dashboards met alle GGD&#39;en." in memo
        deadline = time.monotonic() + 60  # the search index follows in the background
        while preview.reindex.done < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        whole = tmp_path / "whole"
        assert preview(whole).error is None
        served_files, whole_files = site_files(served), site_files(whole)
        assert [p for p in whole_files if served_files.get(p) != whole_files[p]] == []
    finally:
        preview.close()
