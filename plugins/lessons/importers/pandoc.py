"""Structured formats through pandoc (pypandoc-binary ships pandoc itself)."""

from __future__ import annotations

import re
from pathlib import Path

from .html_clean import clean_html

FORMATS = {".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html", ".rtf": "rtf",
           ".epub": "epub", ".md": "markdown"}
# Markdown the site's Python-Markdown renders: pipe tables, footnotes, ATX headings.
TARGET = "markdown_strict+pipe_tables+footnotes+strikeout-raw_html"
ARGS = ["--wrap=none", "--markdown-headings=atx"]


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


def convert(path: Path) -> tuple[str, str]:
    """Return (title hint, Markdown)."""
    pypandoc = _pypandoc()
    fmt = FORMATS[path.suffix.lower()]
    title = ""
    if fmt == "html":
        title, html = clean_html(path.read_bytes().decode("utf-8", "replace"))
        text = pypandoc.convert_text(html, TARGET, format="html", extra_args=ARGS)
    else:
        text = pypandoc.convert_file(str(path), TARGET, format=fmt, extra_args=ARGS)
    # pandoc escapes characters Markdown would not need escaped in running text
    text = re.sub(r"\\([\[\]'\"])", r"\1", text)
    return title, text
