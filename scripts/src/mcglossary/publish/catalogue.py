"""Downloads for people and catalogues: the terms as CSV (for spreadsheets) and a DCAT description of the dataset
and of every file it is distributed as."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

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


def dcat_graph(glossary: Glossary, site_url: str, distributions: list[tuple[Download, int]]) -> Graph:
    """The dataset (the glossary's own IRI) and its distributions, each a download and its size in bytes (hash
    IRIs in this DCAT file itself)."""
    meta = glossary.metadata
    here = f"{site_url}{CATALOGUE.path}"
    g = bind_prefixes(Graph())
    g.bind("dcat", DCAT)
    dataset = URIRef(meta.iri)
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal(meta.title, lang="en")))
    g.add((dataset, DCTERMS.description, Literal(meta.description, lang="en")))
    g.add((dataset, DCTERMS.license, URIRef(meta.licence)))
    if meta.publisher:
        g.add((dataset, DCTERMS.publisher, URIRef(meta.publisher.iri)))
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
    for item, size in distributions:
        node = URIRef(f"{here}#{item.name}")
        url = URIRef(site_url + item.path)
        g.add((dataset, DCAT.distribution, node))
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
