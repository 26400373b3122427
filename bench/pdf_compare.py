"""WeasyPrint against Typst for the document PDFs: speed per document and accessibility.

Both engines print the same content: each seed document of content/ and one long document
(every seed body five times over, about 50 pages), with the same title block, metadata,
citation, permanent address and lessons (outputs/pdf.py's Printable). Typst gets it
through the print template (outputs/pdf.typ); WeasyPrint gets the page's own sanitized
HTML with a print style sheet, as PDF/UA-1 (`pdf_variant="pdf/ua-1"`).

Measured:
  cold   a fresh Python process: import the engine and make the first PDF
  warm   the median time per document after that (each document made `--repeat` times)
  check  pdfua (the machine-checkable subset of PDF/UA-1, on pikepdf) and our own checks:
         tagged (StructTreeRoot, MarkInfo/Marked), /Lang, title with DisplayDocTitle,
         PDF/UA identification in the XMP, every font embedded, H1 tagged

With --corpus N it also builds the site of bench/generate.py's N documents (in this
process, the build's own workers) four times and reports what the PDFs cost per PDF:
(the fastest of --repeat rounds, since other work on the machine only adds time)
  baseline  a build with a warm render cache and the PDFs switched off
  cold      the same build making every PDF (empty PDF cache)
  warm      the same build again (every PDF from the cache)
  one       the build after one document changed (one PDF made)

    PYTHONPATH=plugins python bench/pdf_compare.py [--repeat 3] [--out /tmp/pdf-compare]
    PYTHONPATH=plugins python bench/pdf_compare.py --corpus 1000
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://lessen.example.org/"

CSS = """
@page { size: A4; margin: 2cm 2.2cm 2.2cm;
  @bottom-left { content: string(site); font-size: 8.5pt; color: #555; }
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages);
                  font-size: 8.5pt; color: #555; } }
body { font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.35; }
.kicker { string-set: site content(); font-size: 9pt; color: #444; }
h1 { font-size: 18pt; } h2 { font-size: 13.5pt; } h3 { font-size: 11.5pt; }
.cite { border: 0.5pt solid #999; padding: 8pt; font-size: 9pt; }
.lessons-redaction { background: #e1e1e1; }
table { border-collapse: collapse; } td, th { border: 0.5pt solid #aaa; padding: 4pt; }
"""


def documents():
    """(document, published body HTML) of the seed documents and the long one."""
    sys.path.insert(0, str(ROOT / "plugins"))
    import dataclasses

    from lessons import project as projects
    from lessons import sanitize
    from lessons.cli import _collection
    from lessons.privacy import allowed_values
    from lessons.render import BodyRenderer

    names, options = projects.markdown_extensions(ROOT / projects.CONFIG)
    renderer = BodyRenderer(names, options)
    docs = sorted(_collection(ROOT).documents, key=lambda d: d.id)
    out = []
    for doc in docs:
        body = renderer.html(doc.body)
        cleaned, _ = sanitize.publish(doc.path, body, doc.body, doc.body_line,
                                      allowed_values(doc))
        out.append((doc, cleaned))
    long = dataclasses.replace(docs[0], id="lang-document", title="Een lang document",
                               lessons=[les for d in docs for les in d.lessons])
    out.append((long, "".join(body for _, body in out) * 5))
    return out


def printables():
    from lessons.collect import load_vocabularies
    from lessons.issuer import Organisation
    from lessons.outputs import pdf
    from lessons.outputs.helpers import TemplateHelpers

    vocabs = load_vocabularies(ROOT / "content" / "vocabularies")
    own = Organisation.of(vocabs.stakeholders.resolve("ministerie-vws"), vocabs.stakeholders)
    helpers = TemplateHelpers(vocabs, None, SITE_URL, own, "Lessen uit de praktijk")
    out = []
    for doc, body in documents():
        labels = [vocabs.stakeholders.terms[k].label for k in doc.stakeholders
                  if k in vocabs.stakeholders.terms]
        printable = pdf.document_printable(doc, body, helpers.cite(doc), helpers.issuer(doc),
                                           "Lessen uit de praktijk",
                                           helpers.theme_labels(doc.themes), labels)
        out.append((doc.id, printable, body))
    return out


def weasy_html(printable, body: str) -> str:
    e = html.escape
    meta = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in printable.meta)
    cites = "".join(f"<p><strong>{e(s)}</strong>: {e(t)}</p>" for s, t in printable.citations)
    lessons = "".join(f"<li><p><strong>{e(les['statement'])}</strong></p>"
                      f"<p>{e(les['explanation'])}</p></li>" for les in printable.lessons)
    return (f'<!doctype html><html lang="{e(printable.lang)}"><head><meta charset="utf-8">'
            f"<title>{e(printable.title)}</title><style>{CSS}</style></head><body>"
            f'<p class="kicker">{e(printable.kicker)}</p><h1>{e(printable.title)}</h1>'
            f"<p>{e(printable.summary)}</p><dl>{meta}</dl>"
            f'<section class="cite"><h2>Citeren</h2>{cites}<p><strong>Permanent adres</strong>:'
            f' <a href="{e(printable.url)}">{e(printable.url)}</a></p></section>'
            f"{body}<h2>Lessen</h2><ol>{lessons}</ol></body></html>")


def make(engine: str, printable, body: str) -> bytes:
    if engine == "typst":
        from lessons.outputs import pdf

        return pdf.PdfMaker(None, ROOT / "content").compile(printable)
    import weasyprint

    return weasyprint.HTML(string=weasy_html(printable, body),
                           base_url=SITE_URL).write_pdf(pdf_variant="pdf/ua-1")


def check(data: bytes) -> dict:
    """What a PDF/UA reader needs, checked with pikepdf; and pdfua's findings."""
    import io

    import pdfua
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    fonts, embedded = 0, 0
    for page in pdf.pages:
        for font in _fonts(page):
            fonts += 1
            embedded += _embedded(font)
    xmp = pdf.open_metadata()
    kinds = set()
    if "/StructTreeRoot" in root:
        _kinds(root.StructTreeRoot, kinds, 0)
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(data)
        file.flush()
        report = pdfua.validate(file.name)
    return {
        "pages": len(pdf.pages),
        "tagged": "/StructTreeRoot" in root and bool(root.get("/MarkInfo", {}).get("/Marked")),
        "lang": str(root.get("/Lang", "")),
        "title": str(pdf.docinfo.get("/Title", "")) or xmp.get("dc:title", ""),
        "display_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "pdfua_xmp": "pdfuaid:part" in str(xmp) or bool(xmp.get("pdfuaid:part")),
        "fonts_embedded": f"{embedded}/{fonts}",
        "H1": "/H1" in kinds, "L": "/L" in kinds, "Table": "/Table" in kinds,
        "pdfua_findings": sorted({f"{f.rule_id} ({f.severity.name.lower()})"
                                  for f in report.findings}),
        "pdfua_not_evaluated": sorted(getattr(s, "rule_id", str(s)) for s in report.skipped),
    }


def _fonts(page):
    resources = page.obj.get("/Resources", {})
    seen = []

    def walk(res, depth=0):
        if depth > 5:
            return
        for font in res.get("/Font", {}).values():
            seen.append(font)
        for xobject in res.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                walk(xobject.Resources, depth + 1)
    walk(resources)
    return seen


def _embedded(font) -> int:
    fonts = [font] + list(font.get("/DescendantFonts", []))
    for f in fonts:
        descriptor = f.get("/FontDescriptor")
        if descriptor is not None and any(k in descriptor
                                          for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return 1
    return 1 if font.get("/Subtype") == "/Type3" else 0


def _kinds(node, out: set, depth: int) -> None:
    if depth > 200:
        return
    if isinstance(node, dict) or hasattr(node, "get"):
        try:
            kind = node.get("/S")
        except Exception:
            kind = None
        if kind is not None:
            out.add(str(kind))
        kids = node.get("/K") if hasattr(node, "get") else None
        if kids is None:
            return
        import pikepdf
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in items:
            if isinstance(kid, pikepdf.Dictionary):
                _kinds(kid, out, depth + 1)


def cold(engine: str) -> float:
    """Seconds for a fresh process to import the engine and print the first document."""
    code = ("import sys,time; sys.path.insert(0, 'bench'); sys.path.insert(0, 'plugins');"
            "import pdf_compare as c; p = c.printables()[0]; t = time.perf_counter();"
            f"c.make({engine!r}, p[1], p[2]); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def corpus_cost(n: int, out: Path, rounds: int = 2) -> dict:
    """Wall-clock seconds of whole builds of an n-document corpus with and without PDFs."""
    import logging
    import shutil

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import document_path, generate
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from preview import add_to_body
    from run import mkdocs_config

    from lessons.plugin import LessonsPlugin

    home = out / f"corpus-{n}"
    docs, project, site = home / "docs", home / "project", home / "site"
    generate(n, docs)
    config_file = mkdocs_config(project, docs, site)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    counts: list[str] = []

    class Count(logging.Handler):
        def emit(self, record):
            if " PDFs: " in record.getMessage():
                counts.append(record.getMessage())

    logging.getLogger("mkdocs").addHandler(Count(logging.INFO))
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    def timed(pdfs: bool) -> float:
        original = LessonsPlugin.page_pdf
        if not pdfs:
            LessonsPlugin.page_pdf = lambda self, *args: None  # type: ignore[method-assign]
        try:
            config = load_config(str(config_file))
            config.plugins["lessons"].config["manifest"] = ""
            config.plugins.on_startup(command="build", dirty=False)
            started = time.perf_counter()
            build(config)
            config.plugins.on_shutdown()
            return time.perf_counter() - started
        finally:
            LessonsPlugin.page_pdf = original

    timed(False)  # fills the render cache: every timed build converts no Markdown
    # Other work on the machine only ever adds time: the fastest of `rounds` builds.
    runs: dict[str, list[float]] = {"baseline": [], "cold": [], "warm": [], "one": []}
    for round_ in range(rounds):
        runs["baseline"].append(timed(False))
        shutil.rmtree(project / ".cache" / "lessons" / "pdf", ignore_errors=True)
        runs["cold"].append(timed(True))
        runs["warm"].append(timed(True))
        add_to_body(document_path(docs, n // 2), f"eenwijziging{round_}")
        runs["one"].append(timed(True))
    result = {name: min(times) for name, times in runs.items()}
    pdfs = int(counts[0].split()[1]) if counts else 0
    return {"documents": n, "pdfs": pdfs, "rounds": rounds,
            "builds_s": {k: [round(v, 2) for v in times] for k, times in runs.items()},
            "pdf_counts": [c.removeprefix("lessons: ") for c in counts],
            "cold_ms_per_pdf": round(1000 * (result["cold"] - result["baseline"]) / pdfs, 1),
            "warm_ms_per_pdf": round(1000 * (result["warm"] - result["baseline"]) / pdfs, 2),
            "one_change_extra_s": round(result["one"] - result["baseline"], 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/pdf-compare"))
    parser.add_argument("--corpus", type=int, default=0,
                        help="also measure whole builds of a generated corpus of N documents")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.corpus:
        print(json.dumps(corpus_cost(args.corpus, args.out, args.repeat), indent=1))
        return 0
    items = printables()
    results = {}
    for engine in ("typst", "weasyprint"):
        first = cold(engine)
        make(engine, *items[0][1:])  # warm up this process
        rows = {}
        for doc_id, printable, body in items:
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                data = make(engine, printable, body)
                times.append(time.perf_counter() - started)
            (args.out / f"{engine}-{doc_id}.pdf").write_bytes(data)
            rows[doc_id] = {"seconds": round(statistics.median(times), 4),
                            "kB": round(len(data) / 1000), **check(data)}
        results[engine] = {"cold_first_document_s": round(first, 3), "documents": rows}
    print(json.dumps(results, indent=1, ensure_ascii=False))
    print()
    print(f"{'engine':<11} {'cold 1st':>8}  " + "  ".join(f"{d[:14]:>14}" for d, *_ in items))
    for engine, found in results.items():
        print(f"{engine:<11} {found['cold_first_document_s']:>7.2f}s  " + "  ".join(
            f"{row['seconds']:>9.3f}s {row['pages']:>3}p"
            for row in found["documents"].values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
