"""The PDF reader: every step in order, the removed text listed (the writer checks the
nothing-lost invariant on it, as for every reader)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from ... import __version__
from ...normalize.dates import find_partial_date
from ..registry import Converted, ImportFailure, Removed
from . import (
    blocks,
    columns,
    footnotes,
    furniture,
    metadata,
    redaction,
    scanned,
    source,
    tables,
    toc,
)
from .lines import page_lines, rejoin
from .lists import marker
from .markdown import render
from .model import Line, Word
from .textlayer import needs_ocr

OCR_SETUP = ("OCR needs tesseract: run `make test` setup or "
             "apt-get install tesseract-ocr tesseract-ocr-nld")
SIDE_COLUMN = "letterhead side column (sender, contact, date, reference)"


def _body_size(words: list[Word]) -> float:
    weights: Counter[float] = Counter()
    for w in words:
        weights[round(w.size, 1)] += len(w.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _table_line(table: source.Table, rows: list[list[str | None]], raw: str) -> Line:
    x0, top, x1, bottom = table.bbox
    anchor = Word("", x0, x1, top, top + 1, 0.0, "", table.page)
    return Line([anchor], table.page, "table", {"markdown": tables.to_markdown(rows), "raw": raw})


def _raw_line(markdown: str, raw: str, page: int) -> Line:
    return Line([Word("", 0, 0, 0, 1, 0.0, "", page)], page, "raw",
                {"markdown": markdown, "raw": raw})


def _pages(pdf) -> tuple[list[source.PageContent | None], dict[int, str]]:
    contents: list[source.PageContent | None] = []
    ocr: dict[int, str] = {}
    try:
        for n, page in enumerate(pdf.pages):
            reason = needs_ocr(page)
            if reason:
                ocr[n] = reason
                contents.append(None)
            else:
                contents.append(source.read_page(page, n))
            page.close()  # pdfplumber caches each page's objects; a long PDF needs the memory
    except ImportFailure:
        raise
    except Exception as err:  # a damaged content stream on some page
        raise ImportFailure(f"page {len(contents) + 1} of the PDF cannot be read "
                            f"({type(err).__name__}); print it to a new PDF and import "
                            f"that") from None
    return contents, ocr


def _ocr(path: Path, numbers: list[int]) -> tuple[dict[int, str], str | None]:
    """OCR'd Markdown per page (0-based), or an explanation why there is none."""
    import importlib

    try:  # through sys.modules, so a test can take the OCR module away
        ocr = importlib.import_module("lessons.importers.ocr")
    except ImportError:
        return {}, OCR_SETUP
    unavailable = getattr(ocr, "OcrUnavailable", RuntimeError)
    try:
        texts = ocr.ocr_pages(path, numbers)  # 0-based page numbers, as ocr.py takes them
    except unavailable as err:
        return {}, f"{err}; {OCR_SETUP}" if str(err) else OCR_SETUP
    return dict(zip(numbers, texts, strict=False)), None


def _spans(numbers: list[int]) -> str:
    """[0, 1, 2, 5] -> 'pages 1–3, 6'."""
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(f"{start + 1}–{n + 1}" if n > start else f"{n + 1}")
            start = None
    return ("pages " if len(numbers) > 1 else "page ") + ", ".join(out)


def read_pdf(path: Path) -> Converted:
    pdf = source.open_pdf(path)
    try:
        contents, ocr_reasons = _pages(pdf)
        meta = metadata.read(pdf)
        embedded = source.attachments(pdf)
    finally:
        pdf.close()
    review: list[str] = [f"attachment '{name[:80]}' embedded in the PDF not imported: save "
                         f"it from a PDF reader and import it separately if it belongs to "
                         f"the document" for name in embedded]
    ocr_text: dict[int, str] = {}
    if ocr_reasons:
        numbers = sorted(ocr_reasons)
        ocr_text, problem = _ocr(path, numbers)
        if problem:
            if len(numbers) == len(contents):
                raise ImportFailure(f"{_spans(numbers)}: {ocr_reasons[numbers[0]]}; "
                                    f"{problem}")
            review.append(f"{_spans(numbers)} not imported: "
                          f"{ocr_reasons[numbers[0]]}; {problem}")
        else:
            review.append(f"OCR: {_spans(numbers)} read by OCR "
                          f"({ocr_reasons[numbers[0]]}), check the text")

    removed: defaultdict[str, list[str]] = defaultdict(list)
    ocr_raw = dict(ocr_text)  # as read, for raw_text: the removed furniture is counted
    ocr_text, ocr_removed = scanned.clean(ocr_text)
    for what, texts in ocr_removed.items():
        removed[what] += texts
    pages: list[list[Line]] = []
    widths, heights = [], []
    all_words: list[Word] = []
    for n, content in enumerate(contents):
        if content is None:
            pages.append([_raw_line(ocr_text[n], ocr_raw[n], n)] if n in ocr_text else [])
            widths.append(1.0)
            heights.append(1.0)
            continue
        hidden = redaction.apply(content.words, content.dark_boxes)
        if hidden:
            removed["text under black redaction boxes (not published)"].append(
                " ".join(w.text for w in hidden))
        words = [w for w in content.words if w not in hidden]
        flow, table_lines = list(words), []
        for table in content.tables:
            filled = tables.fill(table, flow)
            if filled is None:
                continue
            mine = tables.in_area(table, flow)
            flow = [w for w in flow if w not in mine]
            table_lines.append(_table_line(table, *filled))
        lines = page_lines(flow, n) + table_lines
        lines.sort(key=lambda x: (x.extra.get("y", x.top), x.x0))
        pages.append(lines)
        widths.append(content.width)
        heights.append(content.height)
        all_words += words

    if not all_words and not ocr_text:
        raise ImportFailure("the PDF holds no text (empty pages); check that this is the "
                            "right file")
    body_size = _body_size(all_words)
    furniture.mark_page_numbers(pages, heights)
    furniture.mark_running(pages, heights)
    furniture.mark_side_column(pages, widths, body_size)
    pages = [rejoin(columns.order(lines, width)) for lines, width in zip(pages, widths,
                                                                          strict=True)]
    raw_text = _raw_text(pages)
    notes = footnotes.extract(pages, body_size)

    title, title_lines = _title(meta, pages, body_size, ocr_text.get(0, ""))
    for line in title_lines:
        line.kind = "title"
    if not title:
        review.append("title: no title found in the metadata or on page 1")
    elif meta.titles and title not in meta.titles:
        review.append(f"title: the PDF's Title metadata ('{meta.titles[0][:60]}') is not on "
                      f"page 1; the title is taken from page 1")
    flat = [line for lines in pages for line in lines]
    toc.mark_toc(flat)
    flow = [line for line in flat if line.kind in ("text", "table", "raw")]
    style = blocks.measure(flow, body_size)
    style.heading_keys = blocks.heading_keys(flow, style)
    # The title is the first heading only when it was taken out of the text; otherwise
    # (a title found in an OCR'd page or behind a label) the text keeps it in place.
    markdown = render(title if title_lines else "", blocks.build(flow, style), notes)

    for line in flat:
        if line.kind not in ("text", "table", "raw", "title", "footnote"):
            removed[line.extra.get("label", line.kind)].append(line.text)
    removed_list = [Removed(SIDE_COLUMN if what == "letterhead side column" else what,
                            len(texts), "\n".join(texts)) for what, texts in removed.items()]
    text_of = "\n".join(line.text for line in flat)
    return Converted(
        raw_text, markdown, title_hint=title, title_from="page 1 of the PDF",
        date_hint=_date(meta, pages), created=meta.created.iso() if meta.created else None,
        converter=f"lessons {__version__} pdf (pdfplumber)", structured=True,
        authors=metadata.trusted_authors(meta, text_of), removed=removed_list,
        review=review)


def _raw_text(pages: list[list[Line]]) -> str:
    """Every word in reading order: each page's running header and letterhead side column
    (where a reader finds the sender, 'Datum' and 'Kenmerk', and inference looks), then its
    running text with tables in place, then its footer and page number. The side column
    is kept in one piece, so a word broken over two lines of the text stays together."""
    out = []
    for lines in pages:
        later = []
        out += [x.text for x in lines
                if x.kind.startswith("running header") or x.kind == "letterhead side column"]
        for line in lines:
            if line.kind.startswith("running header") or line.kind == "letterhead side column":
                continue
            if line.kind == "table":
                out.append(line.extra["raw"])
            elif line.kind == "raw":
                out.append(line.extra["raw"])
            elif line.kind == "text":
                # A bullet drawn as the letter 'o' (Courier New) is a glyph, not a word.
                found = marker(line)
                bullet = found is not None and not found.ordered and line.words[0].text == "o"
                out.append(line.text[1:] if bullet else line.text)
            else:
                later.append(line.text)
        out += later
    return "\n".join(out) + "\n"


def _title(meta: metadata.Metadata, pages: list[list[Line]], body_size: float,
           ocr_first: str) -> tuple[str, list[Line]]:
    if ocr_first:  # page 1 was read by OCR: only a metadata title that it shows
        folded = f" {metadata.fold(ocr_first)} "
        return next((t for t in meta.titles if len(metadata.fold(t)) >= 4
                     and f" {metadata.fold(t)} " in folded), ""), []
    first = pages[0] if pages else []
    first_text = [x for x in first if x.kind == "text"]
    title, lines = metadata.trusted_title(meta, first_text)
    if title:
        return title, lines
    later = [x.size for p in pages if p is not first for x in p if x.kind == "text"]
    title, lines = metadata.title_from_type(first_text, max(later, default=0.0), body_size)
    if not title:
        title, lines = metadata.title_from_lead(first_text, body_size)
    return re.sub(r"\s+", " ", title).strip(), lines


def _date(meta: metadata.Metadata, pages: list[list[Line]]) -> str | None:
    """A 'Datum' property or the creation date, when page 1 states that same day: a
    template's 'Datum' or a PDF made later says nothing about the text. The side
    column's 'Datum' is left to inference, which reads it from the removed text: for
    minutes it is when they were written up, and the meeting's own date comes first."""
    first = next((p for p in pages if p), [])
    stated = find_partial_date("\n".join(x.text for x in first))
    if stated is None or stated.precision != "day":
        return None
    for value in (meta.fields.get("Datum"), meta.fields.get("Date")):
        if find_partial_date(value or "") == stated:
            return stated.iso()
    return stated.iso() if meta.created == stated else None
