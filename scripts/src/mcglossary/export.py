"""Serialise the glossary, whole or one resource at a time, in every RDF format, byte-for-byte reproducibly."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL

from .namespaces import PREFIXES, bind_prefixes

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


def sorted_copy(graph: Graph) -> Graph:
    """A copy whose triples were added in sorted order, so serialisers walk it the same way every run."""
    copy = bind_prefixes(Graph())
    for triple in sorted(graph):
        copy.add(triple)
    return copy


def serialize(graph: Graph, fmt: RdfFormat) -> bytes:
    """One graph in one format, identical bytes for identical graphs."""
    ordered = sorted_copy(graph)
    if fmt.extension == "nt":
        lines = ordered.serialize(format="nt").splitlines()
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if fmt.extension == "jsonld":
        text = ordered.serialize(format="json-ld", context=context()["@context"], auto_compact=True)
        return (json.dumps(_stable_json(json.loads(text)), indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode(
            "utf-8"
        )
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
        return items if in_list else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
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


def write_all_formats(graph: Graph, folder: Path, stem: str) -> list[Path]:
    """Write `stem.<ext>` for every format into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in FORMATS:
        path = folder / f"{stem}.{fmt.extension}"
        path.write_bytes(serialize(graph, fmt))
        written.append(path)
    return written


def export_dataset(graph: Graph, folder: Path) -> list[Path]:
    """The whole glossary in every format, plus its JSON-LD context file."""
    written = write_all_formats(graph, folder, DATASET_NAME)
    context_path = folder / "context.jsonld"
    context_path.write_text(json.dumps(context(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return [*written, context_path]
