"""Small .docx/.odt files for importer tests: pandoc writes them from Markdown, then the
XML is patched for what pandoc does not write (merged cells, a Word table of contents,
core properties, ODF soft spaces). No binary office file is committed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypandoc

CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>
<cp:lastModifiedBy>{modified_by}</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2008-01-15T09:15:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2023-03-02T10:00:00Z</dcterms:modified>
</cp:coreProperties>"""

# A colofon: 'Colofon' across three columns (gridSpan), 'Auteurs' over two rows (vMerge).
MERGED_TABLE = """<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>
<w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>
<w:p><w:r><w:t>Colofon</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>
<w:p><w:r><w:t>Auteurs</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>Anna de Vries</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>GGD Noord</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
<w:tc><w:p><w:r><w:t>Bram Jansen</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>RIVM</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>"""

TOC_ENTRY = ('<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:hyperlink w:anchor="_Toc{n}">'
             '<w:r><w:t>{text}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{page}</w:t></w:r>'
             '</w:hyperlink></w:p>')


def _paragraph_with(marker: str) -> re.Pattern[str]:
    """The whole <w:p> that holds `marker` (pandoc writes one paragraph per line)."""
    return re.compile(r"<w:p>(?:(?!<w:p>).)*?" + marker + r".*?</w:p>", re.S)


def _rewrite(path: Path, changes: dict[str, str | None]) -> None:
    """Replace (or add) members of a zip package; None keeps a member as it is."""
    with zipfile.ZipFile(path) as old:
        members = {name: old.read(name) for name in old.namelist()}
    for name, text in changes.items():
        if text is not None:
            members[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


def make_docx(path: Path, markdown: str, *, title: str = "", creator: str = "",
              modified_by: str = "", toc: list[tuple[str, int]] | None = None,
              large: tuple[str, ...] = ()) -> Path:
    """A .docx from Markdown. A line 'MERGEDTABLE' becomes MERGED_TABLE, a line 'TOC'
    a Word table of contents with `toc` entries; core properties as given; the
    paragraphs whose whole text is in `large` are set in 20-point type."""
    source = path.with_suffix(".src.md")
    source.write_text(markdown, encoding="utf-8")
    pypandoc.convert_file(str(source), "docx", format="markdown", outputfile=str(path),
                          extra_args=[f"--resource-path={path.parent}"])
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
    document = _paragraph_with("MERGEDTABLE").sub(lambda _: MERGED_TABLE, document)
    entries = "".join(TOC_ENTRY.format(n=1000 + i, text=text, page=page)
                      for i, (text, page) in enumerate(toc or []))
    document = _paragraph_with(">TOC<").sub(lambda _: entries, document)
    for text in large:
        document = document.replace(f'<w:r><w:t xml:space="preserve">{text}</w:t>',
                                    f'<w:r><w:rPr><w:sz w:val="40"/></w:rPr>'
                                    f'<w:t xml:space="preserve">{text}</w:t>')
    core = CORE.format(title=title, creator=creator, modified_by=modified_by)
    _rewrite(path, {"word/document.xml": document, "docProps/core.xml": core})
    return path


def make_odt(path: Path, markdown: str, *, title: str = "", creator: str = "") -> Path:
    """An .odt from Markdown; 'A B' written as 'A<text:s/>B' where the text has 'A~B'
    (LibreOffice's soft space), and meta.xml with the given title and first author."""
    source = path.with_suffix(".src.md")
    source.write_text(markdown, encoding="utf-8")
    pypandoc.convert_file(str(source), "odt", format="markdown", outputfile=str(path))
    with zipfile.ZipFile(path) as package:
        content = package.read("content.xml").decode("utf-8")
        meta = package.read("meta.xml").decode("utf-8")
    content = content.replace("~", "<text:s/>")
    meta = re.sub(r"<office:meta>.*</office:meta>|<office:meta/>",
                  f"<office:meta><dc:title>{title}</dc:title><meta:initial-creator>{creator}"
                  f"</meta:initial-creator><dc:creator>Laatst Opgeslagen</dc:creator>"
                  f"</office:meta>", meta, flags=re.S)
    _rewrite(path, {"content.xml": content, "meta.xml": meta})
    return path


HEADER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{paragraphs}</w:hdr>"""


def add_first_page_header(path: Path, lines: list[str]) -> Path:
    """A letterhead in the first page's header, as Rijkshuisstijl templates keep it: one
    paragraph per line; '|' inside a line is a line break within the paragraph."""
    def paragraph(line: str) -> str:
        runs = "<w:r><w:br/></w:r>".join(f"<w:r><w:t xml:space=\"preserve\">{part}</w:t></w:r>"
                                         for part in line.split("|"))
        return f"<w:p>{runs}</w:p>"

    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdHdr1" Type="http://schemas.'
                        'openxmlformats.org/officeDocument/2006/relationships/header" '
                        'Target="header1.xml"/></Relationships>')
    reference = ('<w:headerReference xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                 '2006/relationships" w:type="first" r:id="rIdHdr1"/><w:titlePg/>')
    document = re.sub(r"<w:sectPr\b([^>]*)>", lambda m: m.group(0) + reference, document,
                      count=1)
    _rewrite(path, {"word/document.xml": document, "word/_rels/document.xml.rels": rels,
                    "word/header1.xml": HEADER.format(
                        paragraphs="".join(paragraph(x) for x in lines))})
    return path
