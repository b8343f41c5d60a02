"""The SPARQL endpoint (`mcg serve`): every example agrees with the in-process run and its pins; read-only."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ONTOLOGY
from mcglossary.data.export import published
from mcglossary.sparql.endpoint import free_port
from mcglossary.sparql.query import QueryError, load_examples, run, run_endpoint
from query_pins import check
from sparqlkit import start_serve

EXAMPLES = load_examples(ONTOLOGY / "queries")
MARKER = "ASK { <urn:mcg:test> <urn:mcg:test> <urn:mcg:test> }"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_example_agrees_with_in_process_and_pins(example, endpoint, ontology):
    remote = run_endpoint(endpoint.query_url, example.text)
    check(example.slug, remote)
    assert remote == run(ontology.data, example.text)


def test_endpoint_holds_the_whole_glossary_as_published(endpoint, ontology):
    """Every triple of the download: every loaded one, the mapped vocabularies retyped (export.published)."""
    count = run_endpoint(endpoint.query_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } ORDER BY ?n")
    assert int(count.rows[0][0].value) == len(published(ontology.data))
    assert len(published(ontology.data)) > len(ontology.data)  # the vocabularies are referenced, not dropped


def _post(url: str, data: bytes, content_type: str) -> int:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_updates_are_refused(endpoint):
    insert = "INSERT DATA { <urn:mcg:test> <urn:mcg:test> <urn:mcg:test> }"
    form = urllib.parse.urlencode({"update": insert}).encode()
    assert _post(endpoint.update_url, form, "application/x-www-form-urlencoded") == 403
    assert _post(endpoint.update_url, insert.encode(), "application/sparql-update") == 403
    assert _post(endpoint.query_url, form, "application/x-www-form-urlencoded") >= 400
    assert run_endpoint(endpoint.query_url, MARKER).boolean is False  # nothing was written


def test_endpoint_reports_query_errors(endpoint):
    with pytest.raises(QueryError):
        run_endpoint(endpoint.query_url, "SELECT ?x WHERE { ?x ?p ?o FILTER( }")


def test_cli_query_against_endpoint(endpoint):
    example = ONTOLOGY / "queries" / "organisations-by-definitions.rq"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mcglossary.cli",
            "query",
            str(example),
            "--endpoint",
            endpoint.query_url,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["results"]["bindings"][0]["name"]["value"] == "Credential Engine"


def test_cli_serve_prints_url_answers_and_cleans_up_on_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    server = start_serve(ONTOLOGY, port, env)
    try:
        assert list(tmp_path.glob("mcg-endpoint-*")), "the store lives in a temporary folder while serving"
        answer = run_endpoint(f"http://127.0.0.1:{port}/query", "ASK { ?s ?p ?o }")
        assert answer.boolean is True
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(timeout=20)
    assert code == 0
    assert "Traceback" not in server.stderr.read()
    assert not list(tmp_path.glob("mcg-endpoint-*")), "the temporary store is removed"
    assert tempfile.gettempdir() != str(tmp_path)  # the test changed only the child's TMPDIR


def test_cli_serve_fails_cleanly_when_the_port_is_taken(endpoint):
    result = subprocess.run(
        [sys.executable, "-m", "mcglossary.cli", "serve", "--port", str(endpoint.port), "--ontology", str(ONTOLOGY)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot listen on 127.0.0.1:{endpoint.port}: ")
    assert "Traceback" not in result.stderr
