"""Every word of a structured file, read without pandoc.

The nothing-lost invariant (accounting.py) compares the input's words with the output's;
if the input's words came from pandoc too, whatever pandoc drops would never be missed.
So each format is read here on its own, as plainly as possible:

- .docx: the text runs (w:t) of the body, the footnotes and the endnotes; a drawing's
  fallback copy (mc:Fallback) is skipped, deleted text (w:delText) and field codes
  (w:instrText) are not text runs. Page headers and footers are not read: the importer
  leaves them out as furniture and does not claim to keep them.
- .odt: the text of content.xml, <text:s/> as spaces, comments (office:annotation) left out.
- HTML: the text of <body> without script, style, noscript and template.
- Markdown and the rest: the file itself.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DOCX_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def _docx_walk(node: ElementTree.Element, out: list[str]) -> None:
    if node.tag == MC_FALLBACK:
        return
    if node.tag == f"{W}t":
        out.append(node.text or "")
    elif node.tag in (f"{W}tab", f"{W}br", f"{W}cr"):
        out.append(" ")
    for child in node:
        _docx_walk(child, out)
    if node.tag in (f"{W}p", f"{W}tc"):
        out.append("\n")


def docx_text(path: Path) -> str:
    out: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for part in DOCX_PARTS:
            if part in names:
                _docx_walk(ElementTree.fromstring(archive.read(part)), out)
    return "".join(out)


def _odt_walk(node: ElementTree.Element, out: list[str]) -> None:
    if node.tag == f"{OFFICE}annotation":
        if node.tail:
            out.append(node.tail)
        return
    if node.tag == f"{TEXT}s":
        out.append(" " * int(node.get(f"{TEXT}c", "1")))
    elif node.tag in (f"{TEXT}tab", f"{TEXT}line-break"):
        out.append(" ")
    if node.text:
        out.append(node.text)
    for child in node:
        _odt_walk(child, out)
    # A footnote's number and its text are separate words ("1" + "gebaseerd op ...").
    if node.tag in (f"{TEXT}p", f"{TEXT}h", f"{TEXT}note-citation"):
        out.append("\n")
    if node.tail:
        out.append(node.tail)


def odt_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    body = root.find(f"{OFFICE}body")
    out: list[str] = []
    _odt_walk(body if body is not None else root, out)
    return "".join(out)


def html_text(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    body = tree.body
    return body.text(separator=" ") if body is not None else ""
