"""`mcg serve` never leaves its query workers (Oxigraph in child processes) running: not after Ctrl-C, a kill, a
closed terminal, nor a kill that no handler sees (SIGKILL); and the next start removes the folder such a kill left."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import tempfile
import time
from pathlib import Path

import pytest

from conftest import make_ontology
from mcglossary.sparql import endpoint
from mcglossary.sparql.endpoint import free_port
from sparqlkit import start_serve


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def running(pid: int) -> bool:
    """Alive and not a zombie (a zombie has exited; only its parent has not collected it yet)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def closed(port: int, seconds: float = 15) -> bool:
    """Nobody listens on `port` (within a few seconds: on a busy machine the kernel may take a moment)."""
    deadline = time.monotonic() + seconds
    while listening(port) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not listening(port)


def gone(pid: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not running(pid)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads child processes from Linux's /proc")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=lambda s: s.name)
def test_the_query_workers_stop_however_mcg_serve_ends(tmp_path, monkeypatch, how):
    root = make_ontology(tmp_path)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    server = start_serve(root, port, {**os.environ, "TMPDIR": str(temporary)})
    try:
        workers = children(server.pid)
        assert workers, "mcg serve answers with no query worker running"
        server.send_signal(how)
        code = server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert all(gone(worker) for worker in workers), "a query worker outlived mcg serve"
    assert closed(port)
    if how == signal.SIGKILL:
        assert code == -signal.SIGKILL
        assert [p.name for p in temporary.iterdir()], "a killed serve leaves its folder (no Python ran to remove it)"
        monkeypatch.setattr(tempfile, "tempdir", str(temporary))
        endpoint._remove_stale_stores()  # what the next `mcg serve` does first
    else:
        assert code == 0, server.stderr.read()
        assert "Traceback" not in server.stderr.read()
    assert list(temporary.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads threads from Linux's /proc")
def test_ctrl_c_stops_mcg_serve_whichever_thread_the_kernel_hands_it_to(tmp_path):
    """The kernel may deliver a signal sent to the process to any of its threads; CI once saw Ctrl-C ignored for
    the length of the main thread's sleep. Here it goes straight to a thread other than the main one."""
    root = make_ontology(tmp_path)
    port = free_port()
    server = start_serve(root, port)
    try:
        others = [int(t) for t in os.listdir(f"/proc/{server.pid}/task") if int(t) != server.pid]
        assert others, "mcg serve runs no thread besides its main one"
        assert ctypes.CDLL(None, use_errno=True).tgkill(server.pid, others[0], signal.SIGINT) == 0
        code = server.wait(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
    assert code == 0, server.stderr.read()
