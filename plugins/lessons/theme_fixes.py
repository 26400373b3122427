"""Fixes to the theme's own templates that make invalid HTML, applied to their source as
Jinja loads them.

mkdocs-material's base.html puts `autocomplete="off"` on its two hidden toggle checkboxes
(the drawer and the search overlay), an attribute HTML allows on text-like inputs only: the
Nu HTML Checker reports it twice on every page. base.html cannot be overridden in part (the
toggles are outside any block), and a copy in site_src/ would keep the theme's hashed
stylesheet and script names: after an upgrade of the theme, every page would load files
that no longer exist. Fixing the source as it is loaded holds on every path a page is
rendered by (MkDocs' page loop, 404.html, the core's pages and their chromes, a preview's
updates), since all of them load the theme through one Jinja environment.

The attribute's purpose, kept out of Firefox's form restoration (a drawer open before a
reload opens again), is lost in Firefox only after a reload; a page restored from the
back-forward cache shows the drawer as it was left in every browser anyway.

A fix whose text is no longer in the theme does nothing; tests/build/test_theme_fixes.py
then fails and says to check whether the fix is still needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import BaseLoader, Environment


@dataclass(frozen=True)
class Fix:
    template: str  # the theme's template name, as Jinja loads it
    old: str
    new: str
    count: int  # how often `old` is in the theme's template


FIXES = (
    Fix("base.html",
        'type="checkbox" id="__drawer" autocomplete="off">',
        'type="checkbox" id="__drawer">', 1),
    Fix("base.html",
        'type="checkbox" id="__search" autocomplete="off">',
        'type="checkbox" id="__search">', 1),
)


class FixingLoader(BaseLoader):
    """A loader that hands out another loader's templates with `FIXES` applied."""

    def __init__(self, loader: BaseLoader, fixes: tuple[Fix, ...] = FIXES):
        self.loader, self.fixes = loader, fixes

    def get_source(self, environment: Environment, template: str):
        source, filename, uptodate = self.loader.get_source(environment, template)
        for fix in self.fixes:
            if fix.template == template:
                source = source.replace(fix.old, fix.new)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def fix_theme(env: Environment) -> None:
    """Load the environment's templates with the fixes applied (once per environment)."""
    if env.loader is not None and not isinstance(env.loader, FixingLoader):
        env.loader = FixingLoader(env.loader)
