"""The IRIs the glossary mints, the vocabularies it builds on, and the rule from an IRI to a page path."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VANN, XSD

BASE = "https://w3id.org/microcredential-glossary/"
GLOSSARY = URIRef(BASE)
TOPIC_SCHEME = URIRef(BASE + "topics")

MCG = Namespace(BASE + "def/")
TERM = Namespace(BASE + "term/")
TOPIC = Namespace(BASE + "topic/")
ORGANISATION = Namespace(BASE + "organisation/")
INITIATIVE = Namespace(BASE + "initiative/")
DEFINITION = Namespace(BASE + "definition/")
EXAMPLE = Namespace(BASE + "example/")
REFERENCE = Namespace(BASE + "reference/")
COLLECTION = Namespace(BASE + "collection/")
SHAPE = Namespace(BASE + "shape/")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, Namespace] = {
    "mcg": MCG,
    "term": TERM,
    "topic": TOPIC,
    "org": ORGANISATION,
    "initiative": INITIATIVE,
    "definition": DEFINITION,
    "example": EXAMPLE,
    "reference": REFERENCE,
    "collection": COLLECTION,
    "shape": SHAPE,
    "schema": SCHEMA,
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "vann": Namespace(str(VANN)),
    "foaf": Namespace(str(FOAF)),
    "sh": Namespace(str(SH)),
    "reg": Namespace("http://purl.org/linked-data/registry#"),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the glossary's prefixes so every serialisation uses the same short names."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def is_ours(iri: object) -> bool:
    """True for an IRI minted under the glossary's base."""
    return isinstance(iri, URIRef) and str(iri).startswith(BASE)


def page_path(iri: URIRef) -> str:
    """The site path of one of our IRIs: `<base>term/x` -> `term/x/`, the base itself -> ``."""
    if not is_ours(iri):
        raise ValueError(f"not an IRI of the glossary: {iri}")
    local = str(iri)[len(BASE) :].strip("/")
    return f"{local}/" if local else ""


def slug(iri: URIRef) -> str:
    """The last path segment of one of our IRIs."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
