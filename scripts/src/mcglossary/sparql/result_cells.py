"""What a cell of an example's result table shows: an IRI of the glossary as its label, linked to its page; another
web IRI as its prefixed name, linked out; a literal as its text. The full IRI stays on hover."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import SKOS

from mcglossary.data.namespaces import FIXED_PAGES
from mcglossary.site.model import Glossary, Ref
from mcglossary.sparql.query import QueryResult, Value

_WEB = ("http://", "https://")


@dataclass(frozen=True)
class Cell:
    text: str
    path: str | None = None  # a page of this site
    href: str = ""  # an IRI elsewhere on the web
    iri: str = ""
    kind: str = ""


def pages_by_iri(glossary: Glossary, graph: Graph) -> dict[str, Ref]:
    """Every resource with a page of its own, by IRI: the glossary's objects, and the fixed pages (the glossary,
    its topic scheme) under their own labels."""
    groups = (
        glossary.terms,
        glossary.topics,
        glossary.organisations,
        glossary.initiatives,
        glossary.examples,
        glossary.references,
        glossary.definitions,
        glossary.collections,
        glossary.own,
    )
    pages = {item.ref.iri: item.ref for group in groups for item in group}
    for iri, path in FIXED_PAGES.items():
        label = graph.value(iri, SKOS.prefLabel)
        if label is not None and str(iri) not in pages:
            pages[str(iri)] = Ref(str(iri), path, str(label), "scheme")
    return pages


def vocabulary_prefixes(glossary: Glossary) -> dict[str, str]:
    """namespace -> prefix of the vocabularies the glossary maps to (ceterms:, elm:, ...), beyond our own prefixes."""
    return {v.namespace: v.prefix for v in glossary.vocabularies if v.namespace and v.prefix}


def cells(result: QueryResult, pages: dict[str, Ref], prefixes: dict[str, str]) -> list[list[Cell]]:
    return [[cell(value, pages, prefixes) for value in row] for row in result.rows]


def cell(value: Value | None, pages: dict[str, Ref], prefixes: dict[str, str] | None = None) -> Cell:
    if value is None:
        return Cell("")
    if value.kind != "uri":
        return Cell(value.short())
    ref = pages.get(value.value)
    if ref is not None:
        return Cell(ref.label, path=ref.path, iri=value.value, kind=ref.kind)
    # only web IRIs become links: a `javascript:` or `file:` IRI in the data must never be one
    href = value.value if value.value.startswith(_WEB) else ""
    return Cell(_name(value, prefixes or {}), href=href, iri=value.value)


def _name(value: Value, prefixes: dict[str, str]) -> str:
    """The prefixed name under the longest matching namespace of a mapped vocabulary, else our own short form."""
    matches = [namespace for namespace in prefixes if value.value.startswith(namespace)]
    if matches:
        namespace = max(matches, key=len)
        local = value.value[len(namespace) :]
        if local and local.replace("_", "").replace("-", "").isalnum():
            return f"{prefixes[namespace]}:{local}"
    return value.short()
