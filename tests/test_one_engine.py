"""One engine: `mcg query` in-process answers every query exactly as the endpoint does (both Oxigraph, each store
built by sparql/store.py), results and errors alike, the site's example pages show the same, and so does the query
page in Chromium (Oxigraph's WebAssembly build; what is compared there, and its exceptions, are above its test).
The queries are the examples and those of differential_queries.py: aggregates, GROUP_CONCAT with language tags and
on empty groups, xsd:gYear and xsd:date comparisons, FROM, OPTIONAL, MINUS, property paths, VALUES, DESCRIBE,
CONSTRUCT, invalid regular expressions, errors."""

from __future__ import annotations

import csv
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
from test_browser import browser, site_url  # noqa: F401  (Debian's headless Chromium and the served site)
from test_query_page import Tab

CSV = "a.mcg-query__download[data-format=csv]"
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


# --- the third engine: the query page (sparql/run/), Oxigraph's WebAssembly build in the page's worker ----------
#
# Compared with `mcg query` in-process (which the test above holds equal to the endpoint, byte for byte):
#   SELECT and ASK: the page's SPARQL results JSON download against the CLI's JSON, both through _bindings (blank
#     nodes numbered by first appearance, xsd:string dropped), rows in order;
#   CONSTRUCT and DESCRIBE: the page's Turtle download against the CLI's Turtle, as graphs (isomorphic);
#   errors: the outcome class only. The CLI's error is ours (`<stdin>:line:col: ...`, exit 2, rdflib's parser and
#     safety.py decide first); the page shows Oxigraph-wasm's own text, worded differently. Both must be errors, the
#     page must show its error box with a message and no result; the words and positions are not compared.
# Exceptions, each asserted, none skipped:
#   error-service: the CLI refuses SERVICE (safety.py: "refused: ..."); Oxigraph-wasm has no HTTP client and says
#     "... is not supported". Both refuse, which is the outcome compared; the texts are checked to say so.
#   error-update: the CLI refuses an update (safety.py: "refused: ..."); the page only ever asks Oxigraph to run a
#     query, whose parser rejects DELETE as a syntax error ("error at 11:10: expected CONSTRUCT", line 11 after the
#     common PREFIX lines). Both refuse, checked likewise.

# the refusals the two word differently, each as (what the CLI's line says, what the page's message says)
BOTH_REFUSE = {
    "error-service": (": refused: ", "is not supported"),
    "error-update": (": refused: ", "error at 11:10: expected"),
}


@pytest.fixture(scope="module")
def query_page(browser, site_url):  # noqa: F811
    """One query page for all the queries: loaded once, then each query set in its editor and run by its Run button
    (the page's own path: its guess of the form, the worker, the JSON or Turtle it offers for download)."""
    opened = Tab(browser, site_url)
    opened.open("")
    yield opened
    assert opened.elsewhere == [], opened.elsewhere
    assert opened.errors == [], opened.errors
    opened.close()


def in_the_browser(tab: Tab, text: str) -> tuple[str, str]:
    """Run `text` on the query page: ("error", Oxigraph's message), ("json", the SPARQL results JSON) or ("ttl", the
    Turtle graph), the last two as the page's download offers them."""
    # the editor's view, found as CodeMirror's EditorView.findFromDOM finds it (typing 83 queries would be slow,
    # and the editor's bracket closing and completion would change them)
    held = tab.page.evaluate(
        """text => {
            const view = document.querySelector("#mcg-query .cm-content").cmTile.root.view;
            view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
            return view.state.doc.toString();
        }""",
        text,
    )
    assert held == text
    tab.run()
    if tab.page.is_visible("#mcg-query-error"):
        assert tab.page.is_hidden("#mcg-query-result")
        return "error", tab.page.locator("#mcg-query-error details pre").text_content()
    fmt = "ttl" if tab.page.locator("a.mcg-query__download[data-format=ttl]").count() else "json"
    return fmt, tab.download(fmt)


@pytest.mark.browser
@pytest.mark.parametrize("name", CASES)
def test_the_browser_answers_as_the_cli(name, query_page, loaded, monkeypatch, capsys):
    text = CASES[name]
    code, out, err = mcg_query(text, monkeypatch=monkeypatch, capsys=capsys)
    kind, shown = in_the_browser(query_page, text)
    if code:
        assert code == 2 and kind == "error" and shown.strip(), (name, err, kind, shown[:300])
        if name in BOTH_REFUSE:  # each in its own words (see the comment above)
            cli_says, page_says = BOTH_REFUSE[name]
            assert cli_says in err and page_says in shown, (name, err, shown[:300])
        return
    assert kind != "error", (name, shown)
    if out.lstrip().startswith("{"):
        assert kind == "json", name
        here, there = _bindings(json.loads(out)), _bindings(json.loads(shown))
        same = here == there  # not in the assert: pytest's diff of two long results takes minutes
        assert same, (name, str(here)[:300], str(there)[:300])
        if name.startswith("example:") and "results" in json.loads(shown) and '"bnode"' not in shown:
            assert query_page.page.locator(CSV).count(), f"{name}: the page offers no CSV download of a SELECT"
            code, out, err = mcg_query(text, "--format", "csv", monkeypatch=monkeypatch, capsys=capsys)
            assert code == 0, err
            rows = list(csv.reader(io.StringIO(query_page.download("csv"))))
            assert rows == list(csv.reader(io.StringIO(out))), name  # the spreadsheet download too
    else:
        assert kind == "ttl", name
        here, there = Graph().parse(data=out, format="turtle"), Graph().parse(data=shown, format="turtle")
        assert isomorphic(here, there), name


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
