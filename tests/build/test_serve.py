"""The preview servers: `lessons serve` shows problems, recovers and frees its port when
stopped; plain `mkdocs serve` keeps answering while the content has problems."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, make_docs

DOC = "documenten/alpha-verslag/"


@pytest.fixture
def project(tmp_path) -> Path:
    """The project's mkdocs.yml and theme with the fixture corpus as docs dir."""
    make_docs(tmp_path, FIXTURES / "corpus" / "documenten")
    shutil.copytree(ROOT / "site_src", tmp_path / "site_src")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("docs_dir: content", "docs_dir: docs"),
                                         encoding="utf-8")
    return tmp_path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_is_free(port: int) -> bool:
    # As the servers bind: SO_REUSEADDR, so only a listening server makes it fail.
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _start(args: list[str], cwd: Path, tmp: Path | None = None) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])]),
        NO_MKDOCS_2_WARNING="1")
    if tmp is not None:  # where the server keeps its builds
        tmp.mkdir(exist_ok=True)
        env["TMPDIR"] = str(tmp)
    return subprocess.Popen([sys.executable, *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _get(port: int, path: str, timeout: float = 10) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _get_fails(port: int) -> bool:
    try:
        _get(port, "/", timeout=2)
    except OSError:
        return True
    return False


def _until(port: int, path: str, ok: Callable[[int, str], bool], server: subprocess.Popen,
           timeout: float = 60) -> tuple[int, str]:
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[0]
        try:
            last = _get(port, path)
        except OSError:
            last = None
        if last and ok(*last):
            return last
        time.sleep(0.2)
    server.kill()
    raise AssertionError(f"{path}: gave {last and last[0]}\n{server.communicate()[0]}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _stop(server: subprocess.Popen, sig: int) -> str:
    server.send_signal(sig)
    output = server.communicate(timeout=15)[0]
    assert server.returncode == 0, output  # stopped cleanly, not killed
    return output


def test_lessons_serve_shows_problems_recovers_and_frees_its_port(project):
    port = _free_port()
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\nnav: [\n", encoding="utf-8")  # broken before the first build
    server = _start(["-m", "lessons.cli", "serve", "-f", str(config), "--port", str(port)],
                    cwd=project.parent, tmp=project / "tmp")
    try:
        # No good build yet: a readable Dutch error page at every address.
        code, page = _until(port, "/" + DOC, lambda c, p: "kan niet worden gebouwd" in p,
                            server)
        assert code == 503 and "De build is mislukt" in page and "mkdocs.yml" in page
        config.write_text(good, encoding="utf-8")
        code, page = _until(port, "/" + DOC, lambda c, _: c == 200, server)
        assert "Alpha verslag" in page and "lessons-serve-problems" not in page
        # An invalid document: the last good build with the problem in a banner.
        _edit(project / "docs" / "documenten" / "a.md", "date: 2021-01-01", "date: 2021-02-30")
        code, page = _until(port, "/", lambda c, p: "lessons-serve-problems" in p, server)
        assert code == 200
        assert "docs/documenten/a.md:5: date: &#x27;2021-02-30&#x27; is not a real date" in page
        # A build that fails keeps the last good one, saying it is not up to date.
        config.write_text(good + "\nnav: [\n", encoding="utf-8")
        code, page = _until(port, "/", lambda c, p: "niet bijgewerkt" in p, server)
        assert code == 200 and "Lessen uit de praktijk" in page
        # Fixed: the banner goes away.
        config.write_text(good, encoding="utf-8")
        _edit(project / "docs" / "documenten" / "a.md", "date: 2021-02-30", "date: 2021-01-01")
        _until(port, "/" + DOC, lambda c, p: c == 200 and "lessons-serve-problems" not in p,
               server)
        # Nothing outside the built site is served.
        assert _get(port, "/../mkdocs.yml")[0] == 404
    finally:
        output = _stop(server, signal.SIGTERM)
    assert "Traceback" not in output and "gestopt" in output
    assert _port_is_free(port)
    assert list((project / "tmp").iterdir()) == []  # its builds are removed
    assert _get_fails(port)
    # A second one on the same port right away works (here with the drafts, marked).
    again = _start(["-m", "lessons.cli", "serve", "--drafts", "--port", str(port)],
                   cwd=project / "docs")
    try:
        _until(port, "/" + DOC, lambda c, _: c == 200, again)
        code, page = _get(port, "/documenten/zeta-concept/")
        assert code == 200 and "Concept: dit document is nog niet gepubliceerd" in page
    finally:
        _stop(again, signal.SIGINT)
    assert _port_is_free(port)


def test_lessons_serve_on_a_taken_port_says_so(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _start(["-m", "lessons.cli", "serve", "--port", str(port)], cwd=project)
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 2
    assert f"port {port} is already in use" in output and "Traceback" not in output


def test_mkdocs_serve_keeps_answering_while_content_has_problems(project):
    # A published address that is gone stops `mkdocs build`; a server must go on answering.
    (project / "published-urls.txt").write_text("/documenten/verdwenen/\n", encoding="utf-8")
    port = _free_port()
    server = _start(["-m", "mkdocs", "serve", "--dev-addr",
                     f"127.0.0.1:{port}"], cwd=project)
    try:
        _until(port, "/" + DOC, lambda c, _: c == 200, server)
        _edit(project / "docs" / "documenten" / "a.md", "title: Alpha verslag",
              "title: Alpha verslag herzien")
        code, _ = _until(port, "/" + DOC, lambda c, p: "Alpha verslag herzien" in p, server)
        assert code == 200
        # A broken vocabulary stops `mkdocs build`; the server still rebuilds and answers.
        # (Every document is then invalid, and an invalid document is never published,
        # so the site's own page shows that the rebuild went through.)
        (project / "docs" / "vocabularies" / "themes.yml").write_text("- kapot\n")
        with (project / "docs" / "over.md").open("a", encoding="utf-8") as page:
            page.write("\nNieuwe alinea na de kapotte vocabulaire.\n")
        code, _ = _until(port, "/over/", lambda c, p: "Nieuwe alinea na" in p, server)
        assert code == 200
    finally:
        output = _stop(server, signal.SIGINT)
    assert "/documenten/verdwenen/" in output  # said, as warnings
    assert "themes.yml" in output
