"""The glossary as a VocPub vocabulary: the one concept scheme, its concepts and collections, and its agents.

The VocPub profile (https://w3id.org/profile/vocpub) wants one `skos:ConceptScheme` per file and nothing but the
vocabulary in it. Our dataset holds more (the topic scheme, organisations, quotations, examples, ...), so this
view keeps the glossary's scheme, every concept in it, the collections and the agents the scheme names. Two
values are written the way the profile asks, not the way our own shapes do: an agent's `schema:name` as a plain
string (ours are tagged @en) and its `schema:url` as an `xsd:anyURI` literal (ours are IRIs, as schema.org's RDF
and our SHACL shapes want).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from mcglossary.data.export import descriptions
from mcglossary.data.namespaces import GLOSSARY, SCHEMA, bind_prefixes

AGENT_LINKS = (DCTERMS.creator, DCTERMS.publisher, SCHEMA.creator, SCHEMA.publisher, SCHEMA.copyrightHolder)
COLLECTIONS = (SKOS.Collection, SKOS.OrderedCollection)


def vocabulary_graph(data: Graph, scheme: URIRef = GLOSSARY) -> Graph:
    """The part of `data` that is the SKOS vocabulary `scheme`, in the form the VocPub profile validates."""
    result = bind_prefixes(Graph())
    for triple in vocabulary_triples(data, scheme):
        result.add(triple)
    return result


def vocabulary_triples(data: Graph, scheme: URIRef = GLOSSARY) -> set[tuple]:
    """The triples of `vocabulary_graph`, without building a graph (to serialise them, `data.export.serialize`)."""
    result: set[tuple] = set()
    members: set = {scheme}
    members.update(data.subjects(SKOS.inScheme, scheme))
    members.update(c for kind in COLLECTIONS for c in data.subjects(RDF.type, kind))
    for _member, triples in descriptions(data, sorted(members)):
        result |= triples
    for agent in sorted({a for link in AGENT_LINKS for a in data.objects(scheme, link)}):
        for predicate, value in data.predicate_objects(agent):
            if predicate == SCHEMA.name and isinstance(value, Literal):
                value = Literal(str(value))
            elif predicate == SCHEMA.url and isinstance(value, URIRef):
                value = Literal(str(value), datatype=XSD.anyURI)
            result.add((agent, predicate, value))
    return result


@dataclass(frozen=True)
class Difference:
    """One rule of the VocPub profile that the main download does not follow, and why it does not."""

    requirements: tuple[str, ...]  # the profile's requirement numbers, as its validator's messages give them
    rule: str  # what the profile asks
    main: str  # what the main download does instead
    why: str


# Rule by rule, why the main download (the whole dataset) is not a VocPub vocabulary; the VocPub download follows
# each of these rules. tests/test_downloads.py runs the profile's validator on the main download and checks that
# the rules it breaks are exactly these.
MAIN_DOWNLOAD_DIFFERENCES: tuple[Difference, ...] = (
    Difference(
        ("2.1.2", "2.1.3"),
        "A vocabulary is one skos:ConceptScheme, in a file that holds nothing but the vocabulary.",
        "The main download holds two concept schemes (the glossary and its topics) and everything around them: "
        "organisations, quoted definitions, examples, initiatives, references and the vocabularies we map to.",
        "It is the whole dataset, so that one file answers every question the site answers; the VocPub download "
        "keeps the glossary's scheme, its concepts and collections, and the agents the scheme names.",
    ),
    Difference(
        ("2.4.2",),
        "Each agent has exactly one schema:name, a plain literal.",
        'Organisations\' names are tagged with their language ("OECD"@en), as our SHACL shapes require.',
        "A name is text in a language, like every label of the glossary; the VocPub download drops the tag.",
    ),
    Difference(
        ("2.4.3",),
        "Each organisation has a schema:url whose value is a literal (xsd:anyURI).",
        "Organisations' schema:url values are IRIs.",
        "schema.org gives schema:url the range URL, and an IRI is a link that RDF tools and our link checks follow; "
        "the VocPub download writes each as an xsd:anyURI literal.",
    ),
)
