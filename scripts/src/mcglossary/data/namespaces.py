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
VOAF = Namespace("http://purl.org/vocommons/voaf#")  # how downloads describe the vocabularies we map to

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
    "voaf": VOAF,
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
# Our own classes and properties follow OWL's naming convention (classes UpperCamelCase, properties lowerCamelCase),
# so a class and a property may differ only by the case of their first letter (mcg:SourceDefinition, the class, and
# mcg:sourceDefinition, the property that points to it). Their pages would share one folder on a file system that
# ignores case (macOS, Windows), so the first letter picks the folder: `def/Name` -> `def/class/Name/`, `def/name`
# -> `def/property/name/`. Validation holds classes and properties to that convention (rule def-naming) and finds
# any two page paths that differ only by case (rule iri-clash), def/ included. The IRIs themselves do not change.
DEF_CLASSES, DEF_PROPERTIES = "class", "property"
# A path segment that is the same on every file system and web server: letters, digits and . _ - between them.
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9]+(?:[._-]+[A-Za-z0-9]+)*")


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
    segments = local.split("/")
    if not all(_SAFE_SEGMENT.fullmatch(segment) for segment in segments):
        raise ValueError(f"no safe page path for <{iri}>")  # validation reports it before any build gets here
    if len(segments) == 2 and segments[0] == "def":
        return def_page_path(segments[1])
    return f"{local}/"


def def_page_path(name: str) -> str:
    """The page of `def/<name>` (see DEF_CLASSES): `def/class/<Name>/` or `def/property/<name>/`."""
    return f"def/{DEF_CLASSES if name[:1].isupper() else DEF_PROPERTIES}/{name}/"


def slug(iri: URIRef) -> str:
    """The last path segment of one of our IRIs."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
