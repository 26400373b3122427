"""What journals consume: head metadata, citations, feeds and the JSON export."""

from __future__ import annotations

import json

import feedparser
import jsonschema
import pytest

from helpers import FIXTURES, build_site, make_docs

# JSON Feed 1.1 (https://jsonfeed.org/version/1.1), the parts a reader relies on.
JSON_FEED_11 = {
    "type": "object", "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"}, "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"}, "language": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "object"}},
        "items": {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
            "properties": {"id": {"type": "string"}, "url": {"type": "string"},
                           "title": {"type": "string"}, "date_published": {"type": "string"},
                           "tags": {"type": "array", "items": {"type": "string"}}}}},
    },
    "patternProperties": {"^_": {"type": "object"}},
}
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"
DRAFTS = ("zeta-concept", "Zeta concept", "eta-embargo", "Eta onder embargo")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("citable")
    # The project's mkdocs.yml: the site's organisation is ministerie-vws, with its TOOI.
    built = build_site(make_docs(tmp, FIXTURES / "corpus"), tmp, strict=True)
    assert not built.failed, built.messages
    return built


def metas(tree) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for meta in tree.css("head meta"):
        key = meta.attributes.get("name") or meta.attributes.get("property")
        if key:
            out.setdefault(key, []).append(meta.attributes.get("content"))
    return out


def test_document_head_has_highwire_dublin_core_open_graph_and_json_ld(site):
    tree = site.html("documenten/delta-paper")
    head = metas(tree)
    assert head["citation_title"] == ["Delta paper"]
    assert head["citation_author"] == ["Denker, D."]
    assert head["citation_publication_date"] == ["2019/02/02"]
    assert head["citation_language"] == ["nl"]
    assert head["citation_abstract_html_url"] == [
        "https://lessen.example.org/documenten/delta-paper/"]
    assert head["dcterms.issued"] == ["2019-02-02"]
    assert head["dcterms.subject"] == ["Financiering en bekostiging"]
    assert head["og:title"] == ["Delta paper"]
    data = json.loads(tree.css_first('script[type="application/ld+json"]').text())
    assert data["@type"] == "CreativeWork" and data["name"] == "Delta paper"
    assert data["author"] == [{"@type": "Person", "name": "D. Denker", "familyName": "Denker",
                               "givenName": "D."}]
    # The issuing organisation (the site's own here), with its TOOI address.
    assert data["publisher"] == {
        "@type": "Organization", "name": "Ministerie van Volksgezondheid, Welzijn en Sport",
        "identifier": VWS}


def test_lesson_head_is_part_of_its_document(site):
    tree = site.html("lessen/alpha-les-een")
    head = metas(tree)
    assert head["citation_title"] == ["Begin klein."]
    assert head["dcterms.isPartOf"] == ["https://lessen.example.org/documenten/alpha-verslag/"]
    data = json.loads(tree.css_first('script[type="application/ld+json"]').text())
    assert data["isPartOf"]["@id"] == "https://lessen.example.org/documenten/alpha-verslag/"


def test_script_in_a_title_cannot_break_out_of_json_ld(site):
    raw = (site.site / "documenten" / "theta-script" / "index.html").read_text()
    block = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert json.loads(block)["name"] == "Theta </script & \"aanhalingstekens\" 'x' < y"


def test_citations_follow_the_official_styles(site):
    # nlm-citation-sequence.csl with the nl-NL terms (test_citations_csl.py compares
    # every page with citeproc-js): Author. Title [Internet]. Publisher; date.
    # Beschikbaar op: URL
    tree = site.html("documenten/delta-paper")
    assert tree.css_first(".lessons-cite__vancouver .lessons-cite__text").text() == (
        "Denker D. Delta paper [Internet]. Ministerie van Volksgezondheid, Welzijn en Sport; "
        "2019. "
        "Beschikbaar op: https://lessen.example.org/documenten/delta-paper/")
    # apa.csl: Author, A. (Year). Title (italic). Publisher. URL
    apa = tree.css_first(".lessons-cite__apa .lessons-cite__text")
    assert apa.text() == ("Denker, D. (2019). Delta paper. Ministerie van Volksgezondheid, "
                          "Welzijn en Sport. "
                          "https://lessen.example.org/documenten/delta-paper/")
    assert apa.css_first("i").text() == "Delta paper"
    # Without personal authors the organisation is the author, and the publisher; the
    # website is neither.
    beta = site.html("documenten/beta-memo").css_first(
        ".lessons-cite__vancouver .lessons-cite__text").text()
    assert beta.startswith("Ministerie van Volksgezondheid, Welzijn en Sport. Beta memo "
                           "[Internet]. Ministerie van Volksgezondheid, Welzijn en Sport;")
    assert "Lessen uit de praktijk" not in beta


def test_downloads_in_bibtex_ris_and_csl_json(site):
    base = site.site / "documenten" / "delta-paper"
    bib = (base / "citeer.bib").read_text()
    assert bib.startswith("@misc{delta-paper,\n") and "  author = {Denker, D.}," in bib
    ris = (base / "citeer.ris").read_text()
    assert ris.splitlines()[:3] == ["TY  - GEN", "TI  - Delta paper", "AU  - Denker, D."]
    assert ris.rstrip().endswith("ER  -")
    csl = json.loads((base / "citeer.json").read_text())
    assert csl[0]["issued"] == {"date-parts": [[2019, 2, 2]]}
    assert csl[0]["author"] == [{"family": "Denker", "given": "D."}]
    theta = (site.site / "documenten" / "theta-script" / "citeer.bib").read_text()
    # LaTeX's specials escaped, the rest as written: data, not markup
    assert "{Theta </script \\& \"aanhalingstekens\" 'x' < y}" in theta


def test_atom_feeds_parse_and_hold_only_public_items(site):
    feed = feedparser.parse((site.site / "feeds" / "documenten.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.link for e in feed.entries][:2] == [
        "https://lessen.example.org/documenten/gamma-rapport/",
        "https://lessen.example.org/documenten/alpha-verslag/"]
    alpha = next(e for e in feed.entries if e.title == "Alpha verslag")
    assert {t.label for t in alpha.tags} == {"Gegevensuitwisseling",
                                             "Governance, rollen en verantwoordelijkheden"}
    assert alpha.published == "2021-01-01T00:00:00Z" and "CC-BY-4.0" in alpha.rights
    lessons = feedparser.parse((site.site / "feeds" / "lessen.xml").read_bytes())
    assert {e.title for e in lessons.entries} == {"Begin klein.",
                                                  "</script alert('lesson')"}
    theme = feedparser.parse(
        (site.site / "feeds" / "themas" / "financiering" / "documenten.xml").read_bytes())
    assert {e.title for e in theme.entries} == {"Delta paper", "Epsilon voorbeeld"}


def test_json_feeds_and_api_validate_against_their_schemas(site):
    for path in sorted((site.site / "feeds").rglob("*.json")):
        jsonschema.validate(json.loads(path.read_text()), JSON_FEED_11)
    for name in ("documents", "lessons"):
        data = json.loads((site.site / "api" / f"{name}.json").read_text())
        schema = json.loads((site.site / "api" / "schema" / f"{name}.schema.json").read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
        assert data["licence"]["id"] == "CC-BY-4.0"
    lessons = json.loads((site.site / "api" / "lessons.json").read_text())["lessons"]
    first = next(x for x in lessons if x["id"] == "alpha-les-een")
    assert first["document"]["url"] == "https://lessen.example.org/documenten/alpha-verslag/"
    assert '<a href="https://lessen.example.org/lessen/alpha-les-een/">' in first["card_html"]


def test_no_draft_in_any_feed_api_or_sitemap(site):
    for folder in ("feeds", "api"):
        for path in (site.site / folder).rglob("*"):
            if path.is_file():
                text = path.read_text()
                assert not any(d in text for d in DRAFTS), path
    sitemap = (site.site / "sitemap.xml").read_text()
    assert not any(d in sitemap for d in DRAFTS)
    assert "documenten/alpha-verslag/" in sitemap
    for path in (site.site / "sitemaps").iterdir():
        assert not any(d in path.read_text() for d in DRAFTS), path


