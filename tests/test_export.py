"""Exports: every format parses back isomorphic to the loaded graph, byte-identical between runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ONTOLOGY, ROOT
from mcglossary.export import FORMATS, describe, export_dataset, serialize
from mcglossary.namespaces import TERM


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.extension)
def test_export_round_trips_isomorphic(ontology, fmt):
    data = serialize(ontology.data, fmt)
    back = Graph().parse(
        data=data, format={"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}[fmt.extension]
    )
    assert len(back) == len(ontology.data)
    assert isomorphic(back, ontology.data)


def test_export_writes_every_format_and_a_context(ontology, tmp_path):
    paths = export_dataset(ontology.data, tmp_path)
    assert sorted(p.name for p in paths) == sorted(
        [f"microcredential-glossary.{f.extension}" for f in FORMATS] + ["context.jsonld"]
    )
    context = json.loads((tmp_path / "context.jsonld").read_text())["@context"]
    assert context["skos"] == "http://www.w3.org/2004/02/skos/core#"


def test_exports_are_byte_identical_across_processes(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "mcglossary.cli", "export", "--ontology", str(ONTOLOGY), "--out", str(out)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]


def test_describe_holds_the_term_and_its_mapping_justifications(ontology):
    description = describe(ontology.data, TERM.microcredential)
    assert (TERM.microcredential, None, None) in description
    assert len(set(description.subjects())) > 1  # axioms annotating its mappings come along


def test_described_files_give_the_same_bytes_as_describing_each_resource(ontology):
    """The site writes every resource's RDF files from one pass over the graph (export.described_files); they must
    be exactly what describing the resource alone and serialising it gives."""
    from rdflib import URIRef

    from mcglossary.export import describe, described_files, serialize_all
    from mcglossary.namespaces import is_ours

    resources = sorted({s for s in ontology.data.subjects() if isinstance(s, URIRef) and is_ours(s)})
    assert len(resources) > 100
    produced = dict(described_files(ontology.data, resources))
    assert list(produced) == resources
    with_axioms = 0
    for resource in resources:
        assert produced[resource] == serialize_all(describe(ontology.data, resource)), resource
        with_axioms += b"owl:Axiom" in produced[resource]["ttl"]
    assert with_axioms > 10  # mappings' justifications (blank nodes) are part of the comparison
