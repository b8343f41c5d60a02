"""The endpoint's worker processes: each query goes to an idle worker and is waited for, at most until its deadline
and only while its client is still there; otherwise the worker is killed (its CPU and memory freed at once) and a
fresh one takes its place. Other queries meanwhile go to the other workers.
"""

from __future__ import annotations

import queue
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mcglossary.sparql.worker import MEMORY_MB, Reply, read_message, write_message

POLL = 0.05  # seconds between checks that the client is still there
START_TIMEOUT = 120.0  # a worker reads the whole glossary first: seconds at 10,000 terms


class PoolError(RuntimeError):
    """The workers could not be started."""


class Worker:
    def __init__(self, command: list[str], starting: set[subprocess.Popen] | None = None) -> None:
        """Start a worker and wait until it has read the glossary; while it does, its process is in `starting`,
        so that closing the pool can kill it rather than wait for it."""
        # a worker ends when its request pipe closes: a SIGKILLed `mcg serve` leaves no worker behind
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        if starting is not None:
            starting.add(self.process)
        try:
            ready = read_message(self.process.stdout)
        finally:
            if starting is not None:
                starting.discard(self.process)
        if ready is None or "ready" not in ready[0]:
            self.kill()
            raise PoolError(f"a query worker did not start (exit code {self.process.returncode})")

    @property
    def pid(self) -> int:
        return self.process.pid

    def ask(self, request: dict, deadline: float, client_gone: Callable[[], bool]) -> Reply | str:
        """The worker's reply, or why there is none: "timeout", "gone" (the client), "memory" or "crashed"."""
        try:
            write_message(self.process.stdin, request)
        except (BrokenPipeError, OSError):
            return "crashed"
        out = self.process.stdout
        while True:
            ready, _, _ = select.select([out], [], [], POLL)
            if ready:
                break
            if time.monotonic() >= deadline:
                return "timeout"
            if client_gone():
                return "gone"
        message = read_message(out)  # the worker writes its reply in one go, once its result is complete
        if message is None:
            try:
                code = self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
            # a failed allocation aborts a Rust program: the worker hit its memory limit
            return "memory" if code == -signal.SIGABRT else "crashed"
        header, body = message
        return Reply(header["status"], header["content_type"], body)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            stream.close()


class WorkerPool:
    """`size` workers over the N-Triples file `data`."""

    def __init__(self, data: Path, size: int, allow_service: bool = False, memory_mb: int = MEMORY_MB) -> None:
        self.command = [sys.executable, "-m", "mcglossary.sparql.worker", str(data), f"--memory-mb={memory_mb}"]
        self.memory_mb = memory_mb
        if allow_service:
            self.command.append("--allow-service")
        self.size = size
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.busy: set[Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        self.killed = 0  # workers killed for a query past its time or without a client (tests, logs)
        self.starters: list[threading.Thread] = []
        self.starting: set[subprocess.Popen] = set()
        for _ in range(size):
            self._start_in_background()
        for starter in list(self.starters):
            starter.join(START_TIMEOUT)
        if self.idle.qsize() < size:
            self.close()
            raise PoolError(f"only {self.idle.qsize()} of {size} query workers started")

    def _start_in_background(self) -> None:
        starter = threading.Thread(target=self._start_one, daemon=True)
        with self.lock:
            if self.closed:
                return
            self.starters = [t for t in self.starters if t.is_alive()] + [starter]
        starter.start()

    def _start_one(self) -> None:
        try:
            worker = Worker(self.command, self.starting)
        except (PoolError, OSError) as error:
            if not self.closed:
                print(f"error: {error}", file=sys.stderr)
            return
        with self.lock:
            if self.closed:
                worker.kill()
                return
        self.idle.put(worker)

    def pids(self) -> list[int]:
        with self.lock:
            return sorted(w.pid for w in [*self.busy, *list(self.idle.queue)])

    def answer(self, request: dict, timeout: float, client_gone: Callable[[], bool]) -> Reply | None:
        """Run `request` within `timeout` seconds (waiting for a free worker included); None when the client went."""
        deadline = time.monotonic() + timeout
        try:
            worker = self.idle.get(timeout=timeout)
        except queue.Empty:
            return Reply.text(503, f"no query worker of {self.size} became free within {timeout:g} s; try again later")
        if client_gone():  # it gave up while waiting for a worker: run nothing for nobody
            self.idle.put(worker)
            return None
        with self.lock:
            self.busy.add(worker)
        outcome = worker.ask(request, deadline, client_gone)
        with self.lock:
            self.busy.discard(worker)
        if isinstance(outcome, Reply):
            self.idle.put(worker)
            return outcome
        self._replace(worker)
        if outcome == "gone":
            return None
        if outcome == "timeout":
            return Reply.text(
                503, f"the query was stopped after {timeout:g} s, the endpoint's limit (mcg serve --timeout)"
            )
        if outcome == "memory":
            return Reply.text(
                503, f"the query needed more than {self.memory_mb} MB, the endpoint's limit (mcg serve --memory)"
            )
        return Reply.text(500, "the query engine stopped while running this query")

    def _replace(self, worker: Worker) -> None:
        """Kill a worker now and start its successor in the background, so the reply is not held up."""
        worker.kill()
        with self.lock:
            self.killed += 1
        self._start_in_background()

    def close(self) -> None:
        """Stop every worker, those still starting too (they read a file the caller deletes next): killed, not
        waited for, so that Ctrl-C ends `mcg serve` at once even while a replacement is loading a large glossary."""
        with self.lock:
            self.closed = True
            starters = list(self.starters)
        for process in list(self.starting):
            process.kill()
        for starter in starters:
            starter.join(START_TIMEOUT)
        with self.lock:
            workers = [*self.busy, *list(self.idle.queue)]
        for worker in workers:
            worker.kill()
