"""Test support for SPARQL: a local TCP listener that records every connection (a query must make none), a FIFO
that tells whether anything opened it (a query must read no file), `mcg` as a user runs it, and raw HTTP."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ONTOLOGY


@dataclass
class Listener:
    """Listens on 127.0.0.1 (a random port); `received` holds what each connection sent."""

    port: int = 0
    received: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"


@contextlib.contextmanager
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.05)
    heard = Listener(server.getsockname()[1])
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    heard.received.append(connection.recv(65536) or b"(connected, sent nothing)")
                except OSError:
                    heard.received.append(b"(connected)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield heard
    finally:
        stop.set()
        thread.join()
        server.close()


@dataclass
class Fifo:
    path: Path
    opened: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return self.path.as_uri()


@contextlib.contextmanager
def watched_fifo(folder: Path) -> Iterator[Fifo]:
    """A named pipe and a thread blocked opening it for writing, which returns only once someone opens it to read:
    then `opened` is set. Unlike a file's access time, this cannot miss a read."""
    fifo = Fifo(folder / "secret")
    os.mkfifo(fifo.path)
    done = threading.Event()

    def wait_for_reader() -> None:
        with open(fifo.path, "wb"):
            if not done.is_set():
                fifo.opened.set()

    thread = threading.Thread(target=wait_for_reader, daemon=True)
    thread.start()
    try:
        yield fifo
    finally:
        done.set()
        with open(fifo.path, "rb"):  # release the writer
            pass
        thread.join(5)


def mcg(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mcglossary.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ONTOLOGY.parent,
        timeout=timeout,
    )


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]


def http(
    url: str,
    query: str | None = None,
    method: str = "POST",
    accept: str = "application/sparql-results+json",
    content_type: str = "application/x-www-form-urlencoded",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60,
) -> Answer:
    """One request; an error status is an Answer too, never an exception."""
    all_headers = {"Accept": accept, **(headers or {})}
    if method == "GET":
        target = url + ("?" + urllib.parse.urlencode({"query": query}) if query is not None else "")
        request = urllib.request.Request(target, headers=all_headers, method="GET")
    else:
        if body is None:
            body = urllib.parse.urlencode({"query": query}).encode() if "urlencoded" in content_type else query.encode()
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type, **all_headers})
        request.method = method
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(
                response.status, response.headers.get("Content-Type", ""), response.read(), dict(response.headers)
            )
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers.get("Content-Type", ""), error.read(), dict(error.headers))


def start_serve(root: Path, port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """`mcg serve` over `root`, once it answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "mcglossary.cli", "serve", "--port", str(port), "--ontology", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    first = server.stdout.readline()
    assert first.strip().endswith(f"http://127.0.0.1:{port}/query"), first + server.stderr.read()
    return server
