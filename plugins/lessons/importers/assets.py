"""Where a document's images go, for the writer.

Readers link every extracted image as `media/<name>` (lower case, no spaces, unique per
document; see pandoc_ast.safe_name) and put its bytes in `Converted.assets[name]`. The
writer decides the folder: it writes each asset to `<folder>/<name>` and calls `relink`
to point the links there, e.g. `relink(body, "eindrapport-2023")` for images in
`content/documenten/rapporten/eindrapport-2023/` beside `eindrapport-2023.md`.
Links appear as Markdown images and, inside HTML tables, as <img src>.
"""

from __future__ import annotations

import re

PREFIX = "media/"
_LINK = re.compile(r"(\]\(|<img\b[^>]*?\bsrc=[\"'])" + re.escape(PREFIX) + r"([a-z0-9._-]+)")


def relink(markdown: str, folder: str, names: set[str] | None = None) -> str:
    """Replace the `media/` prefix of asset links by `folder/` (only for `names`, when
    given, so a link the source itself wrote as 'media/...' is left alone)."""

    def swap(match: re.Match[str]) -> str:
        if names is not None and match.group(2) not in names:
            return match.group(0)
        return f"{match.group(1)}{folder.rstrip('/')}/{match.group(2)}"

    return _LINK.sub(swap, markdown)
