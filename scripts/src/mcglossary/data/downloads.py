"""The files the glossary is published as, under downloads/: one list, read by the downloads page, the DCAT
catalogue, each page's rel="alternate" links and `mcg export` (dist/), which this module writes.

Most are the glossary in some form (its distributions); the others are each the file of a resource published beside
it (a companion: its SHACL shapes, its example queries, its JSON-LD context), which the DCAT catalogue describes as
what it is (publish/catalogue.py, COMPANIONS)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from mcglossary.data.atomic_write import write_atomic
from mcglossary.data.export import DATASET_NAME, FORMATS, DatasetFiles, RdfFormat, context, pretty_json

FOLDER = "downloads/"
VOCPUB_PROFILE = "https://w3id.org/profile/vocpub"
# RDF format -> its name in the EU file-type authority table (DCAT's dcterms:format)
FILE_TYPES = {"ttl": "RDF_TURTLE", "jsonld": "JSON_LD", "rdf": "RDF_XML", "nt": "RDF_N_TRIPLES"}


@dataclass(frozen=True)
class Download:
    """One file of downloads/."""

    key: str  # what it is: the whole glossary's format extension (ttl, ...), or context, shapes, vocabulary, ...
    name: str  # its file name
    label: str  # what the downloads page calls it
    title: str  # what the DCAT catalogue calls it
    media_type: str
    file_type: str  # see FILE_TYPES
    conforms_to: str = ""  # the profile it follows, if any
    rdf_format: RdfFormat | None = None  # for the whole glossary: the format it is in
    companion: str = ""  # the companion it is the file of (shapes, queries, context); "": the glossary itself

    @property
    def path(self) -> str:
        return FOLDER + self.name


WHOLE_GLOSSARY = tuple(
    Download(
        f.extension,
        f"{DATASET_NAME}.{f.extension}",
        f.label,
        f"The whole glossary in {f.label}",
        f.media_type,
        FILE_TYPES[f.extension],
        rdf_format=f,
    )
    for f in FORMATS
)
VOCABULARY = Download(
    "vocabulary",
    f"{DATASET_NAME}-vocpub.ttl",
    "The SKOS vocabulary alone",
    "The SKOS vocabulary alone (VocPub profile)",
    "text/turtle",
    "RDF_TURTLE",
    conforms_to=VOCPUB_PROFILE,
)
TABLE = Download(
    "table", f"{DATASET_NAME}-terms.csv", "Terms as a spreadsheet", "The terms as a table", "text/csv", "CSV"
)
CATALOGUE = Download(
    "catalogue",
    "dcat.ttl",
    "DCAT description of the dataset and these files",
    "DCAT description of the dataset and these files",
    "text/turtle",
    "RDF_TURTLE",
)
SHAPES = Download(
    "shapes",
    "shapes.ttl",
    "The SHACL shapes the glossary conforms to",
    "SHACL shapes",
    "text/turtle",
    "RDF_TURTLE",
    companion="shapes",
)
QUERIES = Download(
    "queries",
    "queries.ttl",
    "The example SPARQL queries, as SHACL SPARQL executables",
    "Example SPARQL queries",
    "text/turtle",
    "RDF_TURTLE",
    companion="queries",
)
CONTEXT = Download(
    "context",
    "context.jsonld",
    "The JSON-LD context: the glossary's prefixes, to read and write its JSON-LD",
    "JSON-LD context",
    "application/ld+json",
    "JSON_LD",
    companion="context",
)
# In the order the downloads page lists them (the glossary's own, then the companions' files); the catalogue
# describes every one but itself.
DOWNLOADS = (*WHOLE_GLOSSARY, VOCABULARY, TABLE, CATALOGUE, SHAPES, QUERIES, CONTEXT)
EXPORTED = (*WHOLE_GLOSSARY, CONTEXT)  # what `mcg export` and `mcg build` write to dist/


def context_file() -> bytes:
    """The JSON-LD context download, as every place that writes it or gives its size writes it."""
    return pretty_json(context())


def export_dataset(graph: Graph, folder: Path, files: DatasetFiles | None = None) -> list[Path]:
    """The EXPORTED files into `folder`: the whole glossary in every format, and its JSON-LD context. `files`: the
    build's own `DatasetFiles` for `graph`, when the build publishes the glossary elsewhere too (the site)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = files if files is not None else DatasetFiles(graph)
    written = []
    for download in EXPORTED:
        path = folder / download.name
        data = files[download.rdf_format] if download.rdf_format else context_file()
        write_atomic(path, data)  # `mcg export` rewrites the files of a previous export: never half-written
        written.append(path)
    return written
