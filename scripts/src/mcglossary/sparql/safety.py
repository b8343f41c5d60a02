"""What a query may make the engine do beyond reading the glossary: decided on the parsed query, never on its text.

SPARQL has three ways to make an engine reach out: `SERVICE` (Oxigraph and rdflib both send an HTTP request to
the IRI it names), `LOAD` (an update that fetches a document), and `FROM` / `FROM NAMED` (rdflib fetches the IRI;
Oxigraph only picks graphs of its own store, so there they are safe). Every place a query runs (`mcg query`,
`mcg serve`, the site build) checks it here first, so a word such as "service" inside a string or a comment is
never mistaken for the keyword, and a keyword hidden in a subquery, `OPTIONAL` or `FILTER EXISTS` is still found.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyparsing import ParseResults
from rdflib.plugins.sparql.parserutils import CompValue

# said in every refusal, so whoever reads it knows how to opt in, and that it is an opt-in
SERVICE_FLAG = "--allow-service"


# rdflib's names for the update operations, as the keywords a person writes
_KEYWORDS = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}


class Refused(Exception):
    """A query asks for a network or file access that is not allowed here."""


def check_query(tree: ParseResults, allow_service: bool = False, fetches_from: bool = False) -> None:
    """Raise Refused when the parsed query (rdflib's `parseQuery` tree) would reach outside the glossary.

    `fetches_from`: the engine that will run the query fetches the graphs `FROM` names (rdflib does, Oxigraph
    does not); then a dataset clause is refused too, with or without `allow_service`."""
    query = tree[1]
    if fetches_from:
        for clause in _child(query, "datasetClause"):
            keyword, iri = ("FROM", clause["default"]) if "default" in clause else ("FROM NAMED", clause["named"])
            raise Refused(f"{keyword} <{iri}> would make this engine fetch that document; refused")
    if allow_service:
        return
    for node in nodes(query):
        if node.name == "ServiceGraphPattern":
            raise Refused(
                f"SERVICE {node['term'].n3()} asks the engine to fetch results from that address; federated "
                f"queries are off unless started with {SERVICE_FLAG}"
            )


def refuse_update(tree: ParseResults) -> Refused:
    """The refusal for a text that parses as a SPARQL update: the glossary is read-only, so never run, whatever
    the flags; `LOAD` says what it would have fetched."""
    requests = _child(tree, "request")
    for request in requests:
        if request.name == "Load":
            return Refused(
                f"LOAD <{request['iri']}> is an update that would fetch that document; "
                "the glossary is read-only, so updates are never run"
            )
    names = ", ".join(sorted({_KEYWORDS.get(request.name, request.name) for request in requests}))
    return Refused(f"this is a SPARQL update ({names}); the glossary is read-only, so updates are never run")


def _child(node: CompValue, key: str) -> list:
    """A parse tree node's list under `key`, or [] (CompValue.get returns the key itself when it is missing)."""
    return list(node[key]) if key in node else []


def nodes(node: object) -> Iterator[CompValue]:
    """Every node of a parse tree, depth first (subqueries, OPTIONAL, MINUS, UNION, FILTER EXISTS included)."""
    if isinstance(node, CompValue):
        yield node
        for child in node.values():
            yield from nodes(child)
    elif isinstance(node, (list, tuple, ParseResults)):
        for child in node:
            yield from nodes(child)
