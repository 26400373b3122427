"""Run the PDF reader on a folder of PDFs and print, per file: pages, seconds, headings,
furniture removed, the nothing-lost invariant, code blocks in the rendered HTML (must be
0) and tables. Renders with the site's Markdown extensions. Writes each Markdown to
--out (default /tmp/pdf-md) for reading. Run:
    python bench/pdf_corpus.py ../shared/corpus
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import markdown
import pdfplumber

from lessons.importers import accounting
from lessons.importers.pdf import read_pdf
from lessons.importers.registry import ImportFailure

EXTENSIONS = ["toc", "attr_list", "tables", "footnotes", "admonition", "md_in_html"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/pdf-md"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    totals = {"text layer": [0.0, 0.0], "OCR": [0.0, 0.0]}  # pages, seconds
    for path in sorted(args.folder.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        start = time.perf_counter()
        try:
            result = read_pdf(path)
        except ImportFailure as err:
            print(f"{path.name[:44]:44s} {pages:3d}p  FAILED: {str(err)[:150]}")
            continue
        seconds = time.perf_counter() - start
        kind = "OCR" if any(n.startswith("OCR:") for n in result.review) else "text layer"
        totals[kind][0] += pages
        totals[kind][1] += seconds
        html = markdown.markdown(result.markdown, extensions=EXTENSIONS)
        lost = accounting.lost_words(result.raw_text, [result.markdown, result.title_hint,
                                                       *(r.text for r in result.removed)])
        headings = len(re.findall(r"<h[1-6]", html))
        removed = ", ".join(f"{r.what[:40]} ×{r.count}" for r in result.removed)
        print(f"{path.name[:44]:44s} {pages:3d}p {seconds:5.2f}s h={headings:3d} "
              f"pre={html.count('<pre')} tables={html.count('<table')} "
              f"li={html.count('<li')} lost={sum(lost.values())}")
        print(f"    title: {result.title_hint!r} date: {result.date_hint} "
              f"authors: {result.authors}")
        print(f"    removed: {removed}")
        for note in result.review:
            print(f"    review: {note[:160]}")
        (args.out / f"{path.stem}.md").write_text(result.markdown, encoding="utf-8")
        (args.out / f"{path.stem}.html").write_text(html, encoding="utf-8")
    for kind, (pages, seconds) in totals.items():
        if seconds:
            print(f"{kind} PDFs: {pages:.0f} pages in {seconds:.1f}s, "
                  f"{pages / seconds:.1f} pages/s")


if __name__ == "__main__":
    main()
