"""Valid HTML by the W3C Nu HTML Checker (vnu-jar, on Debian's Java): every page the build
writes, of the project's own site and of both browser fixture sites, and every page type as
the browser holds it once its scripts ran (the search page after a search). One checker run
for all of them: the JVM takes seconds to start."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from evaluation import record
from page_types import AXE_WIDTHS, BY_NAME, PAGE_TYPES

from helpers import ROOT, build_site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITES = ("project", "corpus", "follow-up")
FAILING = {"error", "non-document-error"}  # vnu's "info" messages (warnings) do not fail
DOM_WIDTH = AXE_WIDTHS[-1]
# A page with one known error, checked with the rest: a checker that checked nothing fails.
SENTINEL = ('<!doctype html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>Proef'
            '</title></head>\n<body><span aria-label="proef">x</span></body>\n</html>\n')
SHOWN = 30  # lines of a failure message; the count of each message comes first


@dataclass
class Report:
    sites: dict[str, Path]  # site name: its folder
    pages: dict[str, list[Path]]  # site name: every HTML file the build wrote
    doms: dict[str, Path]  # page type: the DOM the browser held, saved
    errors: dict[Path, list[str]]  # file: "line: message [extract]"


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test`, which installs Debian's Java "
                    "(or: sudo apt-get install default-jre-headless)")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make test`, which installs the Nu HTML Checker "
                    "from npm (or: npm ci)")
    return [java, "-jar", str(VNU), "--format", "json", "--stdout"]


@pytest.fixture(scope="session")
def project_site(tmp_path_factory):
    """The project's own site, built from content/ as `make site` builds it."""
    tmp = tmp_path_factory.mktemp("project-site")
    built = build_site(ROOT / "content", tmp, strict=True)
    assert not built.failed, built.messages
    return built


@pytest.fixture(scope="session")
def report(project_site, built_site, follow_up_built_site, visits, tmp_path_factory):
    command = _checker()
    sites = {"project": project_site.site, "corpus": built_site.site,
             "follow-up": follow_up_built_site.site}
    pages = {name: sorted(p.resolve() for p in folder.rglob("*.html"))
             for name, folder in sites.items()}
    folder = tmp_path_factory.mktemp("dom")
    doms = {}
    for page_type in PAGE_TYPES:
        doms[page_type.name] = (folder / f"{page_type.name}.html").resolve()
        doms[page_type.name].write_text(visits(page_type, DOM_WIDTH).dom, encoding="utf-8")
    sentinel = (folder / "sentinel.html").resolve()
    sentinel.write_text(SENTINEL, encoding="utf-8")
    files = [*(p for ps in pages.values() for p in ps), *doms.values(), sentinel]
    run = subprocess.run([*command, *map(str, files)], capture_output=True, text=True)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no report (exit {run.returncode}): "
                    f"{run.stderr[-2000:]}")
    errors: dict[Path, list[str]] = {}
    for message in messages:
        if message["type"] not in FAILING:
            continue
        path = Path(os.path.normpath(unquote(urlsplit(message.get("url", "")).path)))
        extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()[:120]
        errors.setdefault(path, []).append(
            f"{message.get('lastLine', '?')}: {message['message']} [{extract}]")
    unknown = set(errors) - set(files)
    assert not unknown, f"the checker reported on files it was not given: {unknown}"
    assert errors.pop(sentinel, None), "the Nu HTML Checker found no error in a wrong page"
    return Report(sites, pages, doms, errors)


def _summary(problems: list[str]) -> str:
    counts = Counter(re.sub(r"^\S+:\d+: |^\S+: ", "", p).split(" [")[0] for p in problems)
    head = [f"{n}x {message}" for message, n in counts.most_common()]
    lines = problems[:SHOWN] + ([f"... and {len(problems) - SHOWN} more"]
                                if len(problems) > SHOWN else [])
    return "\n".join([*head, "", *lines])


@pytest.mark.parametrize("site", SITES)
def test_every_page_the_build_writes_is_valid_html(report, site):
    root = report.sites[site].resolve()
    problems = [f"{path.relative_to(root)}:{error}"
                for path in report.pages[site] for error in report.errors.get(path, [])]
    record("vnu", f"all-pages-{site}", None, problems)
    assert report.pages[site], f"the {site} site has no pages"
    assert not problems, (f"{len(problems)} errors in the {len(report.pages[site])} pages of "
                          f"the {site} site ({root}):\n" + _summary(problems))


@pytest.mark.parametrize("name", list(BY_NAME))
def test_each_page_type_is_valid_html_as_the_browser_holds_it(report, visits, name):
    """The DOM once the page's scripts ran: the search page with its results and facets,
    the lesson card, the theme's own additions."""
    problems = report.errors.get(report.doms[name], [])
    record("vnu", name, None, problems)
    assert not problems, (f"{visits.url(BY_NAME[name])} as the browser holds it at "
                          f"{DOM_WIDTH} px (saved as {report.doms[name]}):\n"
                          + _summary(problems))
