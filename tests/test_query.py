"""The example queries: their headers, their pinned results in-process, the writers, the CLI, the RDF of them."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from conftest import ONTOLOGY
from mcglossary.data.namespaces import MCG
from mcglossary.sparql.queries_rdf import QUERY, queries_graph
from mcglossary.sparql.query import FORMS, QueryError, QueryResult, Value, format_result, load_examples, run
from query_pins import PINS, check, shown
from sparqlkit import mcg

XSD_GYEAR, XSD_DATE = "http://www.w3.org/2001/XMLSchema#gYear", "http://www.w3.org/2001/XMLSchema#date"

QUERIES = ONTOLOGY / "queries"
EXAMPLES = load_examples(QUERIES)
BY_SLUG = {example.slug: example for example in EXAMPLES}


def test_examples_are_many_sorted_and_cover_every_form():
    assert len(EXAMPLES) >= 12
    assert [e.slug for e in EXAMPLES] == sorted(p.stem for p in QUERIES.glob("*.rq"))
    assert {e.form for e in EXAMPLES} == set(FORMS)


def test_every_example_is_pinned():
    assert set(PINS) == set(BY_SLUG)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_example_header_and_order(example):
    assert example.title and example.question and example.audience
    assert example.audience in {"researchers", "developers", "curators", "standards groups"}
    assert not example.text.startswith("#")  # the header is not part of the query text
    if example.form == "SELECT":
        assert re.search(r"^ORDER BY ", example.text, re.MULTILINE), "a SELECT needs ORDER BY to be deterministic"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_example_gives_its_pinned_result_in_process(example, ontology):
    check(example.slug, run(ontology.data, example.text))


def test_pins_catch_a_wrong_result(ontology):
    result = run(ontology.data, BY_SLUG["organisations-by-definitions"].text)
    wrong = QueryResult(result.form, result.variables, result.rows[1:])
    with pytest.raises(AssertionError):
        check("organisations-by-definitions", wrong)


def test_literals_keep_language_and_datatype(ontology):
    rows = run(ontology.data, BY_SLUG["source-definitions"].text).rows
    engine = next(row for row in rows if row[1].value == "Credential Engine")
    assert engine[1] == Value("literal", "Credential Engine", lang="en")
    years = {row[2].datatype for row in rows if row[2] is not None}
    assert years <= {XSD_GYEAR, XSD_DATE} and XSD_GYEAR in years
    heqco = next(row for row in rows if row[1].value.startswith("Higher Education Quality Council"))
    assert heqco[2] is None  # HEQCO's quotation gives no year: unbound
    count = run(ontology.data, BY_SLUG["organisations-by-definitions"].text).rows[0][2]
    assert count.datatype == "http://www.w3.org/2001/XMLSchema#integer" and int(count.value) > 1


def test_results_compare_by_rows_and_by_graph_isomorphism():
    a, b = Graph(), Graph()
    a.add((URIRef("urn:x"), RDFS.label, Literal("x")))
    b.add((URIRef("urn:x"), RDFS.label, Literal("x")))
    assert QueryResult("CONSTRUCT", graph=a) == QueryResult("CONSTRUCT", graph=b)
    b.add((URIRef("urn:y"), RDFS.label, Literal("y")))
    assert QueryResult("CONSTRUCT", graph=a) != QueryResult("CONSTRUCT", graph=b)
    one = QueryResult("SELECT", ("x",), ((Value("uri", "urn:a"),), (Value("uri", "urn:b"),)))
    other = QueryResult("SELECT", ("x",), ((Value("uri", "urn:b"),), (Value("uri", "urn:a"),)))
    assert one != other  # row order is part of the result


def test_prefixes_must_be_declared(ontology):
    with pytest.raises(QueryError, match="'skos:' is used but not declared"):
        run(ontology.data, "SELECT ?t WHERE { ?t skos:prefLabel ?l } ORDER BY ?t")
    with pytest.raises(QueryError, match="':' is used"):
        run(ontology.data, "PREFIX x: <urn:x#> ASK { ?t :p x:o }")
    assert run(ontology.data, "PREFIX : <urn:x#> ASK { ?t :p ?o }").boolean is False


def test_malformed_example_names_file_line_and_column(tmp_path):
    (tmp_path / "a-good.rq").write_text((QUERIES / "all-terms.rq").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b-bad.rq").write_text(
        "# title: Bad\n# question: Does it parse?\n# audience: developers\n"
        "SELECT ?x\nWHERE {\n  ?x ?p ?o\n  FILTER(\n}\n",
        encoding="utf-8",
    )
    with pytest.raises(QueryError) as caught:
        load_examples(tmp_path)
    error = caught.value
    assert error.source.endswith("b-bad.rq")
    assert (error.line, error.column) == (7, 3)  # the file's own line numbers, header included
    assert "syntax error" in error.message and "FILTER" in error.message


@pytest.mark.parametrize(
    ("header", "complaint"),
    [
        ("# question: q?\n# audience: developers\n", "title"),
        ("# title: t\n# question: q?\n# audience: developers\n# author: me\n", "key: value"),
    ],
)
def test_example_header_problems(tmp_path, header, complaint):
    (tmp_path / "x.rq").write_text(header + "ASK { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=complaint):
        load_examples(tmp_path)


def test_cli_malformed_query_exits_two_with_position_and_no_traceback():
    result = mcg("query", "-", stdin="SELECT ?x WHERE {\n  ?x ?p ?o\n  FILTER(\n}\n")
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("<stdin>:3:3: SPARQL syntax error: ")


def test_cli_table_format(ontology):
    expected = run(ontology.data, BY_SLUG["organisations-by-definitions"].text).rows
    result = mcg("query", str(QUERIES / "organisations-by-definitions.rq"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["organisation", "name", "definitions"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    first = lines[2].split()
    assert first[0] == expected[0][0].short() and first[-1] == expected[0][2].value
    assert " ".join(first[1:-1]) == expected[0][1].value
    # aligned: each column starts at the same offset on every row
    assert {line.index("org:") for line in lines[2:-1]} == {0}
    name_starts = {len(line) - len(line.split(None, 1)[1]) for line in lines[2:-1]}
    assert len(name_starts) == 1  # the second column starts at the same offset on every row
    assert lines[-1] == f"({len(expected)} rows)"


def test_cli_csv_tsv_json_formats(ontology):
    expected = run(ontology.data, BY_SLUG["organisations-by-definitions"].text).rows
    organisation, name, count = expected[0]
    example = str(QUERIES / "organisations-by-definitions.rq")
    csv_out = mcg("query", example, "--format", "csv").stdout  # text mode: CRLF arrives as LF
    assert csv_out.startswith("organisation,name,definitions\n")
    rows = list(csv.reader(io.StringIO(csv_out)))
    assert rows[1] == [organisation.value, name.value, count.value]
    assert len(rows) == len(expected) + 1

    tsv_lines = mcg("query", example, "--format", "tsv").stdout.splitlines()
    assert tsv_lines[0] == "?organisation\t?name\t?definitions"
    assert tsv_lines[1] == (
        f'<{organisation.value}>\t"{name.value}"@en\t"{count.value}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )

    body = json.loads(mcg("query", example, "--format", "json").stdout)
    assert body["head"]["vars"] == ["organisation", "name", "definitions"]
    first = body["results"]["bindings"][0]
    assert first["name"] == {"type": "literal", "value": name.value, "xml:lang": "en"}
    assert first["definitions"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert len(body["results"]["bindings"]) == len(expected)


def test_cli_unbound_values_are_left_out_of_json_and_empty_in_csv(ontology):
    rows = run(ontology.data, BY_SLUG["source-definitions"].text).rows
    index = next(i for i, row in enumerate(rows) if row[1].value.startswith("Higher Education Quality Council"))
    example = str(QUERIES / "source-definitions.rq")
    heqco = json.loads(mcg("query", example, "--format", "json").stdout)["results"]["bindings"][index]
    assert "year" not in heqco and heqco["name"]["value"].startswith("Higher Education")
    row = list(csv.reader(io.StringIO(mcg("query", example, "--format", "csv").stdout)))[index + 1]
    assert row[2] == ""


def test_cli_ask_and_graph_results():
    ask = mcg("query", str(QUERIES / "is-open-badge-a-digital-credential.rq"))
    assert ask.stdout == "true\n"
    assert json.loads(
        mcg("query", str(QUERIES / "is-open-badge-a-digital-credential.rq"), "--format", "json").stdout
    ) == {
        "head": {},
        "boolean": True,
    }
    described = mcg("query", str(QUERIES / "describe-organisation.rq"))
    assert described.returncode == 0
    graph = Graph().parse(data=described.stdout, format="turtle")
    assert len(graph) == PINS["describe-organisation"]["triples"]


def test_format_result_edge_cases():
    assert format_result(QueryResult("SELECT", ("x",), ())) == "x\n-\n(0 rows)\n"
    tricky = QueryResult("SELECT", ("a", "b"), ((Value("literal", 'say "hi",\nthen go'), None),))
    assert format_result(tricky, "csv") == 'a,b\r\n"say ""hi"",\nthen go",\r\n'  # SPARQL CSV: CRLF, quoted
    assert format_result(tricky, "tsv") == '?a\t?b\n"say \\"hi\\",\\nthen go"\t\n'
    assert format_result(tricky, "table").splitlines()[2] == 'say "hi", then go'
    assert json.loads(format_result(tricky, "json"))["results"]["bindings"] == [
        {"a": {"type": "literal", "value": 'say "hi",\nthen go'}}
    ]


def test_queries_graph_has_one_executable_per_file():
    graph = queries_graph(QUERIES)
    executables = set(graph.subjects(RDF.type, SH.SPARQLExecutable))
    assert executables == {QUERY[e.slug] for e in EXAMPLES}
    text_property = {"SELECT": SH.select, "CONSTRUCT": SH.construct, "ASK": SH.ask, "DESCRIBE": MCG.describe}
    for example in EXAMPLES:
        iri = QUERY[example.slug]
        assert str(iri) == f"https://w3id.org/microcredential-glossary/query/{example.slug}"
        assert graph.value(iri, RDFS.label) == Literal(example.title, lang="en")
        assert str(graph.value(iri, RDFS.comment)).startswith(example.question)
        assert graph.value(iri, DCTERMS.audience) == Literal(example.audience)
        prop = text_property[example.form]
        assert str(graph.value(iri, prop)) == example.text
        assert len(set(graph.objects(iri, RDF.type))) == 2
    assert (QUERY["all-terms"], RDF.type, SH.SPARQLSelectExecutable) in graph
    assert (QUERY["term-neighbourhood"], RDF.type, SH.SPARQLConstructExecutable) in graph
    assert (QUERY["is-open-badge-a-digital-credential"], RDF.type, SH.SPARQLAskExecutable) in graph
    assert (QUERY["describe-organisation"], RDF.type, MCG.SPARQLDescribeExecutable) in graph
    assert not [t for t in graph.predicates() if str(t).startswith(str(SH)) and t not in text_property.values()]


def test_queries_graph_is_not_loaded_into_the_glossary(ontology):
    assert not set(ontology.data.subjects(RDF.type, SH.SPARQLExecutable))
    assert shown(run(ontology.data, BY_SLUG["all-terms"].text))  # sanity: the glossary itself is there
