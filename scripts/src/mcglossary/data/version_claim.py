"""Honest versions: the glossary claims the version its scheme names only when its data is that release's snapshot.

`mcg release X.Y.Z` stamps the version into the scheme and writes the snapshot `ontology/releases/X.Y.Z/...ttl`
from the same data, so right after a release the two agree. After any edit they differ, and a build that still said
"X.Y.Z", with the version IRI that resolves to the snapshot, would claim something it is not. So the loader
compares: when the data differs from the snapshot of the version named (or no snapshot of it exists), the loaded
glossary says `owl:versionInfo "X.Y.Z+unreleased"`, drops `owl:versionIRI` and names the release it comes after
with `owl:priorVersion`; the site, the downloads and SPARQL all show that. Only `mcg release` makes a build claim a
version, because only it writes the snapshot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL

from mcglossary.data.namespaces import BASE, GLOSSARY

UNRELEASED = "+unreleased"
_STAMPED = (OWL.versionInfo, OWL.versionIRI, OWL.priorVersion)  # what `mcg release` writes and a claim rewrites


def claim(data: Graph, stated: list[tuple], snapshot: Graph | None) -> str:
    """Make `data` claim only what it is, and return the version it claims. `stated`: the version triples the
    scheme's file states (the claim of an earlier call is undone first); `snapshot`: the release snapshot of the
    version named, if there is one."""
    restate(data, stated)
    named = str(data.value(GLOSSARY, OWL.versionInfo) or "")
    if not named or (snapshot is not None and same(data, snapshot)):
        return named
    data.remove((GLOSSARY, OWL.versionInfo, None))
    data.remove((GLOSSARY, OWL.versionIRI, None))
    data.add((GLOSSARY, OWL.versionInfo, Literal(named + UNRELEASED)))
    if snapshot is not None:  # the release this build comes after
        data.remove((GLOSSARY, OWL.priorVersion, None))
        data.add((GLOSSARY, OWL.priorVersion, URIRef(f"{BASE}{named}")))
    return named + UNRELEASED


def restate(data: Graph, stated: list[tuple]) -> None:
    """Put back in `data` the version triples the files state (`stated`), undoing an earlier claim."""
    for predicate in _STAMPED:
        data.remove((GLOSSARY, predicate, None))
    for triple in stated:
        data.add(triple)


def stated_version(file_triples: dict[Path, tuple[tuple, ...]]) -> list[tuple]:
    """The version triples the files themselves state about the glossary."""
    return [t for triples in file_triples.values() for t in triples if t[0] == GLOSSARY and t[1] in _STAMPED]


def same(data: Graph, snapshot: Graph) -> bool:
    """Whether two graphs hold the same statements: the same triples without blank nodes, and the triples with
    blank nodes alike but for their labels (compared exactly only when everything else is equal, since it is slow)."""
    if len(data) != len(snapshot):
        return False
    named_data, blank_data = _split(data)
    named_snapshot, blank_snapshot = _split(snapshot)
    if named_data != named_snapshot or _shape(blank_data) != _shape(blank_snapshot):
        return False
    return isomorphic(graph_of(blank_data), graph_of(blank_snapshot))


def _split(graph: Graph) -> tuple[set[tuple], list[tuple]]:
    named: set[tuple] = set()
    blank: list[tuple] = []
    for triple in graph:
        if any(isinstance(node, BNode) for node in triple):
            blank.append(triple)
        else:
            named.add(triple)
    return named, blank


def _shape(triples: list[tuple]) -> Counter:
    return Counter(tuple(None if isinstance(node, BNode) else node for node in triple) for triple in triples)


def graph_of(triples: Iterable[tuple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph
