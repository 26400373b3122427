"""Breadcrumbs: the pages above a page, found from its address.

Addresses are folders (themas/financiering/ lies under themas/), so the pages above a page
are the pages at its address's parent folders. A folder without a page of its own may
stand for another page (documenten/ for the list of all documents). Every page of one
folder has the same trail, which the build's page chromes rely on (build/chrome.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from . import urls

# Folders without a page of their own: the page that lists what is in them.
STAND_INS: dict[str, tuple[str, str]] = {f"{urls.DOCUMENTS}/": ("Documenten", f"{urls.BROWSE}/")}


def trail(url: str, titles: Mapping[str, str],
          stand_ins: Mapping[str, tuple[str, str]] = STAND_INS) -> list[tuple[str, str]]:
    """(title, address) of each page above the page at `url` (a site address such as
    "themas/financiering/"), outermost first; the home page and the page itself are not
    in it. `titles`: the title of each page by its address."""
    folders = url.strip("/").split("/")[:-1]
    found = []
    for depth in range(1, len(folders) + 1):
        folder = "/".join(folders[:depth]) + "/"
        if folder in titles:
            found.append((titles[folder], folder))
        elif folder in stand_ins:
            found.append(stand_ins[folder])
    return found
