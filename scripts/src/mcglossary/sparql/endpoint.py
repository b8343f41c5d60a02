"""A read-only SPARQL 1.1 endpoint over the glossary (`mcg serve`): our HTTP front (protocol.py) over Oxigraph
worker processes (pool.py, worker.py), which can be killed when a query runs too long or its client goes.

The graph is written once as N-Triples into a temporary folder, which every worker reads into its own store
(store.py: the same store `mcg query` and the site's examples use). Tests and `mcg serve` share `running_endpoint`.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from mcglossary.data.load import load
from mcglossary.data.message_text import shown
from mcglossary.sparql.pool import PoolError, WorkerPool
from mcglossary.sparql.protocol import QUERY_PATH, UPDATE_PATH, Settings, SparqlServer
from mcglossary.sparql.store import glossary_ntriples
from mcglossary.sparql.worker import MEMORY_MB

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7878
DEFAULT_TIMEOUT = 5.0  # seconds; every example takes under 0.05 s on the real glossary (README: larger ones)
DEFAULT_WORKERS = max(2, min(4, os.cpu_count() or 2))
STORE_PREFIX = "mcg-endpoint-"  # + the serving process's id: a temporary folder with the data
EXIT_OK, EXIT_FAILED = 0, 2


class EndpointError(RuntimeError):
    """The endpoint could not be started."""


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    server: SparqlServer
    pool: WorkerPool

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + QUERY_PATH

    @property
    def update_url(self) -> str:
        return self.base + UPDATE_PATH


def free_port(host: str = DEFAULT_HOST) -> int:
    """A port nobody listens on right now (for tests and benchmarks)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def is_loopback(host: str) -> bool:
    """True when every address `host` names is a loopback address (so only this machine can connect)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


@contextmanager
def running_endpoint(
    graph: Graph,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
    allow_service: bool = False,
    memory_mb: int = MEMORY_MB,
    cors: bool = False,
) -> Iterator[Endpoint]:
    """Serve `graph` read-only at http://host:port/query until the block ends; then stop the workers and delete
    the temporary folder."""
    _remove_stale_stores()
    folder = Path(tempfile.mkdtemp(prefix=f"{STORE_PREFIX}{os.getpid()}-"))
    pool: WorkerPool | None = None
    try:
        try:
            server = SparqlServer((host, port), Settings(timeout, cors))  # bind first: fail fast when taken
        except OSError as error:
            raise EndpointError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
        try:
            data = folder / "glossary.nt"
            data.write_bytes(glossary_ntriples(graph))
            try:
                pool = WorkerPool(data, workers, allow_service, memory_mb)
            except PoolError as error:
                raise EndpointError(str(error)) from None
            server.pool = pool
            thread = threading.Thread(target=server.serve_forever, name="sparql-endpoint", daemon=True)
            thread.start()
            try:
                yield Endpoint(host, server.server_address[1], server, pool)
            finally:
                server.shutdown()
                thread.join()
        finally:
            server.server_close()
    finally:
        if pool is not None:
            pool.close()
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale_stores() -> None:
    """The folders of endpoints whose `mcg serve` was killed outright (its `finally` never ran): the process id in
    the folder's name no longer runs. (A reused id only keeps a stale folder a little longer.)"""
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


def stop_process(process: subprocess.Popen) -> None:
    """Ask a server process to stop; kill it if it has not stopped within 10 seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def port_number(text: str) -> int:
    """A TCP port, 1 to 65535 (argparse turns the error into one usage line and exit code 2)."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{shown(text)!r} is not a port number (1 to 65535)")
    return int(text)


def add_serve_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST})")
    serve.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"port to listen on (default: {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--timeout",
        type=_positive,
        default=DEFAULT_TIMEOUT,
        help=f"seconds a query may run before it is stopped and answered 503 (default: {DEFAULT_TIMEOUT:g})",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        help=f"worker processes, each running one query at a time (default: {DEFAULT_WORKERS})",
    )
    serve.add_argument(
        "--memory",
        type=int,
        default=MEMORY_MB,
        metavar="MB",
        help=f"memory a query may use in its worker, beyond the glossary, before it is stopped (default: {MEMORY_MB})",
    )
    serve.add_argument(
        "--cors",
        action="store_true",
        help="let web pages on any other origin read the endpoint's answers (CORS headers; off by default)",
    )
    serve.add_argument(
        "--allow-service",
        action="store_true",
        help="RISK: run SERVICE clauses, so any client can make this machine send requests to any address it can "
        "reach, your internal network included (off by default: such queries are answered 400)",
    )


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _sleep_until_a_signal() -> None:
    """Return only through a signal handler's exception. The kernel may hand a signal to any of our threads, and
    Python runs the handler in the main thread only when that thread next wakes: a plain sleep could hold Ctrl-C
    back for as long as it sleeps. The wakeup fd gets a byte whichever thread the signal reached."""
    reader, writer = socket.socketpair()
    writer.setblocking(False)
    previous = signal.set_wakeup_fd(writer.fileno())
    try:
        while True:
            select.select([reader], [], [])
            reader.recv(4096)  # the handler runs now, at the next bytecode of this thread
    finally:
        signal.set_wakeup_fd(previous)
        reader.close()
        writer.close()


def serve_command(args: argparse.Namespace) -> int:
    """`mcg serve`: run the endpoint until Ctrl-C (or SIGTERM), then remove the temporary folder."""
    if args.workers < 1 or args.memory < 1:
        print("error: --workers and --memory must be 1 or more", file=sys.stderr)
        return EXIT_FAILED
    if not is_loopback(args.host):
        reach = "anyone who can reach this machine on the network can query the endpoint"
        if args.allow_service:
            reach += " and, with --allow-service, make it send requests to any address it can reach"
        print(f"warning: --host {args.host} is not a loopback address: {reach}", file=sys.stderr, flush=True)
    graph = load(args.ontology).data
    # a shell starts background jobs with SIGINT ignored; take both signals so the folder is always cleaned up
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        with running_endpoint(
            graph, args.host, args.port, args.timeout, args.workers, args.allow_service, args.memory, args.cors
        ) as endpoint:
            print(f"SPARQL endpoint (read-only) over {len(graph)} triples: {endpoint.query_url}", flush=True)
            print(
                f"{args.workers} workers, queries stopped after {args.timeout:g} s or {args.memory} MB"
                + (", CORS on" if args.cors else "")
                + (", SERVICE allowed" if args.allow_service else "")
                + ". Press Ctrl-C to stop.",
                flush=True,
            )
            _sleep_until_a_signal()
    except KeyboardInterrupt:  # Ctrl-C is how serve stops, whenever it comes (even while the banner prints)
        return EXIT_OK
    except EndpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_FAILED
