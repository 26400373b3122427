"""OCR of PDF pages without a usable text layer: scans, printed-to-outline pages and
garbled Type 3 fonts.

Each page asked for is rendered with pypdfium2 at 300 dpi: tesseract's own advice for
small print such as footnotes. On the corpus scan (150 ppi images) and the garbled
letter, 150, 200 and 300 dpi gave the same mean confidence (95%) and share of words in
the Dutch word list (0.98, 0.96); 300 dpi costs 1.9 s of CPU a page against 1.3 s at
150 (2.5 s against 1.8 s on the letter). Black boxes are found and whitened
(ocr_boxes.py), and Debian's tesseract reads the page with its Dutch and English
models; ocr_layout.py turns its words into Markdown. tesseract is called as a program
rather than through pytesseract: each call gets OMP_THREAD_LIMIT=1 (tesseract's own
threads made a page take 11 s instead of 2.3 s on two cores), pages run side by side
instead, the image goes through stdin, and a page that takes too long is killed.
Pages whose text looks wrong (low confidence, few words) are checked for rotation with
tesseract's orientation detection and read again turned upright.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from .ocr_boxes import find_boxes, whiten
from .ocr_layout import page_markdown, parse_tsv

TESSERACT = "tesseract"  # looked up on PATH when OCR starts
DPI = 300
PAGE_TIMEOUT = 90.0  # seconds; a dense page takes 2-4 s on one core
LOW_CONFIDENCE = 60  # a word below this is likely misread (kept all the same)
POOR_PAGE = 70  # below this mean, or with few words, the page may be turned
INSTALL = ("install them with `apt-get install tesseract-ocr tesseract-ocr-nld` "
           "(Debian/Ubuntu; `make ocr` does it, and `make test` too)")


class OcrUnavailable(Exception):
    """tesseract or one of its language models is missing; the message says how to
    install it."""


@dataclass(frozen=True)
class OcrPage:
    number: int  # 0-based, as asked
    markdown: str
    text: str  # the same text without Markdown escapes, paragraphs apart by blank lines
    confidence: float | None  # mean of the words' confidence (0-100); None: no words
    words: int
    low_confidence: int  # words below LOW_CONFIDENCE
    redactions: int  # black boxes marked [redacted]
    rotated: int  # degrees the page was turned before reading (0, 90, 180, 270)
    seconds: float
    timed_out: bool = False
    error: str = ""  # tesseract's message when it could not read the page


@dataclass(frozen=True)
class OcrReport:
    pages: list[OcrPage]
    seconds: float  # wall-clock time for all pages
    timeout: float = PAGE_TIMEOUT  # per page

    @property
    def pages_per_second(self) -> float:
        return len(self.pages) / self.seconds if self.seconds else 0.0

    @property
    def confidence(self) -> float | None:
        """Mean confidence over all words read, whatever page they are on."""
        total = sum(p.words for p in self.pages)
        if not total:
            return None
        return sum((p.confidence or 0) * p.words for p in self.pages) / total

    def review_note(self) -> str:
        """'OCR: pages 1–10 read by OCR (mean confidence 87%), check the text; ...'"""
        read = [p for p in self.pages if not p.timed_out and not p.error]
        parts = []
        if read:
            mean = self.confidence
            parts.append(f"OCR: {_pages(read)} read by OCR"
                         + (f" (mean confidence {mean:.0f}%)" if mean is not None else "")
                         + ", check the text")
        poor = [p for p in read if p.confidence is not None and p.confidence < POOR_PAGE]
        if poor:
            parts.append(f"low OCR confidence on {_pages(poor)}")
        empty = [p for p in read if not p.words]
        if empty:
            parts.append(f"no text found by OCR on {_pages(empty)}")
        turned = [p for p in read if p.rotated]
        if turned:
            parts.append(f"{_pages(turned)} turned upright before OCR")
        boxes = sum(p.redactions for p in read)
        if boxes:
            parts.append(f"{boxes} black box{'es' if boxes > 1 else ''} marked [redacted]"
                         " by OCR; check that none hides a label")
        late = [p for p in self.pages if p.timed_out]
        if late:
            parts.append(f"{_pages(late)} not read: OCR took longer than "
                         f"{self.timeout:g} s per page")
        for page in self.pages:
            if page.error:
                parts.append(f"{_pages([page])} not read: tesseract: {page.error}")
        return "; ".join(parts)


def check_available(language: str = "nld") -> str:
    """The tesseract program, when it and the models for `language`+eng are installed."""
    program = shutil.which(TESSERACT)
    if program is None:
        raise OcrUnavailable(f"OCR needs tesseract and its Dutch model, which are not "
                             f"installed: {INSTALL}")
    listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True,
                            timeout=30)
    # a heading line ('List of available languages in "...":'), then one model a line
    have = set(listed.stdout.split("\n")[1:]) - {""} if listed.returncode == 0 else set()
    missing = [lang for lang in _languages(language).split("+") if lang not in have]
    if missing:
        raise OcrUnavailable(f"tesseract has no model for {', '.join(missing)} "
                             f"(has: {', '.join(sorted(have)) or 'none'}): {INSTALL}")
    return program


def ocr_report(path: Path, page_numbers: list[int], language: str = "nld",
               timeout: float = PAGE_TIMEOUT) -> OcrReport:
    """OCR of the (0-based) `page_numbers` of the PDF at `path`, and only those."""
    import pypdfium2 as pdfium

    program = check_available(language)
    languages = _languages(language)
    started = time.monotonic()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for n in page_numbers:
            if not 0 <= n < len(pdf):
                raise ValueError(f"{path}: page {n + 1} does not exist; the PDF has "
                                 f"{len(pdf)} pages")
        workers = max(1, min(os.cpu_count() or 1, len(page_numbers)))
        pages: list[OcrPage] = []
        with ThreadPoolExecutor(workers) as pool:
            pending: deque[Future[OcrPage]] = deque()
            for n in page_numbers:  # pdfium is not thread-safe: render here, read there
                if len(pending) >= 2 * workers:  # a rendered page is 9 MB: few at a time
                    pages.append(pending.popleft().result())
                image = pdf[n].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
                pending.append(pool.submit(_read_page, program, languages, n, image,
                                           timeout))
            pages += [f.result() for f in pending]
    finally:
        pdf.close()
    return OcrReport(pages, time.monotonic() - started, timeout)


def ocr_pages(path: Path, page_numbers: list[int], language: str = "nld") -> list[str]:
    """Markdown text of each of the (0-based) `page_numbers`, read by OCR."""
    return [page.markdown for page in ocr_report(path, page_numbers, language).pages]


def _read_page(program: str, languages: str, number: int, image: Image.Image,
               timeout: float) -> OcrPage:
    started = time.monotonic()
    try:
        page = _read_upright(program, languages, number, image, 0, timeout)
    except subprocess.TimeoutExpired:
        return OcrPage(number, "", "", None, 0, 0, 0, 0, time.monotonic() - started,
                       timed_out=True)
    except subprocess.CalledProcessError as failure:
        message = (failure.stderr or b"").decode("utf-8", "replace").strip()
        return OcrPage(number, "", "", None, 0, 0, 0, 0, time.monotonic() - started,
                       error=message.splitlines()[-1] if message else "tesseract failed")
    if page.confidence is None or page.confidence < POOR_PAGE or page.words < 20:
        try:  # a page lying on its side reads as a few misread words
            turn = _orientation(program, image, timeout)
            if turn:
                turned = _read_upright(program, languages, number,
                                       image.rotate(-turn, expand=True), turn, timeout)
                if _score(turned) > _score(page):
                    page = turned
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
            pass  # keep the page as first read
    return replace(page, seconds=time.monotonic() - started)


def _read_upright(program: str, languages: str, number: int, image: Image.Image,
                  rotated: int, timeout: float) -> OcrPage:
    boxes = find_boxes(image, DPI)
    tsv = _tesseract(program, whiten(image, boxes), ["-l", languages, "tsv"], timeout)
    words = parse_tsv(tsv)
    page = page_markdown(words, boxes)
    confidences = [w.conf for w in words if w.conf >= 0]
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrPage(number, page.markdown, page.text, mean, len(confidences),
                   sum(c < LOW_CONFIDENCE for c in confidences), page.marks, rotated, 0.0)


def _orientation(program: str, image: Image.Image, timeout: float) -> int:
    """Degrees to turn the page clockwise to make it upright (0 when unsure)."""
    out = _tesseract(program, image, ["--psm", "0"], timeout)  # fails on too little text
    rotate = re.search(r"Rotate: (\d+)", out)
    confidence = re.search(r"Orientation confidence: ([\d.]+)", out)
    if not rotate or not confidence or float(confidence.group(1)) < 2:
        return 0
    return int(rotate.group(1)) % 360


def _tesseract(program: str, image: Image.Image, args: list[str], timeout: float) -> str:
    png = io.BytesIO()
    image.save(png, "PNG")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per page; pages in parallel
    result = subprocess.run([program, "stdin", "stdout", "--dpi", str(DPI), *args],
                            input=png.getvalue(), capture_output=True, env=env,
                            timeout=timeout, check=True)
    return result.stdout.decode("utf-8", "replace")


def _score(page: OcrPage) -> float:
    return (page.confidence or 0) * page.words


def _languages(language: str) -> str:
    """Dutch with English beside it: Dutch documents quote English names and terms."""
    return language if "eng" in language.split("+") else f"{language}+eng"


def _pages(pages: list[OcrPage]) -> str:
    """'page 3', 'pages 1–10', 'pages 2, 5–7' (1-based, as an editor counts)."""
    numbers = sorted(p.number + 1 for p in pages)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return ("pages " if len(numbers) > 1 else "page ") + text
