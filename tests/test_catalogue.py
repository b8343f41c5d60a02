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


def test_dcat_describes_every_download(built_site: Path) -> None:
    graph = Graph().parse(built_site / "downloads" / "dcat.ttl")
    dataset = URIRef(BASE)
    assert (dataset, RDF.type, DCAT.Dataset) in graph
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
    distributions = set(graph.objects(dataset, DCAT.distribution))
    urls = {str(graph.value(d, DCAT.downloadURL)) for d in distributions}
    expected = {f"microcredential-glossary.{e}" for e in ("ttl", "jsonld", "rdf", "nt")} | {
        "context.jsonld",
        "shapes.ttl",
        "microcredential-glossary-vocpub.ttl",
        "microcredential-glossary-terms.csv",
    }
    assert urls == {DOWNLOADS + name for name in expected}
    for node in distributions:
        assert (node, RDF.type, DCAT.Distribution) in graph
        assert str(graph.value(node, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
        assert graph.value(node, DCTERMS.format) is not None
        # the stated size is the size of the file the site serves
        path = built_site / "downloads" / str(graph.value(node, DCAT.downloadURL))[len(DOWNLOADS) :]
        assert int(graph.value(node, DCAT.byteSize)) == path.stat().st_size
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
    }
    used = {str(t)[len(str(DCAT)) :] for triple in graph for t in triple if str(t).startswith(str(DCAT))}
    assert used <= known


def test_downloads_page_links_the_new_files(built_site: Path) -> None:
    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in ("microcredential-glossary-terms.csv", "dcat.ttl", "microcredential-glossary-vocpub.ttl"):
        assert f'href="../downloads/{name}"' in page or f'href="{name}"' in page, name
