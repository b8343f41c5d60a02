"""Downloads that conform: the VocPub download passes the profile's validator and the main one breaks exactly the
rules the site explains; each file declares one owl:Ontology at most, the glossary's; and third-party tools load
every download: Raptor's `rapper` (Debian's raptor2-utils) the Turtle, RDF/XML and N-Triples, owlready2 (PyPI) the
RDF/XML and N-Triples as an OWL ontology, and PyLD (PyPI) the JSON-LD."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import owlready2
import pytest
from pyld import jsonld
from pyshacl import validate as shacl
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SH

from conftest import FIXTURES
from mcglossary.data.namespaces import BASE, GLOSSARY
from mcglossary.publish.vocpub import MAIN_DOWNLOAD_DIFFERENCES

VALIDATOR = FIXTURES / "vocpub" / "validator.ttl"
RAPPER = shutil.which("rapper") or "/usr/bin/rapper"
PARSERS = {".ttl": ("turtle", "turtle"), ".rdf": ("xml", "rdfxml"), ".nt": ("nt", "ntriples")}  # rdflib, rapper
DATASET = "microcredential-glossary"


def rdf_downloads(site: Path) -> list[Path]:
    """Every RDF file of the downloads and of the releases."""
    files = [p for p in (site / "downloads").iterdir() if p.suffix in (*PARSERS, ".jsonld")]
    files += [p for p in (site / "versions").glob("*/*") if p.suffix in (*PARSERS, ".jsonld")]
    return sorted(files)


def parse(path: Path) -> Graph:
    if path.suffix == ".jsonld":
        return Graph().parse(path, format="json-ld")
    return Graph().parse(path, format=PARSERS[path.suffix][0])


def broken_requirements(data: Graph) -> set[str]:
    """The VocPub requirement numbers of the validator's violations (its messages start with them)."""
    _conforms, report, _text = shacl(data, shacl_graph=Graph().parse(VALIDATOR), allow_warnings=True)
    found: set[str] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        found.update(re.findall(r"Requirement (\d+\.\d+\.\d+)", str(report.value(result, SH.resultMessage))))
    return found


def test_the_vocpub_download_conforms(built_site: Path) -> None:
    assert broken_requirements(Graph().parse(built_site / "downloads" / f"{DATASET}-vocpub.ttl")) == set()


def test_the_main_download_breaks_exactly_the_rules_the_site_explains(built_site: Path) -> None:
    explained = {number for difference in MAIN_DOWNLOAD_DIFFERENCES for number in difference.requirements}
    assert broken_requirements(Graph().parse(built_site / "downloads" / f"{DATASET}.ttl")) == explained
    page = (built_site / "downloads" / "vocpub" / "index.html").read_text(encoding="utf-8")
    for difference in MAIN_DOWNLOAD_DIFFERENCES:
        assert ", ".join(difference.requirements) in page
    assert 'href="vocpub/"' in (built_site / "downloads" / "index.html").read_text(encoding="utf-8")


def test_every_download_declares_one_ontology_at_most_the_glossarys(built_site: Path) -> None:
    files = rdf_downloads(built_site)
    assert len(files) >= 12
    for path in files:
        declared = set(parse(path).subjects(RDF.type, OWL.Ontology))
        assert declared <= {GLOSSARY}, (path.name, declared)
    whole = parse(built_site / "downloads" / f"{DATASET}.ttl")
    referenced = set(whole.objects(GLOSSARY, URIRef("http://purl.org/dc/terms/references")))
    assert URIRef("https://purl.org/ctdl/terms/") in referenced  # a vocabulary we map to: referenced, not declared


@pytest.mark.parametrize("suffix", [".ttl", ".rdf", ".nt"])
def test_raptor_parses_every_download(built_site: Path, suffix: str) -> None:
    assert Path(RAPPER).is_file(), "Debian's raptor2-utils is needed: apt-get install -y raptor2-utils"
    for path in rdf_downloads(built_site):
        if path.suffix != suffix:
            continue
        result = subprocess.run(
            [RAPPER, "-q", "-i", PARSERS[suffix][1], "-c", str(path)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0 and result.stderr == "", (path.name, result.stderr)
        counted = subprocess.run(
            [RAPPER, "-i", PARSERS[suffix][1], "-c", str(path)], capture_output=True, text=True, timeout=60
        )
        assert f"returned {len(parse(path))} triples" in counted.stderr, (path.name, counted.stderr)


@pytest.mark.parametrize("suffix", [".rdf", ".nt"])
def test_owlready2_loads_the_glossary_as_its_one_ontology(built_site: Path, suffix: str) -> None:
    world = owlready2.World()
    ontology = world.get_ontology((built_site / "downloads" / f"{DATASET}{suffix}").as_uri()).load(
        format="rdfxml" if suffix == ".rdf" else "ntriples"
    )
    assert ontology.base_iri.rstrip("#") == BASE  # with several owl:Ontology headers it took ESCO's
    names = {c.name for c in ontology.classes()}
    assert {"Term", "SourceDefinition", "Topic"} <= names


def test_pyld_reads_the_json_ld_downloads(built_site: Path) -> None:
    for path in rdf_downloads(built_site):
        if path.suffix != ".jsonld" or path.name == "context.jsonld":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
        assert len([line for line in quads.splitlines() if line.strip()]) == len(parse(path)), path.name
    context = json.loads((built_site / "downloads" / "context.jsonld").read_text(encoding="utf-8"))
    expanded = jsonld.expand({**context, "@id": "term:microcredential", "mcg:sourceDefinition": {"@id": "term:x"}})
    assert expanded[0]["@id"] == f"{BASE}term/microcredential"
    assert f"{BASE}def/sourceDefinition" in expanded[0]
