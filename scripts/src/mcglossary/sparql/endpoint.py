"""A real, read-only SPARQL 1.1 endpoint over the glossary: the Oxigraph server of the `oxigraph` package.

The graph is exported as N-Triples (the export module's bytes), bulk-loaded into a store in a temporary folder
with `oxigraph load`, and served with `oxigraph serve-read-only`, which refuses SPARQL updates. Tests and the
`mcg serve` command use the same `running_endpoint`.
"""

from __future__ import annotations

import argparse
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

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
START_TIMEOUT = 30.0
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
    folder = Path(tempfile.mkdtemp(prefix="mcg-endpoint-"))
    process: subprocess.Popen | None = None
    try:
        data = folder / "glossary.nt"
        data.write_bytes(serialize(graph, FORMAT_BY_EXTENSION["nt"]))
        store = folder / "store"
        loaded = subprocess.run(
            [executable, "load", "--location", str(store), "--file", str(data)], capture_output=True, text=True
        )
        if loaded.returncode != 0:
            raise EndpointError(f"oxigraph load failed: {loaded.stderr.strip()}")
        with (folder / "server.log").open("w+") as log:
            process = subprocess.Popen(
                [executable, "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            endpoint = Endpoint(host, port, process)
            _wait_until_ready(endpoint, log)
            yield endpoint
    finally:
        if process is not None:
            stop_process(process)
        shutil.rmtree(folder, ignore_errors=True)


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
    """`mcg serve`: run the endpoint until Ctrl-C (or SIGTERM), then remove the temporary store."""
    graph = load(args.ontology).data
    # a shell starts background jobs with SIGINT ignored; take both signals so the store is always cleaned up
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with running_endpoint(graph, args.host, args.port) as endpoint:
            print(f"SPARQL endpoint (read-only) over {len(graph)} triples: {endpoint.query_url}", flush=True)
            print("Press Ctrl-C to stop.", flush=True)
            try:
                endpoint.process.wait()
            except KeyboardInterrupt:
                return EXIT_OK
            print(f"the Oxigraph server stopped (exit code {endpoint.process.returncode})", file=sys.stderr)
            return EXIT_FAILED
    except EndpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
