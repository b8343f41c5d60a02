"""CORS is opt-in (`mcg serve --cors`): without it a web page on another origin cannot read the endpoint's answers,
with it it can (proved in Chromium); and `mcg serve` warns whenever --host is not a loopback address."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from conftest import ONTOLOGY
from mcglossary.sparql.endpoint import free_port, is_loopback, running_endpoint
from mcglossary.sparql.protocol import CORS_HEADERS
from sitekit import CHROMIUM, CHROMIUM_ARGS, chromium_available, serve
from sparqlkit import http

ORIGIN_HEADER = "Access-Control-Allow-Origin"


@pytest.fixture(scope="module")
def open_endpoint(ontology):
    with running_endpoint(ontology.data, "127.0.0.1", 0, workers=1, cors=True) as served:
        yield served


def preflight(url: str) -> dict[str, str]:
    answer = http(
        url,
        method="OPTIONS",
        body=b"",
        headers={
            "Origin": "http://127.0.0.1:1",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert answer.status == 204
    return answer.headers


def test_no_cors_headers_by_default(endpoint):
    for answer in (http(endpoint.query_url, "ASK {}"), http(endpoint.query_url, "ASK {")):
        assert ORIGIN_HEADER not in answer.headers
    assert ORIGIN_HEADER not in preflight(endpoint.query_url)


def test_with_cors_answers_errors_and_preflights_carry_the_headers(open_endpoint):
    ok, error = http(open_endpoint.query_url, "ASK {}"), http(open_endpoint.query_url, "ASK {")
    assert (ok.status, error.status) == (200, 400)
    for headers in (ok.headers, error.headers, preflight(open_endpoint.query_url)):
        for name, value in CORS_HEADERS.items():
            assert headers.get(name) == value


FETCH = """async ([url, query]) => {
    try {
        const response = await fetch(url, {method: "POST", body: query, headers: {
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
        return response.status + " " + JSON.stringify(await response.json());
    } catch (error) { return "blocked: " + error.name; }
}"""


@pytest.mark.browser
def test_a_page_on_another_origin_reads_answers_only_with_cors(endpoint, open_endpoint, tmp_path):
    if not chromium_available():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    (tmp_path / "index.html").write_text("<!doctype html><title>another origin</title>", encoding="utf-8")
    with serve(tmp_path) as page_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.goto(page_url)
            assert (
                tab.evaluate(FETCH, [open_endpoint.query_url, "ASK { ?s ?p ?o }"]) == '200 {"head":{},"boolean":true}'
            )
            assert tab.evaluate(FETCH, [endpoint.query_url, "ASK { ?s ?p ?o }"]) == "blocked: TypeError"
        finally:
            browser.close()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.1", False),
        ("no-such-host.invalid", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_warns_when_the_host_is_not_loopback():
    port, ontology = free_port("0.0.0.0"), ["--ontology", str(ONTOLOGY)]
    server = subprocess.Popen(
        [sys.executable, "-m", "mcglossary.cli", "serve", "--host", "0.0.0.0", "--port", str(port), *ontology],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip().endswith(f"http://0.0.0.0:{port}/query")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    warning = server.stderr.readline()
    assert warning.startswith("warning: --host 0.0.0.0 is not a loopback address: anyone who can reach this machine")
