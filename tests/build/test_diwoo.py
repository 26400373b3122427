"""The DiWoo sitemaps the Woo-index harvests: found through robots.txt, pointing at each
document's PDF, records in the element order of the DiWoo 0.9.8 schema with codes from its
value lists, the issuing organisation as publisher where it has a TOOI address, no day
invented for a document dated by its month or year, at most `max_urls` per sitemap."""

from __future__ import annotations

import logging
import re
import textwrap
import xml.etree.ElementTree as ET

import pytest

from helpers import FIXTURES, ROOT, build_site, make_docs
from lessons import graph
from lessons.collect import collect, load_vocabularies
from lessons.issuer import Organisation
from lessons.outputs import diwoo

BASE = "https://lessen.example.org/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DW = "{https://standaarden.overheid.nl/diwoo/metadata/}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
VWS = "https://identifier.overheid.nl/tooi/id/ministerie/mnre1025"
VWS_NAME = "Ministerie van Volksgezondheid, Welzijn en Sport"
NZA = "https://identifier.overheid.nl/tooi/id/zbo/zb000158"
ZONMW = "https://identifier.overheid.nl/tooi/id/zbo/zb000112"
RIVM_NAME = "Rijksinstituut voor Volksgezondheid en Milieu"

# The standard's element list, from diwoo-metadata.xsd version 0.9.8
# (https://standaarden.overheid.nl/diwoo/metadata/, schema documentation at
# https://standaarden.overheid.nl/diwoo/0.9.8/doc/): for each complex type the child
# elements in their declared order, and those with minOccurs 1. DiWooType and several
# others are xs:all (any order is valid); the records keep the declared order.
STANDARD: dict[str, tuple[list[str], set[str]]] = {
    "Document": (["DiWoo", "extraMetadata"], set()),  # (DiWoo | mdto:MDTO)?, extraMetadata*
    "DiWoo": (["identifiers", "publisher", "verantwoordelijke", "medeverantwoordelijken",
               "opsteller", "naamOpsteller", "titelcollectie", "omschrijvingen",
               "classificatiecollectie", "creatiedatum", "geldigheid", "language", "format",
               "aggregatiekenmerk", "isPartOf", "hasParts", "documenthandelingen",
               "documentrelaties", "redenVerwijderingVervanging"],
              {"publisher", "titelcollectie", "classificatiecollectie",
               "documenthandelingen"}),
    "identifiers": (["identifier"], {"identifier"}),
    "medeverantwoordelijken": (["medeverantwoordelijke"], {"medeverantwoordelijke"}),
    "titelcollectie": (["officieleTitel", "verkorteTitels", "alternatieveTitels"],
                       {"officieleTitel"}),
    "verkorteTitels": (["verkorteTitel"], {"verkorteTitel"}),
    "alternatieveTitels": (["alternatieveTitel"], {"alternatieveTitel"}),
    "omschrijvingen": (["omschrijving"], {"omschrijving"}),
    "classificatiecollectie": (["informatiecategorieen", "documentsoorten", "themas",
                                "trefwoorden"], {"informatiecategorieen"}),
    "informatiecategorieen": (["informatiecategorie"], {"informatiecategorie"}),
    "documentsoorten": (["documentsoort"], {"documentsoort"}),
    "themas": (["thema"], {"thema"}),
    "trefwoorden": (["trefwoord"], {"trefwoord"}),
    "geldigheid": (["begindatum", "einddatum"], set()),
    "hasParts": (["hasPart"], {"hasPart"}),
    "documenthandelingen": (["documenthandeling"], {"documenthandeling"}),
    "documenthandeling": (["soortHandeling", "atTime", "wasAssociatedWith"],
                          {"soortHandeling", "atTime"}),
    "documentrelaties": (["documentrelatie"], {"documentrelatie"}),
    "documentrelatie": (["role", "relation"], {"role", "relation"}),
    "extraMetadata": (["namespace", "prefix", "extraMetadatavelden"],
                      {"extraMetadatavelden"}),
    "extraMetadatavelden": (["extraMetadataveld"], {"extraMetadataveld"}),
    "extraMetadataveld": (["key", "values"], {"key", "values"}),
    "values": (["value"], {"value"}),
}
# Elements of a type with a `resource` attribute (organisatieType and the value-list
# types); the others hold text only.
RESOURCE = {"publisher", "verantwoordelijke", "medeverantwoordelijke", "opsteller",
            "wasAssociatedWith", "informatiecategorie", "documentsoort", "thema",
            "language", "format", "soortHandeling", "role",
            "redenVerwijderingVervanging", "isPartOf", "hasPart", "relation"}
REPEATABLE = {"identifier", "medeverantwoordelijke", "verkorteTitel", "alternatieveTitel",
              "omschrijving", "informatiecategorie", "documentsoort", "thema", "trefwoord",
              "hasPart", "documenthandeling", "documentrelatie", "extraMetadata",
              "extraMetadataveld", "value"}
# Value lists of diwoo-metadata-lijsten.xsd 0.9.8 (generated from the TOOI value lists).
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
INFORMATIECATEGORIEEN = {KERN + code for code in (  # ..._woo_informatiecategorieen
    "c_139c6280", "c_aab6bfc7", "c_759721e2", "c_40a05794", "c_89ee6784", "c_8c840238",
    "c_c76862ab", "c_db4862c3", "c_3a248e3a", "c_99a836c7", "c_8fc2335c", "c_c6cd1213",
    "c_cf268088", "c_3baef532", "c_fdaee95e", "c_46a81018", "c_a870c43d", "c_816e508d")}
SOORT_HANDELING = {KERN + "c_e1ec050e": "ondertekening", KERN + "c_dfcee535": "ontvangst",
                   KERN + "c_641ecd76": "vaststelling"}  # ccw_plooi_documenthandelingen/2
TAAL_NLD = "http://publications.europa.eu/resource/authority/language/NLD"  # scw_talen/1
FORMAT_PDF = "http://publications.europa.eu/resource/authority/file-type/PDF"  # plooi_filetypes
ORGANISATION = re.compile(  # the organisatielijst union: col, gemeente, ministerie, ...
    r"https://identifier\.overheid\.nl/tooi/id/"
    r"(col|gemeente|ministerie|provincie|oorg|so|waterschap|zbo)/[a-z0-9]+")

EXTRA = {
    # An organisation on no TOOI list (RIVM has no `tooi:` in stakeholders.yml).
    "iota.md": """\
        id: iota-rapport
        kind: report
        title: Iota rapport
        date: 2021-04-05
        summary: Rapport iota.
        themes: [governance]
        stakeholders: [rivm]
        authors: [I. Onderzoeker]
        organisation: RIVM
        """,
    # The ZonMw report's case: dated by its year only.
    "kappa.md": """\
        id: kappa-rapport
        kind: report
        title: Kappa rapport
        date: '2022'
        summary: Rapport kappa.
        themes: [financiering]
        stakeholders: [zonmw]
        authors: [K. Schrijver]
        organisation: ZonMw
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("diwoo")
    docs = make_docs(tmp, FIXTURES / "corpus")
    for name, head in EXTRA.items():
        (docs / "documenten" / name).write_text(
            f"---\n{textwrap.dedent(head)}status: published\n---\n\nTekst.\n")
    # The project's mkdocs.yml: the site's organisation is ministerie-vws, with its TOOI.
    built = build_site(docs, tmp, strict=True, level=logging.INFO)
    assert not built.failed, built.messages
    return built


def harvest(site) -> dict[str, tuple[str, ET.Element]]:
    """As the Woo-harvester: robots.txt -> indexes -> sitemaps -> <url> per <loc>, with
    the index it was found through."""
    robots = (site.site / "robots.txt").read_text().splitlines()
    found = {}
    for line in robots:
        if not line.startswith("Sitemap: ") or not line.endswith(".xml"):
            continue
        address = line.split(": ", 1)[1].removeprefix(BASE)
        if not address.startswith("sitemaps/sitemapindex-diwoo-"):
            continue
        index = ET.parse(site.site / address).getroot()
        assert index.tag == f"{SM}sitemapindex"
        for loc in index.iter(f"{SM}loc"):
            urlset = ET.parse(site.site / loc.text.removeprefix(BASE)).getroot()
            assert urlset.tag == f"{SM}urlset"
            for url in urlset.findall(f"{SM}url"):
                found[url.findtext(f"{SM}loc").removeprefix(BASE)] = (address, url)
    return found


def record(site, doc_id: str) -> ET.Element:
    """A document's <diwoo:Document>."""
    _, url = harvest(site)[f"documenten/{doc_id}/{doc_id}.pdf"]
    return url.find(f"{DW}Document")


def test_robots_txt_names_one_index_per_category_and_they_offer_only_woo_documents(site):
    robots = (site.site / "robots.txt").read_text().splitlines()
    assert [line for line in robots if line.startswith("Sitemap: ")] == [
        f"Sitemap: {BASE}sitemap.xml",
        f"Sitemap: {BASE}sitemaps/sitemapindex-diwoo-infocat010.xml",
        f"Sitemap: {BASE}sitemaps/sitemapindex-diwoo-infocat015.xml"]
    found = harvest(site)
    # <loc> is the document itself, its PDF (not its page); memos and position papers
    # are advice (infocat010), reports research (infocat015); a meeting report, a
    # practice example, a draft and a document under embargo are not offered.
    assert {loc: index for loc, (index, _) in found.items()} == {
        f"documenten/{doc_id}/{doc_id}.pdf": f"sitemaps/sitemapindex-diwoo-{category}.xml"
        for doc_id, category in [
            ("beta-memo", "infocat010"), ("delta-paper", "infocat010"),
            ("gamma-rapport", "infocat015"), ("theta-script", "infocat015"),
            ("iota-rapport", "infocat015"), ("kappa-rapport", "infocat015")]}


def test_records_follow_the_element_list_and_order_of_diwoo_098(site):
    def check(element: ET.Element, where: str) -> None:
        name = element.tag.removeprefix(DW)
        children = [child.tag.removeprefix(DW) for child in element]
        assert all(child.tag.startswith(DW) for child in element), where
        if name not in STANDARD:
            assert children == [], f"{where}: {name} holds text only"
            assert (element.text or "").strip(), f"{where}: {name} is empty"
            assert set(element.attrib) <= ({"resource"} if name in RESOURCE else set())
            return
        allowed, required = STANDARD[name]
        assert set(children) <= set(allowed), f"{where}: {name}: {children}"
        positions = [allowed.index(child) for child in children]
        assert positions == sorted(positions), f"{where}: {name} out of order: {children}"
        assert required <= set(children), f"{where}: {name} lacks {required - set(children)}"
        for child in set(children) - REPEATABLE:
            assert children.count(child) == 1, f"{where}: {name}: {child} twice"
        for child in element:
            check(child, where)

    found = harvest(site)
    assert found
    for loc, (_, url) in found.items():
        assert [child.tag for child in url] == [f"{SM}loc", f"{DW}Document"], loc
        check(url.find(f"{DW}Document"), loc)
    # The namespace carries no version: the schema location names 0.9.8.
    urlset = ET.parse(site.site / "sitemaps" / "sitemap-diwoo-infocat010-1.xml").getroot()
    assert ("https://standaarden.overheid.nl/diwoo/metadata/ "
            "https://standaarden.overheid.nl/diwoo/metadata/0.9.8/xsd/diwoo/diwoo-metadata.xsd"
            ) in urlset.attrib[f"{XSI}schemaLocation"]


def test_resource_attributes_come_from_the_value_lists(site):
    seen = set()
    for loc, (_, url) in harvest(site).items():
        for element in url.iter():
            name = element.tag.removeprefix(DW)
            if "resource" not in element.attrib:
                continue
            seen.add(name)
            uri = element.attrib["resource"]
            if name in {"publisher", "verantwoordelijke", "opsteller", "wasAssociatedWith"}:
                assert ORGANISATION.fullmatch(uri), (loc, name, uri)
            elif name == "informatiecategorie":
                assert uri in INFORMATIECATEGORIEEN, (loc, uri)
            elif name == "soortHandeling":
                assert SOORT_HANDELING[uri] == element.text, (loc, uri)
            elif name == "language":
                assert (uri, element.text) == (TAAL_NLD, "Nederlands"), loc
            elif name == "format":
                assert (uri, element.text) == (FORMAT_PDF, "PDF"), loc
            else:
                raise AssertionError(f"{loc}: unexpected resource on {name}")
    assert seen == {"publisher", "verantwoordelijke", "opsteller", "wasAssociatedWith",
                    "informatiecategorie", "soortHandeling", "language", "format"}


def test_a_record_holds_title_summary_identifiers_themes_language_format_and_adoption(site):
    gamma = record(site, "gamma-rapport").find(f"{DW}DiWoo")
    assert [i.text for i in gamma.iter(f"{DW}identifier")] == [
        f"{BASE}documenten/gamma-rapport/", "gamma-rapport"]
    assert gamma.findtext(f"{DW}titelcollectie/{DW}officieleTitel") == "Gamma rapport"
    assert gamma.findtext(f"{DW}omschrijvingen/{DW}omschrijving") == "Rapport gamma."
    category = gamma.find(f"{DW}classificatiecollectie/{DW}informatiecategorieen/"
                          f"{DW}informatiecategorie")
    assert (category.attrib["resource"], category.text) == (
        KERN + "c_fdaee95e", "onderzoeksrapporten")
    assert [t.text for t in gamma.iter(f"{DW}trefwoord")] == [
        "Gegevensuitwisseling"]
    assert gamma.find(f"{DW}language").attrib["resource"] == TAAL_NLD
    assert gamma.find(f"{DW}format").attrib["resource"] == FORMAT_PDF
    assert gamma.findtext(f"{DW}creatiedatum") == "2022-06-30"
    handling = gamma.find(f"{DW}documenthandelingen/{DW}documenthandeling")
    assert handling.findtext(f"{DW}soortHandeling") == "vaststelling"
    assert handling.findtext(f"{DW}atTime") == "2022-06-30T00:00:00"
    # The HTML page is only an identifier: <loc> is the PDF.
    assert "documenten/gamma-rapport/gamma-rapport.pdf" in harvest(site)


def test_the_issuing_organisation_with_a_tooi_is_publisher_not_the_site(site):
    theta = record(site, "theta-script").find(f"{DW}DiWoo")  # issued by the NZa
    for path in ("publisher", "verantwoordelijke", "opsteller",
                 f"documenthandelingen/{DW}documenthandeling/{DW}wasAssociatedWith"):
        element = theta.find(f"{DW}{path}")
        assert (element.attrib["resource"], element.text) == (
            NZA, "Nederlandse Zorgautoriteit"), path
    # Markup in a title is text in the record, escaped by the XML writer.
    assert theta.findtext(f"{DW}titelcollectie/{DW}officieleTitel") == (
        "Theta </script & \"aanhalingstekens\" 'x' < y")
    beta = record(site, "beta-memo").find(f"{DW}DiWoo")  # issued by the ministry
    assert beta.find(f"{DW}publisher").attrib["resource"] == VWS
    assert beta.findtext(f"{DW}publisher") == VWS_NAME


def test_an_organisation_without_tooi_is_named_and_the_sites_body_publishes(site):
    iota = record(site, "iota-rapport").find(f"{DW}DiWoo")
    assert iota.find(f"{DW}publisher").attrib["resource"] == VWS
    assert iota.findtext(f"{DW}naamOpsteller") == RIVM_NAME
    for absent in ("verantwoordelijke", "opsteller", f"documenthandelingen/"
                   f"{DW}documenthandeling/{DW}wasAssociatedWith"):
        assert iota.find(f"{DW}{absent}") is None, absent
    assert (f"lessons: documenten/iota.md:10: organisation: {RIVM_NAME} has no TOOI address, so "
            f"the Woo-index lists this document with {VWS_NAME} as publisher and "
            f"{RIVM_NAME} by name only; add its 'tooi:' to stakeholders.yml if it is on a "
            "TOOI list") in site.messages


def test_a_document_dated_by_its_year_keeps_its_record_and_its_precision(site):
    kappa = record(site, "kappa-rapport")
    # The whole DiWoo record (the Woo-index searches and filters on its fields only), with
    # the ZonMw report's publisher ZonMw; no creatiedatum (an xs:date) for a year; the
    # adoption's required xs:dateTime the year's first day, and the date as precise as the
    # document is in the name/value field after the record.
    diwoo = kappa.find(f"{DW}DiWoo")
    assert diwoo.find(f"{DW}publisher").attrib["resource"] == ZONMW
    assert diwoo.findtext(f"{DW}publisher") == "ZonMw"
    assert diwoo.find(f"{DW}creatiedatum") is None
    assert diwoo.findtext(f"{DW}documenthandelingen/{DW}documenthandeling/{DW}atTime") == (
        "2022-01-01T00:00:00")
    fields = {field.findtext(f"{DW}key"): [v.text for v in field.iter(f"{DW}value")]
              for field in kappa.iter(f"{DW}extraMetadataveld")}
    assert fields == {"datum": ["2022"]}
    assert [child.tag for child in kappa] == [f"{DW}DiWoo", f"{DW}extraMetadata"]
    assert ("lessons: documenten/kappa.md:5: date: dated to the year only, and a DiWoo "
            "record needs the day it was adopted, so the Woo-index gets the first day of "
            "that period there (and the date as it is in the field 'datum'); give the day "
            "in 'date:' if the document has one") in site.messages
    # No lastmod: the date a document carries is not when its PDF last changed.
    for path in (site.site / "sitemaps").iterdir():
        assert "lastmod" not in path.read_text(), path


def memo(doc_id: str) -> tuple[str, bytes]:
    return f"documenten/{doc_id}.md", textwrap.dedent(f"""\
        ---
        id: {doc_id}
        kind: memo
        title: Memo {doc_id}
        date: 2021-03-04
        summary: Memo {doc_id}.
        themes: [governance]
        stakeholders: [rivm]
        organisation: VWS
        status: published
        ---

        Tekst.
        """).encode()


def test_a_category_is_split_over_sitemaps_at_the_limit():
    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    collection = collect([memo(f"memo-{n}") for n in range(5)], vocabs)
    assert collection.problems == []
    corpus = graph.build(collection.documents, None, vocabs.lifecycle)
    site = Organisation(VWS_NAME, "ministerie-vws", VWS)
    files = diwoo.sitemaps(corpus, vocabs, lambda path: BASE + path, site, max_urls=2)
    index = ET.fromstring(files["sitemaps/sitemapindex-diwoo-infocat010.xml"])
    parts = [loc.text.removeprefix(BASE) for loc in index.iter(f"{SM}loc")]
    assert parts == [f"sitemaps/sitemap-diwoo-infocat010-{n}.xml" for n in (1, 2, 3)]
    assert [len(ET.fromstring(files[part]).findall(f"{SM}url")) for part in parts] == [
        2, 2, 1]
    assert sorted(files) == sorted(parts + ["sitemaps/sitemapindex-diwoo-infocat010.xml"])
    # The protocol's limit is the default.
    assert diwoo.MAX_URLS == 50_000
    assert len(diwoo.sitemaps(corpus, vocabs, lambda path: BASE + path, site)) == 2
