"""Load the example queries (`ontology/queries/*.rq`) and run SPARQL: in-process with Oxigraph (the one engine of
`mcg query`, `mcg serve` and the site), with rdflib (the tests' oracle), or over HTTP.

Every way checks the query with the same parser first (`prepare`: syntax, undeclared prefixes, and what would
reach outside the glossary, safety.py). Results come back as one `QueryResult` whose values are plain,
engine-neutral `Value`s, so runs in memory and against the endpoint that serves the glossary compare with `==`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
from mcglossary.data.load import load
from mcglossary.data.namespaces import bind_prefixes, prefixed
from mcglossary.data.rdf_terms import from_oxigraph
from mcglossary.sparql.safety import Refused, check_query, nodes, refuse_update
from mcglossary.sparql.store import glossary_store

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")
HEADER_KEYS = ("title", "question", "audience", "description")
REQUIRED_KEYS = ("title", "question", "audience")
OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
EXIT_OK, EXIT_BAD_QUERY = 0, 2
ENDPOINT_TIMEOUT = 120.0  # seconds `mcg query --endpoint` waits for an answer
# SELECT and ASK results as JSON, graphs as Turtle: the endpoint picks by the query's form
_ENDPOINT_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"
# an error as our endpoint words it (worker.SOURCE): "query:3:7: SPARQL syntax error: ..." or "query: refused: ..."
_OXIGRAPH_POSITION = re.compile(r"error at (?P<line>\d+):(?P<column>\d+): ")
_OXIGRAPH_REASON = re.compile(r"\b[A-Z][a-z]+(?: [^\s,\[\]\"']+){2,}")  # "The SELECT contains a variable ..."
_ENDPOINT_ERROR = re.compile(r"query:(?:(?P<line>\d+):(?P<column>\d+):)? (?P<message>.*)$")

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
        message = " ".join(self.message.splitlines())  # one line, always: a terminal line or an HTTP body
        return f"{place}: {message}" if place else message


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
def checked_form(text: str, source: str = "<query>", allow_service: bool = False) -> str:
    """The query's form (SELECT, ...) once `prepare` accepts it. Remembered: a build checks each example several
    times (validation, the SPARQL pages, the queries download) and `mkdocs serve` on every rebuild, and rdflib's
    parser takes tens of milliseconds a query. Refusals are not remembered: they raise QueryError every time."""
    return query_form(prepare(text, source, allow_service))


def prepare(text: str, source: str = "<query>", allow_service: bool = False, fetches_from: bool = False) -> Query:
    """Parse a query with rdflib's SPARQL parser, and refuse what would reach outside the glossary (safety.py):
    every engine runs a query only after this. No prefix is predeclared: a query must name its own, as any
    other endpoint demands (rdflib alone would accept skos:, owl: and others undeclared).

    `fetches_from`: the engine fetches the documents FROM names (rdflib); `allow_service`: the user opted in to
    SERVICE (federated queries)."""
    try:
        parsed = parseQuery(text)
    except ParseBaseException as error:
        _refuse_update(text, source)
        message = _PYPARSING_POSITION.sub("", str(error))
        raise QueryError(f"SPARQL syntax error: {message}", source, error.lineno, error.col) from None
    except RecursionError:  # pyparsing recurses once per level of nesting
        raise QueryError("SPARQL error: the query is nested too deeply to be read", source) from None
    declared = {_prefix(decl) for decl in parsed[0] if decl.name == "PrefixDecl"}
    for name in _prefixed_names(parsed[1]):
        if _prefix(name) not in declared:
            raise QueryError(
                f"SPARQL error: the prefix '{_prefix(name)}:' is used but not declared with PREFIX", source
            )
    try:
        check_query(parsed, allow_service, fetches_from)
    except Refused as refusal:
        raise QueryError(f"refused: {refusal}", source) from None
    try:
        return translateQuery(parsed, initNs={})
    except Exception as error:  # rdflib raises bare Exceptions for some semantic errors
        raise QueryError(f"SPARQL error: {error}", source) from None


def _refuse_update(text: str, source: str) -> None:
    """A text that is no query may be an update (LOAD, INSERT, ...): say so, rather than give a syntax error."""
    try:
        tree = parseUpdate(text)
    except (ParseBaseException, RecursionError):
        return
    raise QueryError(f"refused: {refuse_update(tree)}", source)


def _prefix(value: CompValue) -> str:
    return str(value["prefix"]) if "prefix" in value else ""  # CompValue.get() does not return a default


def _prefixed_names(tree: object) -> Iterator[CompValue]:
    """Every prefixed name (`skos:prefLabel`) in a parse tree."""
    return (node for node in nodes(tree) if node.name == "pname")


def query_form(query: Query) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE."""
    return query.algebra.name.removesuffix("Query").upper()


def run(graph: Graph, text: str, source: str = "<query>") -> QueryResult:
    """Run a query in-process with rdflib's engine: the tests' oracle where rdflib is right (every example), never
    what the glossary's commands or site answer with (that is Oxigraph: `run_store`). rdflib fetches what FROM
    names, so a dataset clause is refused here; SERVICE always is."""
    prepared = prepare(text, source, fetches_from=True)
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


def run_store(store: ox.Store, text: str, source: str = "<query>", allow_service: bool = False) -> QueryResult:
    """Run a query in-process against an Oxigraph store (see `store.glossary_store`): the one engine of `mcg query`,
    `mcg serve`'s workers and the site's examples. rdflib's parser checks the query first (`prepare`: the same
    errors and refusals everywhere); an error Oxigraph raises while running it becomes a QueryError too."""
    form = checked_form(text, source, allow_service)
    try:
        return _convert(form, store.query(text))
    except SyntaxError as error:  # rare: rdflib's parser accepted what Oxigraph's refuses
        raise oxigraph_syntax_error(error, source) from None
    except (OSError, ValueError, RuntimeError) as error:  # pyoxigraph's errors, raised while iterating
        raise QueryError(f"the query failed while running: {_one_line(error)}", source) from None


def oxigraph_syntax_error(error: SyntaxError, source: str) -> QueryError:
    """Oxigraph's parse error, `error at L:C: expected one of <tokens>, <reason>, ...`, as a QueryError at L:C that
    says the reason in words where there is one (its parser lists such reasons among the tokens it expected)."""
    text = " ".join(str(error).split())
    place = _OXIGRAPH_POSITION.match(text)
    line, column = (int(place["line"]), int(place["column"])) if place else (None, None)
    reasons = _OXIGRAPH_REASON.findall(text)
    message = "; ".join(reasons) if reasons else (text[place.end() :] if place else text)[:300]
    return QueryError(f"SPARQL error: {message}", source, line, column)


def _convert(form: str, result: object) -> QueryResult:
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


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _from_oxigraph(term: object, blanks: dict[str, str]) -> Value | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Value("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Value("bnode", _blank(term.value, blanks))
    return _literal(term.value, term.language, term.datatype.value if term.datatype else None)


def run_endpoint(url: str, text: str, source: str = "<query>", timeout: float = ENDPOINT_TIMEOUT) -> QueryResult:
    """Run a query against a SPARQL 1.1 endpoint over HTTP (POST, URL-encoded, so a long query fits). The endpoint
    decides what it runs and refuses; an error it answers with becomes a QueryError, and ours (`mcg serve`) says
    `query:line:column: message`, which is given back with `source` in place of `query`, as `mcg query` would."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _ENDPOINT_ACCEPT},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media_type, body = response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        raise _endpoint_error(url, error.code, error.read(), source) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise QueryError(f"cannot reach the endpoint {url}: {reason}", source) from None
    if media_type == "text/turtle":
        graph = _with_prefixes(Graph().parse(data=body, format="turtle"))
        return QueryResult(_graph_form(text), graph=graph)
    answer = json.loads(body)
    if "boolean" in answer:
        return QueryResult("ASK", boolean=bool(answer["boolean"]))
    variables = tuple(answer["head"]["vars"])
    blanks: dict[str, str] = {}
    rows = tuple(
        tuple(_from_json(binding.get(v), blanks) for v in variables) for binding in answer["results"]["bindings"]
    )
    return QueryResult("SELECT", variables, rows)


def _endpoint_error(url: str, status: int, body: bytes, source: str) -> QueryError:
    text = " ".join(body.decode("utf-8", "replace").split())[:2000]
    ours = _ENDPOINT_ERROR.match(text)
    if ours and status == 400:
        line, column = (int(ours["line"]), int(ours["column"])) if ours["line"] else (None, None)
        return QueryError(ours["message"], source, line, column)
    return QueryError(f"the endpoint {url} answered {status}: {text or 'no message'}", source)


def _graph_form(text: str) -> str:
    """CONSTRUCT or DESCRIBE: a graph's media type does not say which query made it."""
    try:
        return "DESCRIBE" if parseQuery(text)[1].name == "DescribeQuery" else "CONSTRUCT"
    except (ParseBaseException, RecursionError):
        return "CONSTRUCT"


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
    """`mcg query FILE|-`: run a query in-process against the glossary (Oxigraph, as `mcg serve` and the site do),
    or against `--endpoint`. An error is one line on stderr and exit code 2."""
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
            checked_form(text, source, args.allow_service)  # a malformed or refused query fails before loading
            store = glossary_store(load(args.ontology).data)
            result = run_store(store, text, source, args.allow_service)
    except QueryError as error:
        print(error.format_line(), file=sys.stderr)
        return EXIT_BAD_QUERY
    sys.stdout.write(format_result(result, args.format))
    return EXIT_OK
