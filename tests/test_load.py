"""The loader: one graph from every .ttl file; unreadable input is reported with file, line and column."""

from __future__ import annotations

import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDFS, SKOS

from conftest import FIXTURES, make_ontology
from mcglossary.adapters.rdflib import GlossaryGraph
from mcglossary.data.load import load, reread, updated
from mcglossary.data.report import OntologyError


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


def test_the_glossary_graph_answers_every_kind_of_pattern_as_rdflib_does(ontology):
    plain = Graph()
    for triple in ontology.data:
        plain.add(triple)
    assert isinstance(ontology.data, GlossaryGraph)
    assert set(ontology.data) == set(plain) and len(set(ontology.data)) == len(plain)
    triples = sorted(plain)
    sample = [*triples[::97], (EX.absent, SKOS.prefLabel, EX.absent)]
    for s, p, o in sample:
        for pattern in [
            (s, None, None), (s, p, None), (s, p, o), (s, None, o),
            (None, p, None), (None, p, o), (None, None, o), (s, EX.absent, None), (None, EX.absent, o),
        ]:  # fmt: skip
            assert sorted(ontology.data.triples(pattern)) == sorted(plain.triples(pattern)), pattern
    # property paths go to rdflib's own evaluation
    path = SKOS.broader / RDFS.label | SKOS.broader
    (s, _p, _o) = next(iter(plain.triples((None, SKOS.broader, None))))
    assert sorted(ontology.data.triples((s, path, None))) == sorted(plain.triples((s, path, None)))


def test_the_glossary_graph_forgets_removed_triples():
    graph = GlossaryGraph()
    graph.add((EX.a, EX.p, EX.b))
    graph.add((EX.a, EX.p, EX.c))
    graph.remove((EX.a, EX.p, EX.b))
    assert list(graph) == [(EX.a, EX.p, EX.c)]
    assert list(graph.triples((None, None, EX.b))) == []
    assert list(graph.objects(EX.a, EX.p)) == [EX.c]
