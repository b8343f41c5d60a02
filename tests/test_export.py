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
from mcglossary.data.downloads import export_dataset
from mcglossary.data.export import FORMAT_BY_EXTENSION, FORMATS, describe, serialize
from mcglossary.data.namespaces import TERM


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

    from mcglossary.data.export import describe, described_files, serialize_all
    from mcglossary.data.namespaces import is_ours

    resources = sorted({s for s in ontology.data.subjects() if isinstance(s, URIRef) and is_ours(s)})
    assert len(resources) > 100
    produced = dict(described_files(ontology.data, resources))
    assert list(produced) == resources
    with_axioms = 0
    for resource in resources:
        assert produced[resource] == serialize_all(describe(ontology.data, resource)), resource
        with_axioms += b"owl:Axiom" in produced[resource]["ttl"]
    assert with_axioms > 10  # mappings' justifications (blank nodes) are part of the comparison


def test_described_files_give_the_same_bytes_on_a_synthetic_glossary(tmp_path):
    """The same on a larger synthetic glossary: a sample of every kind of resource, and of those whose files hold
    blank nodes (the mappings' justifications)."""
    from rdflib import URIRef

    from conftest import make_synthetic
    from mcglossary.data.export import describe, described_files, serialize_all
    from mcglossary.data.load import load
    from mcglossary.data.namespaces import is_ours

    data = load(make_synthetic(tmp_path, 300)).data
    resources = sorted({s for s in data.subjects() if isinstance(s, URIRef) and is_ours(s)})
    produced = dict(described_files(data, resources))
    assert list(produced) == resources
    kinds = {str(r).rsplit("/", 2)[-2] for r in resources}
    assert len(kinds) >= 5  # terms, topics, organisations, definitions, examples, ...
    with_axioms = [r for r in resources if b"owl:Axiom" in produced[r]["ttl"]]
    assert len(with_axioms) > 20
    for resource in sorted({*resources[::13], *with_axioms[::3]}):
        assert produced[resource] == serialize_all(describe(data, resource)), resource


def test_dataset_files_serialise_once_the_bytes_serialize_gives(ontology, monkeypatch):
    from mcglossary.data import export

    calls = []
    real = export.serialize_all
    monkeypatch.setattr(export, "serialize_all", lambda graph: calls.append(graph) or real(graph))
    files = export.DatasetFiles(ontology.data)
    assert calls == []  # nothing until a format is asked for
    for fmt in FORMATS:
        assert files[fmt] == serialize(export.published(ontology.data), fmt)  # as published: one owl:Ontology
        assert files[fmt] is files[fmt]
    assert len(calls) == 1


def test_mcg_build_publishes_the_same_bytes_in_dist_the_site_and_the_catalogue(tmp_path):
    """dist/, the site's downloads and the sizes in the DCAT catalogue are one serialisation of the glossary (the
    build hands its DatasetFiles to the site: see test_pipeline.py)."""
    from rdflib import URIRef
    from rdflib.namespace import DCAT

    from conftest import make_project
    from mcglossary.pipeline import build_project

    project = make_project(tmp_path)
    site, dist = build_project(project / "mkdocs.yml", project / "ontology", project / "site", project / "dist")
    dcat = Graph().parse(site / "downloads" / "dcat.ttl")
    for fmt in FORMATS:
        name = f"microcredential-glossary.{fmt.extension}"
        data = (dist / name).read_bytes()
        assert (site / "downloads" / name).read_bytes() == data
        (size_given,) = dcat.objects(
            URIRef(f"https://w3id.org/microcredential-glossary/downloads/dcat.ttl#{name}"), DCAT.byteSize
        )
        assert size_given.toPython() == len(data), name


def test_pretty_json_writes_what_the_standard_library_writes(ontology):
    from mcglossary.data.export import pretty_json

    tricky = {
        "text": 'quotes " and \\ backslash, tab\t, newline\n, NUL\u0000, \u001f, DEL\u007f, \u2028 \u2029',
        "scripts": "Ελληνικά, 日本語, emoji 🎓, e\u0301 combining",
        "numbers": [0, -1, 12345678901234567890, True, False, None],
        "empty": [{}, [], ""],
        "nested": {"b": [{"z": 1, "a": 2}], "a": {}},
    }
    values = [tricky, json.loads(serialize(ontology.data, FORMAT_BY_EXTENSION["jsonld"]))]
    for value in values:
        expected = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        assert pretty_json(value) == expected.encode("utf-8")
