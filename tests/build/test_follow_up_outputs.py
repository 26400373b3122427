"""What other platforms get of lesson follow-up: feeds of follow-up changes (site, theme,
organisation; Atom and JSON Feed), the follow-up in the JSON export with its schemas and
the lifecycle, and a lesson's state and its date in its citation files and head.

The fixture (tests/fixtures/follow-up-outputs) is a report with five lessons, one per
situation: accepted by a later memo, in progress with an overdue action owned by a
directorate of the ministry, not adopted with a reason, embedded with evidence and a
finished action, and one still identified, past its response deadline, that the memo
discussed without recording a state.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
import pytest
import yaml

from helpers import FIXTURES, ROOT, build_site, make_docs

TODAY = "2024-03-01"
SITE = "https://lessen.example.org/"
ATOM = "{http://www.w3.org/2005/Atom}"
# Every change of the fixture, newest first: (lesson, key of the change, date).
CHANGES = [
    ("les-in-uitvoering", "actie-te-laat-2023-12-31", "2024-01-01"),
    ("les-geborgd", "geborgd-2023-09-01", "2023-09-01"),
    ("les-open", "reactietermijn-2023-07-10", "2023-07-11"),
    ("les-geborgd", "uitgevoerd-2023-06-01", "2023-06-01"),
    ("les-geborgd", "actie-afgerond-2023-05-20", "2023-05-20"),
    ("les-niet-overgenomen", "niet-overgenomen-2023-05-01", "2023-05-01"),
    ("les-in-uitvoering", "in-uitvoering-2023-04-15", "2023-04-15"),
    ("les-in-uitvoering", "actie-lopend-2023-04-15", "2023-04-15"),
    ("les-open", "opgevolgd-memo-b", "2023-03-01"),
    ("les-aanvaard", "aanvaard-2023-03-01", "2023-03-01"),
    ("les-in-uitvoering", "aanvaard-2023-02-01", "2023-02-01"),
    ("les-geborgd", "aanvaard-2023-02-01", "2023-02-01"),
]


def change_id(lesson: str, key: str) -> str:
    return f"{SITE}lessen/{lesson}/#{key}"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("follow-up-outputs")
    built = build_site(make_docs(tmp, FIXTURES / "follow-up-outputs"), tmp, strict=True,
                       today=TODAY, search=False)
    assert not built.failed, built.messages
    return built


def atom(site, path: str) -> ET.Element:
    root = ET.parse(site.site / path).getroot()  # well-formed XML, or this raises
    assert root.tag == f"{ATOM}feed"
    parsed = feedparser.parse((site.site / path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return root


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def ids(path_or_root, site=None) -> list[str]:
    root = path_or_root if site is None else atom(site, path_or_root)
    return [e.findtext(f"{ATOM}id") for e in entries(root)]


def json_feed(site, path: str) -> dict:
    data = json.loads((site.site / path).read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == SITE + path
    for item in data["items"]:
        assert {"id", "url", "title", "content_text", "date_published"} <= set(item)
    return data


def expected(*lessons: str) -> list[str]:
    return [change_id(lesson, key) for lesson, key, _ in CHANGES
            if not lessons or lesson in lessons]


def test_the_site_feed_lists_every_change_newest_first_dated_by_the_change(site):
    root = atom(site, "feeds/opvolging.xml")
    assert root.findtext(f"{ATOM}title") == "Opvolging van lessen · Lessen uit de praktijk"
    assert ids(root) == expected()
    assert [e.findtext(f"{ATOM}published") for e in entries(root)] == [
        f"{date}T00:00:00Z" for _, _, date in CHANGES]
    assert root.findtext(f"{ATOM}updated") == "2024-01-01T00:00:00Z"  # the newest change
    by_id = {e.findtext(f"{ATOM}id"): e for e in entries(root)}
    accepted = by_id[change_id("les-aanvaard", "aanvaard-2023-03-01")]
    assert accepted.findtext(f"{ATOM}title") == "Aanvaard: Leg vast wie het besluit neemt."
    assert accepted.findtext(f"{ATOM}summary") == (
        "Het ministerie legt de besluitvorming vast in het crisisplan.")
    links = {link.get("rel"): link.get("href") for link in accepted.findall(f"{ATOM}link")}
    assert links == {"alternate": f"{SITE}lessen/les-aanvaard/#opvolging",
                     "related": f"{SITE}documenten/memo-b/"}
    categories = [(c.get("term"), c.get("scheme")) for c in accepted.findall(f"{ATOM}category")]
    assert categories == [("aanvaard", f"{SITE}api/lifecycle.json"),
                          ("governance", f"{SITE}themas/")]
    late = by_id[change_id("les-in-uitvoering", "actie-te-laat-2023-12-31")]
    assert late.findtext(f"{ATOM}title") == "Actie over tijd: Draaiboek herzien"
    assert late.findtext(f"{ATOM}summary") == (
        "De actie had op 31 december 2023 klaar moeten zijn. "
        "Eigenaar: Directie Communicatie VWS.")
    outstanding = by_id[change_id("les-open", "reactietermijn-2023-07-10")]
    assert outstanding.findtext(f"{ATOM}title") == (
        "Reactietermijn verstreken: Betrek de burger eerder.")
    # A follow-up that records no state leaves the lesson where it was.
    discussed = by_id[change_id("les-open", "opgevolgd-memo-b")]
    assert discussed.findtext(f"{ATOM}title") == (
        "Opgevolgd in Memo B aan de bestuursraad: Betrek de burger eerder.")
    assert discussed.find(f"{ATOM}category").get("term") == "geidentificeerd"


def test_the_json_feed_holds_the_same_changes(site):
    data = json_feed(site, "feeds/opvolging.json")
    assert data["title"] == "Opvolging van lessen · Lessen uit de praktijk"
    assert [item["id"] for item in data["items"]] == expected()
    assert [item["date_published"] for item in data["items"]] == [
        f"{date}T00:00:00Z" for _, _, date in CHANGES]
    embedded = data["items"][1]
    assert embedded["url"] == f"{SITE}lessen/les-geborgd/#opvolging"
    assert embedded["external_url"] == f"{SITE}documenten/evaluatie-c/"
    assert embedded["tags"] == ["Geborgd", "Governance, rollen en verantwoordelijkheden"]
    assert embedded["_lesson"] == {"id": "les-geborgd", "url": f"{SITE}lessen/les-geborgd/",
                                   "state": {"key": "geborgd", "label": "Geborgd"},
                                   "date": "2023-09-01"}


def test_every_theme_has_follow_up_feeds_holding_its_lessons_changes(site):
    themes = sorted(p.name for p in (site.site / "feeds" / "themas").iterdir())
    assert len(themes) == 12  # content/vocabularies/themes.yml, empty or not
    for key in themes:
        atom(site, f"feeds/themas/{key}/opvolging.xml")
        json_feed(site, f"feeds/themas/{key}/opvolging.json")
    assert ids("feeds/themas/preventie/opvolging.xml", site) == expected("les-in-uitvoering")
    assert ids("feeds/themas/governance/opvolging.xml", site) == expected(
        "les-aanvaard", "les-niet-overgenomen", "les-geborgd", "les-open")
    empty = atom(site, "feeds/themas/financiering/opvolging.xml")
    assert entries(empty) == [] and empty.findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
    assert json_feed(site, "feeds/themas/financiering/opvolging.json")["items"] == []


def test_an_organisation_feed_holds_what_it_is_addressed_by_or_owns_and_its_childrens(site):
    holders = sorted(p.name for p in (site.site / "feeds" / "organisaties").iterdir())
    assert len(holders) == 21  # content/vocabularies/stakeholders.yml, empty or not
    for key in holders:
        atom(site, f"feeds/organisaties/{key}/opvolging.xml")
        json_feed(site, f"feeds/organisaties/{key}/opvolging.json")
    # The directorate owns the overdue action of a lesson addressed to the RIVM ...
    assert ids("feeds/organisaties/vws-dco/opvolging.xml", site) == expected(
        "les-in-uitvoering")
    assert ids("feeds/organisaties/rivm/opvolging.xml", site) == expected("les-in-uitvoering")
    # ... so its ministry, addressed by the other four, has them all.
    ministry = atom(site, "feeds/organisaties/ministerie-vws/opvolging.xml")
    assert ids(ministry) == expected()
    assert ministry.findtext(f"{ATOM}title") == (
        "Opvolging van lessen voor Ministerie van Volksgezondheid, Welzijn en Sport · "
        "Lessen uit de praktijk")
    assert ids("feeds/organisaties/ggd/opvolging.xml", site) == expected(
        "les-aanvaard", "les-niet-overgenomen", "les-geborgd", "les-open")
    assert [item["id"] for item in json_feed(
        site, "feeds/organisaties/ggd/opvolging.json")["items"]] == expected(
        "les-aanvaard", "les-niet-overgenomen", "les-geborgd", "les-open")
    assert ids("feeds/organisaties/zonmw/opvolging.xml", site) == []


def test_every_page_announces_the_follow_up_feed(site):
    for page in ("", "lessen/les-open/", "documenten/memo-b/"):
        links = site.html(page).css('head link[rel~="alternate"]')
        assert "feeds/opvolging.xml" in {
            link.attributes["href"].replace("../", "") for link in links}, page


def test_theme_and_organisation_pages_lead_to_their_own_feeds(site):
    for page, feeds in (("themas/governance/", ["documenten", "lessen", "opvolging"]),
                        ("organisaties/ggd/", ["opvolging"])):
        html = site.html(page)
        wanted = [f"feeds/{page}{name}.{ext}" for name in feeds for ext in ("xml", "json")]
        shown = [a.attributes["href"].replace("../../", "") for a in html.css(".lessons-feeds a")]
        assert shown == wanted
        assert all((site.site / path).is_file() for path in shown)
        announced = [link.attributes["href"].replace("../../", "")
                     for link in html.css("head link[rel~=alternate]")]
        assert [p for p in wanted if p.endswith(".xml")] == announced[-len(feeds):]
    assert site.html("jaren/2023/").css_first(".lessons-feeds") is None


def validated(site, name: str) -> dict:
    data = json.loads((site.site / "api" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((site.site / "api" / "schema" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["schema_version"] == "1.3"
    assert data["$schema"] == f"{SITE}api/schema/{name}.schema.json"
    return data


def test_the_api_gives_each_lessons_follow_up_valid_against_its_schema(site):
    data = validated(site, "lessons")
    assert data["as_of"] == TODAY
    lessons = {x["id"]: x["follow_up"] for x in data["lessons"]}
    doing = lessons["les-in-uitvoering"]
    assert (doing["state"], doing["since"]) == (
        {"key": "in-uitvoering", "label": "In uitvoering"}, "2023-04-15")
    assert [(t["state"]["key"], t["date"]) for t in doing["transitions"]] == [
        ("geidentificeerd", "2023-01-10"), ("aanvaard", "2023-02-01"),
        ("in-uitvoering", "2023-04-15")]
    assert doing["transitions"][0]["document"] == {
        "id": "rapport-a", "title": "Rapport A over de crisisaanpak",
        "url": f"{SITE}documenten/rapport-a/"}
    assert doing["actions"] == [{
        "description": "Draaiboek herzien",
        "owner": {"key": "vws-dco", "label": "Directie Communicatie VWS"},
        "state": {"key": "lopend", "label": "Lopend"}, "due": "2023-12-31",
        "since": "2023-04-15", "overdue": True, "reason": None, "evidence": None}]
    open_ = lessons["les-open"]
    assert (open_["response_due"], open_["response_outstanding"]) == ("2023-07-10", True)
    # Who must respond: the lesson names none, so the organisations of its document.
    assert open_["addressees"] == [
        {"key": "ministerie-vws", "label": "Ministerie van Volksgezondheid, Welzijn en Sport"},
        {"key": "ggd", "label": "GGD'en en GGD GHOR Nederland"}]
    assert open_["followed_up_by"] == [{
        "id": "memo-b", "title": "Memo B aan de bestuursraad",
        "url": f"{SITE}documenten/memo-b/",
        "did": "Besproken in de bestuursraad; een reactie volgt."}]
    accepted = lessons["les-aanvaard"]
    assert accepted["response_outstanding"] is False
    assert accepted["transitions"][-1]["did"] == (
        "Het ministerie legt de besluitvorming vast in het crisisplan.")
    assert lessons["les-niet-overgenomen"]["transitions"][-1]["reason"] == (
        "Past niet in de begroting.")
    embedded = lessons["les-geborgd"]
    assert embedded["transitions"][-1]["evidence"] == {
        "url": f"{SITE}documenten/evaluatie-c/",
        "label": "Evaluatie C van de regionale gegevensdeling"}
    assert embedded["actions"][0]["evidence"] == {"url": "https://example.org/dashboard",
                                                  "label": "https://example.org/dashboard"}
    assert embedded["actions"][0]["overdue"] is False
    # The citation cites the work: the same reference in any state.
    citation = next(x["citation"] for x in data["lessons"] if x["id"] == "les-geborgd")
    assert citation["vancouver"] == (
        "Jansen J. Deel de gegevens in de regio. In: Rapport A over de crisisaanpak "
        "[Internet]. Ministerie van Volksgezondheid, Welzijn en Sport; 2023. "
        f"Beschikbaar op: {SITE}lessen/les-geborgd/")


def test_the_schemas_are_strict(site):
    data = json.loads((site.site / "api" / "lessons.json").read_text(encoding="utf-8"))
    schema = json.loads((site.site / "api/schema/lessons.schema.json").read_text())
    data["lessons"][0]["follow_up"]["actions_done"] = []
    with pytest.raises(jsonschema.ValidationError, match="actions_done"):
        jsonschema.validate(data, schema)
    del data["lessons"][0]["follow_up"]["actions_done"]
    data["lessons"][0]["follow_up"]["transitions"][0]["state"] = "geidentificeerd"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    documents = json.loads((site.site / "api" / "documents.json").read_text(encoding="utf-8"))
    schema = json.loads((site.site / "api/schema/documents.schema.json").read_text())
    memo = next(d for d in documents["documents"] if d["id"] == "memo-b")
    memo["follows_up"][0]["lesson"] = "les-aanvaard"
    with pytest.raises(jsonschema.ValidationError, match="les-aanvaard"):
        jsonschema.validate(documents, schema)


def test_documents_say_what_they_follow_up_and_the_lifecycle_is_published(site):
    documents = {d["id"]: d for d in validated(site, "documents")["documents"]}
    assert documents["memo-b"]["follows_up"] == [
        {"lesson": {"id": "les-aanvaard", "url": f"{SITE}lessen/les-aanvaard/"},
         "did": "Het ministerie legt de besluitvorming vast in het crisisplan.",
         "state": {"key": "aanvaard", "label": "Aanvaard"}},
        {"lesson": {"id": "les-open", "url": f"{SITE}lessen/les-open/"},
         "did": "Besproken in de bestuursraad; een reactie volgt.", "state": None}]
    assert documents["rapport-a"]["follows_up"] == []
    lifecycle = validated(site, "lifecycle")
    # The states of the project's lifecycle.yml, in its order (read here with plain YAML).
    written = yaml.safe_load((ROOT / "content" / "vocabularies" / "lifecycle.yml")
                             .read_text(encoding="utf-8"))
    assert [s["key"] for s in lifecycle["lesson_states"]] == list(written["lesson_states"])
    rejected = lifecycle["lesson_states"][2]
    assert rejected == {
        "key": "niet-overgenomen", "label": "Niet overgenomen",
        "description": "De organisatie die het aangaat neemt de les niet over; de reden "
                       "staat erbij.",
        "response": True, "closed": True, "needs": ["reason"]}
    assert [s["key"] for s in lifecycle["action_states"]] == list(written["action_states"])
    assert lifecycle["response_months"] == 6


def test_a_lessons_citation_files_and_head_carry_its_state_and_date(site):
    base = site.site / "lessen" / "les-in-uitvoering"
    note = "Opvolging: In uitvoering, sinds 15 april 2023"
    bib = (base / "citeer.bib").read_text(encoding="utf-8")
    assert f"  note = {{{note}}},\n" in bib
    assert "  booktitle = {{Rapport A over de crisisaanpak}},\n" in bib
    ris = (base / "citeer.ris").read_bytes().decode("utf-8").split("\r\n")
    assert f"N1  - {note}" in ris
    csl = json.loads((base / "citeer.json").read_text(encoding="utf-8"))[0]
    assert csl["note"] == note and "status" not in csl
    head = site.html("lessen/les-in-uitvoering")
    data = json.loads(head.css_first('script[type="application/ld+json"]').text())
    assert data["creativeWorkStatus"] == "In uitvoering"
    # A lesson nobody followed up: identified on its document's date.
    csl = json.loads((site.site / "lessen/les-open/citeer.json").read_text())[0]
    assert csl["note"] == "Opvolging: Geïdentificeerd, sinds 10 januari 2023"
    # A document has no follow-up of its own.
    assert "note" not in json.loads(
        (site.site / "documenten/rapport-a/citeer.json").read_text())[0]


def test_feeds_are_dated_by_the_changes_not_by_the_build(site, tmp_path):
    """A build three months later, with no deadline passing in between, writes the same
    feeds; only the API's as_of says when it was computed."""
    later = build_site(make_docs(tmp_path, FIXTURES / "follow-up-outputs"), tmp_path,
                       strict=True, today="2024-06-01", search=False)
    assert not later.failed, later.messages
    feeds = sorted(p.relative_to(site.site) for p in (site.site / "feeds").rglob("*")
                   if p.is_file())
    assert len(feeds) == 2 * (3 + 3 * 12 + 21)
    for path in feeds:
        assert (later.site / path).read_bytes() == (site.site / path).read_bytes(), path
    assert json.loads((later.site / "api/lessons.json").read_text())["as_of"] == "2024-06-01"


def test_a_renamed_organisation_keeps_its_follow_up_feed_at_the_old_address(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "follow-up-outputs")
    holders = docs / "vocabularies" / "stakeholders.yml"
    text = holders.read_text(encoding="utf-8")
    assert "\nggd:\n" in text
    holders.write_text(text.replace("\nggd:\n", "\nggd-ghor:\n  redirect_from: [ggd]\n"),
                       encoding="utf-8")
    built = build_site(docs, tmp_path, strict=True, today=TODAY, search=False)
    assert not built.failed, built.messages
    for ext in ("xml", "json"):
        old = built.site / f"feeds/organisaties/ggd/opvolging.{ext}"
        new = built.site / f"feeds/organisaties/ggd-ghor/opvolging.{ext}"
        assert old.read_bytes() == new.read_bytes()
    assert ids("feeds/organisaties/ggd-ghor/opvolging.xml", built) == expected(
        "les-aanvaard", "les-niet-overgenomen", "les-geborgd", "les-open")
