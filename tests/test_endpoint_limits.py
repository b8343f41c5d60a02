"""Bounded work at the endpoint: a query past its time, or whose client has gone, is stopped (its worker process
killed, so it uses no more CPU); other clients are answered meanwhile; requests have size limits; long queries go
by POST; and no error ever arrives with status 200."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest

from conftest import ONTOLOGY
from mcglossary.sparql.endpoint import free_port, running_endpoint
from mcglossary.sparql.protocol import MAX_BODY_BYTES
from mcglossary.sparql.store import glossary_store
from mcglossary.sparql.worker import answer
from sparqlkit import http

# four patterns over the whole glossary: 1,558^4 combinations, hours of work; COUNT so nothing streams meanwhile
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LIGHT = "ASK { ?s ?p ?o }"


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def workers_idle(pool, seconds: float = 60) -> list[int]:
    """Wait until all of the pool's workers are up and none is busy; their pids."""
    assert wait_for(lambda: pool.idle.qsize() == pool.size, seconds), "the workers did not come back"
    return pool.pids()


def busy_cpu(pids: list[int], seconds: float = 1.0) -> float:
    """CPU seconds the processes used over the next `seconds` (those still alive)."""
    before = {pid: cpu_seconds(pid) for pid in pids if alive(pid)}
    time.sleep(seconds)
    return sum(cpu_seconds(pid) - used for pid, used in before.items() if alive(pid))


def send_raw(url: str, query: str) -> socket.socket:
    """POST a query and leave the answer unread: the caller closes the socket (the client goes away)."""
    parts = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode({"query": query}).encode()
    connection = socket.create_connection((parts.hostname, parts.port))
    head = (
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    connection.sendall(head.encode() + body)
    return connection


@pytest.fixture(scope="module")
def patient(ontology):
    """An endpoint with a long timeout, so that only a client going away can stop a query early."""
    with running_endpoint(ontology.data, "127.0.0.1", 0, timeout=60, workers=2) as served:
        yield served


def test_a_query_past_the_timeout_is_answered_503_and_its_worker_killed(ontology):
    with running_endpoint(ontology.data, "127.0.0.1", 0, timeout=1.5, workers=2) as served:
        pids = workers_idle(served.pool)
        started = time.monotonic()
        reply = http(served.query_url, HEAVY)
        took = time.monotonic() - started
        assert reply.status == 503 and reply.content_type == "text/plain; charset=utf-8"
        assert reply.body == b"the query was stopped after 1.5 s, the endpoint's limit (mcg serve --timeout)\n"
        assert 1.5 <= took < 5, took
        assert served.pool.killed == 1
        assert sum(not alive(pid) for pid in pids) == 1  # the worker that ran it is gone, with its CPU and memory
        survivors = workers_idle(served.pool)
        assert busy_cpu(survivors) < 0.5
        assert http(served.query_url, LIGHT).status == 200  # and the endpoint goes on


def test_a_query_past_its_memory_is_answered_503_and_its_worker_replaced(ontology):
    # sorting a product of the glossary with itself: 2.4 million rows, hundreds of MB within a second or two
    sort = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    with running_endpoint(ontology.data, "127.0.0.1", 0, timeout=60, workers=1, memory_mb=150) as served:
        pids = workers_idle(served.pool)
        reply = http(served.query_url, sort)
        assert reply.status == 503 and reply.content_type == "text/plain; charset=utf-8"
        assert reply.body == b"the query needed more than 150 MB, the endpoint's limit (mcg serve --memory)\n"
        assert not alive(pids[0])
        workers_idle(served.pool)
        assert http(served.query_url, LIGHT).status == 200


def test_a_query_whose_client_has_gone_stops(patient):
    pids = workers_idle(patient.pool)
    killed = patient.pool.killed
    connection = send_raw(patient.query_url, HEAVY)
    assert wait_for(lambda: busy_cpu(pids, 0.3) > 0.1, 10), "the query never started"
    connection.close()
    started = time.monotonic()
    assert wait_for(lambda: patient.pool.killed == killed + 1, 10)
    assert time.monotonic() - started < 2  # long before the 60 s timeout
    assert busy_cpu(workers_idle(patient.pool)) < 0.5


def test_other_clients_are_answered_while_a_heavy_query_runs(patient):
    workers_idle(patient.pool)
    connection = send_raw(patient.query_url, HEAVY)
    try:
        time.sleep(0.3)
        for _ in range(5):
            started = time.monotonic()
            assert http(patient.query_url, LIGHT).status == 200
            assert time.monotonic() - started < 3
    finally:
        connection.close()
    workers_idle(patient.pool)


def test_six_abandoned_queries_leave_no_busy_process(patient):
    workers_idle(patient.pool)
    killed = patient.pool.killed
    clients = [send_raw(patient.query_url, HEAVY) for _ in range(6)]
    for client in clients:  # they give up one after another, while the others still wait for a worker
        time.sleep(0.2)
        client.close()
    pids = workers_idle(patient.pool)
    assert len(pids) == patient.pool.size
    assert busy_cpu(pids) < 0.5
    assert patient.pool.killed - killed <= 6
    assert http(patient.query_url, LIGHT).status == 200


ERRORS = {
    "syntax": ({"query": "SELECT ?x WHERE { ?x ?p ?o FILTER( }"}, 400, b"query:1:28: SPARQL syntax error: "),
    "refused": ({"query": "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, 400, b"query: refused: SERVICE"),
    "no query": ({"q": "ASK {}"}, 400, b"give exactly one query parameter"),
    "two queries": ({"query": ["ASK {}", "ASK {}"]}, 400, b"give exactly one query parameter"),
    "update": ({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, 400, b"give exactly one query parameter"),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors_never_arrive_with_status_200(endpoint, name):
    params, status, start = ERRORS[name]
    for method in ("GET", "POST"):
        encoded = urllib.parse.urlencode(params, doseq=True)
        if method == "GET":
            reply = http(endpoint.query_url + "?" + encoded, method="GET")
        else:
            reply = http(endpoint.query_url, body=encoded.encode())
        assert reply.status == status, (method, reply)
        assert reply.content_type == "text/plain; charset=utf-8"
        assert reply.body.startswith(start) and reply.body.count(b"\n") == 1, reply.body


def test_other_refusals_of_the_protocol(endpoint):
    base = endpoint.query_url.rsplit("/", 1)[0]
    cases = [
        (http(endpoint.query_url, "ASK {}", content_type="text/plain"), 415),
        (http(endpoint.query_url, "ASK {}", accept="text/turtle"), 406),
        (http(endpoint.query_url, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/sparql-results+json"), 406),
        (http(base + "/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), 403),
        (http(base + "/elsewhere", "ASK {}"), 404),
        (http(base + "/elsewhere", method="GET"), 404),
    ]
    for reply, status in cases:
        assert reply.status == status, reply
        assert reply.content_type == "text/plain; charset=utf-8" and reply.body.endswith(b"\n")


def test_long_queries_go_by_post_and_the_size_limits_hold(endpoint):
    # a query of about 300 KB: a VALUES block of 10,000 IRIs
    values = " ".join(f"<urn:mcg:test:{i}>" for i in range(10_000))
    long_query = f"SELECT (COUNT(?x) AS ?n) WHERE {{ VALUES ?x {{ {values} }} }}"
    assert 64 * 1024 < len(long_query) < MAX_BODY_BYTES
    by_post = http(endpoint.query_url, long_query)
    assert by_post.status == 200 and b'"10000"' in by_post.body
    direct = http(endpoint.query_url, long_query, content_type="application/sparql-query")
    assert direct.status == 200 and b'"10000"' in direct.body
    by_get = http(endpoint.query_url, long_query, method="GET")
    assert by_get.status == 414 and b"send a long query by POST" in by_get.body
    too_long = http(endpoint.query_url, body=b"query=" + b"%20" * (MAX_BODY_BYTES // 3 + 1))
    assert too_long.status == 413 and by_get.content_type == "text/plain; charset=utf-8"
    # a client that asks before sending its body hears the refusal at once, without sending it
    parts = urllib.parse.urlsplit(endpoint.query_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
        connection.sendall(
            f"POST /query HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {MAX_BODY_BYTES + 1}\r\nExpect: 100-continue\r\n\r\n".encode()
        )
        assert connection.recv(4096).startswith(b"HTTP/1.1 413 ")


def test_a_result_over_the_size_limit_is_an_error_not_a_truncated_200(ontology):
    store = glossary_store(ontology.data)
    reply = answer(store, {"query": "SELECT * WHERE { ?s ?p ?o }", "accept": ""}, max_bytes=10_000)
    assert reply.status == 400 and reply.body.startswith(b"the result is larger than")
    assert answer(store, {"query": "ASK { ?s ?p ?o }", "accept": ""}, max_bytes=10_000).status == 200


def test_mcg_serve_applies_its_limits(tmp_path):
    port = free_port()
    command = ["serve", "--port", str(port), "--timeout", "3", "--memory", "100", "--workers", "1"]
    server = subprocess.Popen(
        [sys.executable, "-m", "mcglossary.cli", *command, "--ontology", str(ONTOLOGY)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip().endswith(f"http://127.0.0.1:{port}/query")
        assert server.stdout.readline().startswith("1 workers, queries stopped after 3 s or 100 MB.")
        url = f"http://127.0.0.1:{port}/query"
        assert http(url, HEAVY).body.startswith(b"the query was stopped after 3 s")
        assert wait_for(lambda: http(url, LIGHT).status == 200, 30)  # the worker's successor is up
        sort = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
        assert http(url, sort).body.startswith(b"the query needed more than 100 MB")
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 0
