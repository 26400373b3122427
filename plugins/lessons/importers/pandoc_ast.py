"""Passes over pandoc's document tree (its JSON form) before it is written as Markdown.

What goes, and is counted for the editor and the nothing-lost invariant:
- a Word/LibreOffice table of contents: paragraphs whose links all go to generated
  bookmarks (#_Toc..., #__RefHeading...), with the 'Inhoud' heading right above them;
- HTML comments ('<!-- truncate -->') and raw blocks of other formats.

What changes form, nothing lost:
- <div>/<span> wrappers, underline and small caps: their content stays, the wrapper goes
  (the Markdown writer would otherwise emit them as raw HTML);
- links to an anchor in the same file ('#_Ref123', '#section-2') or to a file on the
  author's computer (file:///C:/...): the text stays, the link goes (neither exists on
  the site), and the targets are listed;
- a heading that holds only a picture becomes a paragraph;
- a one-row table (a boxed note, a signature, a logo beside a title) becomes its cells'
  contents;
- images: the file pandoc extracted becomes an asset `media/<safe name>`; a figure
  becomes its image followed by its caption;
- attributes (ids, classes, sizes) are cleared so the writer does not fall back to HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOC_TARGET = re.compile(r"^#_{1,2}(?:Toc|RefHeading)", re.I)
TOC_HEADING = re.compile(r"^\s*(?:inhoud|inhoudsopgave|inhoudstafel|table of contents"
                         r"|contents)\s*:?\s*$", re.I)
# A table-of-contents line: a title, then dots, a tab or spaces, then a page number.
PAGE_REFERENCE = re.compile(r"^\S.{0,200}?(?:\s|\.{2,}|…)\s*\d{1,4}$")
MIN_TOC_ENTRIES = 3
EMPHASIS = ("Emph", "Strong")
LOCAL_LINK = re.compile(r"^(?:file:|[a-z]:[\\/]|\\\\)", re.I)
WEB_IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
NO_ATTR: list[Any] = ["", [], []]


def stringify(node: Any) -> str:
    """The text of a tree fragment, spaces for Space/SoftBreak/LineBreak."""
    if isinstance(node, list):
        return "".join(stringify(x) for x in node)
    if isinstance(node, dict):
        kind = node.get("t")
        if kind == "Str":
            return node["c"]
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind in ("Para", "Plain", "Header"):
            return stringify(node.get("c")) + "\n"
        if kind in ("Code", "CodeBlock", "RawInline", "RawBlock", "Math"):
            return node["c"][1] if kind != "Math" else node["c"][1]
        if kind in ("Link", "Image"):
            return stringify(node["c"][1])
        return stringify(node.get("c"))
    return ""


def safe_name(name: str, taken: set[str]) -> str:
    """'Image 3.PNG' -> 'image-3.png', unique among `taken`."""
    stem, dot, ext = name.rpartition(".")
    stem = re.sub(r"[^a-z0-9]+", "-", (stem if dot else name).lower()).strip("-") or "image"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower()) if dot else ""
    candidate, n = f"{stem}.{ext}" if ext else stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    taken.add(candidate)
    return candidate


@dataclass
class Pass:
    media_dir: Path | None = None  # where pandoc extracted a .docx/.odt's media
    # pandoc reads an indented Word/LibreOffice paragraph as a quotation; in office
    # documents indentation is layout (an attendee list, a note), not a quote.
    unwrap_quotes: bool = False
    source_dir: Path | None = None  # images referenced relatively by .md/.html
    removed: dict[str, list[str]] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    review: list[str] = field(default_factory=list)
    internal_links: int = 0
    _names: dict[str, str] = field(default_factory=dict)  # source path -> asset name

    def run(self, ast: dict) -> dict:
        ast["blocks"] = self._plain_toc(self.walk(ast["blocks"]))
        return ast

    def _plain_toc(self, blocks: list) -> list:
        """A table of contents without links: 'Inhoud' followed by at least
        MIN_TOC_ENTRIES paragraphs that each end in a page number."""
        for i, block in enumerate(blocks):
            if not _is_toc_heading(block):
                continue
            end = i + 1
            while end < len(blocks) and blocks[end]["t"] in ("Para", "Plain") and \
                    PAGE_REFERENCE.match(stringify(blocks[end]).strip()):
                end += 1
            if end - i - 1 >= MIN_TOC_ENTRIES:
                for entry in blocks[i:end]:
                    self._remove("table of contents", stringify(entry))
                return blocks[:i] + blocks[end:]
        return blocks

    def walk(self, node: Any) -> Any:
        if isinstance(node, list):
            out: list[Any] = []
            for item in node:
                if isinstance(item, dict) and "t" in item:
                    replaced = self.expand(item)
                    if replaced is None:  # a table-of-contents entry
                        if out and isinstance(out[-1], dict) and _is_toc_heading(out[-1]):
                            self._remove("table of contents", stringify(out.pop()))
                        self._remove("table of contents", stringify(item))
                        continue
                    out.extend(replaced)
                else:
                    out.append(self.walk(item))
            return _mend_words(out)
        return node

    def expand(self, node: dict) -> list[Any] | None:
        kind, content = node["t"], node.get("c")
        if kind in ("Div", "Span"):
            return self.walk(content[1])
        if kind == "BlockQuote" and self.unwrap_quotes:
            return self.walk(content)
        if kind in ("Underline", "SmallCaps"):
            return self.walk(content)
        if kind == "LineBreak":  # kept as <br>: the text cleaner strips Markdown's '  '
            return [{"t": "RawInline", "c": ["html", "<br>"]}]
        if kind in ("Para", "Plain") and _is_toc_entry(content):
            return None
        if kind == "Link":
            url = content[2][0]
            if url.startswith("#"):
                self.internal_links += 1
                self._remove("links to places in the file (text kept)", url)
                return self.walk(content[1])
            if LOCAL_LINK.match(url):  # Word keeps links to the author's own disk
                self._remove("links to files on the author's computer (text kept)", url)
                return self.walk(content[1])
            return [{"t": "Link", "c": [NO_ATTR, self.walk(content[1]), content[2]]}]
        if kind == "Image":
            return [self._image(content)]
        if kind == "Figure":
            return self._figure(content)
        if kind in ("RawBlock", "RawInline"):
            return self._raw(kind, content)
        if kind == "Header":  # Word has nine heading levels, HTML six
            content = [min(content[0], 6), NO_ATTR, content[2]]
        if kind == "CodeBlock":
            content = [NO_ATTR, content[1]]
        if kind == "Table":
            rows = table_rows(content)
            if len(rows) == 1 and not stringify(content[1][1]).strip():
                # A one-row table is layout (an e-mail signature, a logo beside a
                # title): its cells' contents, in order.
                return self.walk([b for cell in rows[0][1] for b in cell[4]])
            _clear_table_attributes(content)
            # default widths: no <colgroup> of percentages in the HTML
            colspecs = [[spec[0], {"t": "ColWidthDefault"}] for spec in content[2]]
            content = [NO_ATTR, content[1], colspecs, *content[3:]]
        walked = {"t": kind, "c": self.walk(content)} if "c" in node else node
        if kind == "BulletList":  # '- • item': the source typed its own bullet
            walked["c"] = [_without_bullet(item) for item in walked["c"]]
        if kind == "Header" and not stringify(walked).strip() and _has_image(walked):
            return [{"t": "Para", "c": walked["c"][2]}]  # a picture is not a heading
        if kind in ("Para", "Plain", "Header", *EMPHASIS) and not _has_image(walked) and \
                not stringify(walked).replace("<br>", "").strip():
            return []  # empty, or only line breaks (Word's bold empty line)
        return [walked]

    def _remove(self, what: str, text: str) -> None:
        self.removed.setdefault(what, []).append(text.strip())

    def _raw(self, kind: str, content: list) -> list[Any]:
        fmt, text = content
        if fmt == "html" and text.strip().startswith("<!--"):
            self._remove("HTML comments", re.sub(r"^<!--|-->$", "", text.strip()))
            return []
        if fmt != "html":
            self._remove(f"raw {fmt} code", text)
            return []
        return [{"t": kind, "c": content}]

    def _figure(self, content: list) -> list[Any]:
        _attr, caption, blocks = content
        caption_blocks = self.walk(caption[1])
        out = self.walk(blocks)
        for block in caption_blocks:  # the caption as a paragraph in italics below
            if block["t"] in ("Para", "Plain"):
                block = {"t": "Para", "c": [{"t": "Emph", "c": block["c"]}]}
            out.append(block)
        return out

    def _image(self, content: list) -> dict:
        _attr, alt, (src, title) = content
        alt = self.walk(alt)
        target = self._asset(src)
        return {"t": "Image", "c": [NO_ATTR, alt, [target, title]]}

    def _asset(self, src: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):  # http:, https:, data:
            if not src.lower().startswith("file:"):
                self.review.append(f"image from elsewhere '{src[:80]}': save it beside the "
                                   f"document or remove it (the site loads nothing from "
                                   f"other hosts)")
                return src
        path = Path(src)
        if not path.is_absolute() and self.source_dir is not None:
            path = self.source_dir / src
        if src in self._names:
            return f"media/{self._names[src]}"
        home = self.source_dir or self.media_dir  # where this document's pictures are
        if home is not None and not _inside(path, home):
            # A received file linking '/home/x/.ssh/id_rsa' or '../../private.docx' as an
            # image would copy that file into the site, to be published with the document.
            self.review.append(f"image '{src[:80]}' is outside the imported file's folder: "
                               f"not copied; put the picture beside the file and link it "
                               f"by its name, or remove the link")
            return src
        if not path.is_file():
            self.review.append(f"image '{src}' is not beside the imported file: add it to the "
                               f"document's media folder or remove the link")
            return src
        name = safe_name(path.name, set(self._names.values()))
        self._names[src] = name
        self.assets[name] = path.read_bytes()
        if path.suffix.lower() not in WEB_IMAGES:
            self.review.append(f"image '{name}' is a {path.suffix.lower()} file browsers "
                               f"cannot show: export it as PNG and replace it")
        return f"media/{name}"


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` (links followed) lies in `folder` or below it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the OS refuses
        return False


TYPED_BULLET = re.compile(r"^[•·▪◦‣∙●○■□➢➤►–—-]$")


def _without_bullet(item: list) -> list:
    if item and item[0].get("t") in ("Para", "Plain"):
        inlines = item[0]["c"]
        if inlines and inlines[0].get("t") == "Str" and TYPED_BULLET.match(inlines[0]["c"]):
            rest = inlines[1:]
            while rest and rest[0].get("t") in ("Space", "SoftBreak"):
                rest = rest[1:]
            return [{"t": item[0]["t"], "c": rest}, *item[1:]]
    return item


def table_rows(content: list) -> list:
    """Every row of a Table: head, bodies (their head rows and rows), foot."""
    _attr, _caption, _specs, head, bodies, foot = content
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    return rows + list(foot[1])


def _clear_table_attributes(content: list) -> None:
    """Widths, heights and styles of rows and cells (Outlook and Word HTML carry many)."""
    for row in table_rows(content):
        row[0] = NO_ATTR
        for cell in row[1]:
            cell[0] = NO_ATTR


def _mend_words(inlines: list) -> list:
    """'*Herinneringsbrie*f', 'S*amenloop*': emphasis Word ended or began inside a word.
    The letters outside move inside, so the word stays one word."""
    out = list(inlines)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        if not (isinstance(a, dict) and isinstance(b, dict)):
            i += 1
            continue
        if a.get("t") in EMPHASIS and b.get("t") == "Str" and (m := WORD_START.match(b["c"])):
            a["c"] = [*a["c"], {"t": "Str", "c": m.group(0)}]
            b["c"] = b["c"][m.end():]
            if not b["c"]:
                del out[i + 1]
                continue
        elif (a.get("t") == "Str" and b.get("t") in EMPHASIS and b["c"]
              and b["c"][0].get("t") == "Str" and WORD_START.match(b["c"][0]["c"])
              and (m := WORD_END.search(a["c"]))):
            b["c"][0] = {"t": "Str", "c": m.group(0) + b["c"][0]["c"]}
            a["c"] = a["c"][:m.start()]
            if not a["c"]:
                del out[i]
                continue
        i += 1
    return out


WORD_START = re.compile(r"^[^\W_]+")
WORD_END = re.compile(r"[^\W_]+$")


def _is_toc_entry(inlines: list) -> bool:
    links = [x for x in inlines if isinstance(x, dict) and x.get("t") == "Link"]
    if not links or not all(TOC_TARGET.match(x["c"][2][0]) for x in links):
        return False
    rest = stringify([x for x in inlines if not (isinstance(x, dict) and x.get("t") == "Link")])
    return not re.sub(r"[\d\s.]+", "", rest)


def _is_toc_heading(block: dict) -> bool:
    return block.get("t") in ("Para", "Plain", "Header") and bool(
        TOC_HEADING.match(stringify(block)))


def _has_image(node: Any) -> bool:
    if isinstance(node, dict):
        return node.get("t") == "Image" or _has_image(node.get("c"))
    if isinstance(node, list):
        return any(_has_image(x) for x in node)
    return False


def meta_text(ast: dict, key: str) -> str:
    """A metadata field pandoc took from the document (a paragraph styled Title,
    Subtitle, Author, Date or Abstract) as plain text."""
    value = ast.get("meta", {}).get(key)
    if value is None:
        return ""
    if value.get("t") == "MetaList":
        return "\n".join(stringify(v.get("c")) for v in value["c"])
    return re.sub(r"[ \t]+", " ", stringify(value.get("c"))).strip()
