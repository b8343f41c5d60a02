"""The glossary's SKOS vocabulary conforms to the VocPub profile (its validator, kept verbatim in fixtures/vocpub)."""

from __future__ import annotations

from collections import Counter

from pyshacl import validate as shacl
from rdflib import Graph
from rdflib.namespace import RDF, SH, SKOS

from conftest import FIXTURES
from mcglossary.data.namespaces import GLOSSARY, TOPIC_SCHEME
from mcglossary.publish.vocpub import vocabulary_graph

VALIDATOR = FIXTURES / "vocpub" / "validator.ttl"
# Warnings we accept, on purpose: "the origins of a Concept [or Collection], if different from its containing
# Concept Scheme, SHOULD be indicated"; ours are not different (the scheme's skos:historyNote covers them), and a
# collection cites its source as an IRI (dcterms:source), which the profile would have as a literal.
ACCEPTED_WARNINGS = {"Requirement-2.3.4", "Requirement-2.2.2"}


def results(data: Graph) -> Counter:
    _conforms, report, _text = shacl(data, shacl_graph=Graph().parse(VALIDATOR), allow_warnings=True)
    found: Counter = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        shape = str(report.value(result, SH.sourceShape)).rsplit("/", 1)[-1]
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        found[(severity, shape, str(report.value(result, SH.focusNode)))] += 1
    return found


def test_vocabulary_conforms_to_vocpub(ontology) -> None:
    vocabulary = vocabulary_graph(ontology.data)
    assert set(vocabulary.subjects(RDF.type, SKOS.ConceptScheme)) == {GLOSSARY}
    found = results(vocabulary)
    violations = [key for key in found if key[0] != "Warning"]
    assert violations == []
    assert {shape for _severity, shape, _focus in found} <= ACCEPTED_WARNINGS


def test_vocabulary_keeps_every_term_and_collection(ontology) -> None:
    vocabulary = vocabulary_graph(ontology.data)
    terms = set(ontology.data.subjects(SKOS.inScheme, GLOSSARY))
    assert terms and terms <= set(vocabulary.subjects(SKOS.inScheme, GLOSSARY))
    for term in terms:
        assert set(ontology.data.triples((term, None, None))) <= set(vocabulary)
    assert not set(vocabulary.subjects(SKOS.inScheme, TOPIC_SCHEME))


def test_whole_dataset_breaks_the_one_scheme_rule(ontology) -> None:
    # why the view exists: the dataset holds two concept schemes (glossary and topics), which VocPub forbids
    found = results(ontology.data)
    assert any(shape == "ConceptSchemeType" for severity, shape, _ in found if severity == "Violation")
