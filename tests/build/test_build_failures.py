"""What stops a build, and what must not: a citation cache that cannot be written costs
speed, never the build; a citation engine that cannot run stops a build with one message
naming the fix (and warns in a preview, which keeps serving); a site that does not name
the organisation that runs it does not build, for the website is never author or publisher."""

from __future__ import annotations

import json

import pytest

from helpers import FIXTURES, Built, build_site, make_docs
from lessons.outputs import csl


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Each build below is a new process: nothing formatted in memory yet."""
    monkeypatch.setattr(csl, "_MEMO", {})
    monkeypatch.delenv("PYPANDOC_PANDOC", raising=False)


def reference(built: Built, doc_id: str, style: str = "apa") -> str:
    tree = built.html(f"/documenten/{doc_id}/")
    return tree.css_first(f".lessons-cite__{style} .lessons-cite__text").attributes["data-copy"]


def test_a_citation_cache_that_is_a_file_costs_speed_not_the_build(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "citations").write_text("not a folder")
    built = build_site(docs, tmp_path, strict=True)
    assert not built.failed, built.messages
    assert reference(built, "alpha-verslag").startswith("Ministerie van Volksgezondheid")


def test_no_pandoc_stops_a_build_with_one_message_naming_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("PYPANDOC_PANDOC", "/nonexistent/pandoc")
    built = build_site(make_docs(tmp_path, FIXTURES / "corpus"), tmp_path)
    assert built.failed
    said = [m for m in built.messages if "pandoc" in m]
    assert said == ["lessons: citations: pandoc was not found (/nonexistent/pandoc: No such "
                    "file or directory); point PYPANDOC_PANDOC at a working pandoc, or unset "
                    "it to use the one pypandoc-binary ships"]
    assert not any("Traceback" in m for m in built.messages)


def test_a_preview_without_pandoc_warns_and_serves_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("PYPANDOC_PANDOC", "/nonexistent/pandoc")
    built = build_site(make_docs(tmp_path, FIXTURES / "corpus"), tmp_path, command="serve")
    assert not built.failed, built.messages
    assert [m for m in built.messages if "pandoc" in m] == [
        "lessons: citations: pandoc was not found (/nonexistent/pandoc: No such file or "
        "directory); point PYPANDOC_PANDOC at a working pandoc, or unset it to use the one "
        "pypandoc-binary ships"]
    assert reference(built, "alpha-verslag") == (
        "Verwijzing niet beschikbaar (zie de melding van de build).")


def test_a_site_that_names_no_organisation_does_not_build(tmp_path):
    docs = make_docs(tmp_path)
    built = build_site(docs, tmp_path, organisation="")
    assert built.failed
    assert ("lessons: organisation: name the organisation that runs the site, a key of "
            f"{docs}/vocabularies/stakeholders.yml (e.g. `organisation: ministerie-vws` under "
            "`plugins: - lessons:` in mkdocs.yml)") in built.messages


def test_the_publisher_option_names_the_organisation_instead(tmp_path):
    docs = make_docs(tmp_path, FIXTURES / "corpus")
    built = build_site(docs, tmp_path, organisation="", publisher="GGD Voorbeeldstad")
    assert not built.failed, built.messages
    cited = json.loads((built.site / "documenten" / "alpha-verslag" / "citeer.json")
                       .read_text(encoding="utf-8"))[0]
    assert cited["publisher"] == "GGD Voorbeeldstad"
    assert reference(built, "alpha-verslag").startswith("GGD Voorbeeldstad")


def test_a_preview_formats_its_references_once_not_per_pdf(tmp_path, monkeypatch):
    """A preview's pages cite 127.0.0.1, its PDFs the published addresses (plugin.page_pdf):
    both sets are formatted in the one run before the page workers start. Formatted per
    PDF in each worker instead, a preview of 1,000 documents took 150 s to start."""
    from lessons.plugin import LessonsPlugin

    real = csl.pandoc_path()
    log = tmp_path / "ran.log"
    wrapper = tmp_path / "pandoc"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec {real} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(wrapper))
    monkeypatch.setattr(LessonsPlugin, "published_url", "https://lessen.example.org/")
    built = build_site(make_docs(tmp_path, FIXTURES / "corpus"), tmp_path, command="serve",
                       site_url="http://127.0.0.1:8123/")
    assert not built.failed, built.messages
    runs = [line for line in log.read_text().splitlines() if line.startswith("lua ")]
    pdfs = list((built.site / "documenten").rglob("*.pdf"))
    assert len(pdfs) >= 5
    assert 0 < len(runs) <= 2 * len(csl.STYLES), runs
