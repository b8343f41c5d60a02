"""The SPARQL examples on the site: every example has its page, whose result table is the pinned result (IRIs as
linked labels), whose shown query declares every prefix it uses, and its results download as CSV and SPARQL JSON
that say the same."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pyoxigraph
import pytest
from rdflib import Graph

from conftest import ONTOLOGY
from mcglossary.sparql.query import load_examples, run
from query_pins import PINS, check

EXAMPLES = load_examples(ONTOLOGY / "queries")


def test_every_example_is_listed_on_the_index(built_site):
    text = (built_site / "sparql" / "index.html").read_text(encoding="utf-8")
    for example in EXAMPLES:
        assert f'href="{example.slug}/"' in text, example.slug
    assert Graph().parse(built_site / "downloads" / "queries.ttl", format="turtle")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_example_page_shows_the_pinned_result(built_site, ontology, example):
    result = run(ontology.data, example.text, example.slug)
    check(example.slug, result)  # the page shows exactly what the tests pin
    folder = built_site / "sparql" / example.slug
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="query">Query</h2>' in page and '<h2 id="result">Result</h2>' in page
    if result.boolean is not None:
        assert ("yes (true)" if result.boolean else "no (false)") in page
        assert json.loads((folder / "results.json").read_text())["boolean"] is result.boolean
    elif result.graph is not None:
        assert len(Graph().parse(folder / "results.ttl", format="turtle")) == len(result.graph)
    else:
        count = len(result.rows)
        assert re.search(rf"<p>{count} rows?\.</p>", page)
        assert len(re.findall(r"<tr><td[ >]", page)) == count
        rows = list(csv.reader(io.StringIO((folder / "results.csv").read_text(encoding="utf-8"))))
        assert rows[0] == list(result.variables) and len(rows) == count + 1
        body = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        assert body["head"]["vars"] == list(result.variables) and len(body["results"]["bindings"]) == count


def test_pins_cover_every_example():
    assert sorted(PINS) == sorted(e.slug for e in EXAMPLES)


def _table(page: str) -> str:
    return page[page.index('<h2 id="result">') :].split("</table>")[0]


def test_result_tables_show_iris_as_linked_labels(built_site):
    page = (built_site / "sparql" / "organisations-by-definitions" / "index.html").read_text(encoding="utf-8")
    ce = "https://w3id.org/microcredential-glossary/organisation/credential-engine"
    link = f'<a href="../../organisation/credential-engine/" class="mcg-link mcg-link--organisation" title="{ce}">'
    assert f'<tr><td data-label="organisation">{link}Credential Engine</a></td>' in _table(page)
    mappings = _table((built_site / "sparql" / "mappings" / "index.html").read_text(encoding="utf-8"))
    ctdl = r'<a href="https://purl\.org/ctdl/terms/(\w+)" rel="external" title="[^"]+"><code>ceterms:\1</code></a>'
    assert re.search(ctdl, mappings)  # a mapped vocabulary's IRI by its prefixed name, linked out
    for example in EXAMPLES:
        if example.form == "SELECT":
            table = _table((built_site / "sparql" / example.slug / "index.html").read_text(encoding="utf-8"))
            # no resource of the glossary is shown by its bare name: each is a label linked to its page
            bare = r"<td[^>]*>(term|org|topic|definition|example|reference|collection|initiative):"
            assert not re.search(bare, table)
            for href in re.findall(r'<a href="(\.\./[^"]*)"', table):
                assert (built_site / "sparql" / example.slug / href / "index.html").resolve().is_file(), href


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.slug)
def test_the_shown_query_declares_every_prefix_it_uses(built_site, example):
    page = (built_site / "sparql" / example.slug / "index.html").read_text(encoding="utf-8")
    block = page[page.index('<h2 id="query">') : page.index('<h2 id="result">')]
    shown = html.unescape(re.sub(r"<[^>]+>", "", block.split("</h2>", 1)[1]))
    assert shown.strip() == example.text.strip()
    pyoxigraph.Store().query(shown)  # Oxigraph predeclares no prefix: an undeclared one would be a SyntaxError
