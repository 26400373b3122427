"""The site's look (huisstijl): design tokens to the one stylesheet visitors download.

A site chooses a basis and may override its tokens (mkdocs.yml, `huisstijl:` under the
lessons plugin):

- `rijkshuisstijl`: the Rijkshuisstijl community's design tokens
  (@rijkshuisstijl-community/design-tokens). The Rijkshuisstijl may only be used by central
  government (a ministry such as VWS, an agency such as RIVM).
- `nl-design-system`: a neutral NL Design System look; a GGD or a regional partnership sets
  its own colours and font stack as tokens.

`stylesheet()` writes one CSS file: the tokens the frame's CSS (huisstijl.css beside this
module) and the components it uses refer to, the component rules it uses (from
@rijkshuisstijl-community/components-css, 350 KB of which the site needs a few), and the
frame's CSS. Nothing is loaded from another host; fonts are the visitor's own.

Every token is checked before it reaches CSS: a colour is a hex colour, a font a plain
family name, so no value can close a rule and add its own. Colour pairs a visitor reads
(text on the header band, links on white) must reach WCAG's contrast ratios.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from .card import NEUTRAL, CardStyle

BASES = ("rijkshuisstijl", "nl-design-system")
TOKENS_CSS = "@rijkshuisstijl-community/design-tokens/dist/index.css"
COMPONENTS_CSS = "@rijkshuisstijl-community/components-css/dist/index.css"
FRAME_CSS = Path(__file__).with_name("huisstijl.css")
# The components the frame uses: a rule goes in when each of its selectors is about one.
COMPONENTS = (".utrecht-breadcrumb-nav",)
# ... but not their variants the site does not use.
LEFT_OUT = ("--arrows", ".rhc-margin-block-end-wrapper")

COLOUR = "colour"
FONT = "font"


@dataclass(frozen=True)
class Token:
    kind: str  # COLOUR or FONT
    meaning: str  # what it colours, in the error messages


# The frame's tokens (CSS: --huisstijl-<name with hyphens>), what a site may set.
TOKENS: dict[str, Token] = {
    "primary": Token(COLOUR, "the header band"),
    "primary_text": Token(COLOUR, "text on the header band"),
    "link": Token(COLOUR, "links"),
    "link_hover": Token(COLOUR, "links under the pointer"),
    "text": Token(COLOUR, "body text"),
    "text_subtle": Token(COLOUR, "secondary text (dates, breadcrumb separators)"),
    "surface": Token(COLOUR, "panels behind text (a document's details, notices, states)"),
    "bar": Token(COLOUR, "the organisation's bar above the header band"),
    "bar_text": Token(COLOUR, "the organisation's name in that bar"),
    "footer_background": Token(COLOUR, "the footer"),
    "footer_text": Token(COLOUR, "text and links in the footer"),
    "focus": Token(COLOUR, "the focus outline on white"),
    "focus_inverse": Token(COLOUR, "the focus outline on the header band and footer"),
    "font_family": Token(FONT, "the font stack"),
}

WHITE = "#ffffff"
# The landscape's darkest cell: the primary colour at 55% over white (lessons.css
# .lessons-heat-4), with its count in the text colour on it.
HEAT_DARKEST = ("primary", 0.55)
# (foreground, background, least ratio, why): WCAG 1.4.3 text 4.5:1, 1.4.11 outlines 3:1.
# Every background a token is drawn on is here: a new one in the CSS needs its pair.
PAIRS = (
    ("primary_text", "primary", 4.5, "text on the header band"),
    ("link", WHITE, 4.5, "links on white"),
    ("link_hover", WHITE, 4.5, "links under the pointer on white"),
    ("text", WHITE, 4.5, "text on white"),
    ("text_subtle", WHITE, 4.5, "secondary text on white"),
    ("link", "surface", 4.5, "links on the panels (a document's details)"),
    ("text", "surface", 4.5, "text on the panels"),
    ("text_subtle", "surface", 4.5, "secondary text on the panels"),
    ("text", HEAT_DARKEST, 4.5, "counts in the landscape's darkest cells (primary at 55%)"),
    ("bar_text", "bar", 4.5, "the organisation's name on its bar (and the skip link)"),
    ("footer_text", "footer_background", 4.5, "footer text on the footer"),
    ("focus", WHITE, 3.0, "the focus outline on white"),
    ("focus", "surface", 3.0, "the focus outline on the panels"),
    ("focus", "bar", 3.0, "the focus outline on the organisation's bar"),
    ("focus_inverse", "primary", 3.0, "the focus outline on the header band"),
    ("focus_inverse", "footer_background", 3.0, "the focus outline on the footer"),
)

# Each basis: token -> CSS value. The Rijkshuisstijl's refer to its design tokens.
BASIS_TOKENS: dict[str, dict[str, str]] = {
    "rijkshuisstijl": {
        "primary": "var(--rhc-color-lintblauw-500)",
        "primary_text": "var(--rhc-color-foreground-on-dark-color)",
        "link": "var(--rhc-color-foreground-link)",
        "link_hover": "var(--utrecht-link-hover-color)",
        "text": "var(--rhc-color-foreground-default)",
        "text_subtle": "var(--rhc-color-foreground-subtle)",
        "surface": "var(--rhc-color-cool-grey-100)",
        "bar": "var(--rhc-color-wit)",
        "bar_text": "var(--rhc-color-lintblauw-500)",
        "footer_background": "var(--utrecht-page-footer-background-color)",
        "footer_text": "var(--utrecht-page-footer-color)",
        "focus": "var(--rhc-focus-outline-color)",
        "focus_inverse": "var(--rhc-focus-inverse-outline-color)",
        "font_family": "var(--rhc-text-font-family-default)",
    },
    "nl-design-system": {
        "primary": "#2d3a45",
        "primary_text": "#ffffff",
        "link": "#0b57a4",
        "link_hover": "#083b6e",
        "text": "#1a1a1a",
        "text_subtle": "#4a5560",
        "surface": "#f3f6f9",
        "bar": "#ffffff",
        "bar_text": "#2d3a45",
        "footer_background": "#2d3a45",
        "footer_text": "#ffffff",
        "focus": "#000000",
        "focus_inverse": "#ffffff",
        "font_family": 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    },
}

# Without the Rijkshuisstijl's tokens, the components get theirs from the site's.
COMPONENT_TOKENS = {
    "--utrecht-breadcrumb-nav-link-color": "var(--huisstijl-link)",
    "--utrecht-breadcrumb-nav-link-hover-color": "var(--huisstijl-link-hover)",
    "--utrecht-breadcrumb-nav-link-active-color": "var(--huisstijl-link-hover)",
    "--utrecht-breadcrumb-nav-link-focus-color": "var(--huisstijl-link)",
    "--utrecht-breadcrumb-nav-separator-color": "var(--huisstijl-text-subtle)",
    "--utrecht-breadcrumb-nav-link-text-decoration": "underline",
    "--utrecht-breadcrumb-nav-min-block-size": "2.75rem",
    "--utrecht-breadcrumb-nav-item-padding-block-start": "0.5rem",
    "--utrecht-breadcrumb-nav-item-padding-block-end": "0.5rem",
    "--utrecht-breadcrumb-nav-item-padding-inline-start": "0.5rem",
    "--utrecht-breadcrumb-nav-item-padding-inline-end": "0.5rem",
    "--utrecht-breadcrumb-nav-item-first-padding-inline-start": "0",
    "--rhc-breadcrumb-nav-link-current-color": "var(--huisstijl-text)",
}

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 \-]{0,60}")
_GENERIC = {"serif", "sans-serif", "monospace", "system-ui", "cursive", "fantasy",
            "ui-sans-serif", "ui-serif", "ui-monospace", "-apple-system"}
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


class HuisstijlError(ValueError):
    """A setting that cannot be used: `field` is its place under `huisstijl:`."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Look:
    basis: str
    values: dict[str, str]  # token -> CSS value (a hex colour, a font stack or a var())


def choose(basis: str, tokens: Mapping[str, object] | None,
           design_tokens: Mapping[str, str] | None = None) -> Look:
    """The look of a site: its basis with its own tokens over it, checked. Raises
    HuisstijlError naming the setting and the fix. `design_tokens`: the Rijkshuisstijl's
    (read_tokens), to check the contrast of the values that refer to them."""
    if basis not in BASES:
        raise HuisstijlError("basis", f"unknown basis '{basis}'; choose one of "
                             f"{', '.join(BASES)} (the Rijkshuisstijl only for central "
                             "government)")
    if tokens is not None and not isinstance(tokens, Mapping):
        raise HuisstijlError("tokens", "give the tokens as names with values, e.g. "
                             "`tokens: {primary: '#00589c'}`")
    values = dict(BASIS_TOKENS[basis])
    for name, value in (tokens or {}).items():
        values[str(name)] = _checked(str(name), value)
    _check_contrast(values, design_tokens or {})
    return Look(basis, values)


def _checked(name: str, value: object) -> str:
    token = TOKENS.get(name)
    field = f"tokens: {name}"
    if token is None:
        raise HuisstijlError(field, f"unknown token; the tokens are {', '.join(TOKENS)}")
    if value is None:  # `primary: #00589c` unquoted: YAML reads a comment, no value
        raise HuisstijlError(field, "no value; in YAML a # starts a comment, so put the "
                             "value in quotes, e.g. '#154273'")
    if token.kind == COLOUR:
        if not isinstance(value, str) or not _HEX.fullmatch(value.strip()):
            raise HuisstijlError(field, f"{value!r} is not a colour; write a hex colour in "
                                 "quotes, e.g. '#154273'")
        return value.strip().lower()
    families = value if isinstance(value, list) else str(value).split(",")
    out = []
    for family in families:
        family = str(family).strip().strip("'\"").strip()
        if not _FAMILY.fullmatch(family):
            raise HuisstijlError(field, f"{family!r} is not a font name; give font names of "
                                 "letters, digits, spaces and hyphens, separated by commas, "
                                 "e.g. 'Open Sans, Arial, sans-serif'")
        out.append(family if family in _GENERIC else f'"{family}"')
    if out[-1] not in _GENERIC:
        out.append("sans-serif")  # whatever the visitor has, the text is readable
    return ", ".join(out)


def _check_contrast(values: Mapping[str, str], design_tokens: Mapping[str, str]) -> None:
    for front, back, least, what in PAIRS:
        fg = _resolve(values.get(front, front), values, design_tokens)
        if isinstance(back, tuple):  # a token's colour mixed with white
            under, share = back
            base = _resolve(values.get(under, under), values, design_tokens)
            bg = _mix(base, share) if base else None
            back = under
        else:
            bg = _resolve(values.get(back, back), values, design_tokens)
        if fg is None or bg is None:
            continue  # a design token we cannot resolve: the basis's own, checked upstream
        found = contrast(fg, bg)
        if found < least:
            blame = front if back == WHITE or front not in TOKENS else f"{front} / {back}"
            raise HuisstijlError(
                f"tokens: {blame}", f"{what}: {fg} on {bg} has a contrast of {_down(found)}:1; "
                f"WCAG asks at least {least:g}:1: choose a darker or lighter colour")


def _resolve(value: str, values: Mapping[str, str],
             design_tokens: Mapping[str, str]) -> str | None:
    for _ in range(20):  # var() chains are short; a loop is a broken token file
        if _HEX.fullmatch(value):
            return value.lower()
        found = _VAR.match(value)
        if not found:
            return None
        value = design_tokens.get(found.group(1), "")
    return None


def card_style(look: Look, design_tokens: Mapping[str, str] | None = None) -> CardStyle:
    """The lesson card's colours in hex (its styles are inline: no var() there)."""
    def hex_of(name: str, fallback: str) -> str:
        value = look.values.get(name, "")
        return _resolve(value, look.values, design_tokens or {}) or fallback
    return CardStyle(hex_of("primary", NEUTRAL.accent), hex_of("surface", NEUTRAL.surface),
                     hex_of("text", NEUTRAL.text))


def _down(ratio: float) -> str:
    """Rounded down: 4.46:1 reads 4.4:1, never the 4.5:1 it falls short of."""
    return f"{int(ratio * 10) / 10:.1f}"


def _mix(colour: str, share: float) -> str:
    """`colour` at `share` over white, as CSS color-mix(in srgb, colour share%, #fff)."""
    digits = _expand(colour)
    channels = [int(digits[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c * share + 255 * (1 - share)):02x}" for c in channels)


def _expand(colour: str) -> str:
    digits = colour.lstrip("#")
    return "".join(c * 2 for c in digits) if len(digits) == 3 else digits


def contrast(one: str, other: str) -> float:
    """WCAG 2.1 contrast ratio of two hex colours."""
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(colour: str) -> float:
    digits = _expand(colour)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def read_tokens(css: str) -> dict[str, str]:
    """The custom properties of the design tokens' stylesheet, by name, in file order."""
    found: dict[str, str] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                   skip_whitespace=True):
            if decl.type == "declaration" and decl.name.startswith("--"):
                found[decl.name] = tinycss2.serialize(decl.value).strip()
    return found


def used_components(css: str, components: Iterable[str] = COMPONENTS) -> str:
    """The component rules the frame uses, as they are in the components' stylesheet."""
    kept = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        if all(s.startswith(tuple(components)) and not any(x in s for x in LEFT_OUT)
               for s in selectors):
            kept.append(rule.serialize())
    return "\n".join(kept)


def stylesheet(look: Look, node_modules: Path,
               design_tokens: Mapping[str, str] | None = None) -> str:
    """The site's stylesheet (assets/huisstijl.css). `design_tokens`: the Rijkshuisstijl's,
    when the caller has read them already (read_tokens). Raises FileNotFoundError naming
    the npm package's file when node_modules lacks it."""
    components = used_components(_read(node_modules / COMPONENTS_CSS))
    frame = FRAME_CSS.read_text(encoding="utf-8")
    own = {f"--huisstijl-{name.replace('_', '-')}": value
           for name, value in look.values.items()}
    if look.basis == "rijkshuisstijl":
        design = dict(design_tokens) if design_tokens is not None \
            else read_tokens(_read(node_modules / TOKENS_CSS))
    else:
        design = {}
        own.update(COMPONENT_TOKENS)
    needed = _referenced([*own.values(), components, frame], design)
    lines = [f"  {name}: {value};" for name, value in design.items() if name in needed]
    lines += [f"  {name}: {value};" for name, value in own.items()]
    source = ("Rijkshuisstijl (@rijkshuisstijl-community/design-tokens), for central "
              "government only" if look.basis == "rijkshuisstijl"
              else "NL Design System, the site's own tokens")
    return (f"/* The site's look: {source}. Made by the lessons plugin (outputs/huisstijl.py);"
            " do not edit. */\n:root {\n" + "\n".join(lines) + "\n}\n"
            "/* @rijkshuisstijl-community/components-css (EUPL-1.2), the rules used here. */\n"
            + components + "\n" + frame)


def find_node_modules(project: Path, name: str = "node_modules") -> Path:
    """Where the npm packages are: `name` beside mkdocs.yml or in a folder above it (as
    Node looks), else in the checkout this package runs from (a site kept in a folder of
    its own); `project`/`name` when none has them, so the error names that. A folder of
    another name (the plugin's `node_modules` option) is the only place looked in."""
    wanted = Path(COMPONENTS_CSS)
    places = [project / name]
    if name == "node_modules":
        places += [*(folder / name for folder in project.parents),
                   Path(__file__).resolve().parents[3] / name]
    for place in places:
        if (place / wanted).is_file():
            return place
    return project / name


def _read(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(path)
    return path.read_text(encoding="utf-8")


def _referenced(texts: Iterable[str], design: Mapping[str, str]) -> set[str]:
    """Every design token the texts refer to, and the tokens those refer to."""
    todo = [name for text in texts for name in _VAR.findall(text)]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo.extend(_VAR.findall(design.get(name, "")))
    return seen
