"""The IRIs the glossary mints, the vocabularies it builds on, and the rule from an IRI to a page path."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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


# The SKOS mapping relations, in the order pages, the CSV and the changelog list them.
MAPPING_RELATIONS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
# What a resource is called, in order of preference (the first with a value wins).
LABEL_PROPERTIES = (SKOS.prefLabel, SCHEMA.name, DCTERMS.title, RDFS.label)


@functools.lru_cache(maxsize=8192)  # a large glossary names the same IRIs many times
def prefixed(iri: str) -> tuple[str, str] | None:
    """(prefix, local part) of an IRI in one of PREFIXES' namespaces (the longest that holds it), else None.

    The one rule of IRI compaction; whether a local part may be written after its prefix depends on the syntax
    (JSON-LD takes any, a SPARQL result table only a plain name), so each caller checks that itself."""
    best: tuple[str, str] | None = None
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            best = (prefix, str(namespace))
    return (best[0], iri[len(best[1]) :]) if best else None


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the glossary's prefixes so every serialisation uses the same short names."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


@dataclass(frozen=True)
class Kind:
    """A kind of resource with a page of its own: its IRIs are `<base><name>/<slug>`, its pages `<name>/<slug>/`."""

    name: str  # also the folder of its IRIs and pages
    classes: tuple[URIRef, ...] = ()  # the rdf:types that make a resource this kind


# The one registry of the kinds of resource: the model, validation, content negotiation (conneg.py) and the site
# (pages kept out of mkdocs' navigation) all read it, so adding a kind is one line here (and its page template).
RESOURCE_KINDS = (
    Kind("term", (MCG.Term,)),
    Kind("topic", (MCG.Topic,)),
    Kind("organisation", (SCHEMA.Organization,)),
    Kind("initiative", (MCG.Initiative,)),
    Kind("example", (MCG.Example,)),
    Kind("reference", (DCTERMS.BibliographicResource,)),
    Kind("definition", (MCG.SourceDefinition,)),
    Kind("collection", (SKOS.Collection, SKOS.OrderedCollection)),
    Kind("def"),  # our own classes and properties (mcg:), each with a page in the ontology reference
)
KINDS = {cls: kind.name for kind in RESOURCE_KINDS for cls in kind.classes}  # rdf:type -> kind
PAGE_FOLDERS = tuple(kind.name for kind in RESOURCE_KINDS)
# The folders of the glossary's IRIs: those with pages, and those of IRIs minted without one (SHACL shapes, the
# example queries, whose pages are under sparql/). Site pages (terms/, downloads/, ...) live elsewhere, so a
# resource can never take a site page's place.
RESOURCE_FOLDERS = (*PAGE_FOLDERS, "shape", "query")
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
