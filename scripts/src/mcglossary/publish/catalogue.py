"""Downloads for people and catalogues: the terms as CSV (for spreadsheets) and a DCAT catalogue of the dataset, of
every file it is distributed as, and of the companions published beside it (data/downloads.py lists the files)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, XSD

from mcglossary.data.downloads import CATALOGUE, Download
from mcglossary.data.namespaces import MAPPING_RELATIONS, bind_prefixes
from mcglossary.site.model import Glossary, Term

IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
SEPARATOR = " | "  # between several values in one CSV cell
# dcat:version is in DCAT 3, which rdflib's closed DCAT namespace (DCAT 2) does not list: asking it for the term
# warns on every build, so the term is named by its IRI
DCAT_VERSION = URIRef(f"{DCAT}version")
DCMI_TYPE = Namespace("http://purl.org/dc/dcmitype/")
MATCHES = tuple(relation.fragment for relation in MAPPING_RELATIONS)  # exactMatch, ...
CSV_COLUMNS = (
    "iri",
    "label",
    "alternative_labels",
    "definition",
    "broader",
    "narrower",
    "related",
    "topics",
    "top_concept",
    *(f"{m[:-5]}_match" for m in MATCHES),
    "source_definitions",
    "modified",
    "deprecated",
    "replaced_by",
)


def terms_csv(glossary: Glossary) -> bytes:
    """One row a term (RFC 4180, UTF-8); several values in a cell are joined with ` | `, IRIs kept whole."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for term in sorted(glossary.terms, key=lambda t: t.iri):
        writer.writerow(_row(term))
    return out.getvalue().encode("utf-8")


def _row(term: Term) -> list[str]:
    def iris(refs: Iterable) -> str:
        return SEPARATOR.join(sorted(r.iri for r in refs))

    matches = {m: SEPARATOR.join(sorted(x.target for x in term.mappings if x.relation == m)) for m in MATCHES}
    return [
        term.iri,
        term.label,
        SEPARATOR.join(term.alt_labels),
        term.definition,
        iris(term.broader),
        iris(term.narrower),
        iris(term.related),
        iris(term.topics),
        "true" if term.top_concept else "false",
        *(matches[m] for m in MATCHES),
        iris(d.ref for d in term.source_definitions),
        term.modified,
        "true" if term.deprecated else "false",
        iris(term.replaced_by),
    ]


@dataclass(frozen=True)
class Companion:
    """A resource published beside the glossary that is not the glossary in another form (its shapes, its example
    queries, its JSON-LD context), catalogued as what it is, with its own file (the Download whose `companion` is
    this `key`) as its distribution."""

    key: str  # the fragment of its IRI in the DCAT file
    title: str
    description: str
    types: tuple[URIRef, ...]  # beyond dcat:Dataset
    link: URIRef  # how the glossary relates to it (glossary -> companion)


COMPANIONS = (
    Companion(
        "shapes",
        "SHACL shapes of the Microcredential Glossary",
        "The rules every build checks the glossary against: what each kind of resource must have.",
        (DCTERMS.Standard,),
        DCTERMS.conformsTo,  # the glossary conforms to its shapes
    ),
    Companion(
        "queries",
        "Example SPARQL queries of the Microcredential Glossary",
        "Worked SPARQL queries over the glossary, each a SHACL SPARQL executable with its question and audience.",
        (DCMI_TYPE.Software,),
        DCTERMS.relation,
    ),
    Companion(
        "context",
        "JSON-LD context of the Microcredential Glossary",
        "The glossary's prefixes as a JSON-LD context, to read and write its JSON-LD with short names.",
        (DCMI_TYPE.Text,),
        DCTERMS.relation,
    ),
)


def dcat_graph(glossary: Glossary, site_url: str, distributions: list[tuple[Download, int]]) -> Graph:
    """A catalogue (in this DCAT file) of the dataset (the glossary's own IRI) with the files it is distributed as,
    and of the companions published beside it, each with its file; `distributions`: each download and its size in
    bytes. Every IRI but the glossary's is a hash IRI in this file."""
    meta = glossary.metadata
    here = f"{site_url}{CATALOGUE.path}"
    g = bind_prefixes(Graph())
    g.bind("dcat", DCAT)
    g.bind("dctype", DCMI_TYPE)
    catalogue, dataset = URIRef(f"{here}#catalogue"), URIRef(meta.iri)
    g.add((catalogue, RDF.type, DCAT.Catalog))
    g.add((catalogue, DCTERMS.title, Literal(f"Downloads of the {meta.title}", lang="en")))
    g.add((catalogue, DCAT.dataset, dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(meta.title, lang="en")))
    g.add((dataset, DCTERMS.description, Literal(meta.description, lang="en")))
    g.add((dataset, DCTERMS.license, URIRef(meta.licence)))
    if meta.publisher:
        g.add((dataset, DCTERMS.publisher, URIRef(meta.publisher.iri)))
        g.add((catalogue, DCTERMS.publisher, URIRef(meta.publisher.iri)))
    if meta.creator:
        g.add((dataset, DCTERMS.creator, URIRef(meta.creator.iri)))
    g.add((dataset, DCTERMS.issued, Literal(meta.created, datatype=XSD.date)))
    g.add((dataset, DCTERMS.modified, Literal(meta.modified, datatype=XSD.date)))
    g.add((dataset, DCAT_VERSION, Literal(meta.version)))
    g.add((dataset, DCAT.landingPage, URIRef(site_url)))
    g.add((dataset, DCAT.keyword, Literal("microcredentials", lang="en")))
    g.add((dataset, DCAT.keyword, Literal("glossary", lang="en")))
    for topic in glossary.topics:
        g.add((dataset, DCAT.theme, URIRef(topic.ref.iri)))
    owners = {"": dataset}
    for companion in COMPANIONS:
        node = owners[companion.key] = URIRef(f"{here}#{companion.key}")
        g.add((catalogue, DCAT.dataset, node))
        g.add((dataset, companion.link, node))
        g.add((node, RDF.type, DCAT.Dataset))
        for kind in companion.types:
            g.add((node, RDF.type, kind))
        g.add((node, DCTERMS.title, Literal(companion.title, lang="en")))
        g.add((node, DCTERMS.description, Literal(companion.description, lang="en")))
        g.add((node, DCTERMS.license, URIRef(meta.licence)))
    for item, size in distributions:
        node = URIRef(f"{here}#{item.name}")
        url = URIRef(site_url + item.path)
        g.add((owners[item.companion], DCAT.distribution, node))
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.title, Literal(item.title, lang="en")))
        g.add((node, DCAT.downloadURL, url))
        g.add((node, DCAT.accessURL, url))
        g.add((node, DCAT.mediaType, URIRef(IANA + item.media_type)))
        g.add((node, DCTERMS.format, FILE_TYPE[item.file_type]))
        g.add((node, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
        g.add((node, DCTERMS.license, URIRef(meta.licence)))
        if item.conforms_to:
            g.add((node, DCTERMS.conformsTo, URIRef(item.conforms_to)))
    return g
