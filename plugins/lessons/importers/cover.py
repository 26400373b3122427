"""The title block of an office document's first page: the text in the largest type.

Many Word and LibreOffice documents put their title on the cover as a big paragraph,
not as a Title-styled or Heading 1 paragraph, so pandoc sees plain text. Font sizes are
read from the package itself: a run's own size, else its paragraph style's (following
basedOn), else the document default. The title is the first run of paragraphs in the
largest size among the first MAX_PARAGRAPHS, when that size is at least
MIN_RATIO times the body text's size (the most common size in the whole document).
Paragraphs in that size that follow each other are one title ('Verslag' +
'Stuurgroep kennisplatform APIs').
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from .docprops import usable_heading
from .rawtext import _odt_walk

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
MAX_PARAGRAPHS = 15
MIN_RATIO = 1.2
MAX_TITLE = 160  # characters: a longer run of big type is an attendee list, not a title
# A memo's or letter's label whose value is the document's subject.
SUBJECT_LABEL = re.compile(r"^\s*(?:onderwerp|betreft|subject|titel)\s*:?\s*(.*)$", re.I)


@dataclass
class Line:
    text: str
    size: float  # points


def title(lines: list[Line]) -> str:
    body = Counter()
    for line in lines:
        body[line.size] += len(line.text)
    if not body:
        return ""
    body_size = body.most_common(1)[0][0]
    head = [x for x in lines[:MAX_PARAGRAPHS] if x.text.strip()]
    if not head:
        return ""
    largest = max(x.size for x in head)
    if largest < MIN_RATIO * body_size:
        return ""
    start = next(i for i, x in enumerate(head) if x.size == largest)
    parts = []
    for line in head[start:]:
        if line.size != largest:
            break
        parts.append(line.text.strip())
    text = re.sub(r"\s+", " ", " ".join(parts)).strip()
    if len(text) > MAX_TITLE or text.endswith(":"):
        return ""
    # A subtitle: the next line, smaller than the title but still display type
    # ('Kennisplatform APIs' / 'Werkgroep Communicatie & Beleid'), unless it is a
    # section heading such as 'Inleiding'.
    following = head[start + len(parts)] if start + len(parts) < len(head) else None
    if following is not None and MIN_RATIO * body_size <= following.size < largest:
        subtitle = re.sub(r"\s+", " ", following.text).strip()
        if 0 < len(subtitle) <= 80 and not subtitle.endswith(":") and usable_heading(subtitle):
            return f"{text}: {subtitle}"
    return text


def labelled_subject(lines: list[Line]) -> str:
    """'Onderwerp: Charter Kennisplatform API's' (or the label and its value in two
    table cells) among the first paragraphs."""
    head = [x.text.strip() for x in lines[:MAX_PARAGRAPHS] if x.text.strip()]
    for i, text in enumerate(head):
        match = SUBJECT_LABEL.match(text)
        if not match:
            continue
        value = match.group(1).strip() or (head[i + 1] if i + 1 < len(head) else "")
        if 0 < len(value) <= MAX_TITLE:
            return value
    return ""


def _docx_styles(archive: zipfile.ZipFile) -> tuple[dict[str, float], float]:
    try:
        root = ElementTree.fromstring(archive.read("word/styles.xml"))
    except KeyError:
        return {}, 11.0
    default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
    default_size = int(default.get(f"{W}val", "22")) / 2 if default is not None else 11.0
    own: dict[str, float | None] = {}
    parent: dict[str, str] = {}
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        size = style.find(f"{W}rPr/{W}sz")
        own[sid] = int(size.get(f"{W}val", "0")) / 2 if size is not None else None
        based = style.find(f"{W}basedOn")
        if based is not None:
            parent[sid] = based.get(f"{W}val", "")
    sizes: dict[str, float] = {}
    for sid in own:
        current, seen = sid, set()
        while current and current not in seen:
            seen.add(current)
            if own.get(current):
                sizes[sid] = own[current]  # type: ignore[assignment]
                break
            current = parent.get(current, "")
        sizes.setdefault(sid, default_size)
    return sizes, default_size


def docx_lines(path: Path) -> list[Line]:
    with zipfile.ZipFile(path) as archive:
        sizes, default = _docx_styles(archive)
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    body = root.find(f"{W}body")
    return _docx_paragraphs(body if body is not None else root, sizes, default)


def _docx_paragraphs(root: ElementTree.Element, sizes: dict[str, float],
                     default: float) -> list[Line]:
    lines = []
    for para in root.iter(f"{W}p"):
        style = para.find(f"{W}pPr/{W}pStyle")
        para_size = sizes.get(style.get(f"{W}val", ""), default) if style is not None \
            else sizes.get("Normal", default)
        text, size = [], 0.0
        for run in para.iter(f"{W}r"):
            # A tab or line break inside a paragraph separates words ('15 mei 2025',
            # break, '15:30 uur').
            run_text = "".join(t.text or "" if t.tag == f"{W}t" else " " for t in run
                               if t.tag in (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"))
            if not run_text.strip():
                text.append(run_text)
                continue
            own = run.find(f"{W}rPr/{W}sz")
            size = max(size, int(own.get(f"{W}val", "0")) / 2 if own is not None else para_size)
            text.append(run_text)
        if "".join(text).strip():
            lines.append(Line("".join(text), size or para_size))
    return lines


R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def docx_first_header(path: Path) -> list[Line]:
    """The paragraphs of the first page's header: where a Rijkshuisstijl letterhead keeps
    the sender, the meeting date, the attendees and often the title."""
    with zipfile.ZipFile(path) as archive:
        sizes, default = _docx_styles(archive)
        root = ElementTree.fromstring(archive.read("word/document.xml"))
        rels = ElementTree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{REL}Relationship")}
        refs = {ref.get(f"{W}type", "default"): ref.get(f"{R}id")
                for ref in root.iter(f"{W}headerReference")}
        part = targets.get(refs.get("first") or refs.get("default") or "", "")
        if not part:
            return []
        header = ElementTree.fromstring(archive.read("word/" + part.lstrip("/")))
    return _docx_paragraphs(header, sizes, default)


def _odt_sizes(root: ElementTree.Element, sizes: dict[str, float]) -> None:
    for style in root.iter(f"{STYLE}style"):
        props = style.find(f"{STYLE}text-properties")
        size = props.get(f"{FO}font-size", "") if props is not None else ""
        name = style.get(f"{STYLE}name", "")
        if size.endswith("pt"):
            sizes[name] = float(size[:-2])
        elif style.get(f"{STYLE}parent-style-name") in sizes:
            sizes[name] = sizes[style.get(f"{STYLE}parent-style-name", "")]


def odt_lines(path: Path) -> list[Line]:
    sizes: dict[str, float] = {}
    with zipfile.ZipFile(path) as archive:
        if "styles.xml" in archive.namelist():
            _odt_sizes(ElementTree.fromstring(archive.read("styles.xml")), sizes)
        content = ElementTree.fromstring(archive.read("content.xml"))
    _odt_sizes(content, sizes)
    default = sizes.get("Standard", sizes.get("Default_20_Text", 12.0))
    lines = []
    body = content.find(f"{OFFICE}body")
    for para in (body if body is not None else content).iter():
        if para.tag not in (f"{TEXT}p", f"{TEXT}h"):
            continue
        parts: list[str] = []
        _odt_walk(para, parts)
        text = "".join(parts[:-1] if para.tail else parts)
        if not text.strip():
            continue
        size = sizes.get(para.get(f"{TEXT}style-name", ""), default)
        for span in para.iter(f"{TEXT}span"):
            if "".join(span.itertext()).strip():
                size = max(size, sizes.get(span.get(f"{TEXT}style-name", ""), 0.0))
        lines.append(Line(text, size))
    return lines


# A letterhead names the document by its kind: 'Verslag BOMOS Klankbordgroep'.
KIND_TITLE = re.compile(r"^(?:verslag|notulen|besluitenlijst|memo|notitie|nota|rapport"
                        r"|advies|agenda|brief)\b\s+\S", re.I)


def header_title(header: list[Line]) -> str:
    """A title the first page's header carries: a paragraph in the largest type there,
    or one that names the document's kind ('Verslag …'), when only one does."""
    texts = [re.sub(r"\s+", " ", x.text).strip() for x in header]
    named = [t for t in texts if KIND_TITLE.match(t) and len(t) <= MAX_TITLE]
    return named[0] if len(named) == 1 else ""


def first_header(path: Path) -> list[Line]:
    """docx_first_header, or nothing for a package it cannot read (pandoc says why)."""
    try:
        return docx_first_header(path)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return []


def cover(path: Path) -> tuple[str, str]:
    """(title in the largest type, subject after an 'Onderwerp'/'Betreft' label)."""
    try:
        lines = docx_lines(path) if path.suffix.lower() == ".docx" else odt_lines(path)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return "", ""
    return title(lines), labelled_subject(lines)
