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
from collections.abc import Mapping

PREFIX = "media/"
_LINK = re.compile(r"(\]\(|<img\b[^>]*?\bsrc=[\"'])" + re.escape(PREFIX) + r"([^)\s\"']+)")


def relink(markdown: str, folder: str, names: Mapping[str, str] | set[str] | None = None) -> str:
    """Replace the `media/` prefix of asset links by `folder/` (only for `names`, when
    given, so a link the source itself wrote as 'media/...' is left alone). `names` may map
    a reader's name to the name the writer stores the picture under."""

    def swap(match: re.Match[str]) -> str:
        name = match.group(2)
        if names is not None and name not in names:
            return match.group(0)
        stored = names[name] if isinstance(names, Mapping) else name
        return f"{match.group(1)}{folder.rstrip('/')}/{stored}"

    return _LINK.sub(swap, markdown)
