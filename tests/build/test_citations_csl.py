"""Every reference on a document or lesson page is what citeproc-js (npm "citeproc", the
engine of Zotero and Mendeley) makes of that page's own citeer.json with the same official
style file and the same nl-NL locale file; the copy button copies it and the API gives it.

citeproc-js runs in node (tests/tools/citeproc_reference.cjs); `make test` installs node
and the npm package (`npm ci`)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from helpers import FIXTURES, ROOT, Built, build_site, make_docs
from lessons.outputs import csl

REFERENCE = ROOT / "tests" / "tools" / "citeproc_reference.cjs"


def citeproc_js(items: list[dict]) -> dict[str, dict[str, dict[str, str]]]:
    job = {"styles": {s.key: str(csl.style_path(s)) for s in csl.STYLES},
           "locale": str(csl.locale_path()), "lang": "nl-NL", "items": items}
    done = subprocess.run(["node", str(REFERENCE)], input=json.dumps(job), text=True,
                          capture_output=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def as_shown(html: str) -> tuple[str, list[str]]:
    """A reference as a reader sees it: the text, and what is in italics."""
    tree = LexborHTMLParser(f"<p>{html}</p>")
    return " ".join(tree.body.text().split()), [i.text() for i in tree.css("i, em")]


def compare(site: Path) -> int:
    """Asserts every page's references; returns how many pages it compared."""
    pages = sorted(site.rglob("citeer.json"))
    items = [json.loads(p.read_text(encoding="utf-8"))[0] for p in pages]
    want = citeproc_js(items)
    api = {}
    for name in ("documents", "lessons"):
        for entry in json.loads((site / "api" / f"{name}.json").read_text())[name]:
            api[entry["id"]] = entry["citation"]
    for path, item in zip(pages, items, strict=True):
        tree = LexborHTMLParser((path.parent / "index.html").read_text(encoding="utf-8"))
        labels = [dt.text() for dt in tree.css(".lessons-cite dt")]
        assert labels == [s.label for s in csl.STYLES], path
        for style in csl.STYLES:
            reference = want[style.key][item["id"]]
            dd = tree.css_first(f".lessons-cite__{style.key}")
            shown = dd.css_first(".lessons-cite__text").html
            inner = shown[shown.index(">") + 1:shown.rindex("<")]
            where = f"{path.parent.relative_to(site)} {style.key}"
            assert as_shown(inner) == as_shown(reference["html"]), where
            # What the "Kopieer" button (made by cite.js, so none without JavaScript)
            # copies: the plain text.
            assert dd.css_first(".lessons-cite__text").attributes["data-copy"] == (
                reference["text"]), where
            assert dd.css_first("button") is None
            assert api[item["id"]][style.key] == reference["text"], where
    return len(pages)


# citation-names: persons the name parser must take apart right (McDonald, O'Neill,
# IJsbrand, Yılmaz, a hyphenated given name, "Family, Given", titles) next to a group
# cited whole, and elisions in a title ("'s-Hertogenbosch", "'90").
@pytest.mark.parametrize("corpus", ["corpus", "follow-up-outputs", "citation-names"])
def test_fixture_corpus_references_equal_citeproc_js(tmp_path, corpus):
    built: Built = build_site(make_docs(tmp_path, FIXTURES / corpus), tmp_path)
    assert not built.failed, built.messages
    assert compare(built.site) >= (3 if corpus == "citation-names" else 8)


def test_project_content_references_equal_citeproc_js(tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT,
                   check=True)
    assert compare(site) == 15  # 4 documents and their 11 lessons


def told(built: Built, formatted: int, cached: int) -> bool:
    """The build's message "citations: 1 formatted, 7 from the cache (0.3 s)"."""
    start = f"lessons: citations: {formatted} formatted, {cached} from the cache ("
    return any(m.startswith(start) for m in built.messages)


def test_citations_are_cached_by_content(tmp_path):
    """A second build formats nothing; an edited title formats that item again."""
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    cache = tmp_path / "cache" / "citations"
    csl._MEMO.clear()  # each build below is a new process, with nothing in memory
    first = build_site(docs, tmp_path, level=logging.INFO)
    entries = set(cache.rglob("*.json"))
    assert told(first, 8, 0)
    csl._MEMO.clear()
    second = build_site(docs, tmp_path, level=logging.INFO)
    assert told(second, 0, 8)
    assert set(cache.rglob("*.json")) == entries
    path = next(docs.rglob("d.md"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Delta paper", "title: Delta paper herzien"), encoding="utf-8")
    csl._MEMO.clear()
    third = build_site(docs, tmp_path, level=logging.INFO)
    assert told(third, 1, 7)
    assert len(set(cache.rglob("*.json")) - entries) == 1
    page = (tmp_path / "site" / "documenten" / "delta-paper" / "index.html").read_text()
    assert "Delta paper herzien" in page


def test_the_styles_are_the_official_files():
    """The files of the CSL styles repository (by their ids), and the NTvG alias resolved
    to the parent it names."""
    ids = {}
    for style in csl.STYLES:
        text = csl.style_path(style).read_text(encoding="utf-8")
        ids[style.key] = text.split("<id>", 1)[1].split("</id>", 1)[0]
    assert ids == {"vancouver": "http://www.zotero.org/styles/nlm-citation-sequence",
                   "apa": "http://www.zotero.org/styles/apa",
                   "ntvg": "http://www.zotero.org/styles/nlm-citation-sequence-superscript"}
    alias = (csl.styles_folder() / csl.STYLES[2].file).read_text(encoding="utf-8")
    assert "<issn>0028-2162</issn>" in alias  # Nederlands Tijdschrift voor Geneeskunde
    assert csl.locale_path().name == "locales-nl-NL.xml"
