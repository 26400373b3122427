"""Every document and lesson has a PDF that prints what its page shows, readable by
assistive technology (PDF/UA-1) and cached by content.

The PDFs are read as a reader's tools read them: pikepdf (structure, fonts, XMP), pypdf
and pdfplumber (text), and pdfua, the machine-checkable subset of PDF/UA-1 (veraPDF
needs a JVM; pdfua checks 16 of the 106 rules, so the checks below add what matters
most to a screen reader: tags, language, title, headings, embedded fonts)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from logging import INFO
from pathlib import Path

import pdfplumber
import pdfua
import pikepdf
import pypdf
import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, ROOT, build_site, make_docs
from lessons.outputs import pdf as pdf_module

SITE_URL = "https://lessen.example.org/"
PRINT_PROOF = "documenten/printproef-2023/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The project's seed documents and a print proof (tables, lists, images, redaction
    marks, footnotes and text that looks like Typst markup)."""
    tmp = tmp_path_factory.mktemp("pdf")
    docs = make_docs(tmp, ROOT / "content" / "documenten")
    shutil.copytree(FIXTURES / "pdf-corpus" / "documenten", docs / "documenten",
                    dirs_exist_ok=True)
    result = build_site(docs, tmp, strict=True, site_url=SITE_URL)
    assert not result.failed, result.messages
    return result


def _pages(site: Path) -> list[tuple[str, Path]]:
    """(page address, its PDF) of every document and lesson page."""
    out = []
    for folder in ("documenten", "lessen"):
        for index in sorted((site / folder).glob("*/index.html")):
            name = index.parent.name
            out.append((f"{folder}/{name}/", index.parent / f"{name}.pdf"))
    return out


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _struct_kinds(root) -> Counter:
    kinds: Counter = Counter()
    todo = [root]
    while todo:
        node = todo.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/S" in node:
            kinds[str(node.S)] += 1
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            todo.extend(kids)
        elif kids is not None:
            todo.append(kids)
    return kinds


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    fonts = []
    for page in pdf.pages:
        fonts += list(page.obj.get("/Resources", {}).get("/Font", {}).values())
    return fonts


def _embedded(font: pikepdf.Dictionary) -> bool:
    for part in [font, *font.get("/DescendantFonts", [])]:
        descriptor = part.get("/FontDescriptor")
        if descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            return True
    return False


def test_every_document_and_lesson_page_links_its_pdf_with_its_size(built):
    pages = _pages(built.site)
    assert len([p for p in pages if p[0].startswith("documenten/")]) == 5
    assert len([p for p in pages if p[0].startswith("lessen/")]) >= 5
    for url, path in pages:
        assert path.is_file(), f"{url}: no PDF at {path.name}"
        link = built.html(url).css_first(".lessons-download a")
        assert link is not None, f"{url}: no download link"
        assert link.attributes["href"] == path.name
        assert link.text() == "Download als pdf"
        size = pdf_module.Made(path.name, path.stat().st_size).size_label
        shown = built.html(url).css_first(".lessons-download__size").text()
        assert shown == f"(pdf, {size})", url
        assert re.fullmatch(r"\(pdf, \d+ kB\)", shown)


def test_every_pdf_is_a_tagged_dutch_pdf_ua_file_with_embedded_fonts(built):
    for url, path in _pages(built.site):
        with pikepdf.open(path) as pdf:
            root = pdf.Root
            assert "/StructTreeRoot" in root, url
            assert root.MarkInfo.Marked is True, url
            assert str(root.Lang).lower().startswith("nl"), url
            assert root.ViewerPreferences.DisplayDocTitle is True, url
            title = built.html(url).css_first("h1").text().strip()
            meta = pdf.open_metadata()
            assert meta.get("dc:title") == title, url
            assert meta.get("pdfuaid:part") == "1", url
            fonts = _fonts(pdf)
            assert fonts and all(_embedded(f) for f in fonts), url
            kinds = _struct_kinds(root.StructTreeRoot)
            assert kinds["/H1"] == 1, (url, kinds)  # the title, once
            assert kinds["/P"] > 0 and kinds["/L"] > 0, (url, kinds)
        assert len(pypdf.PdfReader(path).pages) >= 1


def test_pdfua_finds_nothing_in_any_pdf(built):
    for url, path in _pages(built.site):
        report = pdfua.validate(str(path))
        assert not report.findings, (url, [f.to_dict() for f in report.findings])
        # The rules that ran: a checker that ran none would find nothing too.
        assert len(report.outcomes) >= 10


def test_first_page_has_the_permanent_address_and_both_citations(built):
    for url, path in _pages(built.site):
        page = built.html(url)
        first = _squeezed(pypdf.PdfReader(path).pages[0].extract_text())
        assert _squeezed(SITE_URL + url) in first, url
        for style in ("vancouver", "apa"):
            shown = page.css_first(f".lessons-cite [class*='{style}']")
            cited = shown.text() if shown is not None else None
            assert cited, f"{url}: no {style} citation on the page"
            assert _squeezed(cited) in first, (url, style, cited)


def test_the_pdf_sets_in_italics_what_the_style_does(built):
    """APA puts a report's title in italics, on the page and in the PDF's citation box."""
    for url, path in _pages(built.site):
        italic = built.html(url).css(".lessons-cite__apa i")
        if not italic:
            continue
        title = _squeezed(italic[0].text())
        with pdfplumber.open(path) as document:
            chars = document.pages[0].chars
        slanted = _squeezed("".join(c["text"] for c in chars if "Italic" in c["fontname"]))
        assert title in slanted, (url, title, slanted[:200])
        return
    raise AssertionError("no page with an italic APA title")


def test_every_page_is_numbered(built):
    for url, path in _pages(built.site):
        reader = pypdf.PdfReader(path)
        total = len(reader.pages)
        for number, page in enumerate(reader.pages, 1):
            assert f"Pagina {number} van {total}" in page.extract_text(), (url, number)


def _body_blocks(page: LexborHTMLParser) -> tuple[list[str], list[str]]:
    """(texts of the body's paragraphs, list items and headings; words of its tables)."""
    body = page.css_first(".lessons-body")
    for furniture in body.css(".headerlink, .footnote-backref"):
        furniture.decompose()
    blocks, table_words = [], []
    for cell in body.css("td, th"):
        table_words += _words(cell.text())
    for node in body.css("p, li, h2, h3, h4, h5, h6, dt, dd, blockquote"):
        if node.css_first("p, li, ul, ol, table") is not None:
            continue  # the inner blocks are compared one by one
        if any(parent.tag in ("td", "th") for parent in _parents(node)):
            continue
        text = node.text()
        if text.strip():
            blocks.append(text)
    return blocks, table_words


def _parents(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def test_no_sentence_of_the_page_is_missing_from_the_pdf(built):
    """Every paragraph, list item and heading of the page's body is in the PDF as it
    stands (whitespace aside: lines break elsewhere), every word of its tables, and
    every lesson."""
    for url, path in _pages(built.site):
        if not url.startswith("documenten/"):
            continue
        page = built.html(url)
        with pdfplumber.open(path) as document:
            # Without the running footer, which interrupts a paragraph across pages.
            text = "".join(p.crop((0, 0, p.width, p.height - 60)).extract_text() or ""
                           for p in document.pages)
        squeezed = _squeezed(text)
        blocks, table_words = _body_blocks(page)
        assert blocks, url
        missing = [b for b in blocks if _squeezed(b) not in squeezed]
        assert not missing, (url, missing[:3])
        assert not Counter(table_words) - Counter(_words(text)), url
        for statement in page.css(".lessons-statement"):
            assert _squeezed(statement.text()) in squeezed, url


def test_the_print_shows_redaction_marks_and_typst_like_text_as_text(built):
    text = _squeezed("".join(p.extract_text() for p in pypdf.PdfReader(
        built.site / PRINT_PROOF / "printproef-2023.pdf").pages))
    for shown in ("[5.1.2e]", "[10.2e]", '#panic("nee")', "$x$", "<label>", "@verwijzing",
                  "Printproef:tabellen,#lijstenen[haken]", "]haken[",
                  "coördinatie", "reüniën", "Devoetnootzelf"):
        assert _squeezed(shown) in text, shown


def test_images_carry_their_alternative_text_or_are_artifacts(built):
    path = built.site / PRINT_PROOF / "printproef-2023.pdf"
    with pikepdf.open(path) as pdf:
        figures = []
        todo = [pdf.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(str(node.get("/Alt", "")))
                kids = node.get("/K")
                todo += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        images = sum(len(page.get_images()) for page in pdf.pages)
    # Two images are printed; the one with alternative text is the one figure.
    assert images == 2
    assert figures == ["Schema van de samenwerking tussen de partners"]


def test_document_metadata_names_the_issuer_authors_and_date_as_precise_as_known(built):
    path = built.site / PRINT_PROOF / "printproef-2023.pdf"
    first = pypdf.PdfReader(path).pages[0].extract_text()
    assert "Uitgegeven door: ZonMw" in first
    assert "Datum: mei 2023" in first
    assert "Auteurs: J. de Vries, Anna van den Berg" in first
    with pikepdf.open(path) as pdf:
        assert pdf.open_metadata().get("dc:creator") == ["J. de Vries", "Anna van den Berg"]


def test_a_second_build_makes_only_the_changed_documents_pdf(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "pdf-corpus")
    shutil.copytree(FIXTURES / "corpus" / "documenten", docs / "documenten",
                    dirs_exist_ok=True)
    cache = str(tmp_path / "cache")
    first = build_site(docs, tmp_path / "one", cache_dir=cache, level=INFO)
    made = next(m for m in first.messages if " PDFs: " in m)
    total = int(made.split()[1])
    assert made.endswith(f"{total} PDFs: {total} made, 0 from the cache")
    source = docs / "documenten" / "a.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Alpha tekst met", "Herziene alpha tekst met"), encoding="utf-8")
    second = build_site(docs, tmp_path / "two", cache_dir=cache, level=INFO)
    again = next(m for m in second.messages if " PDFs: " in m)
    assert again.endswith(f"{total} PDFs: 1 made, {total - 1} from the cache")
    changed = second.site / "documenten" / "alpha-verslag" / "alpha-verslag.pdf"
    assert "Herziene alpha tekst met" in pypdf.PdfReader(changed).pages[0].extract_text()
    # The same content gives the same bytes: a PDF from the cache is the one made.
    for path in (second.site / "documenten").glob("*/*.pdf"):
        if path != changed:
            old = first.site / path.relative_to(second.site)
            assert old.read_bytes() == path.read_bytes(), path


def test_text_originals_are_served_as_utf8_by_any_host(built):
    """No host configuration tells a browser the charset of origineel.txt; the byte
    order mark does (a browser lets it win over whatever the server says)."""
    originals = sorted(built.site.glob("documenten/*/origineel.txt"))
    assert originals
    for path in originals:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), path
        assert not data[3:].startswith(b"\xef\xbb\xbf")  # once
        text = data.decode("utf-8-sig")
        # The text after the mark is the imported file, byte for byte.
        doc_id = path.parent.name
        source = next((ROOT / "sources" / doc_id).glob("*.txt"))
        assert data[3:] == source.read_bytes()
        assert text == source.read_text(encoding="utf-8")
    # A browser's decoding: with the mark, windows-1252 is never guessed.
    accented = [p for p in originals if re.search(r"[^\x00-\x7f]", p.read_text("utf-8-sig"))]
    assert accented, "the seed originals have accents"
    sample = accented[0].read_bytes()
    assert "Ã" not in _browser_decode(sample)


def _browser_decode(data: bytes, http_charset: str = "windows-1252") -> str:
    """WHATWG 'decode': a byte order mark decides the encoding, else the HTTP charset
    (a server without a charset leaves the browser to guess windows-1252 for Dutch)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    return data.decode(http_charset, errors="replace")


def test_pdfs_are_published_addresses(built):
    listed = (ROOT / "published-urls.txt").read_text(encoding="utf-8").split()
    for url, path in _pages(built.site):
        if PRINT_PROOF in url or "printproef" in url:
            continue
        assert "/" + path.relative_to(built.site).as_posix() in listed, path



def test_the_preview_prints_the_published_addresses_and_a_save_makes_its_pdf(tmp_path):
    """`lessons serve` serves on 127.0.0.1, but its PDFs are those `mkdocs build` makes
    (the permanent address of the published site), from the same cache; a saved document
    gets its new PDF at once."""
    from lessons.preview_build import PreviewBuild

    make_docs(tmp_path, FIXTURES / "corpus" / "documenten")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                                         .replace("docs_dir: content", "docs_dir: docs"),
                                         encoding="utf-8")
    built = build_site(tmp_path / "docs", tmp_path / "build", site_url=SITE_URL,
                       config_file=tmp_path / "mkdocs.yml",
                       cache_dir=str(tmp_path / ".cache" / "lessons"), level=INFO)
    assert not built.failed, built.messages
    preview = PreviewBuild(tmp_path / "mkdocs.yml", 8997, drafts=False)
    try:
        served = tmp_path / "served"
        assert preview(served).error is None
        name = "documenten/alpha-verslag/alpha-verslag.pdf"
        assert (served / name).read_bytes() == (built.site / name).read_bytes()
        assert preview.plugins["lessons"].core.pdf_misses == 0
        source = tmp_path / "docs" / "documenten" / "a.md"
        source.write_text(source.read_text(encoding="utf-8").replace(
            "Alpha tekst met", "Bewaarde alpha tekst met"), encoding="utf-8")
        result = preview.update({source}, served)
        assert result is not None and result.error is None
        text = pypdf.PdfReader(served / name).pages[0].extract_text()
        assert "Bewaarde alpha tekst met" in text
        assert SITE_URL + "documenten/alpha-verslag/" in text.replace("\n", "")
        assert "127.0.0.1" not in text
    finally:
        preview.close()


def test_the_structure_of_the_page_is_the_structure_of_the_pdf(built):
    """Headings by level, lists, a table with header cells, links and the quotation are
    tagged as such: what a screen reader navigates by."""
    with pikepdf.open(built.site / PRINT_PROOF / "printproef-2023.pdf") as pdf:
        kinds = _struct_kinds(pdf.Root.StructTreeRoot)
    for kind in ("/H1", "/H2", "/H3", "/L", "/LI", "/Lbl", "/LBody", "/Table", "/TH", "/TD",
                 "/Link", "/BlockQuote", "/Figure"):
        assert kinds[kind] > 0, (kind, kinds)
    assert kinds["/TH"] == 3  # the header row, not the body cells
