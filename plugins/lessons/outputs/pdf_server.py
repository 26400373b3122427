"""Typst in a process of its own, one per build process that makes PDFs.

The typst wheel runs its compiler on a pool of threads. A process forked after that pool
started has the pool's bookkeeping but not its threads, and its first compile waits for
them forever: a build that made one PDF in the main process (a small site, a preview's
update) hung at its next build, whose page workers are forked (build/workers.py). So no
process that forks ever loads typst: each process that makes PDFs starts this small
server (a fresh interpreter, not a fork) on first use and sends it the work over a pipe.
It costs one interpreter start per process and build (a tenth of a second) and a copy
of the PDF through the pipe (well under a millisecond).

Protocol, over the server's stdin and stdout: a request is one line of JSON
{"root": ..., "size": n} followed by n bytes of printable JSON; the answer is a line
"ok n" or "error n" followed by n bytes (the PDF, or the message). The server ends when
its stdin closes (the process that started it ended).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading


class CompileError(Exception):
    pass


class Server:
    """The calling process's own server (started again in a forked child)."""

    def __init__(self) -> None:
        self._pid = -1
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start this process's server ahead of its first PDF (its interpreter loads
        typst meanwhile)."""
        with self._lock:
            self._started()

    def compile(self, root: str, data: str) -> bytes:
        with self._lock:
            process = self._started()
            payload = data.encode("utf-8")
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(json.dumps({"root": root, "size": len(payload)})
                                    .encode() + b"\n" + payload)
                process.stdin.flush()
                status, _, size = process.stdout.readline().decode().partition(" ")
                answer = process.stdout.read(int(size))
            except (OSError, ValueError) as err:
                self._process = None
                raise CompileError(f"the PDF compiler stopped ({err})") from None
            if status != "ok":
                raise CompileError(answer.decode("utf-8", "replace"))
            return answer

    def _started(self) -> subprocess.Popen:
        if self._pid != os.getpid() or self._process is None or self._process.poll() is not None:
            # A forked child must not write to its parent's server: it starts its own.
            env = dict(os.environ)
            package_root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root,
                                                              env.get("PYTHONPATH")]))
            self._process = subprocess.Popen(
                [sys.executable, "-m", "lessons.outputs.pdf_server"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
            self._pid = os.getpid()
        return self._process


SERVER = Server()


def serve() -> None:
    from .pdf import compile_here

    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = source.readline()
        if not header:
            return
        request = json.loads(header)
        data = source.read(request["size"]).decode("utf-8")
        try:
            answer, status = compile_here(request["root"], data), b"ok"
        except Exception as err:  # the build names the document; the server goes on
            answer, status = f"{type(err).__name__}: {err}".encode(), b"error"
        sink.write(status + b" " + str(len(answer)).encode() + b"\n" + answer)
        sink.flush()


if __name__ == "__main__":
    serve()
