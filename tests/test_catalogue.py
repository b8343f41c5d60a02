"""The extra downloads: the terms as CSV and the DCAT description of every download, as built into the site."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, SKOS

from mcglossary.data.namespaces import BASE, MCG
from mcglossary.publish.catalogue import CSV_COLUMNS, DCAT_VERSION

DOWNLOADS = BASE + "downloads/"


def test_csv_has_one_row_a_term(built_site: Path, ontology) -> None:
    raw = (built_site / "downloads" / "microcredential-glossary-terms.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    by_iri = {row["iri"]: row for row in rows}
    terms = {str(t) for t in ontology.data.subjects(RDF.type, MCG.Term)}
    assert set(by_iri) == terms
    row = by_iri[BASE + "term/microcredential"]
    term = URIRef(row["iri"])
    assert row["label"] == str(ontology.data.value(term, SKOS.prefLabel))
    assert row["definition"] == str(ontology.data.value(term, SKOS.definition))
    assert set(filter(None, row["alternative_labels"].split(" | "))) == {
        str(a) for a in ontology.data.objects(term, SKOS.altLabel)
    }
    assert set(filter(None, row["broader"].split(" | "))) == {str(b) for b in ontology.data.objects(term, SKOS.broader)}
    assert row["topics"]


MEDIA_TYPES = {".ttl": "text/turtle", ".jsonld": "application/ld+json", ".rdf": "application/rdf+xml"}
MEDIA_TYPES |= {".nt": "application/n-triples", ".csv": "text/csv"}


def test_dcat_describes_every_download(built_site: Path) -> None:
    graph = Graph().parse(built_site / "downloads" / "dcat.ttl")
    dataset = URIRef(BASE)
    catalogue = URIRef(DOWNLOADS + "dcat.ttl#catalogue")
    assert (dataset, RDF.type, DCAT.Dataset) in graph and (catalogue, RDF.type, DCAT.Catalog) in graph
    for predicate in (
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.license,
        DCTERMS.publisher,
        DCTERMS.issued,
        DCTERMS.modified,
        DCAT_VERSION,
    ):
        assert graph.value(dataset, predicate) is not None, predicate
    # every file of downloads/ (but this catalogue itself) is one distribution, its media type and size right
    folder = built_site / "downloads"
    files = {p.name for p in folder.iterdir() if p.is_file() and p.name not in ("index.html", "dcat.ttl")}
    by_url = {str(graph.value(d, DCAT.downloadURL)): d for d in graph.subjects(RDF.type, DCAT.Distribution)}
    assert set(by_url) == {DOWNLOADS + name for name in files}
    for name in files:
        node = by_url[DOWNLOADS + name]
        media = MEDIA_TYPES[Path(name).suffix]
        assert graph.value(node, DCAT.mediaType) == URIRef("https://www.iana.org/assignments/media-types/" + media)
        assert graph.value(node, DCTERMS.format) is not None
        assert int(graph.value(node, DCAT.byteSize)) == (built_site / "downloads" / name).stat().st_size, name
    # the glossary's own distributions are the glossary in some form; shapes, queries and context are not
    own = {str(graph.value(d, DCAT.downloadURL))[len(DOWNLOADS) :] for d in graph.objects(dataset, DCAT.distribution)}
    assert own == {f"microcredential-glossary.{e}" for e in ("ttl", "jsonld", "rdf", "nt")} | {
        "microcredential-glossary-vocpub.ttl",
        "microcredential-glossary-terms.csv",
    }
    companions = {"shapes": "shapes.ttl", "queries": "queries.ttl", "context": "context.jsonld"}
    for key, name in companions.items():
        node = URIRef(DOWNLOADS + "dcat.ttl#" + key)
        assert (catalogue, DCAT.dataset, node) in graph and (node, RDF.type, DCAT.Dataset) in graph
        assert set(graph.objects(node, DCAT.distribution)) == {by_url[DOWNLOADS + name]}
    shapes = URIRef(DOWNLOADS + "dcat.ttl#shapes")
    assert (dataset, DCTERMS.conformsTo, shapes) in graph and (shapes, RDF.type, DCTERMS.Standard) in graph
    # every DCAT term used is one DCAT defines (DCAT 3: dcat:version is new in it)
    known = {
        "Dataset",
        "Distribution",
        "distribution",
        "downloadURL",
        "accessURL",
        "mediaType",
        "byteSize",
        "landingPage",
        "keyword",
        "theme",
        "version",
        "Catalog",
        "dataset",
    }
    used = {str(t)[len(str(DCAT)) :] for triple in graph for t in triple if str(t).startswith(str(DCAT))}
    assert used <= known


def test_downloads_page_links_the_new_files(built_site: Path) -> None:
    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    names = ("microcredential-glossary-terms.csv", "dcat.ttl", "microcredential-glossary-vocpub.ttl", "queries.ttl")
    for name in names:
        assert f'href="../downloads/{name}"' in page or f'href="{name}"' in page, name
