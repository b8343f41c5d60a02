"""RDF terms between rdflib and Oxigraph: the one place that converts them, each way.

The loader parses with Oxigraph and hands rdflib the terms; the serialisers and the in-process SPARQL store hand
Oxigraph rdflib's; query results come back from Oxigraph. A literal typed xsd:string becomes a plain rdflib
literal (RDF 1.1: they are the same), so graphs compare equal whichever way they were read.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

XSD_STRING = str(XSD.string)  # a plain string, read once: a DefinedNamespace's attribute lookup is slow


def from_oxigraph(term: object, blank: Callable[[str], BNode]) -> URIRef | BNode | Literal:
    """The rdflib term of an Oxigraph term; `blank` names the rdflib blank node of an Oxigraph blank node's label."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return blank(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported RDF term {term!r}")


def to_oxigraph(node: object, blank_label: Callable[[str], str] = str) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term of an rdflib term; `blank_label` gives a blank node's label (it may raise ValueError to
    refuse one)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(blank_label(str(node)))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"unsupported RDF term {node!r}")
