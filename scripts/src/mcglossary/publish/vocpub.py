"""The glossary as a VocPub vocabulary: the one concept scheme, its concepts and collections, and its agents.

The VocPub profile (https://w3id.org/profile/vocpub) wants one `skos:ConceptScheme` per file and nothing but the
vocabulary in it. Our dataset holds more (the topic scheme, organisations, quotations, examples, ...), so this
view keeps the glossary's scheme, every concept in it, the collections and the agents the scheme names. Two
values are written the way the profile asks, not the way our own shapes do: an agent's `schema:name` as a plain
string (ours are tagged @en) and its `schema:url` as an `xsd:anyURI` literal (ours are IRIs, as schema.org's RDF
and our SHACL shapes want).
"""

from __future__ import annotations

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
