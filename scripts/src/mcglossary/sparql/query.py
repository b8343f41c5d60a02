"""Load the example queries (`ontology/queries/*.rq`) and run SPARQL, in-process with rdflib or over HTTP.

Results of both ways come back as one `QueryResult` whose values are plain, engine-neutral `Value`s, so a run
against the glossary in memory and a run against the endpoint that serves it can be compared with `==`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseBaseException, ParseResults
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
from mcglossary.data.load import load
from mcglossary.data.namespaces import bind_prefixes, prefixed
from mcglossary.data.rdf_terms import from_oxigraph

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
HEADER_KEYS = ("title", "question", "audience", "description")
REQUIRED_KEYS = ("title", "question", "audience")
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
EXIT_OK, EXIT_BAD_QUERY = 0, 2

# plain strings, read once: a DefinedNamespace's attribute lookup is slow, and results hold a literal a cell
_XSD_STRING, _LANG_STRING = str(XSD.string), str(RDF.langString)
_HEADER_LINE = re.compile(r"#\s*([a-z]+)\s*:\s?(.*)$")
# pyparsing appends the position to its message; we report the position on its own
_PYPARSING_POSITION = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)\s*$")


class QueryError(Exception):
    """A query that cannot be read or run: says where (file, line, column as far as known) and why."""

    def __init__(self, message: str, source: str = "", line: int | None = None, column: int | None = None) -> None:
        self.message, self.source, self.line, self.column = message, source, line, column
        super().__init__(self.format_line())

    def format_line(self) -> str:
        place = ":".join(str(p) for p in (self.source, self.line, self.column) if p not in (None, ""))
        return f"{place}: {self.message}" if place else self.message


@dataclass(frozen=True)
class QueryExample:
    """One example query file: its header (what it asks, for whom) and its SPARQL text."""

    slug: str
    title: str
    question: str
    audience: str
    description: str
    text: str
    form: str


@dataclass(frozen=True)
class Value:
    """An RDF term as a query result holds it, the same whichever engine produced it."""

    kind: str  # "uri", "literal" or "bnode" (the SPARQL JSON result types)
    value: str
    lang: str | None = None
    datatype: str | None = None

    def nt(self) -> str:
        """The N-Triples form (used by TSV)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        text = '"' + _escape(self.value) + '"'
        if self.lang:
            return f"{text}@{self.lang}"
        return f"{text}^^<{self.datatype}>" if self.datatype else text

    def short(self) -> str:
        """For people reading a table: prefixed names for IRIs, literals as their text."""
        if self.kind == "uri":
            return compact(self.value)
        return f"_:{self.value}" if self.kind == "bnode" else self.value

    def json(self) -> dict[str, str]:
        """SPARQL 1.1 Query Results JSON form."""
        body = {"type": self.kind, "value": self.value}
        if self.lang:
            body["xml:lang"] = self.lang
        elif self.datatype:
            body["datatype"] = self.datatype
        return body


Row = tuple[Value | None, ...]


@dataclass(eq=False)
class QueryResult:
    """What a query returned: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    graph: Graph | None = field(default=None, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QueryResult):
            return NotImplemented
        same = (self.form, self.variables, self.rows, self.boolean) == (
            other.form,
            other.variables,
            other.rows,
            other.boolean,
        )
        if self.graph is None or other.graph is None:
            return same and self.graph is other.graph
        return same and isomorphic(self.graph, other.graph)

    __hash__ = None  # mutable graph inside: not hashable


# --- example files -------------------------------------------------------------------------------------------


def load_examples(folder: Path) -> list[QueryExample]:
    """Every `*.rq` file of `folder`, sorted by file name; raises QueryError for a file that does not parse."""
    return [load_example(path) for path in sorted(Path(folder).glob("*.rq"))]


def load_example(path: Path) -> QueryExample:
    source = str(path)
    content = path.read_text(encoding="utf-8")
    header, text = _split_header(content, source)
    form = checked_form(content, source)  # the whole file (header = comments), so positions are the file's
    return QueryExample(
        slug=path.stem,
        title=header["title"],
        question=header["question"],
        audience=header["audience"],
        description=header.get("description", ""),
        text=text,
        form=form,
    )


def _split_header(content: str, source: str) -> tuple[dict, str]:
    """The leading `# key: value` lines (a key may repeat: its lines are joined) and the query after them."""
    lines = content.splitlines()
    header: dict[str, str] = {}
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line.startswith("#"):
            break
        count = number
        match = _HEADER_LINE.match(line)
        if not match or match.group(1) not in HEADER_KEYS:
            raise QueryError(
                f"header lines must read '# key: value' with key one of {', '.join(HEADER_KEYS)}", source, number, 1
            )
        key, value = match.group(1), match.group(2).strip()
        header[key] = f"{header[key]} {value}" if key in header else value
    missing = [key for key in REQUIRED_KEYS if not header.get(key)]
    if missing:
        raise QueryError(f"the header lacks {', '.join(missing)} (write '# {missing[0]}: ...')", source, 1, 1)
    return header, "\n".join(lines[count:]).strip() + "\n"


# --- parsing and running --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def checked_form(text: str, source: str = "<query>") -> str:
    """The query's form (SELECT, ...) once `prepare` accepts it. Remembered: a build checks each example several
    times (validation, the SPARQL pages, the queries download) and `mkdocs serve` on every rebuild, and rdflib's
    parser takes tens of milliseconds a query. Refusals are not remembered: they raise QueryError every time."""
    return query_form(prepare(text, source))


def prepare(text: str, source: str = "<query>") -> Query:
    """Parse a query with rdflib's SPARQL parser. No prefix is predeclared: a query must name its own, as any
    other endpoint demands (rdflib alone would accept skos:, owl: and others undeclared)."""
    try:
        parsed = parseQuery(text)
    except ParseBaseException as error:
        message = _PYPARSING_POSITION.sub("", str(error))
        raise QueryError(f"SPARQL syntax error: {message}", source, error.lineno, error.col) from None
    declared = {_prefix(decl) for decl in parsed[0] if decl.name == "PrefixDecl"}
    for name in _prefixed_names(parsed[1]):
        if _prefix(name) not in declared:
            raise QueryError(
                f"SPARQL error: the prefix '{_prefix(name)}:' is used but not declared with PREFIX", source
            )
    try:
        return translateQuery(parsed, initNs={})
    except Exception as error:  # rdflib raises bare Exceptions for some semantic errors
        raise QueryError(f"SPARQL error: {error}", source) from None


def _prefix(value: CompValue) -> str:
    return str(value["prefix"]) if "prefix" in value else ""  # CompValue.get() does not return a default


def _prefixed_names(node: object) -> Iterator[CompValue]:
    """Every prefixed name (`skos:prefLabel`) in a parse tree."""
    if isinstance(node, CompValue):
        if node.name == "pname":
            yield node
        for child in node.values():
            yield from _prefixed_names(child)
    elif isinstance(node, (list, tuple, ParseResults)):
        for child in node:
            yield from _prefixed_names(child)


def query_form(query: Query) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE."""
    return query.algebra.name.removesuffix("Query").upper()


def run(graph: Graph, text: str, source: str = "<query>") -> QueryResult:
    """Run a query in-process against an rdflib graph."""
    prepared = prepare(text, source)
    form = query_form(prepared)
    result = graph.query(prepared)
    if form == "ASK":
        return QueryResult(form, boolean=bool(result.askAnswer))
    if form in GRAPH_FORMS:
        return QueryResult(form, graph=_with_prefixes(result.graph))
    variables = tuple(str(v) for v in result.vars)
    blanks: dict[str, str] = {}
    rows = tuple(tuple(_from_rdflib(row[i], blanks) for i in range(len(variables))) for row in result)
    return QueryResult(form, variables, rows)


def run_store(store: ox.Store, text: str, source: str = "<query>") -> QueryResult:
    """Run a query in-process against an Oxigraph store (see data.export.oxigraph_store): the same results as `run`
    (tests prove it for every example), many times faster on a large glossary."""
    form = checked_form(text, source)  # same parser, same errors as `run`
    result = store.query(text)
    if form == "ASK":
        return QueryResult(form, boolean=bool(result))
    if form in GRAPH_FORMS:
        graph = bind_prefixes(Graph())
        blank = functools.partial(_blank_node, {})
        for triple in result:
            graph.add(tuple(from_oxigraph(term, blank) for term in (triple.subject, triple.predicate, triple.object)))
        return QueryResult(form, graph=graph)
    variables = tuple(variable.value for variable in result.variables)
    labels: dict[str, str] = {}
    rows = tuple(tuple(_from_oxigraph(solution[variable], labels) for variable in variables) for solution in result)
    return QueryResult(form, variables, rows)


def _blank_node(blanks: dict[str, BNode], label: str) -> BNode:
    return blanks.setdefault(label, BNode(label))


def _from_oxigraph(term: object, blanks: dict[str, str]) -> Value | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", _blank(term.value, blanks))
    return _literal(term.value, term.language, term.datatype.value if term.datatype else None)


def run_endpoint(url: str, text: str, source: str = "<query>") -> QueryResult:
    """Run a query against a SPARQL 1.1 endpoint over HTTP (POST, URL-encoded)."""
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper  # imported here: only this path needs it

    form = query_form(prepare(text, source))  # same parser, same errors, before any request is made
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.setQuery(text)
    client.setReturnFormat(TURTLE if form in GRAPH_FORMS else JSON)
    try:
        body = client.query().convert()
    except Exception as error:  # SPARQLWrapper's HTTP errors and urllib's connection errors
        raise QueryError(f"the endpoint {url} failed: {error}".strip(), source) from None
    if form in GRAPH_FORMS:
        return QueryResult(form, graph=_with_prefixes(Graph().parse(data=body, format="turtle")))
    if form == "ASK":
        return QueryResult(form, boolean=bool(body["boolean"]))
    variables = tuple(body["head"]["vars"])
    blanks: dict[str, str] = {}
    rows = tuple(
        tuple(_from_json(binding.get(v), blanks) for v in variables) for binding in body["results"]["bindings"]
    )
    return QueryResult(form, variables, rows)


def _with_prefixes(graph: Graph) -> Graph:
    copy = bind_prefixes(Graph())
    for triple in graph:
        copy.add(triple)
    return copy


def _from_rdflib(term: object, blanks: dict[str, str]) -> Value | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return Value("uri", str(term))
    if isinstance(term, BNode):
        return Value("bnode", _blank(str(term), blanks))
    if isinstance(term, Literal):
        return _literal(str(term), term.language, str(term.datatype) if term.datatype else None)
    raise TypeError(f"unexpected result term {term!r}")


def _from_json(binding: dict | None, blanks: dict[str, str]) -> Value | None:
    if binding is None:
        return None
    kind = binding["type"]
    if kind == "uri":
        return Value("uri", binding["value"])
    if kind == "bnode":
        return Value("bnode", _blank(binding["value"], blanks))
    return _literal(binding["value"], binding.get("xml:lang"), binding.get("datatype"))


def _literal(text: str, lang: str | None, datatype: str | None) -> Value:
    # xsd:string and rdf:langString are implied by the absence or presence of a language tag (RDF 1.1)
    if datatype in (_XSD_STRING, _LANG_STRING):
        datatype = None
    return Value("literal", text, lang.lower() if lang else None, None if lang else datatype)


def _blank(label: str, blanks: dict[str, str]) -> str:
    """Blank node labels are local to a result: number them by first appearance so two engines agree."""
    return blanks.setdefault(label, f"b{len(blanks)}")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


@functools.lru_cache(maxsize=8192)  # a large result names the same IRIs many times
def compact(iri: str) -> str:
    """`term:microcredential` for an IRI under a known prefix (namespaces.prefixed) whose local part is a plain
    name, else `<iri>`."""
    found = prefixed(iri)
    if found and re.fullmatch(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?", found[1]):
        return f"{found[0]}:{found[1]}"
    return f"<{iri}>"


# --- writing results ------------------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """A result as text: Turtle for graphs; for rows and booleans, `fmt` (table, csv, tsv or json)."""
    if result.graph is not None:
        return serialize(result.graph, FORMAT_BY_EXTENSION["ttl"]).decode("utf-8")
    if fmt == "json":
        return json.dumps(results_json(result), indent=2, ensure_ascii=False) + "\n"
    if result.boolean is not None:
        return "true\n" if result.boolean else "false\n"
    return {"table": format_table, "csv": format_csv, "tsv": format_tsv}[fmt](result)


def results_json(result: QueryResult) -> dict:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return {"head": {}, "boolean": result.boolean}
    bindings = [
        {var: value.json() for var, value in zip(result.variables, row, strict=True) if value is not None}
        for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def format_table(result: QueryResult) -> str:
    """Aligned columns for a terminal, with a row count."""
    cells = [[value.short() if value else "" for value in row] for row in result.rows]
    cells = [[" ".join(cell.split()) for cell in row] for row in cells]  # one line per row
    header = list(result.variables)
    widths = [max([len(header[i]), *(len(row[i]) for row in cells)]) for i in range(len(header))]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(header), line(["-" * w for w in widths]), *(line(row) for row in cells)]
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def _csv_cell(value: Value | None) -> str:
    if value is None:
        return ""
    return value.nt() if value.kind == "bnode" else value.value


def format_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: `?var` header, values in N-Triples form."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(value.nt() if value else "" for value in row) for row in result.rows)
    return "\n".join(lines) + "\n"


# --- the `mcg query` command ----------------------------------------------------------------------------------


def query_command(args: argparse.Namespace) -> int:
    """`mcg query FILE|-`: run a query in-process against the glossary, or against `--endpoint`."""
    source = "<stdin>" if args.file == "-" else args.file
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except OSError as error:
        print(f"{source}: cannot read the query: {error.strerror}", file=sys.stderr)
        return EXIT_BAD_QUERY
    except UnicodeDecodeError as error:
        print(f"{source}: the query file is not UTF-8 (byte {error.start}); save it as UTF-8", file=sys.stderr)
        return EXIT_BAD_QUERY
    try:
        if args.endpoint:
            result = run_endpoint(args.endpoint, text, source)
        else:
            prepare(text, source)  # a malformed query fails before the glossary is loaded
            result = run(load(args.ontology).data, text, source)
    except QueryError as error:
        print(error.format_line(), file=sys.stderr)
        return EXIT_BAD_QUERY
    except (ValueError, TypeError, re.error) as error:  # evaluation errors, e.g. an invalid regular expression in REGEX
        print(f"{source}: the query failed while running: {error}", file=sys.stderr)
        return EXIT_BAD_QUERY
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK
