"""Structured formats (.docx, .odt, HTML, Markdown, Outlook .msg): the document's own
metadata, its structure kept for the site's Python-Markdown, and every word accounted for.

The .docx/.odt files are written in the test (tests/office_files.py); no real document
from the evaluation corpus is used. A .msg cannot be written without Outlook, so the
.msg test hands the reader the object extract-msg would give.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import markdown as python_markdown
import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from helpers import ROOT
from lessons.importers import msg
from lessons.importers.accounting import lost_words
from lessons.importers.registry import Converted, ImportFailure, read
from office_files import make_docx, make_odt

# The site's Markdown extensions, read from mkdocs.yml (its other sections use tags
# safe_load refuses, so only this section is parsed).
_SECTION = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split(
    "markdown_extensions:")[1].split("\nnav:")[0]
EXTENSIONS = yaml.safe_load("x:" + _SECTION)["x"]


def _render(markdown: str) -> LexborHTMLParser:
    """The body as the site renders it (the extensions of mkdocs.yml)."""
    names, configs = [], {}
    for entry in EXTENSIONS:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config or {}
    return LexborHTMLParser(python_markdown.markdown(markdown, extensions=names,
                                                     extension_configs=configs))


def _lost(converted: Converted) -> dict[str, int]:
    outputs = [converted.markdown, converted.title_hint, *converted.authors,
               converted.summary_hint, *(r.text for r in converted.removed)]
    return dict(lost_words(converted.raw_text, outputs))


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


REPORT = """# Evaluatie wijkteams Noord

Inhoudsopgave

TOC

## Inleiding

De wijkteams werkten in drie fasen:

- voorbereiding
    - werving van vrijwilligers
        - gesprekken met de GGD
- uitvoering

MERGEDTABLE

![Bereik per wijk](grafiek.png)

| Wijk | Bereik |
|------|--------|
| Oost | 40     |
"""


@pytest.fixture
def report(tmp_path: Path) -> Converted:
    (tmp_path / "grafiek.png").write_bytes(_png())
    path = make_docx(tmp_path / "rapport.docx", REPORT, title="Document1",
                     creator="Anna de Vries", modified_by="Beheerder Kees",
                     toc=[("1 Inleiding", 3), ("2 Resultaten", 5), ("3 Lessen", 9)])
    return read(path)


def test_docx_merged_cells_become_an_html_table(report: Converted):
    assert "[TABLE]" not in report.markdown
    page = _render(report.markdown)
    spans = {(td.text().strip(), td.attributes.get("colspan"), td.attributes.get("rowspan"))
             for td in page.css("td")}
    assert ("Colofon", "3", None) in spans and ("Auteurs", None, "2") in spans
    assert "Bram Jansen" in page.body.text()
    # a table without merged cells stays a Markdown pipe table
    assert "| Wijk | Bereik |" in report.markdown


def test_docx_template_title_ignored_and_author_from_properties(report: Converted):
    assert report.title_hint == "Evaluatie wijkteams Noord"
    assert report.authors == ["Anna de Vries"]  # cp:lastModifiedBy is no author
    assert any("Document1" in note for note in report.review)
    assert report.date_hint is None  # file dates are not the document's date


def test_docx_title_agreeing_with_properties_keeps_the_pages_wording(tmp_path: Path):
    path = make_docx(tmp_path / "p.docx", "# Burgerpeiling ‘Waar staat je gemeente’\n\nTekst.\n",
                     title="Burgerpeiling Waar staat je gemeente")
    converted = read(path)
    assert converted.title_hint == "Burgerpeiling ‘Waar staat je gemeente’"
    assert not any(note.startswith("title in the file properties") for note in converted.review)


def test_docx_title_from_properties_when_the_page_has_no_heading(tmp_path: Path):
    path = make_docx(tmp_path / "n.docx", "Tekst zonder kop.\n",
                     title="Evaluatie van de wijkteams in Noord", creator="pjanssen")
    converted = read(path)
    assert converted.title_hint == "Evaluatie van de wijkteams in Noord"
    assert converted.authors == []  # an account name is no author


def test_docx_title_from_the_largest_type_on_the_cover(tmp_path: Path):
    text = ("Verslag\n\nStuurgroep wijkgezondheid\n\nvergaderdatum 2-7-2019\n\n"
            "Aanwezig: Anna, Bram.\n\n## Opening\n\nDe voorzitter opent.\n")
    path = make_docx(tmp_path / "v.docx", text, title="Verslag",
                     large=("Verslag", "Stuurgroep wijkgezondheid"))
    converted = read(path)
    assert converted.title_hint == "Verslag Stuurgroep wijkgezondheid"
    assert _lost(converted) == {}


def test_docx_title_from_the_onderwerp_line(tmp_path: Path):
    text = "MEMO\n\nOnderwerp: Charter van het platform\n\nDatum: 8 februari 2018\n"
    converted = read(make_docx(tmp_path / "m.docx", text, large=("MEMO",)))
    assert converted.title_hint == "Charter van het platform"


def test_docx_date_from_the_datum_cell_of_the_header_table(tmp_path: Path):
    text = ("**MEMO**\n\n| Onderwerp | Charter van het platform |\n|---|---|\n"
            "| Datum | 8 februari 2018 |\n\nIn 2017 begon het platform.\n")
    converted = read(make_docx(tmp_path / "m.docx", text))
    assert (converted.title_hint, converted.date_hint) == ("Charter van het platform",
                                                          "2018-02-08")


def test_markdown_meeting_date_label_with_written_month(tmp_path: Path):
    path = tmp_path / "v.md"
    path.write_text("# Verslag\n\n| Betreft | Overleg API-regels |\n|---|---|\n"
                    "| Vergaderdatum en -tijd | 13-april-2023 - 10:30 uur |\n", encoding="utf-8")
    assert read(path).date_hint == "2023-04-13"


def test_docx_image_extracted_and_linked(report: Converted):
    assert len(report.assets) == 1
    name, data = next(iter(report.assets.items()))
    assert data == _png() and name == name.lower() and " " not in name
    assert f"](media/{name})" in report.markdown


def test_docx_table_of_contents_dropped_and_counted(report: Converted):
    assert "_Toc" not in report.markdown and "Inhoudsopgave" not in report.markdown
    toc = [r for r in report.removed if r.what == "table of contents"]
    assert toc and toc[0].count == 4 and "2 Resultaten 5" in toc[0].text


def test_docx_linked_toc_without_a_heading(tmp_path: Path):
    path = make_docx(tmp_path / "t.docx", "TOC\n\n# Inleiding\n\nTekst.\n",
                     toc=[("1 Inleiding", 2), ("Bijlage A: bronnen en methoden", 7)])
    converted = read(path)
    assert "bronnen en methoden" not in converted.markdown
    assert [(r.what, r.count) for r in converted.removed] == [("table of contents", 2)]
    assert _lost(converted) == {}


def test_plain_toc_needs_page_numbers_under_a_toc_heading(tmp_path: Path):
    toc = "Inhoud\n\nInleiding 3\n\nAanpak en methode 5\n\nLessen 9\n\n"
    kept = "Inhoud\n\nHet budget was 300\n\nDe wijk telt 12\n\n"
    dropped = read(make_docx(tmp_path / "a.docx", toc + "# Inleiding\n\nTekst.\n"))
    assert "Aanpak en methode" not in dropped.markdown
    assert dropped.removed[0].count == 4  # the heading and three entries
    untouched = read(make_docx(tmp_path / "b.docx", kept + "# Inleiding\n\nTekst.\n"))
    assert "Het budget was 300" in untouched.markdown and not untouched.removed


def test_docx_indented_paragraph_is_no_quotation(tmp_path: Path):
    path = make_docx(tmp_path / "q.docx", "> **Aanwezig:** Anna de Vries (GGD)\n\nTekst.\n")
    converted = read(path)
    assert "> " not in converted.markdown and "Anna de Vries (GGD)" in converted.markdown


def test_links_to_the_authors_disk_and_layout_tables(tmp_path: Path):
    path = tmp_path / "mail.html"
    path.write_text('<html><body><p>Zie <a href="file:///C:/Users/pj/plan.docx">het plan</a>.'
                    '</p><table><tr><td><p>Anna de Vries</p></td><td><p>Adviseur</p></td></tr>'
                    '</table></body></html>', encoding="utf-8")
    converted = read(path)
    assert "Zie het plan." in converted.markdown and "file:" not in converted.markdown
    assert "<table" not in converted.markdown and "|" not in converted.markdown
    assert "Adviseur" in converted.markdown
    assert any("file:///C:/Users/pj/plan.docx" in r.text for r in converted.removed)


def test_docx_nested_list_renders_nested(report: Converted):
    page = _render(report.markdown)
    assert page.css_first("ul li ul li ul li") is not None
    assert page.css_first("ul li ul li ul li").text().strip() == "gesprekken met de GGD"


def test_docx_every_word_accounted_for(report: Converted):
    assert _lost(report) == {}


def test_invariant_sees_what_the_converter_drops(report: Converted):
    report.markdown = report.markdown.replace("Bram Jansen", "")
    assert _lost(report) == {"bram": 1, "jansen": 1}


def test_odt_soft_spaces_and_properties(tmp_path: Path):
    path = make_odt(tmp_path / "v.odt", "Het~overleg van de wijkteams~vond plaats.\n",
                    title="Verslag overleg wijkteams Noord",
                    creator="Jansen, P. (Piet) - GGD Noord")
    converted = read(path)
    assert "Het overleg" in converted.raw_text and "wijkteams vond" in converted.raw_text
    assert converted.title_hint == "Verslag overleg wijkteams Noord"
    assert converted.authors == ["P. (Piet) Jansen"]
    assert _lost(converted) == {}


def test_odt_generic_title_ignored(tmp_path: Path):
    converted = read(make_odt(tmp_path / "v.odt", "Tekst.\n", title="Verslag"))
    assert converted.title_hint == ""


PAGE = """<!doctype html><html lang="nl"><head>
<title>Besluit subsidie jeugdgezondheid | Overheid.nl &gt; Officiële bekendmakingen</title>
<meta name="DC.title" content="Besluit subsidie jeugdgezondheidszorg Noord 2021">
<meta name="DCTERMS.issued" content="2021-08" scheme="DCTERMS.W3CDTF">
<meta name="DCTERMS.modified" content="2023-01-05">
<meta name="DC.description" content="Het college besluit de subsidie te verlengen.">
<script>var tracker = 1;</script></head>
<body>
<div class="cookie-banner">Wij gebruiken cookies voor statistiek.</div>
<header><nav><a href="/">Home</a> <a href="/zoeken">Zoeken</a></nav></header>
<main>
<h1>Besluit subsidie jeugdgezondheidszorg<a class="headerlink" href="#besluit">¶</a></h1>
<p>Het college van burgemeester en wethouders besluit de subsidie te verlengen.</p>
<h2>Overwegingen<a class="headerlink" href="#overwegingen">¶</a></h2>
<ul><li>De GGD voert de taak uit.<ul><li>Ook in de kleine kernen.</li></ul></li></ul>
<aside>Gerelateerde publicaties: geen.</aside>
</main>
<footer>Over deze site · Privacy</footer>
</body></html>"""


def test_html_metadata_chrome_and_permalinks(tmp_path: Path):
    path = tmp_path / "besluit.html"
    path.write_text(PAGE, encoding="utf-8")
    converted = read(path)
    assert converted.title_hint == "Besluit subsidie jeugdgezondheidszorg Noord 2021"
    assert converted.date_hint == "2021-08"  # at its precision, not the modified date
    assert converted.summary_hint.startswith("Het college besluit")
    removed = {r.what: r for r in converted.removed}
    assert removed["permalink anchors"].count == 2 and "¶" not in converted.markdown
    chrome = removed["site navigation"].text
    for words in ("cookies", "Zoeken", "Gerelateerde publicaties", "Privacy"):
        assert words in chrome and words not in converted.markdown
    assert _render(converted.markdown).css_first("ul li ul li") is not None
    assert _lost(converted) == {}


def test_html_article_header_with_the_title_is_kept(tmp_path: Path):
    path = tmp_path / "blog.html"
    path.write_text('<html><body><article><header class="entry-header"><h1>Wat we leerden '
                    'in de wijk</h1><p class="byline">Anna de Vries</p></header><p>Tekst van '
                    'het artikel.</p><footer class="entry-footer">Delen</footer></article>'
                    '</body></html>', encoding="utf-8")
    converted = read(path)
    assert "# Wat we leerden in de wijk" in converted.markdown
    assert "Anna de Vries" in converted.markdown and "Delen" not in converted.markdown


def test_html_title_without_site_name(tmp_path: Path):
    path = tmp_path / "p.html"
    path.write_text("<html><head><title>Index - Handreiking preventie</title></head><body>"
                    "<h2>Een</h2><p>Tekst.</p><h2>Twee</h2></body></html>", encoding="utf-8")
    assert read(path).title_hint == "Handreiking preventie"


def test_html_list_page_is_refused(tmp_path: Path):
    items = "".join(f'<li><a href="/doc/{n}">Besluit nummer {n} van de gemeente</a> '
                    f'({n} mei)</li>' for n in range(30))
    path = tmp_path / "zoek.html"
    path.write_text(f"<html><body><main><h1>Zoekresultaten</h1><ol>{items}</ol></main>"
                    f"</body></html>", encoding="utf-8")
    with pytest.raises(ImportFailure, match="list of 30 links.*import each document"):
        read(path)


def test_html_article_with_many_references_is_no_list_page(tmp_path: Path):
    text = "<p>" + "Lange lopende tekst over de aanpak in de wijk. " * 40 + "</p>"
    links = "".join(f'<p>Zie <a href="/bron/{n}">bron {n}</a>.</p>' for n in range(30))
    path = tmp_path / "artikel.html"
    path.write_text(f"<html><body><h1>Aanpak</h1>{text}{links}</body></html>",
                    encoding="utf-8")
    assert read(path).title_hint == "Aanpak"


XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Bekendmaking vergunning</title></head>
<body><div class="kop"><a href="#Inhoud">Skip navigatie, ga direct naar de Inhoud</a>
<ul class="menu"><li><a href="/">Home</a></li><li><a href="/over">Over deze site</a></li></ul>
</div><div id="Inhoud"><div class="inhouds-opgave"><a href="#b">Toon inhoudsopgave</a>
<div id="Links" /></div><div id="broodtekst"><h1>Bekendmaking vergunning Velp</h1>
<p>De burgemeester van de gemeente maakt bekend dat een vergunning is verleend voor een
bingoavond in het buurthuis, op grond van de wet op de kansspelen.</p>
<ul><li><p><span>• </span>Plaats: buurthuis De Poort.</p></li></ul></div></div>
<div class="footer">Over Overheid.nl</div></body></html>"""


def test_xhtml_page_content_is_kept_and_its_chrome_counted(tmp_path: Path):
    path = tmp_path / "gmb.html"
    path.write_text(XHTML, encoding="utf-8")
    converted = read(path)
    assert "De burgemeester van de gemeente" in converted.markdown
    assert "- Plaats: buurthuis De Poort." in converted.markdown  # no '- •'
    chrome = " ".join(r.text for r in converted.removed if r.what == "site navigation")
    assert "Skip navigatie" in chrome and "Over Overheid.nl" in chrome
    assert "Toon inhoudsopgave" in chrome and "Home" not in converted.markdown
    assert _lost(converted) == {}


def test_slide_deck_keeps_every_slide(tmp_path: Path):
    slides = "".join(f'<svg viewBox="0 0 1280 720"><foreignObject><section><h2>Dia {n}</h2>'
                     f'<p>Inhoud van dia {n}</p></section></foreignObject></svg>'
                     for n in range(1, 4))
    path = tmp_path / "slides.html"
    path.write_text(f"<html><head><title>Advies WOZ</title></head><body>{slides}"
                    f"<button>Next slide</button></body></html>", encoding="utf-8")
    converted = read(path)
    for n in range(1, 4):
        assert f"Inhoud van dia {n}" in converted.markdown
    assert _lost(converted) == {}


FRONT = """---
title: Lessen uit de pilot wijkgezondheid
date: 2020-08-14
authors: [anna-de-vries]
tags: [preventie, wijk]
description: Wat de pilot opleverde voor de samenwerking in de wijk.
---

<!-- truncate -->

> [!NOTE]
> Dit is een concept.

# Lessen uit de pilot wijkgezondheid

- Begin klein
  - met twee wijken
    - en een vaste contactpersoon
- Evalueer elk kwartaal

Zie [de aanpak](#aanpak).
"""


def test_markdown_front_matter_used_and_not_in_the_body(tmp_path: Path):
    path = tmp_path / "pilot.md"
    path.write_text(FRONT, encoding="utf-8")
    converted = read(path)
    assert converted.title_hint == "Lessen uit de pilot wijkgezondheid"
    assert converted.date_hint == "2020-08-14"
    assert converted.authors == ["Anna De Vries"]
    assert converted.summary_hint.startswith("Wat de pilot")
    assert "tags:" not in converted.markdown and "preventie, wijk" in " ".join(converted.review)
    assert "truncate" not in converted.markdown
    page = _render(converted.markdown)
    assert page.css_first("ul li ul li ul li").text().strip() == "en een vaste contactpersoon"
    assert "Dit is een concept." in page.css_first("div.admonition.note").text()
    assert "de aanpak" in converted.markdown and "(#aanpak)" not in converted.markdown
    assert _lost(converted) == {}


def test_markdown_title_from_the_betreft_row_when_the_heading_is_generic(tmp_path: Path):
    path = tmp_path / "verslag.md"
    path.write_text("# Verslag\n\n| Betreft | **Overleg over de API-regels.** |\n|---|---|\n"
                    "| Datum | 13 april 2023 |\n\n## Welkom\n\nTekst.\n", encoding="utf-8")
    assert read(path).title_hint == "Overleg over de API-regels"


def test_odt_title_from_a_short_first_line(tmp_path: Path):
    path = make_odt(tmp_path / "v.odt", "Verslag werkgroep communicatie\n\nSamenvatting\n\n"
                    "Het doel van de sessie was een plan.\n")
    assert read(path).title_hint == "Verslag werkgroep communicatie"
    sentence = make_odt(tmp_path / "s.odt", "Het doel van de sessie was een plan.\n")
    assert read(sentence).title_hint == ""


def test_markdown_date_keeps_its_precision(tmp_path: Path):
    path = tmp_path / "m.md"
    path.write_text("---\ntitle: Verslag van de pilot\ndate: 2020-08\n---\n\nTekst.\n",
                    encoding="utf-8")
    assert read(path).date_hint == "2020-08"


class _Attachment:
    def __init__(self, name: str, data: bytes, cid: str = ""):
        self.longFilename, self.shortFilename, self.data, self.cid = name, name, data, cid


class _Message:
    """What extract_msg.openMsg returns, as far as the reader uses it."""

    subject = "RE: Verslag experttafel zorgcapaciteit"
    sender = "Afdeling PG <pg@example.org>"
    to = "Team Lessen <lessen@example.org>"
    cc = None
    date = dt.datetime(2020, 7, 17, 7, 12, tzinfo=dt.UTC)
    body = "plain"
    htmlBody = (b"<html><head><style>p{}</style></head><body><div class=WordSection1>"
                b"<p>Beste collega,</p><p>Hierbij de lessen.</p><ul><li>Begin vroeg"
                b"<ul><li>met de GGD</li></ul></li></ul><p><img src=\"cid:logo@01\"></p>"
                b"<div><p><b>Van:</b> Jansen, P.<br><b>Verzonden:</b> donderdag 16 juli "
                b"2020 17:40<br><b>Aan:</b> Afdeling PG<br><b>Onderwerp:</b> Verslag "
                b"experttafel</p></div><p>Kun je de lessen sturen?</p></div></body></html>")
    attachments = [_Attachment("logo.png", _png(), cid="logo@01"),
                   _Attachment("Verslag experttafel.docx", b"x" * 3000)]

    def close(self):
        pass


def test_msg_headers_thread_attachments(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(msg, "_open", lambda path: _Message())
    path = tmp_path / "mail.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not read: _open is replaced")
    converted = read(path)
    assert (converted.kind_hint, converted.title_hint, converted.date_hint) == (
        "correspondence", "Verslag experttafel zorgcapaciteit", "2020-07-17")
    body = converted.markdown
    assert body.index("**Van:** Afdeling PG") < body.index("Hierbij de lessen")
    # the quoted earlier message is a message of the thread, with its own header block
    assert "\n---\n" in body
    assert re.search(r"^\*\*Verzonden:\*\* donderdag 16 juli 2020 17:40 *$", body, re.M)
    assert "**Bijlagen:** Verslag experttafel.docx" in body
    assert any("Verslag experttafel.docx" in note for note in converted.review)
    assert list(converted.assets) == ["logo.png"] and "](media/logo.png)" in body
    assert _render(body).css_first("ul li ul li") is not None
    assert _lost(converted) == {}


def test_assets_relinked_to_the_writers_folder(report: Converted):
    from lessons.importers.assets import relink

    name = next(iter(report.assets))
    body = relink(report.markdown + f'\n<td><img src="media/{name}" /></td>\n',
                  "evaluatie-2023", set(report.assets))
    assert f"](evaluatie-2023/{name})" in body and f'src="evaluatie-2023/{name}"' in body
    assert "media/" not in body


def test_docx_without_a_date_in_its_text_is_dated_by_its_creation_as_a_last_resort(
        tmp_path: Path):
    """The file's creation date is no evidence when the text has a date, but better than
    nothing when it has none; the editor is told where it came from."""
    from lessons.collect import load_vocabularies
    from lessons.importers.writer import import_file

    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    undated = make_docx(tmp_path / "u.docx", "# Werkgroep wijkteams\n\nWe bespraken de planning.\n")
    result = import_file(undated, tmp_path, vocabs, out=tmp_path / "out")
    assert result.meta["date"] == "2008-01-15"
    assert "date (from the file's creation date: the text names no date)" in result.review
    # and the reader's 'not used as the document date' note, now untrue, is gone
    assert not [note for note in result.review if note.startswith("file properties:")]
    dated = make_docx(tmp_path / "d.docx",
                      "# Werkgroep wijkteams\n\nDatum: 3 maart 2021\n\nWe bespraken de planning.\n")
    assert import_file(dated, tmp_path, vocabs, out=tmp_path / "out2").meta["date"] == "2021-03-03"


def test_markdown_list_numbered_one_one_one_loses_no_words(tmp_path: Path):
    path = tmp_path / "stappen.md"
    path.write_text("# Stappen\n\n1. Plannen\n1. Doen\n1. Leren\n", encoding="utf-8")
    converted = read(path)
    assert re.search(r"^3\.\s+Leren", converted.markdown, re.M)  # numbered as shown
    assert not lost_words(converted.raw_text, [converted.markdown])


def test_docx_letterhead_in_the_first_page_header_gives_title_and_meeting_date(
        tmp_path: Path):
    """Rijkshuisstijl minutes keep sender, date, attendees and title in the first page's
    header: its text is listed as removed (never silently lost) and read for metadata."""
    from lessons.collect import load_vocabularies
    from lessons.importers.writer import import_file
    from office_files import add_first_page_header

    path = make_docx(tmp_path / "verslag.docx",
                     "Opening\n\nDe voorzitter opent de vergadering om 15.30 uur.\n")
    add_first_page_header(path, ["Logius", "Datum", "29-5-2025", "Vergaderdatum en tijd",
                                 "15 mei 2025|15:30-17:00 uur", "Deelnemers", "Anna de Vries",
                                 "Verslag Klankbordgroep Standaarden"])
    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    result = import_file(path, tmp_path, vocabs, out=tmp_path / "out")
    assert result.meta["title"] == "Verslag Klankbordgroep Standaarden"
    assert result.meta["date"] == "2025-05-15"  # the meeting, not when it was written up
    assert any(n.startswith("removed: 1 first page header") for n in result.review)


def test_cover_title_takes_a_subtitle_in_display_type_but_not_a_section_heading():
    from lessons.importers.cover import Line, title

    body = [Line("Gewone tekst van het verslag, in de broodletter. " * 3, 10.0)] * 5
    cover = [Line("Kennisplatform APIs", 26.0), Line("Werkgroep Communicatie & Beleid", 14.0),
             Line("Bijeenkomst 1 april 2019", 10.0)]
    assert title(cover + body) == "Kennisplatform APIs: Werkgroep Communicatie & Beleid"
    heading = [Line("Evaluatie teststraten", 26.0), Line("Inleiding", 14.0)]
    assert title(heading + body) == "Evaluatie teststraten"


def test_web_page_dated_in_its_article_after_long_menus(tmp_path: Path):
    from lessons.collect import load_vocabularies
    from lessons.importers.writer import import_file

    menu = "".join(f"<li><a href='/p{i}'>Onderwerp nummer {i} van het menu</a></li>"
                   for i in range(200))
    page = tmp_path / "pagina.html"
    page.write_text(f"<html><body><nav><ul>{menu}</ul></nav><main><h1>Evaluatie teststraten</h1>"
                    "<p>De teststraten draaiden een jaar; dit verslag beschrijft wat de GGD "
                    "daarvan leerde over planning, personeel en laboratoria.</p>"
                    "<p>9 januari 2026, versie 1.3 definitief</p></main></body></html>",
                    encoding="utf-8")
    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    assert import_file(page, tmp_path, vocabs, out=tmp_path / "out").meta["date"] == "2026-01-09"


def test_authors_from_dc_creator_and_never_a_mailbox():
    from lessons.importers.docprops import person_name
    from lessons.importers.html_meta import read as read_meta

    page = ('<html><head><meta name="DC.creator" content="Sanne Mulder"><title>x</title>'
            '</head><body><p>Tekst</p></body></html>')
    assert read_meta(page).authors == ["Sanne Mulder"]
    assert person_name("Postbus PGDI") == ""
    assert person_name("Jan van Gelder") == "Jan van Gelder"


def test_an_addressee_with_academic_titles_is_not_the_author():
    from lessons.importers.headstart import find_authors

    cover = "Adviescommissie\n\nT.a.v. mevrouw dr. M.A.M. Adriaansens\nPostbus 20401\n\nAdvies"
    assert find_authors(cover) == []
    assert find_authors("Evaluatie\n\nDr. A. Jansen en drs. B. Smit\n") == ["A. Jansen",
                                                                              "B. Smit"]
