"""OCR of scanned PDF pages: a letter drawn with Pillow at 300 dpi and saved as a PDF with
no text layer, read back by Debian's tesseract (installed by `make test`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from lessons.importers import ocr
from lessons.importers.ocr_boxes import Box
from lessons.importers.ocr_layout import Word, page_markdown

# fonts-dejavu-core, installed by `make test` with tesseract
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 300
LEFT, WIDTH = 250, 1980  # margin and text width in pixels (A4 is 2480 wide at 300 dpi)

# A paragraph set justified as letters are, broken with a hyphen inside 'regelgeving'
# and after a suspended hyphen ('wet- en regelgeving').
PARAGRAPH = [
    "Op 3 maart 2023 ontvingen wij uw verzoek op grond van de Wet",
    "open overheid over de inzet van digitale middelen bij de regel-",
    "geving rond het coronatoegangsbewijs. Voor de toepasselijke wet-",
    "en regelgeving verwijzen wij naar bijlage A van dit besluit.",
]
BULLETS = [
    "de nota aan de minister van 12 april 2023;",
    "het verslag van het overleg met de GGD;",
    "de e-mail van de afdeling communicatie.",
]


def _font(size: int = 44) -> ImageFont.FreeTypeFont:
    assert FONT.exists(), f"{FONT} missing: `make test` installs fonts-dejavu-core"
    return ImageFont.truetype(str(FONT), size)


def _justified(draw: ImageDraw.ImageDraw, y: int, line: str, font) -> None:
    words = line.split()
    widths = [draw.textlength(w, font=font) for w in words]
    space = (WIDTH - sum(widths)) / (len(words) - 1)
    x = float(LEFT)
    for word, width in zip(words, widths, strict=True):
        draw.text((x, y), word, font=font, fill=0)
        x += width + space


def _letter() -> Image.Image:
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font, step = _font(), 62
    y = 300
    draw.text((LEFT, y), "Geachte mevrouw Jansen,", font=font, fill=0)
    y += 2 * step
    for line in PARAGRAPH[:-1]:
        _justified(draw, y, line, font)
        y += step
    draw.text((LEFT, y), PARAGRAPH[-1], font=font, fill=0)
    y += 2 * step
    draw.text((LEFT, y), "Wij hebben de volgende documenten gevonden:", font=font, fill=0)
    y += step
    for item in BULLETS:
        draw.text((LEFT + 40, y), "•", font=font, fill=0)
        draw.text((LEFT + 110, y), item, font=font, fill=0)
        y += step
    y += step
    # a labelled box and one without a label, as Woo releases black out names
    text = "Contactpersoon: 5.1.2e "
    draw.text((LEFT, y), text, font=font, fill=0)
    x = LEFT + draw.textlength(text, font=font)
    draw.rectangle((x, y - 4, x + 420, y + 52), fill=0)
    y += 2 * step
    text = "Behandeld door "
    draw.text((LEFT, y), text, font=font, fill=0)
    x = LEFT + draw.textlength(text, font=font)
    draw.rectangle((x, y - 4, x + 380, y + 52), fill=0)
    draw.text((x + 400, y), "van de afdeling Openbaarheid.", font=font, fill=0)
    y += 2 * step
    draw.text((LEFT, y), "Met vriendelijke groet,", font=font, fill=0)
    return page


def _second_page() -> Image.Image:
    page = Image.new("L", (2480, 3508), 255)
    ImageDraw.Draw(page).text((LEFT, 300), "Bijlage A: overzicht van de wetsartikelen",
                              font=_font(), fill=0)
    return page


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    """Two pages of images only: Pillow writes no text layer."""
    path = tmp_path_factory.mktemp("ocr") / "brief-scan.pdf"
    _letter().save(path, save_all=True, append_images=[_second_page()], resolution=DPI)
    return path


@pytest.fixture(scope="module")
def report(scan) -> ocr.OcrReport:
    return ocr.ocr_report(scan, [0])


def _paragraphs(markdown: str) -> list[str]:
    return [p for p in markdown.split("\n\n") if p.strip()]


def test_the_dutch_words_come_back(report):
    text = report.pages[0].markdown
    for word in ("Geachte", "Jansen", "ontvingen", "verzoek", "coronatoegangsbewijs",
                 "bijlage", "vriendelijke", "groet"):
        assert word in text


def test_a_paragraph_is_one_line_and_its_broken_words_are_joined(report):
    paragraphs = _paragraphs(report.pages[0].markdown)
    joined = [p for p in paragraphs if "ontvingen" in p]
    assert len(joined) == 1, paragraphs
    paragraph = joined[0]
    assert "\n" not in paragraph
    assert "bijlage A van dit besluit" in paragraph  # the last line is in it
    assert "regelgeving rond" in paragraph  # regel- + geving: one word
    assert "wet- en regelgeving" in paragraph  # the suspended hyphen is kept
    assert "Geachte" not in paragraph  # the salutation is a paragraph of its own


def test_bullets_are_list_items_and_nothing_is_indented(report):
    lines = report.pages[0].markdown.splitlines()
    items = [line for line in lines if line.startswith("- ")]
    assert len(items) == 3, lines
    assert "nota aan de minister" in items[0] and "e-mail" in items[2]
    assert all(not line[:1].isspace() for line in lines)  # never a code block
    assert "```" not in report.pages[0].markdown


def test_redaction_labels_are_canonical_and_unlabelled_boxes_marked(report):
    text = report.pages[0].markdown
    contact = next(line for line in text.splitlines() if "Contactpersoon" in line)
    assert contact == "Contactpersoon: [5.1.2e]"  # the label says it; no second mark
    handled = next(line for line in text.splitlines() if "Behandeld" in line)
    assert handled == "Behandeld door [redacted] van de afdeling Openbaarheid."
    assert report.pages[0].redactions == 1


def test_the_report_gives_confidence_speed_and_a_review_note(report):
    page = report.pages[0]
    assert page.words > 50 and page.confidence is not None and page.confidence > 80
    assert report.pages_per_second > 0
    note = report.review_note()
    assert re.fullmatch(r"OCR: page 1 read by OCR \(mean confidence \d+%\), check the text; "
                        r"1 black box marked \[redacted\] by OCR; .*", note), note


def test_only_the_pages_asked_for_are_read(scan):
    pages = ocr.ocr_pages(scan, [1])
    assert len(pages) == 1
    assert "wetsartikelen" in pages[0] and "Geachte" not in pages[0]
    with pytest.raises(ValueError, match="page 3 does not exist; the PDF has 2 pages"):
        ocr.ocr_pages(scan, [2])


def test_a_page_lying_on_its_side_is_read_upright(tmp_path):
    path = tmp_path / "gedraaid.pdf"
    _letter().rotate(90, expand=True).save(path, resolution=DPI)
    report = ocr.ocr_report(path, [0])
    assert report.pages[0].rotated == 90
    assert "coronatoegangsbewijs" in report.pages[0].markdown
    assert "page 1 turned upright" in report.review_note()


def test_a_page_that_takes_too_long_is_reported_not_read(scan):
    report = ocr.ocr_report(scan, [1], timeout=0.01)
    assert report.pages[0].timed_out and report.pages[0].markdown == ""
    assert report.review_note() == "page 2 not read: OCR took longer than 0.01 s per page"


def test_a_blank_page_and_a_failing_tesseract_are_reported(tmp_path, monkeypatch):
    path = tmp_path / "leeg.pdf"
    Image.new("L", (2480, 3508), 255).save(path, resolution=DPI)
    report = ocr.ocr_report(path, [0])
    assert report.pages[0].markdown == "" and report.pages[0].confidence is None
    assert report.review_note() == ("OCR: page 1 read by OCR, check the text; "
                                    "no text found by OCR on page 1")
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\nif [ "$1" = --list-langs ]; then printf "List:\\neng\\nnld\\n"; '
                    'exit 0; fi\necho "Error in pixReadMem: unknown format" >&2\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setattr(ocr, "TESSERACT", str(fake))
    report = ocr.ocr_report(path, [0])
    assert report.review_note() == "page 1 not read: tesseract: Error in pixReadMem: unknown format"


def test_missing_tesseract_says_how_to_install_it(scan, monkeypatch, tmp_path):
    monkeypatch.setattr(ocr, "TESSERACT", str(tmp_path / "no-tesseract"))
    with pytest.raises(ocr.OcrUnavailable,
                       match=r"apt-get install tesseract-ocr tesseract-ocr-nld"):
        ocr.ocr_pages(scan, [0])


def test_missing_dutch_model_is_named(scan, monkeypatch, tmp_path):
    fake = tmp_path / "tesseract"
    fake.write_text('#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n')
    fake.chmod(0o755)
    monkeypatch.setattr(ocr, "TESSERACT", str(fake))
    with pytest.raises(ocr.OcrUnavailable, match=r"no model for nld \(has: eng, osd\): "
                       r"install them with `apt-get install tesseract-ocr tesseract-ocr-nld`"):
        ocr.ocr_pages(scan, [0])


def _word(text: str, left: int, top: int, block: int = 1, line: int = 1) -> Word:
    return Word(text, 95.0, left, top, 30 * len(text), 40, block, 1, line)


def test_text_markdown_would_read_as_syntax_is_escaped():
    words = [_word("#", 100, 100), _word("Retouradres", 160, 100),
             _word(">", 100, 200, line=2), _word("Postbus", 160, 200, line=2),
             _word("3.", 100, 300, line=3), _word("(...)", 160, 300, line=3),
             _word("zie", 100, 400, line=4), _word("<Ctrl", 220, 400, line=4),
             _word("F>", 400, 400, line=4), _word("_dienstpostbus", 500, 400, line=4)]
    assert page_markdown(words).markdown.splitlines()[::2] == [
        r"\# Retouradres", r"\> Postbus", r"3\. (...)",
        r"zie &lt;Ctrl F> \_dienstpostbus"]


def test_a_box_beside_a_label_gets_no_second_mark():
    words = [_word("Naam:", 100, 100), _word("5.1.2e", 300, 100)]
    text = page_markdown(words, [Box(500, 95, 900, 145)]).text
    assert text == "Naam: [5.1.2e]"
    text = page_markdown(words[:1], [Box(280, 95, 680, 145)]).text
    assert text == "Naam: [redacted]"


def _line(texts: str, left: int, top: int, block: int, line: int = 1,
          height: int = 40) -> list[Word]:
    """Words of one line set 20 px apart, 25 px per character."""
    words, x = [], left
    for text in texts.split():
        words.append(Word(text, 95.0, x, top, 25 * len(text), height, block, 1, line))
        x += 25 * len(text) + 20
    return words


def test_short_lines_end_paragraphs_and_full_lines_run_on():
    # an address block of its own, then a letter paragraph with wide line spacing
    # (a web page printed to PDF); tesseract splits the paragraph into two blocks
    words = [*_line("Ministerie van Zaken", 100, 100, 1),
             *_line("Postbus 20350", 100, 150, 1, 2),
             *_line("Met de afspraken kiest Nederland voor een rol als", 100, 300, 2),
             *_line("aanjager van de benodigde systeemtransities voor", 100, 380, 2, 2),
             *_line("bedrijven in ons land.", 100, 460, 3),
             *_line("Hoogachtend,", 100, 620, 4)]
    assert page_markdown(words).text.split("\n\n") == [
        "Ministerie van Zaken", "Postbus 20350",
        "Met de afspraken kiest Nederland voor een rol als aanjager van de benodigde "
        "systeemtransities voor bedrijven in ons land.", "Hoogachtend,"]


def test_bullets_read_as_other_glyphs_are_list_items():
    words = [*_line("Andere effecten:", 100, 100, 1),
             Word('="', 80.0, 120, 165, 20, 15, 2, 1, 1), *_line("minder stikstof;", 160, 150, 2),
             *_line('"Het aardgasverbruik daalt;', 120, 200, 3),
             Word("e", 85.0, 120, 265, 13, 13, 4, 1, 1), *_line("minder water.", 160, 250, 4)]
    assert page_markdown(words).markdown == (
        "Andere effecten:\n\n- minder stikstof;\n- Het aardgasverbruik daalt;\n"
        "- minder water.\n")


def _full_line(text: str, top: int, line: int) -> list[Word]:
    """A justified line from x=100 to x=1600, as in a letter."""
    words = text.split()
    space = (1500 - 25 * len(text.replace(" ", ""))) / (len(words) - 1)
    out, x = [], 100.0
    for word in words:
        out.append(Word(word, 95.0, round(x), top, 25 * len(word), 40, 1, 1, line))
        x += 25 * len(word) + space
    return out


def test_a_letterhead_column_run_into_the_text_is_set_apart():
    body = ["Overheidsinformatie is openbaar, tenzij een grond zich",
            "tegen de openbaarmaking verzet. De gronden staan in",
            "artikel 5.1 en 5.2 van de Woo; wie om informatie vraagt,",
            "hoeft geen belang te stellen. Het bestuursorgaan kan",
            "besluiten een verzoek niet te behandelen, indien de"]
    words = []
    for n, text in enumerate(body):
        words += _full_line(text, 100 + 50 * n, n + 1)
        if n == 1:
            words += _line("Pagina 2 van 10", 1700, 150, 1, 2)
    words += _line("verzoeker niet meewerkt.", 100, 350, 1, 6)
    assert page_markdown(words).text.split("\n\n") == [
        " ".join(body) + " verzoeker niet meewerkt.", "Pagina 2 van 10"]
