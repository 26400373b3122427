"""Born-digital PDFs read directly: words with their position, size and font (pdfplumber)
become Markdown with headings, paragraphs, lists, tables and footnotes; page furniture
is removed and listed; pages without a usable text layer go to OCR.

One module per step: source (open; words, boxes, tables), textlayer (OCR or not), lines,
furniture, toc, footnotes, redaction, tables, metadata, lists, blocks, markdown; read
puts them together.
"""

from .read import read_pdf
from .textlayer import needs_ocr

__all__ = ["needs_ocr", "read_pdf"]
