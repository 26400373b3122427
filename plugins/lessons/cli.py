"""`lessons`: the editors' command line (import, check, new, serve, opvolging)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .collect import collect, load_vocabularies
from .model.kinds import KINDS
from .model.source import SourceError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _root() -> Path:
    """The project root: the nearest folder upwards with an mkdocs.yml."""
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists():
            return folder
    return here


def _vocabs(root: Path):
    try:
        return load_vocabularies(root / "content" / "vocabularies")
    except SourceError as err:
        print(f"error: {err.message}", file=sys.stderr)
        raise SystemExit(EXIT_PROBLEMS) from None


def cmd_import(args) -> int:
    from tqdm import tqdm

    from .importers.registry import ImportFailure
    from .importers.writer import AlreadyExists, import_file

    root = _root()
    vocabs = _vocabs(root)
    results, failures = [], []
    for path in tqdm(args.files, desc="importing", unit="file", disable=len(args.files) < 3,
                     file=sys.stderr):
        try:
            results.append(import_file(Path(path), root, vocabs, kind=args.kind,
                                       out=Path(args.out) if args.out else None,
                                       force=args.force))
        except (ImportFailure, AlreadyExists) as err:
            failures.append((path, str(err)))
        except FileNotFoundError:
            failures.append((path, "the file does not exist"))
        except OSError as err:  # no permission, a device, a file that vanished
            failures.append((path, f"cannot be read ({err.strerror or err}); check that "
                                   f"the file is yours to read, or copy it and import the copy"))
        except Exception as err:  # noqa: BLE001 - one bad file must not stop the others
            # A reader's library failing on a file it did not expect: a bug to report,
            # but said in one line naming the file, never a traceback.
            failures.append((path, f"could not be converted ({type(err).__name__}: "
                                   f"{str(err)[:200]}); report this as a bug with the file, "
                                   f"or save it in another format and import that"))
    for item in results:
        meta = item.meta
        target = item.target.relative_to(root) if item.target.is_relative_to(root) else item.target
        print(f"{item.source} -> {target}")
        print(f"  kind: {meta['kind']}; title: {meta['title']}; date: {meta['date'] or '?'}")
        print(f"  themes: {', '.join(meta['themes']) or '-'}; "
              f"stakeholders: {', '.join(meta['stakeholders']) or '-'}")
        if meta.get("authors"):
            print(f"  authors: {', '.join(meta['authors'])}")
        if meta.get("lessons"):
            print(f"  lesson candidates: {len(meta['lessons'])}")
        if item.assets:
            print(f"  pictures: {len(item.assets)} in {item.assets[0].parent.name}/")
        if item.lost:
            print(f"  warning: {item.lost} words of the original are not in the document; "
                  f"see review_needed", file=sys.stderr)
        print("  review_needed:")
        for note in item.review:
            print(f"    - {note}")
        print("  then set status and remove review_needed")
    for path, message in failures:
        print(f"{path}: not imported: {message}", file=sys.stderr)
    print(f"{len(results)} imported, {len(failures)} failed")
    return EXIT_PROBLEMS if failures else EXIT_OK


def cmd_check(args) -> int:
    from . import content_check
    from . import project as projects
    from .model.document import Problem
    from .render import BodyRenderer

    try:
        project = projects.find(args.paths, Path.cwd())
        selection = project.select(args.paths, Path.cwd())
        vocabs = load_vocabularies(project.vocabularies)
        names, options = projects.markdown_extensions(project.root / projects.CONFIG)
        renderer = BodyRenderer(names, options)
        from .build.plan import today

        result = content_check.check(project.docs_dir, vocabs, renderer, only=selection.only,
                                     today=today(_site_options(project.root).get("today")))
    except projects.PathError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"error: {err.filename or ''}: cannot be read ({err.strerror})", file=sys.stderr)
        return EXIT_USAGE
    except SourceError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ImportError as err:  # a Markdown extension named in mkdocs.yml is missing
        print(f"error: {project.root / projects.CONFIG}: {err}", file=sys.stderr)
        return EXIT_PROBLEMS
    if selection.whole:  # the whole corpus: also the addresses journals may have cited
        from . import permalinks
        from .outputs import statement

        # The accessibility statement's facts and recorded checks, as the build reads them.
        result.problems += statement.load(project.vocabularies, projects.VOCABULARIES_DIR)[1]

        manifest = project.root / "published-urls.txt"
        published, redirected = _addresses(result, project.root)
        gone = permalinks.missing(permalinks.read_manifest(manifest), published | redirected)
        if gone:
            withheld = sorted(project.show(doc.path) for doc in result.documents
                              if doc.status == "published" and doc.path in result.invalid)
            result.problems.append(Problem(str(manifest), 1, "manifest",
                                           permalinks.missing_message(gone, manifest,
                                                                      withheld)))
        # As the build: a redirect may not take the address of a page that exists.
        _, refused = permalinks.check_redirects(
            permalinks.redirects(_public_corpus(result, project.root)),
            {a.strip("/") + "/" for a in published if a.endswith("/") and a != "/"})
        result.problems += refused
    for problem in result.problems:
        location = project.show(problem.path)
        if args.format == "github":
            print(f"::error file={location},line={problem.line},title={problem.field}::"
                  f"{problem.message}")
        else:
            print(f"{location}:{problem.line}: {problem.field}: {problem.message}")
    files = len({p.path for p in result.problems})
    print(f"{_count(len(result.documents), 'document')} and "
          f"{_count(result.files - len(result.documents), 'page')} checked, "
          f"{_count(len(result.problems), 'problem')} in {_count(files, 'file')}",
          file=sys.stderr)
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _public_corpus(collection, root: Path | None = None, on=None):
    """The graph of the valid, public documents as the build makes it: on the build's day
    (the site's `today` option, else the calendar's) unless another is given, with the
    follow-up of every lesson dated that day."""
    from . import graph
    from .build.plan import public_documents, today

    root = root or _root()
    on = on or today(_site_options(root).get("today"))
    return graph.build(public_documents(collection, on), None, _vocabs(root).lifecycle, on)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _collection(root: Path):
    """The documents the build would read: the inventory's (links and misplaced files
    are not among them)."""
    from . import inventory

    docs_dir = root / "content"
    return collect(((path, (docs_dir / path).read_bytes())
                    for path in inventory.take(docs_dir).documents), _vocabs(root))


def _addresses(collection, root: Path | None = None) -> tuple[set[str], set[str]]:
    """(published addresses, redirected addresses) of a build of the valid, public
    documents: the same list the build's guard uses (addresses.site_addresses)."""
    from . import addresses, permalinks
    from .build.plan import today
    from .originals import original

    root = root or _root()
    vocabs = _vocabs(root)
    site = _site_options(root)
    corpus = _public_corpus(collection, root, today(site.get("today")))
    own = [addresses.own_address(addresses.own_dest(path))
           for path in _own_files(root / "content")]
    originals = {doc.id: found.path.suffix for doc in corpus.documents
                 if (found := original(doc, root / "sources")) is not None
                 and found.path is not None}
    kept = addresses.kept(permalinks.read_manifest(root / "published-urls.txt"), vocabs)
    listed = addresses.site_addresses(
        corpus, vocabs, own=own, originals=originals, woo=_woo(site, vocabs),
        robots=bool(site.get("site_url")) and "robots.txt" not in own, kept=kept)
    moved = addresses.moved(listed, addresses.renames(corpus, vocabs))
    return (addresses.paths(listed),
            {r.source for r in permalinks.redirects(corpus)} | {m.source for m in moved})


def _woo(site: dict, vocabs) -> bool:
    """Whether the build writes DiWoo sitemaps: the site's organisation has a TOOI
    address (plugin.py, _site_organisation)."""
    from .issuer import site_organisation

    return bool(site_organisation(vocabs.stakeholders, str(site.get("organisation") or ""),
                                  "", str(site.get("woo_publisher_uri") or ""),
                                  str(site.get("woo_publisher_name") or "")).tooi)


def _site_options(root: Path) -> dict:
    """site_url and the lessons plugin's options from mkdocs.yml, as the build reads them
    (with !ENV): they decide whether robots.txt and the DiWoo sitemaps are written."""
    import yaml

    try:
        from mkdocs.utils.yaml import yaml_load
    except ImportError:  # ProperDocs (the maintained fork of MkDocs 1.6) installs no mkdocs
        from properdocs.utils.yaml import yaml_load

    path = root / "mkdocs.yml"
    try:
        with path.open(encoding="utf-8") as handle:
            config = yaml_load(handle) or {}
    except (OSError, ValueError, yaml.YAMLError) as err:
        print(f"error: {path}: {err}", file=sys.stderr)
        raise SystemExit(EXIT_PROBLEMS) from None
    options: dict = {"site_url": config.get("site_url")}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("lessons"), dict):
            options.update(plugin["lessons"])
    return options


def _own_files(docs_dir: Path) -> list[str]:
    """The content folder's own pages and files the build publishes (the inventory the
    plugin uses): everything but documents, vocabularies and what it refuses."""
    from . import inventory

    found = inventory.take(docs_dir)
    return sorted([*found.pages, *found.assets])


def cmd_manifest(args) -> int:
    from . import permalinks

    root = _root()
    path = root / "published-urls.txt"
    entries = permalinks.read_manifest(path)
    published, redirected = _addresses(_collection(root), root)
    gone = permalinks.missing(entries, published | redirected)
    added = sorted(published - set(entries))
    if not args.check:
        permalinks.write_manifest(path, set(entries) | published)
        print(f"{path.name}: {len(added)} address(es) added, "
              f"{len(set(entries) | published)} in all")
    elif added:
        print(f"{path.name}: {len(added)} published address(es) not yet listed; "
              f"run `lessons manifest`: {', '.join('/' + a for a in added[:10])}")
    guarded = len(published & set(entries)) + (0 if args.check else len(added))
    print(f"{guarded} of {len(published)} published addresses guarded")
    if gone:
        print(f"error: {permalinks.missing_message(gone, path)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if args.check and added else EXIT_OK


def cmd_statement(args) -> int:
    """Copy the record of the browser tests' accessibility checks into the content, where
    the build reads it for the statement (/toegankelijkheid/); the statement's facts are
    checked against it first, so a copy never leaves a site that does not build."""
    import shutil

    from .model import statement as facts
    from .model.document import Problem
    from .outputs import statement

    root = _root()
    source = Path(args.record) if args.record else root / statement.DEFAULT_RECORD
    folder = root / "content" / "vocabularies"
    target = folder / statement.RECORD_FILE
    shown = _shown(source, root)
    if not source.is_file():
        print(f"error: {shown}: no record of the accessibility checks; run the browser tests "
              f"first (`make test`, or `pytest tests/browser`), which write it", file=sys.stderr)
        return EXIT_PROBLEMS
    record, problems = statement.read_record(source, shown)
    if record is not None and record.failing and not args.with_problems:
        found = "; ".join(f"{c.name}: {', '.join(c.failing[:3])}" for c in record.failing)
        problems.append(Problem(shown, 1, "outcomes", (
            f"the checks found problems ({found}); fix them and run the tests again, or copy "
            f"the record with --met-problemen and describe each failing check under "
            f"'limitations:' in content/vocabularies/{facts.FILE}")))
    if record is not None and not problems:
        stated, problems = facts.load(folder / facts.FILE, _shown(folder / facts.FILE, root))
        if stated is not None:
            problems = statement.claims(stated, record, _shown(folder / facts.FILE, root))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems or record is None:
        print(f"{_shown(target, root)} not changed", file=sys.stderr)
        return EXIT_PROBLEMS
    shutil.copyfile(source, target)
    print(f"{_shown(target, root)}: the checks of {record.date}")
    for check in record.checks:
        print(f"  {check.name}: {_count(check.page_types, 'page type')}, "
              f"{_count(check.runs, 'run')}, {_count(check.problems, 'problem')}")
    print(f"Review the statement (content/vocabularies/{facts.FILE}) and set 'revised:' to "
          f"today's date; then build the site and commit both files.")
    return EXIT_OK


def _shown(path: Path, root: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(root.resolve()) if path.is_relative_to(root.resolve())
               else path)


def cmd_follow_up(args) -> int:
    """Overdue actions and responses past their deadline, per organisation."""
    import json

    from . import followup_agenda
    from .build.plan import stops_build, today

    # Exit 1 means "something is late" to a scheduled job; a project it cannot read is
    # a wrong call (2), said as such.
    root = _root()
    if not (root / "mkdocs.yml").is_file():
        print(f"fout: geen mkdocs.yml in {Path.cwd()} of hoger; voer dit uit in het project",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        vocabs = load_vocabularies(root / "content" / "vocabularies")
        site = _site_options(root)
    except SourceError as err:
        print(f"fout: {err.message}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit:  # mkdocs.yml cannot be read; _site_options said why
        return EXIT_USAGE
    stakeholders = vocabs.stakeholders
    key = ""
    if args.organisation is not None:
        key = stakeholders.resolve(args.organisation)
        if key is None:
            near = stakeholders.suggest(args.organisation)
            hint = f"bedoelt u '{near}' ({stakeholders.label(near)})? " if near else ""
            print(f"fout: onbekende organisatie '{args.organisation}'; {hint}de sleutels "
                  f"staan in content/vocabularies/stakeholders.yml", file=sys.stderr)
            return EXIT_USAGE
    # The day the build would use (the site's `today` option, else the calendar's), for
    # what is public as for what is late, unless the editor names another.
    day = args.date or today(site.get("today"))
    collection = _collection(root)
    corpus = _public_corpus(collection, root, day)
    # Left out for their problems: what the public build refuses, not a draft still
    # being written (it would not count anyway).
    problems: dict[str, list] = {}
    for problem in collection.problems:
        problems.setdefault(problem.path, []).append(problem)
    refused = sum(1 for doc in collection.documents if doc.path in collection.invalid
                  and stops_build(doc, problems.get(doc.path, []), False))
    result = followup_agenda.agenda(corpus.follow_up, stakeholders, key, invalid=refused)
    if args.json:
        print(json.dumps(followup_agenda.as_json(result, site.get("site_url") or ""),
                         ensure_ascii=False, indent=2))
    else:
        print(followup_agenda.text(result), end="")
    if refused:
        # The list is incomplete: a scheduled job must not read "nothing late" into it.
        print(f"fout: de lijst is onvolledig, {refused} document(en) met fouten niet "
              f"meegeteld; `lessons check` noemt ze", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if result.empty else EXIT_PROBLEMS


def _day(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD, "
                                         f"bijv. 2024-03-01") from None


def cmd_new(args) -> int:
    import datetime as dt

    from .normalize.text import slugify

    root = _root()
    kind = KINDS.get(args.kind)
    if kind is None:
        print(f"error: unknown kind '{args.kind}'; choose one of: {', '.join(KINDS)}",
              file=sys.stderr)
        return EXIT_USAGE
    title = " ".join(args.title.split())
    base = slugify(title, max_length=60)
    if not base:
        print("error: the title needs at least one letter or digit", file=sys.stderr)
        return EXIT_USAGE
    taken = {d.id for d in _collection(root).documents}
    doc_id, counter = base, 2
    while doc_id in taken:
        doc_id, counter = f"{base}-{counter}", counter + 1
    folder = root / "content" / "documenten" / kind.slug
    target = folder / f"{doc_id}.md"
    if target.exists():
        print(f"error: {target.relative_to(root)} already exists", file=sys.stderr)
        return EXIT_PROBLEMS
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(new_document(kind, doc_id, title, dt.date.today()), encoding="utf-8")
    print(target.relative_to(root))
    return EXIT_OK


def new_document(kind, doc_id: str, title: str, today) -> str:
    import yaml

    # Explanations are trailing comments; the only whole-line comments are the example
    # lesson and the follow-up fields, so that removing their '# ' gives valid YAML (a
    # test uncomments it). The follow-up fields are there empty, so an editor sees they
    # exist; empty, they change nothing.
    extra = {"authors": "authors: []  # wie schreef het, bijv. [J. Jansen]\n",
             "organisation": "organisation: ''  # wie gaf het uit: sleutel uit "
                             "content/vocabularies/stakeholders.yml\n"}
    quoted = yaml.safe_dump(title, allow_unicode=True, default_style='"').strip()
    return (
        "---\n"
        f"id: {doc_id}  # vaste link: /documenten/{doc_id}/ (niet meer wijzigen na publicatie)\n"
        f"kind: {kind.key}\n"
        f"title: {quoted}\n"
        f"date: {today.isoformat()}  # datum van het document: dag, maand (2022-01) of jaar\n"
        "summary: ''  # een of twee zinnen: waar gaat dit over?\n"
        "themes: []  # sleutels uit content/vocabularies/themes.yml\n"
        "stakeholders: []  # sleutels uit content/vocabularies/stakeholders.yml\n"
        # Every kind names its issuing organisation: it is the publisher in every citation
        # (without it, the site's own organisation would be, unasked).
        + "".join(extra[f] for f in ("authors", "organisation")
                  if f in kind.required or f == "organisation") +
        "status: draft  # draft -> review -> published\n"
        "# lessons:  # optioneel: haal de '# ' weg om een les te beginnen\n"
        "#   - id: korte-vaste-naam-van-de-les  # vaste link: /lessen/<id>/\n"
        "#     statement: De les in één zin.\n"
        "#     explanation: \"Optioneel: een toelichting.\"\n"
        "#     addressees: []  # wie op de les moet reageren: sleutels uit stakeholders.yml "
        "(leeg: de stakeholders)\n"
        "#     respond_by:  # reactie uiterlijk op JJJJ-MM-DD (leeg: zes maanden na de "
        "datum)\n"
        "#     transitions: []  # de stappen van de les (standen: lifecycle.yml): "
        "{state: aanvaard, date: JJJJ-MM-DD, document: <id>}\n"
        "#     actions: []  # acties op de les: {description: ..., owner: <sleutel>, "
        "state: gepland, due: JJJJ-MM-DD}\n"
        "# follows_up: []  # lessen van eerdere documenten die dit document opvolgt: "
        "{lesson: <id>, did: ..., state: <stand>}\n"
        "---\n\n"
        "Schrijf hier de tekst van het document.\n")


def cmd_serve(args) -> int:
    import errno

    from . import project as projects
    from .preview import loop

    # Found, not read: a broken mkdocs.yml is shown on the error page, and fixed there.
    config_file = (Path(args.config_file).resolve() if args.config_file
                   else projects.config_file(Path.cwd()))
    if config_file is None or not config_file.is_file():
        what = f"{args.config_file} does not exist" if args.config_file else \
            f"no mkdocs.yml in {Path.cwd()} or above"
        print(f"error: {what}; give the project's mkdocs.yml with -f, or run this inside the "
              f"project", file=sys.stderr)
        return EXIT_USAGE
    from .preview_build import PreviewBuild, log_warnings_to_terminal

    build = PreviewBuild(config_file, args.port, args.drafts)
    log_warnings_to_terminal()
    try:
        loop.run(build, build.watch_default(), args.port)
    except OSError as err:  # the port could not be taken
        print(f"error: port {args.port} is already in use (another `lessons serve`?); stop "
              f"that one or choose another with --port" if err.errno == errno.EADDRINUSE
              else f"error: cannot serve on 127.0.0.1:{args.port}: {err.strerror or err}",
              file=sys.stderr)
        return EXIT_USAGE
    finally:
        build.close()
    return EXIT_OK


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1-65535)")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lessons", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import", help="convert .txt/.docx/.odt/.html/.rtf/.eml files")
    p.add_argument("files", nargs="+")
    p.add_argument("--kind", choices=list(KINDS))
    p.add_argument("--out", help="folder to write to (default: content/documenten/<kind>/)")
    p.add_argument("--force", action="store_true",
                   help="overwrite an existing document; import a file already on the site")
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("check", help="report every problem without building")
    p.add_argument("paths", nargs="*")
    p.add_argument("--format", choices=["human", "github"], default="human")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("new", help="start a new document (status: draft) and print its path")
    p.add_argument("kind", help=f"one of: {', '.join(KINDS)}")
    p.add_argument("title")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("manifest", help="add the published addresses to published-urls.txt")
    p.add_argument("--check", action="store_true",
                   help="only report (exit 1 when the manifest is out of date)")
    p.set_defaults(func=cmd_manifest)
    p = sub.add_parser("opvolging", aliases=["follow-up"],
                       help="per organisatie: acties te laat en reacties uitstaand",
                       description="Per organisatie de acties waarvan de termijn voorbij is "
                                   "en de lessen waarop zij na de termijn nog niet "
                                   "reageerde. Exitstatus: 0 niets te laat, 1 wel iets te "
                                   "laat of uitstaand, 2 een verkeerde opdracht.")
    p.add_argument("--organisatie", "--organisation", dest="organisation", metavar="SLEUTEL",
                   help="alleen deze organisatie en de organisaties eronder")
    p.add_argument("--datum", "--date", dest="date", type=_day, metavar="JJJJ-MM-DD",
                   help="peildatum (standaard: vandaag, of de today-optie van de site)")
    p.add_argument("--json", action="store_true", help="als JSON, voor een geplande taak")
    p.set_defaults(func=cmd_follow_up)
    p = sub.add_parser("toegankelijkheid", aliases=["accessibility"],
                       help="copy the record of the accessibility checks into the statement")
    p.add_argument("--record", help="the record the browser tests wrote (default: "
                                    "artifacts/toegankelijkheid/evaluatie.json)")
    p.add_argument("--met-problemen", "--with-problems", dest="with_problems",
                   action="store_true", help="copy a record whose checks found problems "
                                             "(each must be a known limitation)")
    p.set_defaults(func=cmd_statement)
    p = sub.add_parser("serve", help="preview on http://127.0.0.1:8000, rebuilt on every change")
    p.add_argument("-f", "--config-file", help="the mkdocs.yml to build (default: the "
                                               "project's, found from the working directory)")
    p.add_argument("--port", type=_port, default=8000)
    p.add_argument("--drafts", action="store_true", help="include drafts, marked as such")
    p.set_defaults(func=cmd_serve)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
