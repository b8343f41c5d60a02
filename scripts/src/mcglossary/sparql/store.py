"""The one way a query engine gets the glossary: an in-memory Oxigraph store read from its N-Triples.

`mcg query`, the endpoint's workers and the site's examples all build their store here, from the same bytes in
the same order, so a query without ORDER BY meets the triples in the same order everywhere and answers alike.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from mcglossary.data.export import FORMAT_BY_EXTENSION, DatasetFiles


def glossary_ntriples(graph: Graph, dataset: DatasetFiles | None = None) -> bytes:
    """The glossary as N-Triples, byte for byte the site's download (the glossary as published, see
    export.published): `mcg query`, the endpoint, the example pages and the browser's query page all hold these
    triples. The build's bytes when it has them, else serialised now."""
    return (dataset if dataset is not None else DatasetFiles(graph))[FORMAT_BY_EXTENSION["nt"]]


def store_from_ntriples(data: bytes) -> ox.Store:
    """A store holding the triples of `data` in its default graph, blank node labels kept (`ox.parse` keeps them;
    `Store.load` would rename them), so results name the glossary's own blank nodes."""
    store = ox.Store()
    store.extend(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return store


def glossary_store(graph: Graph, dataset: DatasetFiles | None = None) -> ox.Store:
    return store_from_ntriples(glossary_ntriples(graph, dataset))
