"""A real, read-only SPARQL 1.1 endpoint over the glossary: the Oxigraph server of the `oxigraph` package.

The graph is exported as N-Triples (the export module's bytes), bulk-loaded into a store in a temporary folder
with `oxigraph load`, and served with `oxigraph serve-read-only`, which refuses SPARQL updates. Tests and the
`mcg serve` command use the same `running_endpoint`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rdflib import Graph

from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
from mcglossary.data.load import load
from mcglossary.sparql.child_process import stopped_at_exit, tied_to_parent

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
START_TIMEOUT = 30.0
STORE_PREFIX = "mcg-endpoint-"  # + the serving process's id: a temporary folder with the store
EXIT_OK, EXIT_FAILED = 0, 2


class EndpointError(RuntimeError):
    """The endpoint could not be started."""


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"


def oxigraph_executable() -> str:
    """The `oxigraph` console script: next to this Python (the venv) first, then on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("the `oxigraph` command is missing; install the `oxigraph` package (requirements.txt)")
    return found


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nobody listens on right now (for tests and benchmarks)."""
    with _socket(host) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _check_port_free(host: str, port: int) -> None:
    """Fail early and clearly: otherwise the readiness probe could be answered by whatever holds the port."""
    with _socket(host) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise EndpointError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def _socket(host: str) -> socket.socket:
    return socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)


@contextmanager
def running_endpoint(graph: Graph, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> Iterator[Endpoint]:
    """Serve `graph` read-only at http://host:port/query until the block ends; then stop and delete the store."""
    executable = oxigraph_executable()
    _check_port_free(host, port)
    _remove_stale_stores()
    folder = Path(tempfile.mkdtemp(prefix=f"{STORE_PREFIX}{os.getpid()}-"))
    process: subprocess.Popen | None = None
    try:
        data = folder / "glossary.nt"
        data.write_bytes(serialize(graph, FORMAT_BY_EXTENSION["nt"]))
        store = folder / "store"
        loaded = subprocess.run(
            [executable, "load", "--location", str(store), "--file", str(data)],
            capture_output=True,
            text=True,
            preexec_fn=tied_to_parent(),
        )
        if loaded.returncode != 0:
            raise EndpointError(f"oxigraph load failed: {loaded.stderr.strip()}")
        with (folder / "server.log").open("w+") as log:
            process = subprocess.Popen(
                [executable, "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=tied_to_parent(),
            )
            with stopped_at_exit(process, stop_process):
                endpoint = Endpoint(host, port, process)
                _wait_until_ready(endpoint, log)
                yield endpoint
    finally:
        if process is not None:
            stop_process(process)
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale_stores() -> None:
    """The stores of servers whose `mcg serve` was killed outright (its `finally` never ran): the process id in the
    folder's name no longer runs. (A reused id only keeps a stale folder a little longer.)"""
    for folder in Path(tempfile.gettempdir()).glob(f"{STORE_PREFIX}*-*"):
        owner = folder.name.removeprefix(STORE_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _running(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's
    return True


def _wait_until_ready(endpoint: Endpoint, log: IO[str]) -> None:
    """Poll with a trivial ASK until the server answers, or fail with what it printed."""
    probe = endpoint.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        _check_alive(endpoint.process, log)
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise EndpointError(f"the Oxigraph server did not answer at {endpoint.query_url} within {START_TIMEOUT:.0f} s")


def _check_alive(process: subprocess.Popen, log: IO[str]) -> None:
    if process.poll() is not None:
        log.flush()
        log.seek(0)
        raise EndpointError(f"the Oxigraph server stopped: {log.read().strip() or 'no message'}")


def stop_process(process: subprocess.Popen) -> None:
    """Ask a server process to stop; kill it if it has not stopped within 10 seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve_command(args: argparse.Namespace) -> int:
    """`mcg serve`: run the endpoint until Ctrl-C (or SIGTERM, SIGHUP), then remove the temporary store. Stopping is
    the normal end of a server, so it exits 0."""
    graph = load(args.ontology).data
    # a shell starts background jobs with SIGINT ignored; take Ctrl-C, kill and a closed terminal (SIGHUP) alike, so
    # the server is stopped and the store removed however we are told to stop
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        with running_endpoint(graph, args.host, args.port) as endpoint:
            print(f"SPARQL endpoint (read-only) over {len(graph)} triples: {endpoint.query_url}", flush=True)
            print("Press Ctrl-C to stop.", flush=True)
            endpoint.process.wait()
            print(f"the Oxigraph server stopped (exit code {endpoint.process.returncode})", file=sys.stderr)
            return EXIT_FAILED
    except KeyboardInterrupt:  # at any point: running_endpoint has stopped the server and removed the store
        return EXIT_OK
    except EndpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
