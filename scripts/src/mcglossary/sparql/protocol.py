"""The endpoint's HTTP side: the SPARQL 1.1 Protocol's query operation (GET, POST form, POST sparql-query) on
`/query`, with the limits that keep one client from holding the server, and CORS when asked for.

It only reads requests and writes replies; every query is parsed, checked and run in a worker process (pool.py).
Every error is a status of 400 or more with a plain-text body of one line, never a 200.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from mcglossary.sparql.pool import WorkerPool
from mcglossary.sparql.worker import Reply

QUERY_PATH, UPDATE_PATH = "/query", "/update"
MAX_BODY_BYTES = 1024 * 1024  # a POSTed query (the URL of a GET is limited to 64 KiB by http.server: 414)
DRAIN_BYTES = 16 * MAX_BODY_BYTES  # a body over the limit but under this is read and dropped, so the client reads
# our 413 rather than a broken pipe; a larger one is cut off (a client sending Expect: 100-continue gets 413 at once)
MAX_CONNECTIONS = 64  # open at once; more are answered 503 at once
READ_TIMEOUT = 30.0  # seconds a client may take to send its request (a slow sender holds a thread meanwhile)
# --cors: any origin may read the answers (errors too, so a page can show them); only what a query needs is allowed
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "86400",
}
FORM, SPARQL_QUERY = "application/x-www-form-urlencoded", "application/sparql-query"


@dataclass(frozen=True)
class Settings:
    timeout: float  # seconds a query may take, waiting for a worker included
    cors: bool = False


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True  # a request still running does not hold up the end of `mcg serve`
    block_on_close = False

    def __init__(self, address: tuple[str, int], settings: Settings) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.settings = settings
        self.pool: WorkerPool | None = None  # set before serving: bound first, so a port in use fails at once
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, SparqlHandler)

    def process_request(self, request: socket.socket, client_address: object) -> None:
        if not self.connections.acquire(blocking=False):
            _refuse_connection(request)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()


def _refuse_connection(request: socket.socket) -> None:
    body = f"more than {MAX_CONNECTIONS} connections are open; try again later\n".encode()
    head = f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {len(body)}"
    with contextlib.suppress(OSError):  # it may have gone already
        request.sendall(head.encode() + b"\r\nConnection: close\r\n\r\n" + body)


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "mcg-sparql"
    sys_version = ""
    timeout = READ_TIMEOUT

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: no line per request on the terminal of `mcg serve`."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (a request line over 64 KiB, a malformed request) in our plain-text form."""
        self.close_connection = True
        if code == 414:
            message = "the URL is over 64 KiB, the endpoint's limit for a GET; send a long query by POST"
        self._send(Reply.text(code, message or self.responses.get(code, ("error",))[0]))

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == QUERY_PATH:
            self._query(_params(url.query))
        elif url.path == "/":
            self._send(Reply.text(200, f"A read-only SPARQL 1.1 endpoint over the glossary: {QUERY_PATH}"))
        else:
            self._path_not_found(url.path)

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path not in (QUERY_PATH, UPDATE_PATH):
            self._path_not_found(path)
            return
        body = self._read_body()
        if body is None:
            return
        if path == UPDATE_PATH:
            self._send(Reply.text(403, "the glossary is read-only: updates are refused"))
            return
        media_type = self.headers.get_content_type()
        if media_type == FORM:
            self._query(_params(body.decode("utf-8", "replace")))
        elif media_type == SPARQL_QUERY:
            self._query({"query": [body.decode("utf-8", "replace")], **_params(urllib.parse.urlsplit(self.path).query)})
        else:
            self._send(Reply.text(415, f"send a query as {FORM} (query=...) or as {SPARQL_QUERY}"))

    def do_OPTIONS(self) -> None:
        """A browser's CORS preflight: it gets the CORS headers only when the server was started with --cors."""
        self.send_response(204)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self._cors_headers()
        self.end_headers()

    def _path_not_found(self, path: str) -> None:
        if path == UPDATE_PATH:
            self._send(Reply.text(403, "the glossary is read-only: updates are refused"))
        else:
            self._send(Reply.text(404, f"nothing at {path}: the SPARQL endpoint is {QUERY_PATH}"))

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            self._send(Reply.text(411, "send the request with a Content-Length, not chunked"))
            return None
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            self._send(Reply.text(411, "a POST needs a Content-Length"))
            return None
        if length < 0 or length > MAX_BODY_BYTES:
            if length <= DRAIN_BYTES and not self._expecting_continue():
                self._drain(length)
            self._too_large()
            return None
        return self.rfile.read(length)

    def handle_expect_100(self) -> bool:
        """Refuse a body over the limit before the client sends it."""
        try:
            too_large = int(self.headers.get("Content-Length", "0")) > MAX_BODY_BYTES
        except ValueError:
            too_large = False
        if too_large:
            self._too_large()
            return False
        return super().handle_expect_100()

    def _expecting_continue(self) -> bool:
        return self.headers.get("Expect", "").lower() == "100-continue"

    def _drain(self, length: int) -> None:
        try:
            while length > 0 and (chunk := self.rfile.read(min(length, 65536))):
                length -= len(chunk)
        except OSError:
            pass

    def _too_large(self) -> None:
        self.close_connection = True  # whatever is left of the body is unread: the connection ends here
        self._send(Reply.text(413, f"the request body is over {MAX_BODY_BYTES // 1024} KiB, the endpoint's limit"))

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send(Reply.text(400, "give exactly one query parameter (query=...)"))
            return
        request = {
            "query": queries[0],
            "accept": self.headers.get("Accept", ""),
            "default_graphs": params.get("default-graph-uri", []),
            "named_graphs": params.get("named-graph-uri", []),
        }
        reply = self.server.pool.answer(request, self.server.settings.timeout, self._client_gone)
        if reply is None:  # nobody is left to answer
            self.close_connection = True
            return
        self._send(reply)

    def _client_gone(self) -> bool:
        """True once the client has closed its side of the connection (it is readable and reads as empty)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return True

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if reply.status >= 400:
                self.send_header("Cache-Control", "no-store")
            self._cors_headers()
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
        except OSError:  # the client went away while we answered
            self.close_connection = True

    def _cors_headers(self) -> None:
        if self.server.settings.cors:
            for name, value in CORS_HEADERS.items():
                self.send_header(name, value)


def _params(text: str) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(text, keep_blank_values=True)
