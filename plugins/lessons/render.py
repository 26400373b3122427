"""Markdown to HTML outside a site build, with the site's own Markdown configuration.

`lessons check` must judge a body as the build would publish it, so it renders the body
with the same extensions (read from mkdocs.yml by the command line) and applies the same
sanitizer. Links are not rewritten as MkDocs does; that changes addresses between pages,
never what the sanitizer allows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import markdown

from .normalize.redactions import mark_up


class BodyRenderer:
    def __init__(self, extensions: Sequence[Any] = (), configs: Mapping[str, Any] | None = None):
        self._md = markdown.Markdown(extensions=list(extensions),
                                     extension_configs=dict(configs or {}))

    def html(self, body: str) -> str:
        """The HTML of one document body, redaction marks included, as the build makes it."""
        self._md.reset()
        return self._md.convert(mark_up(body))
