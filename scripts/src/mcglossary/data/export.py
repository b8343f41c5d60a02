"""Serialise the glossary, whole or one resource at a time, in every RDF format, byte-for-byte reproducibly."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import orjson
import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from mcglossary.data.namespaces import GLOSSARY, PREFIXES, VOAF, bind_prefixes, prefixed
from mcglossary.data.rdf_terms import to_oxigraph

DATASET_NAME = "microcredential-glossary"


@dataclass(frozen=True)
class RdfFormat:
    extension: str
    rdflib_name: str
    media_type: str
    label: str


FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat("ttl", "longturtle", "text/turtle", "Turtle"),
    RdfFormat("jsonld", "json-ld", "application/ld+json", "JSON-LD"),
    RdfFormat("rdf", "xml", "application/rdf+xml", "RDF/XML"),
    RdfFormat("nt", "nt", "application/n-triples", "N-Triples"),
)
FORMAT_BY_EXTENSION = {f.extension: f for f in FORMATS}


def context() -> dict:
    """The JSON-LD context: the glossary's prefixes."""
    return {"@context": {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}}


def sorted_copy(graph: Iterable[tuple]) -> Graph:
    """A copy whose triples were added in sorted order, so serialisers walk it the same way every run."""
    copy = bind_prefixes(Graph())
    for triple in sorted(graph):
        copy.add(triple)
    return copy


def serialize(graph: Graph | Collection[tuple], fmt: RdfFormat) -> bytes:
    """One graph (or a collection of triples: no need to build a graph only to serialise it) in one format,
    identical bytes for identical graphs. For the whole glossary, which a build publishes several times, use one
    `DatasetFiles` per build instead."""
    triples = _oxigraph_triples(graph)
    if triples is not None:
        return _serialize_oxigraph(triples, fmt)
    return _serialize_sorted(sorted_copy(graph), fmt)


def published(graph: Graph | Collection[tuple]) -> Graph | list[tuple]:
    """The glossary as every download publishes it: the same triples, except that the glossary alone is an
    `owl:Ontology`. The alignment files describe the vocabularies we map to (CTDL, ELM, ESCO, ...) as ontologies too;
    in one file with ours that declares nine, and an OWL tool takes whichever it meets first as the file's ontology
    (owlready2 took ESCO's). Published, each is a `voaf:Vocabulary` that the glossary `dcterms:references`."""
    others = sorted(s for s, _p, o in _typed(graph, OWL.Ontology) if s != GLOSSARY)
    if not others:
        return graph
    kept = [t for t in graph if t[1] != RDF.type or t[2] != OWL.Ontology or t[0] == GLOSSARY]
    return kept + [(o, RDF.type, VOAF.Vocabulary) for o in others] + [(GLOSSARY, DCTERMS.references, o) for o in others]


def _typed(graph: Graph | Collection[tuple], cls: URIRef) -> Iterable[tuple]:
    if isinstance(graph, Graph):
        return graph.triples((None, RDF.type, cls))
    return (t for t in graph if t[1] == RDF.type and t[2] == cls)


class DatasetFiles:
    """The whole glossary in every format, serialised on first use and then kept.

    A build makes one for its graph and hands it to everything that publishes the whole glossary (the dist export,
    the site's downloads, their sizes in the DCAT catalogue), so the graph is sorted and serialised once per build
    rather than once per use. The next build makes a new one, so a changed glossary is never served stale; the
    graph must not change while its DatasetFiles is in use (a build's graph does not).
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._files: dict[str, bytes] | None = None
        self._published: Graph | list[tuple] | None = None
        self._data_nt: bytes | None = None

    def __getitem__(self, fmt: RdfFormat) -> bytes:
        """The download in `fmt`: the glossary as published (see `published`)."""
        if self._files is None:
            self._published = published(self.graph)
            self._files = serialize_all(self._published)
        return self._files[fmt.extension]

    def data_ntriples(self) -> bytes:
        """The graph as loaded, in N-Triples (for the SPARQL store, which holds what the endpoint holds); the
        download's own bytes when publishing changed nothing."""
        nt = FORMAT_BY_EXTENSION["nt"]
        download = self[nt]
        if self._published is self.graph:
            return download
        if self._data_nt is None:
            self._data_nt = serialize(self.graph, nt)
        return self._data_nt


def serialize_all(graph: Graph | Collection[tuple]) -> dict[str, bytes]:
    """The graph in every format (extension -> bytes), the same bytes as `serialize`, from one sorted copy."""
    triples = _oxigraph_triples(graph)
    if triples is not None:
        return {fmt.extension: _serialize_oxigraph(triples, fmt) for fmt in FORMATS}
    ordered = sorted_copy(graph)
    return {fmt.extension: _serialize_sorted(ordered, fmt) for fmt in FORMATS}


# --- the fast path: pyoxigraph's serialisers, a hundred times faster than rdflib's on the whole glossary ---------
# Used when every blank node carries the loader's stable, file-scoped label (f<file>b<n>), so sorting and labels are
# the same in every run; graphs built in code with rdflib's random blank node ids keep the rdflib path.
_STABLE_BLANK = re.compile(r"f\d+b\d+")


def _oxigraph_triples(triples: Iterable[tuple]) -> list[ox.Triple] | None:
    """The triples as Oxigraph's, in the order of their N-Triples lines (compared in C, where sorting rdflib's
    terms compares them in Python, ten times slower); None when a blank node label is not stable."""
    try:
        converted = [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples]
    except (ValueError, TypeError):
        return None
    converted.sort(key=str)  # a subject's triples stay together: its term and a space start each line
    return converted


def oxigraph_store(graph: Graph, files: DatasetFiles | None = None) -> ox.Store:
    """An in-memory Oxigraph store holding `graph`, blank node labels kept (so results name the same nodes).
    With `files` (the graph's DatasetFiles), read from its N-Triples, which Oxigraph parses faster than terms
    can be converted one by one (`ox.parse` keeps the labels; `Store.load` would rename them)."""
    store = ox.Store()
    if files is not None:
        store.extend(ox.parse(files.data_ntriples(), format=ox.RdfFormat.N_TRIPLES))
    else:
        store.extend(ox.Quad(_ox_term(s, True), _ox_term(p), _ox_term(o, True)) for s, p, o in graph)
    return store


def _ox_term(node: object, any_blank: bool = False) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    return to_oxigraph(node, _any_label if any_blank else _stable_label)


def _any_label(label: str) -> str:
    return label


def _stable_label(label: str) -> str:
    if not _STABLE_BLANK.fullmatch(label):
        raise ValueError("an unstable blank node label")
    return label


_PREFIX_MAP = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def _serialize_oxigraph(triples: list[ox.Triple], fmt: RdfFormat) -> bytes:
    prefixes = _PREFIX_MAP
    if fmt.extension == "nt":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt.extension == "ttl":
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if fmt.extension == "rdf":
        return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)
    expanded = orjson.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD))
    document = {"@context": context()["@context"], "@graph": [_compact(node) for node in expanded]}
    return pretty_json(_stable_json(document))


def pretty_json(value: object) -> bytes:
    """UTF-8 JSON indented by two spaces with sorted keys: what `json.dumps(value, indent=2, sort_keys=True,
    ensure_ascii=False)` writes (a test proves it), plus a final newline, fifteen times faster (orjson)."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


@functools.lru_cache(maxsize=8192)  # the same properties, classes and neighbours come back in every resource's file
def _compact_iri(iri: str) -> str:
    """`skos:prefLabel` for an IRI in a known namespace (namespaces.prefixed), else the IRI itself; a local part
    that is empty or starts with `//` would read as another IRI, so such an IRI stays whole."""
    found = prefixed(iri)
    if found and found[1] and not found[1].startswith("//"):
        return f"{found[0]}:{found[1]}"
    return iri


def _compact(value: object, key: str = "") -> object:
    """Compact expanded JSON-LD with a context of prefixes only: compact IRIs in keys, @id and @type, and
    single values out of their arrays (what a JSON-LD processor's compaction does for such a context)."""
    if isinstance(value, list):
        items = [_compact(v, key) for v in value]
        return items[0] if len(items) == 1 and key != "@list" else items
    if isinstance(value, dict):
        out: dict = {}
        for k, v in value.items():
            if k in ("@id", "@type") and isinstance(v, str):
                out[k] = v if v.startswith("_:") else _compact_iri(v)
            elif k == "@type":
                out[k] = _compact([_compact_iri(t) for t in v])
            elif k.startswith("@"):
                out[k] = _compact(v, k)
            else:
                out[_compact_iri(k)] = _compact(v, k)
        return out
    return value


def _serialize_sorted(ordered: Graph, fmt: RdfFormat) -> bytes:
    if fmt.extension == "nt":
        lines = ordered.serialize(format="nt").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt.extension == "jsonld":
        text = ordered.serialize(format="json-ld", context=context()["@context"], auto_compact=True)
        return pretty_json(_stable_json(json.loads(text)))
    if fmt.extension == "rdf":
        return _sorted_rdfxml(ordered.serialize(format="xml")).encode("utf-8")
    return ordered.serialize(format=fmt.rdflib_name).encode("utf-8")


def _sorted_rdfxml(text: str) -> str:
    """rdflib's flat RDF/XML walks subjects in hash order; put its one-element-per-subject blocks in order."""
    lines = text.splitlines(keepends=True)
    head: list[str] = []
    blocks: list[str] = []
    tail: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if current is None and line.startswith("  <rdf:Description"):
            current = [line]
            if line.rstrip().endswith("/>"):
                blocks.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
            if line.startswith("  </rdf:Description>"):
                blocks.append("".join(current))
                current = None
        elif blocks:
            tail.append(line)
        else:
            head.append(line)
    return "".join(head) + "".join(sorted(blocks)) + "".join(tail)


def _stable_json(value: object, in_list: bool = False) -> object:
    """Sort JSON-LD arrays (RDF values are sets) except `@list` contents, whose order is meaning."""
    if isinstance(value, dict):
        return {k: _stable_json(v, in_list=(k == "@list")) for k, v in value.items()}
    if isinstance(value, list):
        items = [_stable_json(v) for v in value]
        return items if in_list else sorted(items, key=lambda v: orjson.dumps(v, option=orjson.OPT_SORT_KEYS))
    return value


def describe(graph: Graph, resource: URIRef) -> Graph:
    """A resource's own description: its triples, the blank nodes under them (closed), and the OWL axioms that
    annotate its statements (the justifications of its mappings)."""
    result = bind_prefixes(Graph())
    todo: list = [resource]
    seen: set = set()
    for axiom in graph.subjects(OWL.annotatedSource, resource):
        if isinstance(axiom, BNode):
            todo.append(axiom)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in graph.triples((node, None, None)):
            result.add(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return result


def descriptions(graph: Graph, resources: list[URIRef]) -> Iterator[tuple[URIRef, set[tuple]]]:
    """For each resource, the triples `describe` gives for it, from one pass over the graph rather than one set of
    queries per resource."""
    by_subject: dict = {}
    for triple in graph:
        by_subject.setdefault(triple[0], []).append(triple)
    axioms: dict = {}
    for axiom, _p, source in graph.triples((None, OWL.annotatedSource, None)):
        if isinstance(axiom, BNode):
            axioms.setdefault(source, []).append(axiom)
    for resource in resources:
        todo: list = [resource, *axioms.get(resource, [])]
        seen: set = set()
        triples: set[tuple] = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for triple in by_subject.get(node, ()):
                triples.add(triple)
                if isinstance(triple[2], BNode):
                    todo.append(triple[2])
        yield resource, triples


def described_files(graph: Graph, resources: list[URIRef]) -> Iterator[tuple[URIRef, dict[str, bytes]]]:
    """For each resource, its description (`describe`) in every format: the same bytes as
    `serialize_all(describe(graph, resource))`, from one pass over the graph instead of one query per resource.
    A generator, so a large glossary's files are never all in memory."""
    for resource, triples in descriptions(graph, resources):
        converted = _oxigraph_triples(triples)
        if converted is None:  # blank nodes without the loader's stable labels: the general path
            yield resource, serialize_all(describe(graph, resource))
            continue
        yield resource, {fmt.extension: _serialize_oxigraph(converted, fmt) for fmt in FORMATS}
