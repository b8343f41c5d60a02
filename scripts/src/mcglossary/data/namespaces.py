"""The IRIs the glossary mints, the vocabularies it builds on, and the rule from an IRI to a page path."""

from __future__ import annotations

import re

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


# The kinds of resource that have a page of their own, by rdf:type.
KINDS = {
    MCG.Term: "term",
    MCG.Topic: "topic",
    SCHEMA.Organization: "organisation",
    MCG.Initiative: "initiative",
    MCG.Example: "example",
    MCG.SourceDefinition: "definition",
    DCTERMS.BibliographicResource: "reference",
    SKOS.Collection: "collection",
    SKOS.OrderedCollection: "collection",
}
# The folders of the glossary's IRIs: `<base>term/x` is the page `term/x/`. Site pages (terms/, downloads/, ...)
# live elsewhere, so a resource in one of these can never take a site page's place.
RESOURCE_FOLDERS = (
    "term",
    "topic",
    "organisation",
    "initiative",
    "definition",
    "example",
    "reference",
    "collection",
    "def",
    "shape",
    "query",
)
FIXED_PAGES = {GLOSSARY: "", TOPIC_SCHEME: "topics/", URIRef(str(MCG)): "def/"}
# A path segment that is the same on every file system and web server: letters, digits and . _ - between them.
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9]+(?:[._-]+[A-Za-z0-9]+)*")
MAX_SEGMENT = 100  # characters (ASCII, by the pattern above): far beyond any slug, far within a file name's 255 bytes


def path_problem(iri: URIRef) -> str | None:
    """Why the resource `iri` cannot have a page at a safe path of its own, or None when it can."""
    if iri in FIXED_PAGES:
        return None
    if not is_ours(iri):
        return f"is outside the glossary's base <{BASE}>; check the PREFIX line that spells it"
    segments = str(iri)[len(BASE) :].split("/")
    if not all(_SAFE_SEGMENT.fullmatch(segment) for segment in segments):
        return (
            "does not map to a safe page path: after the base use letters, digits and . _ - between them "
            "(no empty segment or trailing slash, no '..', '%', '?', '#', space or other character)"
        )
    if any(len(segment) > MAX_SEGMENT for segment in segments):
        longest = max(len(segment) for segment in segments)
        return (
            f"has a part {longest} characters long, which would name a folder of the site; keep each part to "
            f"{MAX_SEGMENT} characters (file systems refuse names over 255 bytes)"
        )
    if len(segments) != 2 or segments[0] not in RESOURCE_FOLDERS:
        folders = ", ".join(f"{folder}/" for folder in RESOURCE_FOLDERS)
        return f"is not one name inside one of the glossary's folders ({folders})"
    return None


def is_ours(iri: object) -> bool:
    """True for an IRI minted under the glossary's base."""
    return isinstance(iri, URIRef) and str(iri).startswith(BASE)


def page_path(iri: URIRef) -> str:
    """The site path of one of our IRIs: `<base>term/x` -> `term/x/`, the base itself -> ``."""
    if not is_ours(iri):
        raise ValueError(f"not an IRI of the glossary: {iri}")
    if iri in FIXED_PAGES:
        return FIXED_PAGES[iri]
    local = str(iri)[len(BASE) :]
    if not all(_SAFE_SEGMENT.fullmatch(segment) for segment in local.split("/")):
        raise ValueError(f"no safe page path for <{iri}>")  # validation reports it before any build gets here
    return f"{local}/"


def slug(iri: URIRef) -> str:
    """The last path segment of one of our IRIs."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
