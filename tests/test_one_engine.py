"""One engine: `mcg query` in-process answers every query exactly as the endpoint does (both Oxigraph, each store
built by sparql/store.py), results and errors alike, and the site's example pages show the same. The queries are
the examples and those of differential_queries.py: aggregates, GROUP_CONCAT with language tags and on empty
groups, xsd:gYear and xsd:date comparisons, FROM, OPTIONAL, MINUS, property paths, VALUES, DESCRIBE, CONSTRUCT,
invalid regular expressions, errors."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ONTOLOGY
from differential_queries import QUERIES
from mcglossary.cli import main
from mcglossary.sparql.query import load_examples
from sparqlkit import http

CASES = {f"example:{e.slug}": e.text for e in load_examples(ONTOLOGY / "queries")} | QUERIES


def test_the_comparison_is_wide():
    assert len(CASES) >= 60
    errors = [name for name in CASES if name.startswith("error-")]
    assert 4 <= len(errors) < len(CASES) // 5


def mcg_query(text: str, *args: str, monkeypatch, capsys) -> tuple[int, str, str]:
    """`mcg query - --format json [args]` run in this process (the glossary already loaded: loading is not what is
    compared), as (exit code, stdout, stderr)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code = main(["query", "-", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def loaded(monkeypatch, ontology):
    monkeypatch.setattr("mcglossary.sparql.query.load", lambda folder: ontology)


@pytest.mark.parametrize("name", CASES)
def test_cli_and_endpoint_answer_alike(name, endpoint, loaded, monkeypatch, capsys):
    text = CASES[name]
    local = mcg_query(text, monkeypatch=monkeypatch, capsys=capsys)
    remote = mcg_query(text, "--endpoint", endpoint.query_url, monkeypatch=monkeypatch, capsys=capsys)
    code, out, err = local
    assert (code == 0) == (not name.startswith("error-")), local
    if code:
        assert remote == local  # the same one line, `<stdin>:line:col: message`, and exit code 2
        raw = http(endpoint.query_url, text)  # and the endpoint says it itself, as `query:...`
        assert raw.status == 400
        assert raw.body.decode() == "query" + err.removeprefix("<stdin>")
        return
    assert remote[0] == 0 and remote[2] == "", remote
    if out.lstrip().startswith("{"):
        assert remote[1] == out  # SELECT and ASK: the same JSON, byte for byte (rows in the same order)
        raw = http(endpoint.query_url, text)
        assert _bindings(json.loads(raw.body)) == _bindings(json.loads(out))
    else:  # CONSTRUCT and DESCRIBE print Turtle: blank node labels are the writer's, so compare the graphs
        here, there = Graph().parse(data=out, format="turtle"), Graph().parse(data=remote[1], format="turtle")
        assert isomorphic(here, there), name
        raw = http(endpoint.query_url, text, accept="application/n-triples")
        assert isomorphic(here, Graph().parse(data=raw.body, format="nt")), name


@pytest.mark.parametrize("example", load_examples(ONTOLOGY / "queries"), ids=lambda e: e.slug)
def test_the_site_shows_what_mcg_query_answers(example, built_site, loaded, monkeypatch, capsys):
    code, out, _err = mcg_query(example.text, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0
    folder = built_site / "sparql" / example.slug
    if example.form in ("CONSTRUCT", "DESCRIBE"):
        shown = Graph().parse(folder / "results.ttl", format="turtle")
        assert isomorphic(shown, Graph().parse(data=out, format="turtle"))
    else:
        assert json.loads((folder / "results.json").read_text(encoding="utf-8")) == json.loads(out)


def _bindings(results: dict) -> object:
    """What a JSON result says, blank node labels numbered by first appearance (each writer picks its own)."""
    if "boolean" in results:
        return results["boolean"]
    labels: dict[str, str] = {}
    rows = []
    for binding in results["results"]["bindings"]:
        row = {}
        for var, value in binding.items():
            value = dict(value)
            if value["type"] == "bnode":
                value["value"] = labels.setdefault(value["value"], f"b{len(labels)}")
            if value.get("datatype") == "http://www.w3.org/2001/XMLSchema#string":
                del value["datatype"]
            row[var] = value
        rows.append(row)
    return results["head"]["vars"], rows
