"""The loader: one graph from every .ttl file; unreadable input is reported with file, line and column."""

from __future__ import annotations

import pytest
from rdflib import Namespace

from conftest import FIXTURES, make_ontology
from mcglossary.load import load, reread, updated
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


def test_an_edit_updates_the_graph_in_place_to_what_a_load_gives_and_back(tmp_path):
    folder = make_ontology(tmp_path)
    (folder / "a.ttl").write_text(SHARED + "ex:a ex:says ex:both , ex:onlyA ; ex:node [ ex:value 1 ] .\n")
    (folder / "b.ttl").write_text(SHARED + "ex:a ex:says ex:both .\n")
    before = load(folder)
    original = set(before.data)
    (folder / "a.ttl").write_text(SHARED + "ex:a ex:says ex:new ; ex:node [ ex:value 2 ] .\n")
    changed = [folder / "a.ttl"]
    after = updated(before, reread(before, changed), changed)
    assert after.data is before.data  # changed in place, not built again
    assert set(after.data) == set(load(folder).data)
    assert (EX.a, EX.says, EX.both) in after.data  # b.ttl still says it
    assert (EX.a, EX.says, EX.onlyA) not in after.data
    assert after.subject_files[EX.a] == [folder / "a.ttl", folder / "b.ttl"]
    updated(after, before.file_triples, changed)
    assert set(before.data) == original


SHARED = "PREFIX ex: <https://example.org/>\n"
EX = Namespace("https://example.org/")
