"""The example queries as RDF: one SHACL `sh:SPARQLExecutable` a file, published as a download of its own.

It is not part of the glossary graph (the loader reads only `.ttl`), so the glossary's own data stays free of
query text.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, SH

from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
from mcglossary.data.namespaces import BASE, MCG, bind_prefixes
from mcglossary.sparql.query import load_examples

QUERY = Namespace(BASE + "query/")

# SHACL 1.0 defines executables for SELECT, CONSTRUCT and ASK but none for DESCRIBE (w3c/data-shapes#359);
# we never mint terms in another vocabulary's namespace, so DESCRIBE uses our own pair, defined in def.ttl.

# query form -> (SHACL class of the executable, property holding the query text)
_SHAPES = {
    "SELECT": (SH.SPARQLSelectExecutable, SH.select),
    "CONSTRUCT": (SH.SPARQLConstructExecutable, SH.construct),
    "ASK": (SH.SPARQLAskExecutable, SH.ask),
    "DESCRIBE": (MCG.SPARQLDescribeExecutable, MCG.describe),
}


def queries_file(folder: Path) -> bytes:
    """The queries download (downloads/queries.ttl)."""
    return serialize(queries_graph(folder), FORMAT_BY_EXTENSION["ttl"])


def queries_graph(folder: Path) -> Graph:
    """Every `*.rq` file of `folder` as an executable with its title, question, description and audience."""
    graph = bind_prefixes(Graph())
    graph.bind("query", QUERY)
    for example in load_examples(folder):
        iri = QUERY[example.slug]
        kind, text_property = _SHAPES[example.form]
        comment = " ".join(part for part in (example.question, example.description) if part)
        graph.add((iri, RDF.type, SH.SPARQLExecutable))
        graph.add((iri, RDF.type, kind))
        graph.add((iri, RDFS.label, Literal(example.title, lang="en")))
        graph.add((iri, RDFS.comment, Literal(comment, lang="en")))
        graph.add((iri, text_property, Literal(example.text)))
        graph.add((iri, DCTERMS.audience, Literal(example.audience)))
    return graph
