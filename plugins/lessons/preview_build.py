"""`lessons serve`'s build through MkDocs: the door the preview loop (preview/) builds by.

The preview package itself knows nothing of MkDocs; this module runs a MkDocs build in
this process, as `mkdocs serve` does, and hands the loop the warnings as problems.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def log_warnings_to_terminal() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


class PreviewBuild:
    """`lessons serve`'s build: MkDocs in this process, as `mkdocs serve` builds, with the
    warnings collected as the problems the preview shows."""

    def __init__(self, config_file: Path, port: int, drafts: bool):
        self.config_file, self.drafts = config_file, drafts
        self.url = f"http://127.0.0.1:{port}/"
        self.plugins = None  # of the first build: they get on_startup and on_shutdown
        self.last = None  # (config, site folder, problems, watch) of the last good build
        self.reindex = None  # the search index made again after updates, in the background

    def watch_default(self) -> list[Path]:
        root = self.config_file.parent
        return [root / "content", root / "site_src", self.config_file]

    def __call__(self, site_dir: Path):
        lessons = None
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from .preview.loop import BuildResult

        warnings = Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        result = BuildResult(watch=self.watch_default())
        try:
            config = load_config(str(self.config_file), site_dir=str(site_dir))
            custom = [config.theme.custom_dir] if config.theme.custom_dir else []
            result.watch = [Path(p) for p in (config.docs_dir, *custom, self.config_file,
                                              *config.watch)]
            warnings.docs_dir = Path(config.docs_dir)
            published_url = config.site_url
            config.site_url = self.url
            lessons = config.plugins.get("lessons")
            if lessons is not None:
                # The PDFs print the permanent addresses of the published site, so the
                # preview makes the same PDFs as `mkdocs build` and shares its PDF cache,
                # whatever port it serves on (plugin.page_pdf).
                lessons.published_url = published_url or ""
                lessons.config.include_drafts = lessons.config.include_drafts or self.drafts
                lessons.serving = True  # every build of a preview, not only the first
            if self.plugins is None:
                config.plugins.on_startup(command="serve", dirty=False)
                self.plugins = config.plugins
            self.last = None
            build(config, serve_url=self.url)
        except KeyboardInterrupt:
            raise
        except (Exception, SystemExit) as err:  # mkdocs' Abort is a SystemExit
            result.error = str(err) or type(err).__name__
        finally:
            logger.removeHandler(warnings)
        result.problems = warnings.problems(self.config_file.parent)
        if result.error is None and lessons is not None:
            self.last = (config, site_dir, result.problems, result.watch)
            # The pages were made in forked workers; the first save makes its PDF in
            # this process, whose Typst server starts now rather than on that save.
            from .outputs.pdf_server import SERVER
            SERVER.start()
        return result

    def update(self, changed: set[Path], site_dir: Path):
        """Show saved documents in the served site without building it anew (see
        mkdocs_update.py); None when only a whole build can show the change."""
        from . import mkdocs_update
        from .preview.loop import BuildResult
        from .project import Project

        if self.last is None or self.last[1] != site_dir:
            return None
        config, _, problems, watch = self.last
        warnings = Warnings()
        warnings.docs_dir = Path(config.docs_dir)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(warnings)
        try:
            update = mkdocs_update.start(config.plugins["lessons"], sorted(changed))
        except Exception as err:  # never worse than before: the whole build shows it
            print(f"lessons serve: bijwerken lukte niet ({type(err).__name__}: {err}); de "
                  f"hele site wordt opnieuw gebouwd", file=sys.stderr, flush=True)
            update = None
        finally:
            logger.removeHandler(warnings)
        if update is None:
            return None
        root = self.config_file.parent
        shown = {Project(root, Path(config.docs_dir)).show(str(p)) for p in changed}
        # The problems of the changed files are those this update found; others stay.
        kept = [p for p in problems if p.partition(":")[0] not in shown]
        return BuildResult(kept + warnings.problems(root), None, watch,
                           then=lambda: self._finish(update))

    def _finish(self, update) -> None:
        from . import mkdocs_update

        try:
            update.finish()
        except Exception as err:  # the changed pages are shown; a whole build does the rest
            print(f"lessons serve: overzichten bijwerken lukte niet ({type(err).__name__}: "
                  f"{err}); de volgende wijziging bouwt de hele site", file=sys.stderr,
                  flush=True)
            self.last = None
            return
        if self.reindex is None:
            self.reindex = mkdocs_update.Reindex()
        self.reindex.request(update.plugin)

    def close(self) -> None:
        if self.plugins is not None:
            self.plugins.on_shutdown()


class Warnings(logging.Handler):
    """Collects a build's warnings. The plugin names files from the docs dir; the preview
    names them from the project root, as `lessons check` does."""

    PREFIX = "lessons: "

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.docs_dir: Path | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def problems(self, root: Path) -> list[str]:
        """As `lessons check` names them: content/documenten/x.md:5: date: ..."""
        from .project import Project

        out = []
        for message in self.messages:
            message = message.removeprefix(self.PREFIX)
            path, colon, rest = message.partition(":")
            if (self.docs_dir is not None and colon and rest[:1].isdigit()
                    and (self.docs_dir / path).exists()):
                message = f"{Project(root, self.docs_dir).show(path)}:{rest}"
            out.append(message)
        return out
