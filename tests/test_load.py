"""The loader: one graph from every .ttl file; unreadable input is reported with file, line and column."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, make_ontology
from mcglossary.load import load
from mcglossary.report import OntologyError


def test_loads_every_file_but_keeps_shapes_apart(ontology):
    names = {p.name for p in ontology.files}
    assert "shapes.ttl" not in names
    assert {"def.ttl", "scheme.ttl", "organisations.ttl"} <= names
    assert len(ontology.shapes) > 100
    assert not set(ontology.shapes.subjects()) & set(ontology.data.subjects())


def test_malformed_turtle_names_file_line_and_column(tmp_path):
    folder = make_ontology(tmp_path, FIXTURES / "faults" / "malformed-turtle.ttl")
    with pytest.raises(OntologyError) as caught:
        load(folder)
    (finding,) = caught.value.report.findings
    assert caught.value.exit_code == 2
    assert (finding.file, finding.line, finding.column) == ("ontology/malformed-turtle.ttl", 14, 5)
    assert finding.rule == "syntax"
    assert "Turtle syntax error" in finding.message


def test_blank_nodes_are_stable_between_loads(ontology):
    again = load(ontology.root)
    assert sorted(ontology.data) == sorted(again.data)
