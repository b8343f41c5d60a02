"""No query makes a network or file access unless the user opts in: SERVICE, LOAD (and every update) are refused
by `mcg query`, the endpoint and the site build, decided on the parsed query; FROM picks graphs of the store and
fetches nothing. A local listener that must receive nothing, and a named pipe that must not be opened, prove it."""

from __future__ import annotations

import io
import shutil

import pytest

from conftest import ONTOLOGY
from mcglossary.cli import main
from mcglossary.data.load import load
from mcglossary.pipeline import check
from mcglossary.sparql.endpoint import running_endpoint
from mcglossary.sparql.query import QueryError, checked_form, load_examples, run
from sparqlkit import http, listener, mcg, watched_fifo

SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def refused_queries(target: str) -> dict[str, str]:
    """Every way we know to ask for `target` from inside a query, by what the refusal must name."""
    return {
        "service": f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        "variable": f"SELECT * WHERE {{ VALUES ?at {{ <{target}> }} SERVICE ?at {{ ?s ?p ?o }} }}",
        "optional": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{target}> {{ ?a ?p ?o }} }} }} LIMIT 1",
        "subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }} }} }}",
        "exists": f"ASK {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{target}> {{ ?a ?p ?o }} }} }}",
        "minus": f"SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{target}> {{ ?a ?b ?c }} }} }}",
        "union": f"SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{target}> {{ ?a ?b ?c }} }} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        "describe": f"DESCRIBE ?s WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        "load": f"LOAD <{target}>",
        "load-into": f"LOAD SILENT <{target}> INTO GRAPH <urn:g>",
    }


WHAT_IS_NAMED = {"load": "LOAD", "load-into": "LOAD", "variable": "SERVICE ?at"}


def test_refusals_are_decided_on_the_parsed_query_and_name_what_they_refuse():
    for name, text in refused_queries("http://127.0.0.1:9/sparql").items():
        with pytest.raises(QueryError) as caught:
            checked_form(text)
        assert caught.value.message.startswith("refused: " + WHAT_IS_NAMED.get(name, "SERVICE <http")), name
    # the word alone is no SERVICE clause: in a string, a comment or a name it is data
    harmless = (
        SKOS + '# SERVICE <http://127.0.0.1:9/>\nSELECT ?t WHERE { ?t skos:prefLabel ?l FILTER(CONTAINS(?l, "SERVICE <'
        'http://x/> LOAD")) } ORDER BY ?t'
    )
    assert checked_form(harmless) == "SELECT"
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DROP ALL", "CLEAR DEFAULT"):
        with pytest.raises(QueryError, match=r"refused: this is a SPARQL update .*read-only"):
            checked_form(update)


def test_cli_refuses_with_one_line_and_exit_two_and_sends_nothing(tmp_path, monkeypatch, capsys):
    with listener() as heard, watched_fifo(tmp_path) as fifo:
        for target in (heard.url, fifo.url, "file:///etc/passwd"):
            for name, text in refused_queries(target).items():
                monkeypatch.setattr("sys.stdin", io.StringIO(text))
                code = main(["query", "-", "--ontology", str(ONTOLOGY)])  # `mcg query`, in this process
                out, err = capsys.readouterr()
                assert code == 2 and out == "", (name, out, err)
                assert err.startswith("<stdin>: refused: ") and err.count("\n") == 1, err
            result = mcg("query", "-", stdin=refused_queries(target)["service"])  # and once as a user runs it
            assert result.returncode == 2 and result.stdout == "" and "root:" not in result.stderr
            assert result.stderr.startswith("<stdin>: refused: SERVICE <") and result.stderr.count("\n") == 1
    assert heard.received == [] and not fifo.opened.is_set()


def test_endpoint_refuses_with_400_and_a_plain_text_message_and_sends_nothing(endpoint, tmp_path):
    with listener() as heard, watched_fifo(tmp_path) as fifo:
        for target in (heard.url, fifo.url, "file:///etc/passwd"):
            for name, text in refused_queries(target).items():
                for method in ("GET", "POST"):
                    answer = http(endpoint.query_url, text, method=method)
                    assert answer.status == 400, (name, method, answer)
                    assert answer.content_type == "text/plain; charset=utf-8"
                    message = answer.body.decode()
                    assert message.startswith("query: refused: ") and message.count("\n") == 1, message
                    assert "root:" not in message
            answer = http(
                endpoint.query_url, refused_queries(target)["service"], content_type="application/sparql-query"
            )
            assert answer.status == 400
    assert heard.received == [] and not fifo.opened.is_set()


def test_from_picks_graphs_of_the_store_and_fetches_nothing(endpoint, ontology):
    """Oxigraph reads FROM and FROM NAMED as names of graphs in its store (ours holds only the default graph), so
    they are answered, fetching nothing; rdflib would fetch them, so its runner (the tests' oracle) refuses them."""
    with listener() as heard:
        for clause in (f"FROM <{heard.url}>", f"FROM NAMED <{heard.url}>"):
            text = f"SELECT (COUNT(*) AS ?n) {clause} WHERE {{ ?s ?p ?o }}"
            answer = http(endpoint.query_url, text)
            assert answer.status == 200
            cli = mcg("query", "-", "--format", "csv", stdin=text)
            assert cli.returncode == 0, cli.stderr
            assert cli.stdout.splitlines()[1] == "0"  # FROM NAMED alone leaves the default graph empty
            with pytest.raises(QueryError, match=r"refused: FROM( NAMED)? <http://127\.0\.0\.1:\d+/sparql> would"):
                run(ontology.data, text)
        answer = http(
            endpoint.query_url + "?" + f"default-graph-uri={heard.url}",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            content_type="application/sparql-query",
        )
        assert answer.status == 200 and b'"0"' in answer.body
    assert heard.received == []


def test_an_example_query_with_service_fails_validation_and_the_build(tmp_path):
    ontology = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, ontology, ignore=shutil.ignore_patterns("releases", "*.rq"))
    (ontology / "queries" / "federated.rq").write_text(
        "# title: Federated\n# question: Does it call out?\n# audience: developers\n"
        "SELECT * WHERE {\n  SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match="refused: SERVICE"):
        load_examples(ontology / "queries")  # what the site's SPARQL pages are made from
    findings = [f for f in check(load(ontology)).findings if f.rule == "query"]
    assert len(findings) == 1 and "refused: SERVICE" in findings[0].message
    result = mcg("validate", "--ontology", str(ontology))
    assert result.returncode == 1 and "federated.rq" in result.stdout and "refused: SERVICE" in result.stdout


def test_opting_in_runs_service_and_says_what_it_risks(ontology):
    """The flags do what they say (the request reaches the listener), so their refusal is no accident."""
    with listener() as heard:
        text = f"SELECT * WHERE {{ SERVICE <{heard.url}> {{ ?s ?p ?o }} }}"
        result = mcg("query", "-", "--allow-service", stdin=text)
        assert result.returncode == 2 and result.stderr.startswith("<stdin>: the query failed while running: ")
        assert heard.received and heard.received[-1].startswith(b"POST /sparql ")
        heard.received.clear()
        with running_endpoint(ontology.data, "127.0.0.1", 0, workers=1, allow_service=True) as served:
            answer = http(served.query_url, text)
        assert answer.status == 400 and answer.body.startswith(b"query: the query failed while running: ")
        assert heard.received and heard.received[-1].startswith(b"POST /sparql ")
    for command in ("query", "serve"):
        assert "RISK" in " ".join(mcg(command, "--help").stdout.split())
