"""Differential check and timings for the per-document checks outside Markdown and templates.

The faster privacy scan, sanitizer, collection and graph must give what the slower ones
gave, byte for byte. This runs both versions of the package, each in a process of its
own (the old one taken from git, at --old-rev), on the bench corpus, the test fixtures,
the site's content and the adversarial inputs, and compares everything they return:
problems with their lines and messages, masked documents, published HTML, scan findings,
related documents and lessons with their order, backlinks, links.

    PYTHONPATH=$PWD/plugins .venv/bin/python bench/check_speed.py            # compare
    PYTHONPATH=$PWD/plugins .venv/bin/python bench/check_speed.py --time 3   # and time
    PYTHONPATH=$PWD/plugins .venv/bin/python bench/check_speed.py --site     # and the site

Timings are of one process, on the same inputs, best and worst of --time runs.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Extensions as in mkdocs.yml: the sanitizer sees what a build gives it.
EXTENSIONS = ["toc", "attr_list", "tables", "footnotes", "admonition", "md_in_html"]
CONFIGS = {"toc": {"permalink": True, "permalink_title": "Link naar dit kopje"}}
WEIGHTS = [(2, 1), (3, 1), (1, 1), (1, 0), (0, 2), (-1, 1)]
LIMITS = [5, 10, 1, 0, -2, 2000]

# Values the fixtures may not have: every kind, written every way, and near misses.
EXTRA_TEXTS = [
    "Mail j.devries@ggd.nl of bel 06-12345678.",
    "Mail j.devries(at)ggd.nl, j.devries [at] ggd.nl, j.devries%40ggd.nl, info@ggd.nl.",
    "Het BSN is 111222333; burgerservicenummer 123.45.678 en sofinr 12 34 56 789.",
    "IBAN NL91 ABNA 0417 1643 00, nl91abna0417164300, NL91-ABNA-0417-1643-00.",
    "Bel +31 (0)6 1234 5678, 0031 6 12345678, (020) 123 4567, 020/1234567.",
    "Bel 06\u201212345678, 06\u00a012345678, \uff10\uff16\uff0d\uff11\uff12\uff13\uff14"
    "\uff15\uff16\uff17\uff18, j\uff20ggd.nl.",
    "Zaak 2021-03-23, bedrag 1.234.567,89, kenmerk 123456789 zonder context.",
    "5.1.2e@minvws.nl, [5.1.2e]@ggd.nl, xxx@ggd.nl, redacted@ggd.nl, [redacted] 06-12345678",
    "a%b%c@d.nl %%x@y.nl x@y@z.nl .a@b.nl a.@b.nl a@b a@-.nl",
    "gemeënte@gemeënte.nl, ü@ö.de, _x@y.nl, x_@y_z.nl",
    "bsn: 111 222 333\nnieuwe regel 06 12 34 56 78\ttab 06-1234-5678",
    "Het nummer 0612345678 en 06123456789 en 061234567 en 6-12345678.",
    "BSN\n" + "x" * 50 + " 111222333 " + "y" * 30,
    "iban DE89370400440532013000 en GB82WEST12345698765432 en NL91ABNA041716430",
    "at at at (at) [at] {at} %40 %40%40 x(at)y x (at) y.nl x[at]y.nl",
]


def _corpus() -> Path:
    out = Path(tempfile.gettempdir()) / "lessons-check-speed" / "corpus-1000"
    if not (out / "documenten").exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from generate import generate

        generate(1000, out)
    return out


def _sources() -> dict[str, list[tuple[str, bytes]]]:
    """Groups of (path, bytes) that are collected together."""
    groups: dict[str, list[tuple[str, bytes]]] = {}
    corpus = _corpus()
    groups["bench"] = [(p.relative_to(corpus).as_posix(), p.read_bytes())
                       for p in sorted((corpus / "documenten").rglob("*.md"))]
    groups["content"] = [(p.relative_to(ROOT / "content").as_posix(), p.read_bytes())
                         for p in sorted((ROOT / "content" / "documenten").rglob("*.md"))]
    for name in ("corpus", "invalid", "search-corpus", "import"):
        folder = ROOT / "tests" / "fixtures" / name
        groups[f"fixtures/{name}"] = [(p.relative_to(folder).as_posix(), p.read_bytes())
                                      for p in sorted(folder.rglob("*.md"))]
    return groups


def _pages() -> list[tuple[str, str]]:
    """The site's own pages and every Markdown file the fixtures hold, as page text."""
    paths = sorted((ROOT / "content").glob("*.md")) + sorted(
        (ROOT / "tests" / "fixtures").rglob("*.md"))
    return [(p.relative_to(ROOT).as_posix(), p.read_bytes().decode("utf-8", "replace"))
            for p in paths]


def _texts(groups) -> list[str]:
    sys.path.insert(0, str(ROOT / "tests"))
    from adversarial import inputs

    texts = list(EXTRA_TEXTS)
    texts += [text for _, text in inputs(3000)]
    texts += [text for _, text in _pages()]
    return texts


def _state(value):
    """A comparable form of a result: dataclasses as dicts, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"@": type(value).__name__, **{f.name: _state(getattr(value, f.name))
                                              for f in dataclasses.fields(value)
                                              if not f.name.startswith("_")}}
    if isinstance(value, dict):
        return {repr(k): _state(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_state(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(v) for v in value)
    return repr(value)


def run(times: int) -> dict:
    """Every result of this process's package, and the time each part took."""
    from lessons import collect as collect_mod
    from lessons import graph, privacy, sanitize
    from lessons.model.vocab import load_vocabulary, parse_vocabulary
    from lessons.render import BodyRenderer

    vocab_dir = ROOT / "content" / "vocabularies"
    groups = _sources()
    texts = _texts(groups)
    renderer = BodyRenderer(EXTENSIONS, CONFIGS)
    out: dict = {"timings": {}}
    timings: dict[str, list[float]] = {}

    def timed(name, function):
        start = time.perf_counter()
        result = function()
        timings.setdefault(name, []).append(time.perf_counter() - start)
        return result

    timed_default = timed

    def untimed(name, function):
        return function()

    for round_ in range(max(1, times)):
        results: dict = {}
        vocabs = timed("vocabularies", lambda: collect_mod.load_vocabularies(vocab_dir))
        results["vocab"] = _state(vocabs)
        for name in ("themes", "stakeholders"):
            text = (vocab_dir / f"{name}.yml").read_text(encoding="utf-8")
            results[f"vocab-parse-{name}"] = _state(parse_vocabulary(name, text))
            load_vocabulary(name, vocab_dir / f"{name}.yml")
        for group, sources in groups.items():
            collection = timed(f"collect {group}", lambda s=sources, v=vocabs: collect_mod.collect(
                s, v))
            results[f"collect {group}"] = _state(collection)
            # privacy.check again, on the unmasked documents, with lines and messages.
            from lessons.model.schema import read_document

            unmasked = timed(f"read_document {group}", lambda s=sources, v=vocabs: [
                read_document(p, raw, v)[0] for p, raw in s])
            results[f"check {group}"] = timed(f"privacy.check {group}", lambda u=unmasked: [
                [str(p) for p in privacy.check(doc)] for doc in u])
            results[f"mask {group}"] = [_state(privacy.mask(doc.body, privacy.allowed_values(
                doc))) for doc in unmasked]
            html = {}
            for doc in collection.documents:
                if doc.path in collection.unrenderable:
                    continue
                try:
                    html[doc.path] = renderer.html(doc.body)
                except Exception as err:  # noqa: BLE001 - a failure is a result too
                    html[doc.path] = f"<p>{type(err).__name__}</p>"
            results[f"html {group}"] = html

            def publish(documents=collection.documents, html=html):
                return [(doc.path, sanitize.publish(doc.path, html[doc.path], doc.body,
                                                    doc.body_line,
                                                    privacy.allowed_values(doc)))
                        for doc in documents if doc.path in html]
            published = timed(f"publish {group}", publish)
            results[f"publish {group}"] = [(path, cleaned, [str(p) for p in problems])
                                           for path, (cleaned, problems) in published]
            public = [d for d in collection.documents if d.path not in collection.invalid
                      and d.status == "published"]
            for weights in WEIGHTS:
                # Timed with the default weights only: one figure per part.
                clock = timed_default if weights == WEIGHTS[0] else untimed
                corpus = clock(f"graph.build {group}", lambda w=weights, p=public: graph.build(
                    p, graph.Weights(*w)))
                related = clock(f"related {group}", lambda c=corpus: [
                    [(d.id, s) for d, s in c.related(doc, 5)] for doc in c.documents])
                related10 = {limit: [[(d.id, s) for d, s in corpus.related(doc, limit)]
                                     for doc in corpus.documents] for limit in LIMITS}
                lessons = clock(f"related_lessons {group}", lambda c=corpus: [
                    [x.id for x in c.related_lessons(lesson)] for lesson in c.lessons])
                lessons1 = [[x.id for x in corpus.related_lessons(lesson, 1)]
                            for lesson in corpus.lessons]
                results[f"graph {group} {weights}"] = {
                    "order": [d.id for d in corpus.documents],
                    "related": related, "related10": related10,
                    "related_lessons": lessons, "related_lessons1": lessons1,
                    "backlinks": {k: [d.id for d in v] for k, v in corpus.backlinks.items()},
                    "links": {d.id: sorted(d.links_to) for d in corpus.documents},
                    "themes": {k: [d.id for d in v] for k, v in corpus.themes.items()},
                    "stakeholders": {k: [d.id for d in v]
                                     for k, v in corpus.stakeholders.items()},
                }
        results["scan"] = timed("scan texts", lambda: [
            [dataclasses.astuple(f) for f in privacy.scan(t)] for t in texts])
        results["rendered_text"] = [privacy.rendered_text(t) for t in texts]
        results["check_page"] = [[str(p) for p in privacy.check_page(path, text)]
                                 for path, text in _pages()]
        results["check_rendered"] = [
            [str(p) for p in privacy.check_rendered("x.md", t, t[: len(t) // 2], 3, set())]
            for t in texts]
        results["normalize"] = [[privacy.normalize(kind, t[:200]) for kind in privacy.KINDS_NL]
                                for t in texts]
        if round_ == 0:
            out["results"] = results
    out["timings"] = timings
    return out


def _spawn(plugins: Path, times: int) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".pickle") as handle:
        env = {**os.environ, "PYTHONPATH": str(plugins), "PYTHONHASHSEED": "0"}
        subprocess.run([sys.executable, __file__, "--child", handle.name, "--time",
                        str(times)], env=env, check=True)
        return pickle.loads(Path(handle.name).read_bytes())


def _old_tree(rev: str) -> Path:
    target = Path(tempfile.mkdtemp(prefix="lessons-old-"))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "plugins"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "plugins"


_UNSTABLE = re.compile(r"pagefind/(?:pagefind-entry\.json|filter/.*|pagefind\.[\w-]+\.pf_meta)\Z")


def _build_site(plugins: Path, corpus: Path, site: Path) -> float:
    """Build the corpus with this version of the plugin; seconds taken."""
    config = site.with_suffix(".yml")
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {corpus}\nsite_dir: {site}\n"
                      f"theme:\n  name: material\n  custom_dir: {ROOT / 'site_src'}\n",
                      encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(plugins), "PYTHONHASHSEED": "0",
           "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                   env=env, check=True)
    return time.perf_counter() - start


def _compare_sites(old_plugins: Path) -> int:
    """Build the site's own content and the bench corpus with both versions and compare
    every file written."""
    return max(_compare_site(old_plugins, corpus) for corpus in (ROOT / "content", _corpus()))


def _compare_site(old_plugins: Path, corpus: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="lessons-sites-"))
    seconds = {name: _build_site(plugins, corpus, work / f"site-{name}")
               for name, plugins in (("old", old_plugins), ("new", ROOT / "plugins"))}
    files = {name: {p.relative_to(work / f"site-{name}").as_posix(): p
                    for p in sorted((work / f"site-{name}").rglob("*")) if p.is_file()}
             for name in seconds}
    different = sorted(path for path in files["old"].keys() & files["new"].keys()
                       if files["old"][path].read_bytes() != files["new"][path].read_bytes())
    alone = sorted(files["old"].keys() ^ files["new"].keys())
    # pagefind writes its filter index differently in any two builds, even of the same
    # code (hashed names, and the entry file that lists them): not compared.
    unstable = [p for p in different + alone if _UNSTABLE.match(p)]
    different = [p for p in different if p not in unstable]
    alone = [p for p in alone if p not in unstable]
    print(f"site of {corpus}: {len(files['old'])} files (old build {seconds['old']:.1f} s), "
          f"{len(files['new'])} files (new build {seconds['new']:.1f} s); "
          f"{len(different)} differ, {len(alone)} in one site only "
          f"({len(unstable)} of pagefind's filter files not compared)")
    for path in (different + alone)[:20]:
        print("  " + path)
    return 1 if different or alone else 0


def _differences(old, new, where="") -> list[str]:
    if type(old) is not type(new):
        return [f"{where}: {type(old).__name__} != {type(new).__name__}"]
    if isinstance(old, dict):
        found = []
        for key in sorted(set(old) | set(new), key=str):
            if key not in old or key not in new:
                found.append(f"{where}/{key}: only in {'new' if key in new else 'old'}")
            else:
                found += _differences(old[key], new[key], f"{where}/{key}")
        return found
    if isinstance(old, (list, tuple)):
        if len(old) != len(new):
            return [f"{where}: {len(old)} items != {len(new)}"]
        found = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found += _differences(a, b, f"{where}[{index}]")
        return found
    return [] if old == new else [f"{where}: {str(old)[:300]!r} != {str(new)[:300]!r}"]


def _count(results) -> int:
    if isinstance(results, dict):
        return sum(_count(v) for v in results.values())
    if isinstance(results, (list, tuple)):
        return sum(_count(v) for v in results) or 1
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old-rev", default="a4d5583", help="the version to compare with")
    parser.add_argument("--time", type=int, default=1, help="rounds per process")
    parser.add_argument("--site", action="store_true",
                        help="also build the bench corpus's site with both and compare it")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.child.write_bytes(pickle.dumps(run(args.time)))
        return 0
    old_plugins = _old_tree(args.old_rev)
    if args.site and _compare_sites(old_plugins):
        return 1
    old = _spawn(old_plugins, args.time)
    new = _spawn(ROOT / "plugins", args.time)
    found = _differences(old["results"], new["results"])
    print(f"compared {_count(old['results'])} values: {len(found)} differences")
    for line in found[:40]:
        print("  " + line)
    print(f"\n{'part':38} {'old s (min-max)':>18} {'new s (min-max)':>18} {'x':>6}")
    for name, spans in old["timings"].items():
        mine = new["timings"].get(name, [float("nan")])
        print(f"{name:38} {min(spans):8.3f}-{max(spans):<8.3f} {min(mine):8.3f}-{max(mine):<8.3f}"
              f" {min(spans) / max(min(mine), 1e-9):6.1f}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
