"""The endpoint's worker process: holds the glossary in an Oxigraph store and answers one query at a time.

The HTTP front (protocol.py) never evaluates a query itself: it hands the query to a worker (pool.py) and kills
the worker when the query runs past its time or its client goes away, the one way to stop an Oxigraph query
midway (the Oxigraph server's own timeout did not: README, "Bounded work"). Messages, both ways, over the
worker's stdin and stdout: two big-endian 32-bit lengths, a JSON header of the first length, a body of the second.

    python -m mcglossary.sparql.worker GLOSSARY.nt [--allow-service] [--max-result-bytes N] [--memory-mb N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from mcglossary.sparql import negotiation
from mcglossary.sparql.query import QueryError, checked_form, oxigraph_syntax_error
from mcglossary.sparql.store import store_from_ntriples

SOURCE = "query"  # how an error names the query: "query:3:7: SPARQL syntax error: ..."
MAX_RESULT_BYTES = 64 * 1024 * 1024
MEMORY_MB = 1024  # what one query may allocate beyond the loaded glossary (a sort of a large product grows fast)
_LENGTHS = struct.Struct(">II")


@dataclass(frozen=True)
class Reply:
    """What the front sends back: an HTTP status, a Content-Type and the body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))


class ResultTooLarge(Exception):
    pass


class _Bounded:
    """A write target for Oxigraph's result writers that stops the query once the result passes `limit` bytes
    (the writer pulls solutions as it writes, so raising here ends the evaluation too)."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size, self.limit = 0, limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def answer(store: ox.Store, request: dict, allow_service: bool = False, max_bytes: int = MAX_RESULT_BYTES) -> Reply:
    """One query of the SPARQL protocol: the result in the format the client accepts, or an error (never 200)."""
    text = request["query"]
    try:
        form = checked_form(text, SOURCE, allow_service)  # the same parse, errors and refusals as `mcg query`
    except QueryError as error:
        return Reply.text(400, error.format_line())
    chosen = negotiation.choose(request.get("accept", ""), form)
    if chosen is None:
        offered = ", ".join(media for media, _ in negotiation.offers(form))
        return Reply.text(
            406, f"the result of this {form} query can be sent as {offered}; the Accept header allows none"
        )
    media_type, writer = chosen
    target = _Bounded(max_bytes)
    try:
        result = store.query(text, **_dataset(request))
        result.serialize(target, format=writer)
    except ResultTooLarge:
        limit = f"{max_bytes / 2**20:g} MB" if max_bytes >= 2**20 else f"{max_bytes:,} bytes"
        return Reply.text(400, f"the result is larger than {limit}, the endpoint's limit; narrow it or add LIMIT")
    except SyntaxError as error:
        return Reply.text(400, oxigraph_syntax_error(error, SOURCE).format_line())
    except (OSError, ValueError, RuntimeError) as error:
        message = " ".join(str(error).split()) or type(error).__name__
        return Reply.text(400, QueryError(f"the query failed while running: {message}", SOURCE).format_line())
    return Reply(200, negotiation.content_type(media_type), b"".join(target.parts))


def _dataset(request: dict) -> dict:
    """The protocol's default-graph-uri and named-graph-uri: graphs of the store (never fetched)."""
    options = {}
    if request.get("default_graphs"):
        options["default_graph"] = [ox.NamedNode(iri) for iri in request["default_graphs"]]
    if request.get("named_graphs"):
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request["named_graphs"]]
    return options


# --- messages ---------------------------------------------------------------------------------------------------


def write_message(stream: BinaryIO, header: dict, body: bytes = b"") -> None:
    encoded = json.dumps(header).encode("utf-8")
    stream.write(_LENGTHS.pack(len(encoded), len(body)) + encoded + body)
    stream.flush()


def read_message(stream: BinaryIO) -> tuple[dict, bytes] | None:
    """The next message, or None at the end of the stream (the other side has gone)."""
    lengths = _read_exactly(stream, _LENGTHS.size)
    if lengths is None:
        return None
    header_length, body_length = _LENGTHS.unpack(lengths)
    header = _read_exactly(stream, header_length)
    body = _read_exactly(stream, body_length)
    if header is None or body is None:
        return None
    return json.loads(header), body


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    parts, remaining = [], size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _limit_memory(budget_mb: int) -> None:
    """Cap this process's address space at what it holds now plus `budget_mb`: a query that needs more makes
    Oxigraph's allocation fail, which ends the process (SIGABRT), and the pool answers 503 and starts another."""
    with open("/proc/self/status") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = size_kb * 1024 + budget_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcglossary.sparql.worker")
    parser.add_argument("data", type=Path, help="the glossary as N-Triples")
    parser.add_argument("--allow-service", action="store_true")
    parser.add_argument("--max-result-bytes", type=int, default=MAX_RESULT_BYTES)
    parser.add_argument("--memory-mb", type=int, default=MEMORY_MB)
    args = parser.parse_args(argv)
    # the messages get stdout to themselves: anything printed by mistake goes to stderr instead
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    requests = sys.stdin.buffer
    store = store_from_ntriples(args.data.read_bytes())
    _limit_memory(args.memory_mb)
    write_message(replies, {"ready": len(store)})
    while (message := read_message(requests)) is not None:
        try:
            reply = answer(store, message[0], args.allow_service, args.max_result_bytes)
        except Exception as error:  # a bug of ours: answer this query with it and keep the worker for the next
            reply = Reply.text(500, f"internal error: {type(error).__name__}: {error}")
        write_message(replies, {"status": reply.status, "content_type": reply.content_type}, reply.body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
