"""Shared helpers: build a site from a fixture corpus with the project's real configuration."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, PluginError
from selectolax.lexbor import LexborHTMLParser as HTMLParser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Built:
    site: Path
    messages: list[str]
    failed: bool

    def html(self, url: str) -> HTMLParser:
        path = self.site / url.strip("/") / "index.html" if not url.endswith(".html") else (
            self.site / url.strip("/"))
        return HTMLParser(path.read_text(encoding="utf-8"))

    def exists(self, url: str) -> bool:
        return (self.site / url.strip("/") / "index.html").exists()

    def search_records(self) -> list[dict]:
        """What the pagefind index holds per page: url, content, meta and filters."""
        records = []
        for path in sorted((self.site / "pagefind" / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            records.append(json.loads(data.removeprefix(b"pagefind_dcd")))
        return records


def make_docs(tmp_path: Path, corpus: Path | None = None) -> Path:
    """A docs dir with the project's vocabularies and pages plus a fixture corpus."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "content" / "vocabularies", docs / "vocabularies")
    for page in ("index.md", "over.md", "toegankelijkheid.md"):
        shutil.copy(ROOT / "content" / page, docs / page)
    if corpus:
        shutil.copytree(corpus, docs / "documenten", dirs_exist_ok=True)
    (docs / "documenten").mkdir(exist_ok=True)
    return docs


class _Collect(logging.Handler):
    def __init__(self, level: int = logging.WARNING):
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(docs: Path, tmp_path: Path, *, strict: bool = False,
               site_url: str | None = None, features: tuple[str, ...] = (),
               config_file: Path = ROOT / "mkdocs.yml", level: int = logging.WARNING,
               command: str = "build", **options) -> Built:
    """Build like `mkdocs build`; warnings and the failure message are collected.
    `features` are mkdocs-material features switched on in addition to the project's;
    `config_file` decides the project folder (originals are read from its sources/);
    `command="serve"` builds as a preview server does (problems warn)."""
    site = tmp_path / "site"
    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site),
                         strict=strict, **overrides)
    config.theme["features"] = [*config.theme["features"], *features]
    # Each test gets its own render cache, so no test sees another's entries.
    options.setdefault("cache_dir", str(tmp_path / "cache"))
    # The project's manifest lists the project's content, not a fixture corpus.
    options.setdefault("manifest", "")
    for key, value in options.items():
        config.plugins["lessons"].config[key] = value
    handler = _Collect(level)  # `level`: the least severe messages collected
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    was = logger.level
    if logger.getEffectiveLevel() > level:
        logger.setLevel(level)
    failed = False
    try:
        config.plugins.on_startup(command=command, dirty=False)
        build(config)
    except (Abort, BuildError, PluginError) as err:
        failed = True
        handler.messages.append(str(err))
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(handler)
        logger.setLevel(was)
    return Built(site, handler.messages, failed)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by site path, to compare two builds. The search index is
    pagefind's (its file names differ between runs of the same input); the gzipped sitemap
    carries the time it was written."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.parts and p.suffix != ".gz"}
