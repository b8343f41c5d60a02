"""The SPARQL examples on the site: every example has its page, whose result table is the pinned result,
and its results download as CSV and SPARQL JSON that say the same."""

from __future__ import annotations

import csv
import io
import json
import re

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
        assert page.count("<tr><td>") == count
        rows = list(csv.reader(io.StringIO((folder / "results.csv").read_text(encoding="utf-8"))))
        assert rows[0] == list(result.variables) and len(rows) == count + 1
        body = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        assert body["head"]["vars"] == list(result.variables) and len(body["results"]["bindings"]) == count


def test_pins_cover_every_example():
    assert sorted(PINS) == sorted(e.slug for e in EXAMPLES)
