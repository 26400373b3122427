"""Readers for the structured formats: .docx, .odt, HTML, Markdown (and .rtf/.epub).

Each returns a Converted with the body as Markdown, the document's own metadata, what
was left out (`removed`), its images (`assets`, linked as `media/<name>`) and a raw text
read without pandoc (rawtext.py) for the nothing-lost invariant.

Title: when a title is found and the body's first level-1 heading is not that title,
the body starts with '# <title>', so infer.split_title takes exactly that line as the
title and never a section heading.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import tempfile
import zipfile
from pathlib import Path

import yaml

from ..model.vocab import fold
from ..normalize.dates import find_partial_date
from . import accounting, cover, docprops, html_clean, html_meta, pandoc, rawtext, textclean
from .pandoc_ast import Pass, meta_text, stringify, table_rows
from .registry import Converted, ImportFailure, Removed, read_text

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                          re.S)


def _pandoc_errors(run):
    try:
        return run()
    except pandoc.MissingTool as err:
        raise ImportFailure(str(err)) from None
    except RuntimeError as err:  # pandoc's own complaint about the file
        raise ImportFailure(f"pandoc could not read it ({str(err).strip()[:200]}); "
                            f"open and save it again in Word or LibreOffice") from None


def _removed(*groups: dict[str, list[str]]) -> list[Removed]:
    merged: dict[str, list[str]] = {}
    for group in groups:
        for what, texts in group.items():
            merged.setdefault(what, []).extend(t for t in texts if t)
    return [Removed(what, len(texts), "\n".join(texts)) for what, texts in merged.items()
            if texts]


def _first_heading(ast: dict) -> str:
    for block in ast["blocks"]:
        if block["t"] == "Header" and block["c"][0] == 1:
            return re.sub(r"\s+", " ", stringify(block["c"][2])).strip()
    return ""


SUBJECT_LABELS = {"betreft", "onderwerp", "subject", "titel", "title"}


def _table_subject(ast: dict) -> str:
    """The value beside a 'Betreft' / 'Onderwerp' cell in a table at the top (a memo's or
    minutes' header table)."""
    for block in ast["blocks"][:8]:
        if block["t"] != "Table":
            continue
        for row in table_rows(block["c"]):
            cells = [re.sub(r"\s+", " ", stringify(cell[4])).strip() for cell in row[1]]
            if len(cells) >= 2 and fold(cells[0]) in SUBJECT_LABELS and cells[1]:
                return cells[1].rstrip(".")
    return ""


DATE_LABEL = re.compile(r"^(?:datum|vergaderdatum|datum vergadering|datum en tijd|date)"
                        r"(?:\s+en\s+-?\s*tijd)?\s*:?\s*(.*)$", re.I | re.S)
MAX_HEAD_BLOCKS = 15


def _head_texts(ast: dict) -> list[str]:
    """The text of the first paragraphs and of the cells of tables among them, in
    reading order (a memo's or minutes' header block)."""
    texts: list[str] = []
    for block in ast["blocks"][:MAX_HEAD_BLOCKS]:
        if block["t"] in ("Para", "Plain"):
            texts.append(stringify(block["c"]))
        elif block["t"] == "Table":
            texts += [stringify(cell[4]) for row in table_rows(block["c"]) for cell in row[1]]
    return [re.sub(r"\s+", " ", t).strip() for t in texts if t.strip()]


def labelled_date(ast: dict) -> str | None:
    """The date after a 'Datum' / 'Vergaderdatum' label in the header block, at its
    precision ('13-april-2023' is read as 13 april 2023)."""
    texts = _head_texts(ast)
    for i, text in enumerate(texts):
        match = DATE_LABEL.match(text)
        if not match:
            continue
        value = match.group(1).strip() or (texts[i + 1] if i + 1 < len(texts) else "")
        value = re.sub(r"\b(\d{1,2})-([^\W\d_]{3,})-(\d{4})\b", r"\1 \2 \3", value)
        found = find_partial_date(value[:60])
        if found:
            return found.iso()
    return None


def _first_line(ast: dict) -> str:
    block = ast["blocks"][0] if ast["blocks"] else None
    if block is None or block["t"] not in ("Para", "Plain"):
        return ""
    return re.sub(r"\s+", " ", stringify(block["c"])).strip()


def _with_title(markdown: str, title: str) -> str:
    first = re.search(r"^# +(.+)$", markdown, re.M)
    if title and not (first and fold(first.group(1)) == fold(title)):
        return f"# {title}\n\n{markdown}"
    return markdown


def _finish(ast: dict, passes: Pass) -> str:
    markdown = pandoc.write_markdown(passes.run(ast))
    # pandoc's placeholder for a table it cannot write; raw_html rules it out, and the
    # promise 'never [TABLE]' is kept here whatever pandoc does in a later version.
    if re.search(r"^\[TABLE\]$", markdown, re.M):
        raise ImportFailure("a table could not be converted; report this as a bug")
    return textclean.clean_converted(markdown)


# A 1,000-page report's document.xml is 5-15 MB; a part far larger is a zip bomb (200 MB
# of XML compress to under 1 MB), on which pandoc ran for more than five minutes.
MAX_XML_PART = 64 * 1024 * 1024
# All parts together, pictures included (pandoc writes every one to disk): a real report
# with many photos is some tens of MB.
MAX_PACKAGE = 1024 * 1024 * 1024


def check_package(path: Path) -> None:
    """Refuse a .docx/.odt whose XML unpacks to more than MAX_XML_PART, before pandoc
    or the XML readers unpack it; a file that is no zip is left to pandoc's message."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    total = sum(part.file_size for part in parts)
    if total > MAX_PACKAGE:
        raise ImportFailure(f"it unpacks to {total // 2**20} MB (at most {MAX_PACKAGE // 2**20}"
                            f" MB are read): make the pictures smaller in Word or "
                            f"LibreOffice (compress pictures) and save it again")
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and part.file_size > MAX_XML_PART:
            raise ImportFailure(
                f"its part {part.filename} unpacks to {part.file_size // 2**20} MB (at most "
                f"{MAX_XML_PART // 2**20} MB are read; from {part.compress_size // 1024} KB "
                f"packed, it is not a real document): open it in Word or LibreOffice and "
                f"save it again, or split it")


def read_office(path: Path) -> Converted:
    """.docx and .odt: pandoc for the body, the package's own XML for properties and
    the raw text."""
    is_docx = path.suffix.lower() == ".docx"
    check_package(path)
    with tempfile.TemporaryDirectory() as tmp:
        ast = _pandoc_errors(lambda: pandoc.read_file(path, Path(tmp)))
        passes = Pass(media_dir=Path(tmp), unwrap_quotes=True)
        styled = meta_text(ast, "title")
        subtitle = meta_text(ast, "subtitle")
        # Paragraphs styled Author / Date / Abstract go to pandoc's metadata; keep them
        # in the body where the author put them, and use them as hints.
        styled_authors = [a for a in meta_text(ast, "author").split("\n") if a.strip()]
        front = [t for t in (meta_text(ast, "date"), meta_text(ast, "abstract")) if t]
        markdown = _finish(ast, passes)
    props = docprops.read_docx(path) if is_docx else docprops.read_odt(path)
    if styled and subtitle:
        styled = f"{styled}: {subtitle}"
    large, subject = cover.cover(path)
    header = cover.first_header(path) if is_docx else []
    large = large or cover.header_title(header)
    title, source = docprops.choose_title(styled, _first_heading(ast), props.title, large,
                                          subject or _table_subject(ast), _first_line(ast))
    if front:
        markdown = "\n\n".join(front) + "\n\n" + markdown
    markdown = _with_title(markdown, title)
    styled_date = find_partial_date(meta_text(ast, "date"))
    date = styled_date.iso() if styled_date else labelled_date(ast)
    review = []
    if props.title and not docprops.same_title(title, props.title):
        review.append(f"title in the file properties ('{props.title}') not used")
    review += props.review() + passes.review
    header_text = "\n".join(x.text for x in header)
    if accounting.words(header_text):
        passes.removed.setdefault("first page header (letterhead)", []).append(header_text)
    try:
        raw = rawtext.docx_text(path) if is_docx else rawtext.odt_text(path)
    except (KeyError, OSError, ValueError):
        raw = markdown
        review.append("the file's text could not be read apart from pandoc; the "
                      "nothing-lost check compares pandoc with itself")
    return Converted(raw, markdown, title, date,
                     title_from=source or "the document's properties",
                     created=_iso(props.created),
                     date_from="the paragraph styled Date" if styled_date
                     else "the 'Datum' line of the header",
                     converter=pandoc.version(), structured=True,
                     authors=styled_authors or props.authors,
                     summary_hint=meta_text(ast, "abstract") or props.summary,
                     removed=_removed(passes.removed), review=review,
                     assets=passes.assets)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # the mark outranks a declared charset
    declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", data[:4096], re.I)
    for encoding in ([declared.group(1).decode()] if declared else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def html_to_markdown(html: str, source_dir: Path | None = None
                     ) -> tuple[str, list[Removed], list[str], dict[str, bytes], dict]:
    """(Markdown, removed, review notes, assets, pandoc tree) of an HTML page or
    e-mail body; raises ImportFailure for a list of links."""
    page = html_clean.clean_html(html)
    why = html_clean.list_page(page)
    if why:
        raise ImportFailure(why)
    ast = _pandoc_errors(lambda: pandoc.read_text(page.html, "html"))
    passes = Pass(source_dir=source_dir)
    markdown = _finish(ast, passes)
    return (markdown, _removed(page.removed, passes.removed), passes.review, passes.assets,
            ast)


def read_html(path: Path) -> Converted:
    html = _decode(path.read_bytes())
    meta = html_meta.read(html)
    markdown, removed, review, assets, ast = html_to_markdown(html, path.parent)
    heading = _first_heading(ast)
    title = meta.title or (heading if docprops.usable_heading(heading) else "")
    date = meta.date or labelled_date(ast)
    if meta.publisher:
        review.append(f"publisher named by the page: {meta.publisher}")
    return Converted(rawtext.html_text(html), _with_title(markdown, title), title, date,
                     title_from="the page's metadata" if meta.title else "the first heading",
                     date_from="the page's metadata" if meta.date
                     else "the 'Datum' line of the header",
                     converter=pandoc.version(), structured=True, authors=meta.authors,
                     summary_hint=meta.summary, removed=removed, review=meta.notes + review,
                     assets=assets)


def _iso(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    return html_meta.iso_date(str(value)) if value else None


def _names(value: object) -> tuple[list[str], bool]:
    """Front-matter authors: a string, a list of strings or of {name: ...}; slugs
    ('pieter-bresters', Docusaurus keys) become 'Pieter Bresters' (True: check them)."""
    items = value if isinstance(value, list) else [value] if value else []
    names, from_keys = [], False
    for item in items:
        name = str(item.get("name", "")) if isinstance(item, dict) else str(item)
        if re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)+", name):
            name, from_keys = " ".join(p.capitalize() for p in re.split(r"[-_]", name)), True
        if name.strip():
            names.append(name.strip())
    return names, from_keys


LIST_NUMBER = re.compile(r"^([ \t]*)\d{1,9}[.)](?=[ \t])", re.M)


class _NoAliases(yaml.SafeLoader):
    """safe_load without aliases: nine aliases nested eight deep are 9**8 strings once a
    value is turned into text ('billion laughs'); a document's front-matter needs none."""

    def fetch_alias(self):
        raise yaml.YAMLError("it uses aliases (*name), which an imported file may not")


def read_markdown(path: Path) -> Converted:
    text = read_text(path)  # UTF-8, UTF-16 with its mark, or cp1252: never U+FFFD
    fields: dict = {}
    block = FRONT_MATTER.match(text)
    body = text[block.end():] if block else text
    removed: list[Removed] = []
    review: list[str] = []
    if block:
        try:
            loaded = yaml.load(block.group(1), Loader=_NoAliases)  # noqa: S506 - safe
            fields = loaded if isinstance(loaded, dict) else {}
        except yaml.YAMLError as err:
            review.append(f"the file's front-matter is not valid YAML ({err}); not used")
        removed.append(Removed("front-matter of the imported file", len(fields) or 1,
                               block.group(1)))
    ast = _pandoc_errors(lambda: pandoc.read_text(body, "markdown"))
    passes = Pass(source_dir=path.parent)
    markdown = _finish(ast, passes)
    title = str(fields.get("title") or "").strip()
    title_from = "the file's front-matter"
    if not title:
        title, title_from = docprops.choose_title("", _first_heading(ast), "",
                                                  subject=_table_subject(ast))
    date = _iso(fields.get("date"))
    authors, from_keys = _names(fields.get("authors") or fields.get("author"))
    if from_keys:
        review.append("authors made from the front-matter's author keys: check the names")
    tags = fields.get("tags") or fields.get("keywords")
    if tags:
        shown = ", ".join(map(str, tags)) if isinstance(tags, list) else str(tags)
        review.append(f"tags in the file's front-matter: {shown} (map them to themes)")
    summary = str(fields.get("description") or fields.get("summary") or "")
    removed += _removed(passes.removed)
    # An ordered list's numbers are markup: "1. 1. 1." in the file is "1. 2. 3." on the page.
    words = LIST_NUMBER.sub(r"\1", text)
    return Converted(words, _with_title(markdown, title), title,
                     date or labelled_date(ast), title_from=title_from or "",
                     date_from="the file's front-matter" if date
                     else "the 'Datum' line of the header",
                     converter=pandoc.version(), structured=True,
                     authors=authors, summary_hint=summary, removed=removed,
                     review=review + passes.review, assets=passes.assets)


def read_other(path: Path) -> Converted:
    """.rtf and .epub: pandoc only (no independent text reader for these)."""
    with tempfile.TemporaryDirectory() as tmp:
        ast = _pandoc_errors(lambda: pandoc.read_file(path, Path(tmp)))
        passes = Pass(media_dir=Path(tmp))
        title = meta_text(ast, "title")
        markdown = _finish(ast, passes)
    return Converted(markdown, _with_title(markdown, title), title,
                     title_from="the document's metadata",
                     converter=pandoc.version(), structured=True,
                     removed=_removed(passes.removed), review=passes.review,
                     assets=passes.assets)

