"""PDF import, directly: small PDFs generated here with fpdf2, modelled on the corpus (a
Rijkshuisstijl letter with a side column, a report with larger bold headings, a dotted
table of contents, Symbol bullets, a ruled table, a footnote, a Woo redaction box)."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import markdown
import pytest
from fpdf import FPDF

from lessons.importers import accounting
from lessons.importers.pdf.lists import marker
from lessons.importers.pdf.model import Line, Word
from lessons.importers.registry import Converted, ImportFailure, read

SITE_EXTENSIONS = ["toc", "attr_list", "tables", "footnotes", "admonition", "md_in_html"]


def new_pdf(title: str | None = None) -> FPDF:
    pdf = FPDF(unit="pt", format="A4")  # 595 x 842 points, as the corpus letters
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    return pdf


def put(pdf: FPDF, x: float, y: float, text: str, size: float = 10, style: str = "",
        font: str = "Helvetica") -> None:
    """`text` with its baseline at `y` points from the top."""
    pdf.set_font(font, style, size)
    pdf.text(x, y, text)


def lines(pdf: FPDF, x: float, y: float, texts: list[str], size: float = 10,
          leading: float = 13, style: str = "") -> float:
    for text in texts:
        put(pdf, x, y, text, size, style)
        y += leading
    return y


def lost(result: Converted) -> int:
    outputs = [result.markdown, result.title_hint, *(r.text for r in result.removed)]
    return sum(accounting.lost_words(result.raw_text, outputs).values())


def no_code_blocks(text: str) -> None:
    html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert "<pre" not in html and "<code" not in html, text
    assert "```" not in text


def removed(result: Converted, what: str):
    return next(r for r in result.removed if what in r.what)


# A Rijkshuisstijl letter: a narrow column at the right in small type with bold labels
# ('Datum', 'Kenmerk'), a page footer 'Pagina 1 van 2' in that column, body at 9 pt.
def letter(path: Path) -> Path:
    pdf = new_pdf(title="Sjabloon notitie")  # a template's title, not on the page
    body = [
        ["Modernisering van de regeling voor bronnen", None],
        ["Aanleiding", "bold13"],
        ["De afdeling heeft de uitvoering van de regel-", None],
        ["geving over het bron- en contactonderzoek bekeken. De", None],
        ["wet- en regelgeving laat daarbij ruimte voor", None],
        ["gemeenten die zelf keuzes willen maken.", None],
        ["Een tweede alinea begint hier en loopt door over", None],
        ["Rotterdam en Den Haag.", None],
        ["Een derde alinea volgt zonder witruimte.", None],
    ]
    for page in (1, 2):
        pdf.add_page()
        put(pdf, 467, 160, "Ministerie van Volksgezondheid", 6.5, "B")
        put(pdf, 467, 169, "Parnassusplein 5", 6.5)
        put(pdf, 467, 187, "Datum", 6.5, "B")
        put(pdf, 467, 196, "9 maart 2023", 6.5)
        put(pdf, 467, 214, "Kenmerk", 6.5, "B")
        put(pdf, 467, 223, "3456789-1020304-PG", 6.5)
        put(pdf, 467, 810, f"Pagina {page} van 2", 6.5)
        y = 260.0
        if page == 1:
            for text, style in body:
                if style == "bold13":
                    y += 14
                    put(pdf, 79, y, text, 13, "B")
                    y += 22
                elif text.startswith("Modernisering"):
                    put(pdf, 79, y, text, 9)
                    y += 30
                else:
                    put(pdf, 79, y, text, 9)
                    y += 12
        else:
            lines(pdf, 79, y, ["Op de tweede pagina staat de conclusie van deze brief, in",
                               "een alinea van twee regels."], 9, 12)
    pdf.output(str(path))
    return path


def test_a_letter_loses_its_side_column_and_footer_but_lists_them(tmp_path: Path):
    result = read(letter(tmp_path / "brief.pdf"))
    text = result.markdown
    assert "Datum" not in text and "Kenmerk" not in text and "Pagina" not in text
    assert "3456789" not in text and "Parnassusplein" not in text
    side = removed(result, "side column")
    assert "3456789-1020304-PG" in side.text and "9 maart 2023" in side.text
    numbers = removed(result, "page numbers")
    assert numbers.count == 2 and "Pagina 2 van 2" in numbers.text
    # The letter's 'Datum', at its precision, read from the side column's removed text.
    from helpers import ROOT
    from lessons.collect import load_vocabularies
    from lessons.importers.infer import infer

    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    assert infer(result, vocabs)[0].date == "2023-03-09"
    # The template title is not on the page; the page's own title is not larger type
    # either, so the first line of the letter is the title.
    assert result.title_hint == "Modernisering van de regeling voor bronnen"
    assert any("Sjabloon notitie" in note for note in result.review)
    assert text.startswith("# Modernisering van de regeling voor bronnen\n")
    assert "## Aanleiding" in text
    # one paragraph per line, words broken at a line end joined, suspended hyphens kept
    assert ("De afdeling heeft de uitvoering van de regelgeving over het bron- en "
            "contactonderzoek bekeken. De wet- en regelgeving laat daarbij ruimte voor "
            "gemeenten die zelf keuzes willen maken.") in text.split("\n")
    # a line that starts with a capital still continues a paragraph; a short line that
    # ends a sentence ends it, also without white space under it
    assert "Een tweede alinea begint hier en loopt door over Rotterdam en Den Haag." \
        in text.split("\n")
    assert "Een derde alinea volgt zonder witruimte." in text.split("\n")
    assert not re.search(r"^ {4}", text, re.M)
    no_code_blocks(text)
    assert lost(result) == 0 and not any("not in the output" in n for n in result.review)
    assert result.structured


def report(path: Path) -> Path:
    pdf = new_pdf()
    pdf.add_page()  # cover: the title in the largest type, over two lines
    put(pdf, 80, 300, "Lessen uit de bestrijding van", 22, "B")
    put(pdf, 80, 330, "de uitbraak in 2021", 22, "B")
    put(pdf, 80, 380, "Eindrapport, januari 2022", 11)
    pdf.add_page()  # a table of contents with dotted leaders
    put(pdf, 72, 100, "Inhoud", 16, "B")
    entries = [("1 Inleiding", 3), ("1.1 Aanleiding", 3), ("2 Bevindingen", 4),
               ("2.1 Tabel", 4)]
    for n, (entry, page) in enumerate(entries):
        put(pdf, 72, 130 + 16 * n, f"{entry} " + "." * 60 + f" {page}", 10)
    for number in (3, 4):
        pdf.add_page()
        put(pdf, 72, 50, "Eindrapport uitbraak 2021", 8)  # running header
        put(pdf, 290, 810, str(number), 8)  # page number
    pdf.page = 3
    put(pdf, 72, 110, "1 Inleiding", 16, "B")
    put(pdf, 72, 145, "1.1 Aanleiding", 13, "B")
    y = lines(pdf, 72, 170, ["Het bestuur vroeg om een evaluatie van de aanpak in de eerste",
                             "maanden van de uitbraak."])
    pdf.set_font("Helvetica", "", 10)
    end = 72 + pdf.get_string_width("maanden van de uitbraak.")
    put(pdf, end + 0.5, 179, "1", 6)  # the footnote reference, raised and small
    y += 10
    put(pdf, 72, y, "De belangrijkste bevindingen:", 10)
    y += 16
    for indent, bullet, text in [(72, "\xb7", "de meldingen kwamen laat binnen;"),
                                 (72, "\xb7", "de GGD had te weinig mensen:"),
                                 (90, "-", "voor het bron- en contactonderzoek;"),
                                 (90, "-", "voor de communicatie;"),
                                 (72, "\xb7", "de samenwerking verliep goed.")]:
        put(pdf, indent, y, bullet, 10, font="Symbol" if bullet == "\xb7" else "Helvetica")
        put(pdf, indent + 18, y, text, 10)
        y += 14
    y += 10
    for n, text in enumerate(["Stel een draaiboek op.", "Oefen het draaiboek."], 1):
        put(pdf, 72, y, f"{n}.", 10)
        put(pdf, 90, y, text, 10)
        y += 14
    pdf.line(72, 760, 200, 760)
    put(pdf, 72, 775, "1", 6)
    put(pdf, 78, 778, "Zie het plan van aanpak van maart 2021.", 8)
    pdf.page = 4
    put(pdf, 72, 110, "2 Bevindingen", 16, "B")
    put(pdf, 72, 140, "De tabel geeft de cijfers per maand.", 10)
    pdf.set_xy(72, 160)
    pdf.set_font("Helvetica", "", 10)
    for row in [("Maand", "Meldingen"), ("maart", "120"), ("april", "340")]:
        pdf.set_x(72)
        for cell in row:
            pdf.cell(120, 18, cell, border=1)
        pdf.ln(18)
    pdf.output(str(path))
    return path


def test_a_report_keeps_its_structure_and_lists_what_it_removed(tmp_path: Path):
    result = read(report(tmp_path / "rapport.pdf"))
    text = result.markdown
    assert result.title_hint == "Lessen uit de bestrijding van de uitbraak in 2021"
    assert text.startswith("# Lessen uit de bestrijding van de uitbraak in 2021\n")
    assert "## 1 Inleiding" in text and "### 1.1 Aanleiding" in text
    assert "## 2 Bevindingen" in text
    # the table of contents is gone from the text, listed with its lines
    toc = removed(result, "table of contents")
    assert toc.count == 5 and "1.1 Aanleiding" in toc.text
    assert "....." not in text and text.count("1.1 Aanleiding") == 1
    # running header and page numbers, with counts
    assert removed(result, "running header").count == 2
    assert "Eindrapport uitbraak" not in text
    assert removed(result, "page numbers").count == 2
    # Symbol bullets, nested dashes four spaces in, a numbered list
    assert ("- de meldingen kwamen laat binnen;\n- de GGD had te weinig mensen:\n"
            "    - voor het bron- en contactonderzoek;\n    - voor de communicatie;\n"
            "- de samenwerking verliep goed.") in text
    assert "1. Stel een draaiboek op.\n2. Oefen het draaiboek." in text
    # the footnote, matched to its reference
    assert "eerste maanden van de uitbraak.[^1]" in text
    assert "[^1]: Zie het plan van aanpak van maart 2021." in text
    # the ruled table
    assert "| Maand | Meldingen |\n|---|---|\n| maart | 120 |\n| april | 340 |" in text
    html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
    assert "<table>" in html and 'class="footnote"' in html
    assert re.search(r"<ul>\s*<li>de meldingen", html) and "<ol>" in html
    assert re.search(r"<li>de GGD had te weinig mensen:\s*<ul>", html)
    no_code_blocks(text)
    assert lost(result) == 0 and not any("not in the output" in n for n in result.review)


def test_a_redaction_box_becomes_the_sites_redaction_mark(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 72, 100, "Besluit op uw Woo-verzoek", 16, "B")
    put(pdf, 72, 140, "Het verzoek is ingediend door", 10)
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(220, 131, 60, 12, style="F")
    pdf.set_text_color(255, 255, 255)
    put(pdf, 235, 140, "5.1.2e", 8)
    pdf.set_text_color(0, 0, 0)
    put(pdf, 285, 140, "op 3 januari 2024.", 10)
    path = tmp_path / "besluit.pdf"
    pdf.output(str(path))
    result = read(path)
    assert "Het verzoek is ingediend door [5.1.2e] op 3 januari 2024." in result.markdown
    assert lost(result) == 0


def test_a_metadata_title_is_used_only_when_page_one_shows_it(tmp_path: Path):
    pdf = new_pdf(title="Evaluatie van de crisisaanpak")
    pdf.add_page()
    put(pdf, 72, 100, "Evaluatie van de crisisaanpak", 12)
    lines(pdf, 72, 130, ["Een tekst van een paar woorden op de eerste pagina, die lang",
                         "genoeg is om als gewone alinea te gelden voor de lezer."])
    path = tmp_path / "evaluatie.pdf"
    pdf.output(str(path))
    result = read(path)
    assert result.title_hint == "Evaluatie van de crisisaanpak"
    assert result.markdown.count("Evaluatie van de crisisaanpak") == 1


def test_private_use_symbol_bullets_are_list_markers():
    for glyph in ("\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf07a", "•", "–", "o"):
        words = [Word(glyph, 72, 76, 100, 110, 10, "ABCDEE+SymbolMT", 0),
                 Word("tekst", 90, 110, 100, 110, 10, "ABCDEE+Arial", 0)]
        found = marker(Line(words, 0))
        assert found is not None and not found.ordered, glyph
    for label in ("1.", "a)", "1)", "(iv)"):
        words = [Word(label, 72, 80, 100, 110, 10, "Arial", 0),
                 Word("tekst", 90, 110, 100, 110, 10, "Arial", 0)]
        assert marker(Line(words, 0)).ordered, label


def test_an_encrypted_pdf_is_refused_with_what_to_do(tmp_path: Path):
    pdf = new_pdf()
    pdf.set_encryption(owner_password="eigenaar", user_password="geheim")
    pdf.add_page()
    put(pdf, 72, 100, "Vertrouwelijk", 12)
    path = tmp_path / "geheim.pdf"
    pdf.output(str(path))
    with pytest.raises(ImportFailure, match="encrypted.*without a password"):
        read(path)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n", b"dit is geen pdf", b"%PDF-1.7\n1 0 obj\n<<"])
def test_a_broken_pdf_is_refused_without_a_traceback(tmp_path: Path, data: bytes):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(data)
    with pytest.raises(ImportFailure, match="PDF"):
        read(path)


def scan(path: Path, pages: int = 1, text_page: bool = False) -> Path:
    """Pages that hold only an image, as a scanner makes them."""
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("L", (200, 280), 255).save(image)
    pdf = new_pdf()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(str(image), 0, 0, 595, 842)
    if text_page:
        pdf.add_page()
        lines(pdf, 72, 100, ["Deze pagina heeft wel een tekstlaag met gewone woorden die",
                             "iedereen kan lezen, ook zonder herkenning van tekens."])
    pdf.output(str(path))
    return path


def test_a_scan_without_ocr_says_how_to_get_it(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "lessons.importers.ocr", None)  # import fails
    with pytest.raises(ImportFailure, match="no text layer.*tesseract-ocr-nld"):
        read(scan(tmp_path / "scan.pdf"))
    result = read(scan(tmp_path / "deels.pdf", text_page=True))
    assert any(note.startswith("page 1 not imported: no text layer")
               and "tesseract" in note for note in result.review)
    assert "tekstlaag met gewone woorden" in result.markdown


def test_scanned_pages_go_to_ocr_and_are_marked_for_review(tmp_path: Path, monkeypatch):
    asked = []

    def ocr_pages(path: Path, page_numbers: list[int]) -> list[str]:
        asked.append(page_numbers)
        return [f"Herkende tekst van pagina {n + 1}.\n\nTweede alinea." for n in page_numbers]

    fake = types.ModuleType("lessons.importers.ocr")
    fake.ocr_pages = ocr_pages
    fake.OcrUnavailable = type("OcrUnavailable", (Exception,), {})
    monkeypatch.setitem(sys.modules, "lessons.importers.ocr", fake)
    result = read(scan(tmp_path / "scan.pdf", pages=2, text_page=True))
    assert asked == [[0, 1]]  # 0-based, only the pages without a text layer
    assert "Herkende tekst van pagina 2." in result.markdown
    assert "tekstlaag met gewone woorden" in result.markdown
    assert "OCR: pages 1–2 read by OCR" in " ".join(result.review)
    assert lost(result) == 0

    def unavailable(path, page_numbers):
        raise fake.OcrUnavailable("tesseract is not installed")

    fake.ocr_pages = unavailable
    with pytest.raises(ImportFailure, match="tesseract is not installed"):
        read(scan(tmp_path / "alleen-scan.pdf", pages=1))


def test_a_table_with_a_spanning_cell_becomes_an_html_table(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 72, 60, "Deelnemers aan het overleg per organisatie", 14, "B")
    put(pdf, 72, 80, "Het overleg had vijf deelnemers uit twee organisaties.", 10)
    pdf.set_font("Helvetica", "", 10)
    pdf.set_y(100)
    with pdf.table(width=300, align="LEFT") as table:
        for cells in [("Organisatie", "Deelnemers", None), ("GGD", "Jansen", "Pietersen"),
                      ("RIVM", "de Vries", "Bakker"), ("Gemeente", "Smit", "Visser"),
                      ("", "Mulder", "Bos")]:
            row = table.row()
            if cells[0] == "Gemeente":
                row.cell(cells[0], rowspan=2)
            elif cells[0]:
                row.cell(cells[0])
            if cells[2] is None:
                row.cell(cells[1], colspan=2)
            else:
                row.cell(cells[1])
                row.cell(cells[2])
    path = tmp_path / "tabel.pdf"
    pdf.output(str(path))
    result = read(path)
    assert ('<tr>\n<th>Organisatie</th>\n<th colspan="2">Deelnemers</th>\n</tr>'
            in result.markdown)
    assert "<td>RIVM</td>\n<td>de Vries</td>\n<td>Bakker</td>" in result.markdown
    assert '<td rowspan="2">Gemeente</td>' in result.markdown
    html = markdown.markdown(result.markdown, extensions=SITE_EXTENSIONS)
    assert 'colspan="2"' in html and "<pre" not in html
    assert lost(result) == 0


def test_a_pdf_without_any_text_is_refused(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    path = tmp_path / "leeg.pdf"
    pdf.output(str(path))
    with pytest.raises(ImportFailure, match="no text"):
        read(path)


def test_two_columns_are_read_down_one_then_the_other(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 72, 80, "Bevindingen en advies van de werkgroep", 16, "B")
    left = ["De werkgroep sprak met alle", "betrokken partijen over de",
            "aanlevering van de gegevens", "en de kosten die daarbij", "horen voor iedere partij."]
    right = ["Het advies is om de huidige", "werkwijze voorlopig aan te",
             "houden en de overstap goed", "voor te bereiden met de", "partijen die het aangaat."]
    lines(pdf, 72, 120, left, 10, 13)
    lines(pdf, 320, 121.5, right, 10, 13)  # baselines a little off, as in real layouts
    path = tmp_path / "kolommen.pdf"
    pdf.output(str(path))
    text = read(path).markdown
    assert ("De werkgroep sprak met alle betrokken partijen over de aanlevering van de "
            "gegevens en de kosten die daarbij horen voor iedere partij.\n\nHet advies is om "
            "de huidige werkwijze voorlopig aan te houden en de overstap goed voor te "
            "bereiden met de partijen die het aangaat.") in text


def test_furniture_on_pages_read_by_ocr_is_removed_and_listed(tmp_path: Path, monkeypatch):
    def ocr_pages(path: Path, page_numbers: list[int]) -> list[str]:
        return ["\n\n".join(["Ministerie van Volksgezondheid, Welzijn en Sport",
                             f"Besluit over het verzoek, deel {n + 1}.",
                             "De minister heeft het verzoek gelezen en beoordeeld.",
                             "Daarna is het besluit genomen en verstuurd.",
                             f"Pagina {n + 1} van 3"]) for n in page_numbers]

    fake = types.ModuleType("lessons.importers.ocr")
    fake.ocr_pages = ocr_pages
    monkeypatch.setitem(sys.modules, "lessons.importers.ocr", fake)
    result = read(scan(tmp_path / "scan.pdf", pages=3))
    assert "Pagina" not in result.markdown and "Ministerie" not in result.markdown
    assert removed(result, "page numbers").count == 3
    assert removed(result, "running header or footer 'Ministerie van").count == 3
    assert result.markdown.count("De minister heeft het verzoek gelezen") == 3
    assert lost(result) == 0


def test_a_value_wrapped_under_its_label_stays_one_paragraph(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 72, 80, "Besluitenlijst procedurevergadering", 16, "B")
    put(pdf, 72, 120, "Zaak:", 9, "B")
    put(pdf, 150, 120, "Brief regering - staatssecretaris van Financien - 25 oktober", 9)
    put(pdf, 150, 132, "2016 Nota naar aanleiding van het verslag", 9)
    put(pdf, 72, 150, "Besluit:", 9, "B")
    put(pdf, 150, 150, "Betrekken bij de verdere behandeling van het wetsvoorstel.", 9)
    path = tmp_path / "besluitenlijst.pdf"
    pdf.output(str(path))
    text = read(path).markdown
    assert ("Zaak: Brief regering - staatssecretaris van Financien - 25 oktober 2016 Nota naar "
            "aanleiding van het verslag\n\nBesluit: Betrekken bij") in text


def test_rows_of_a_table_without_rules_stay_apart(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 72, 80, "Verslag van het overleg", 16, "B")
    for n, (name, organisation) in enumerate([("Belastingdienst", "Belastingdienst Nederland"),
                                              ("BKWI", "Werk en Inkomen"),
                                              ("Kadaster", "Perceelgegevens"),
                                              ("RWS", "Rijkswaterstaat")]):
        put(pdf, 172, 120 + 13 * n, name, 8)
        put(pdf, 273, 120 + 13 * n, organisation, 8)
    put(pdf, 72, 200, "De voorzitter opent de vergadering en heet iedereen welkom.", 9)
    path = tmp_path / "verslag.pdf"
    pdf.output(str(path))
    text = read(path).markdown
    assert ("Belastingdienst Belastingdienst Nederland\n\nBKWI Werk en Inkomen\n\n"
            "Kadaster Perceelgegevens\n\nRWS Rijkswaterstaat\n\n") in text


def test_a_numbered_item_that_does_not_start_at_one_keeps_its_number(tmp_path: Path):
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 72, 80, "Bevindingen per scherm", 16, "B")
    put(pdf, 72, 110, "1.", 10)
    put(pdf, 90, 110, "Scherm: Wie zijn je huisgenoten?", 10)
    put(pdf, 72, 135, "Het invoerveld heeft geen label.", 10)
    put(pdf, 72, 160, "2.", 10)
    put(pdf, 90, 160, "Scherm: Wie heb je ontmoet?", 10)
    put(pdf, 72, 185, "De velden zijn niet gekoppeld aan de tekst.", 10)
    path = tmp_path / "bevindingen.pdf"
    pdf.output(str(path))
    html = markdown.markdown(read(path).markdown, extensions=SITE_EXTENSIONS)
    # Python-Markdown would number a list that starts at 2 from 1
    assert "<li>2. Scherm: Wie heb je ontmoet?</li>" in html
    assert "<ol>\n<li>Scherm: Wie zijn je huisgenoten?</li>\n</ol>" in html


def test_a_cover_title_keeps_its_subtitle_but_not_its_date_line(tmp_path: Path):
    """A slide deck's cover: the name in big type, what the meeting was in smaller display
    type right below, then the date. Title and subtitle together are the title."""
    pdf = new_pdf()
    pdf.add_page()
    put(pdf, 60, 180, "DiSGeo", 48, "B")
    put(pdf, 60, 250, "Expertgroep informatiemodellering", 22)
    put(pdf, 60, 285, "Bijeenkomst 17 november 2020", 22)
    lines(pdf, 60, 400, ["De expertgroep bespreekt het informatiemodel en de planning voor",
                         "het komende jaar, met de stand van zaken per werkpakket."])
    pdf.add_page()
    put(pdf, 60, 80, "Agenda", 16, "B")
    lines(pdf, 60, 120, ["Opening en mededelingen van de voorzitter van de expertgroep."])
    path = tmp_path / "slides.pdf"
    pdf.output(str(path))
    result = read(path)
    assert result.title_hint == "DiSGeo: Expertgroep informatiemodellering"
    assert "Bijeenkomst 17 november 2020" in result.markdown
    assert lost(result) == 0
