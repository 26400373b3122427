"""Structured formats through pandoc (pypandoc-binary ships pandoc itself).

Two runs: the file to pandoc's document tree (JSON, media extracted to a folder), the
tree after pandoc_ast's passes to Markdown. Raw HTML is allowed in the Markdown so that a
table pandoc cannot write as a pipe table (merged cells, several paragraphs or a list in
a cell) is written as an HTML table, which Python-Markdown passes through and the site's
sanitizer keeps (table, td/th colspan and rowspan); without it pandoc writes '[TABLE]'.
The passes remove the wrappers (div, span) that would otherwise appear as raw HTML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .mdlists import alerts_to_admonitions, reindent_lists

FORMATS = {".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html", ".rtf": "rtf",
           ".epub": "epub", ".md": "markdown"}
# Markdown the site's Python-Markdown renders: pipe tables, footnotes, ATX headings.
# startnum: a Word list numbered on after a paragraph ('2. Verslag vorige vergadering')
# keeps its number in the Markdown (Python-Markdown shows it with its sane_lists
# extension; without, it starts each list at 1).
TARGET = "markdown_strict+pipe_tables+footnotes+strikeout+raw_html+startnum"
ARGS = ["--wrap=none", "--markdown-headings=atx"]
# GitHub-flavoured input: pipe tables, footnotes, and '> [!NOTE]' read as text.
MARKDOWN_IN = "markdown+pipe_tables+footnotes-yaml_metadata_block-pandoc_title_block"


class MissingTool(RuntimeError):
    pass


def _pypandoc():
    try:
        import pypandoc
    except ImportError:  # pragma: no cover - a broken install, not a user error
        raise MissingTool("pandoc is not installed: run `make site` or "
                          "`pip install pypandoc-binary`") from None
    return pypandoc


def version() -> str:
    try:
        return f"pandoc {_pypandoc().get_pandoc_version()}"
    except OSError:
        raise MissingTool("pandoc is not installed: `pip install pypandoc-binary`") from None


def read_file(path: Path, media_dir: Path | None = None) -> dict:
    """The file as pandoc's document tree; a .docx/.odt's images extracted to media_dir."""
    fmt = FORMATS[path.suffix.lower()]
    args = [f"--extract-media={media_dir}"] if media_dir is not None else []
    return json.loads(_pypandoc().convert_file(str(path), "json", format=fmt,
                                               extra_args=args))


def read_text(text: str, fmt: str) -> dict:
    fmt = MARKDOWN_IN if fmt == "markdown" else fmt
    return json.loads(_pypandoc().convert_text(text, "json", format=fmt))


def write_markdown(ast: dict) -> str:
    ast = {**ast, "meta": {}}  # the title and authors go to the front-matter, not the body
    text = _pypandoc().convert_text(json.dumps(ast), TARGET, format="json", extra_args=ARGS)
    # pandoc escapes characters Markdown would not need escaped in running text
    text = re.sub(r"\\([\[\]'\"])", r"\1", text)
    return alerts_to_admonitions(reindent_lists(text))
