"""The one loader: every `.ttl` under `ontology/` into one rdflib graph, with parse errors that name file, line, column.

pyoxigraph does the parsing: it is strict (IRIs, language tags), reports exact positions and is an order of
magnitude faster than rdflib's Turtle parser. The triples are then handed to rdflib, which stays the API.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL

from mcglossary.adapters.rdflib import GlossaryGraph
from mcglossary.data.message_text import shown as shown_text
from mcglossary.data.namespaces import bind_prefixes
from mcglossary.data.ontology_files import scan, snapshot_path
from mcglossary.data.rdf_terms import from_oxigraph
from mcglossary.data.report import Finding, OntologyError, Report, relative
from mcglossary.data.version_claim import claim, graph_of, restate, stated_version

SHAPES_FILE = "shapes.ttl"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANGUAGE_TAG = re.compile(r"[\"']@([\w-]*)")


@dataclass
class Ontology:
    """The glossary as loaded: its data graph, its SHACL shapes, and which file said what."""

    root: Path
    data: Graph
    shapes: Graph
    files: list[Path]
    # subject -> files that state something about it (for findings that point at a file)
    subject_files: dict[URIRef | BNode, list[Path]] = field(default_factory=dict)
    # file -> the triples it states in the order read, for checks that compare what two files say and for
    # `reread` and `updated` (plain tuples: a graph per file would double the memory of a large glossary)
    file_triples: dict[Path, tuple[tuple, ...]] = field(default_factory=dict)

    def display(self, path: Path) -> str:
        return relative(path, self.root.parent)

    def states(self, path: Path, pattern: tuple) -> bool:
        """Whether `path` states a triple matching `pattern` (None matches anything, as in rdflib)."""
        triples = self.file_triples.get(path, ())
        if None not in pattern:
            return pattern in triples
        return any(all(want is None or want == have for want, have in zip(pattern, t, strict=True)) for t in triples)

    def objects_in(self, path: Path, subject: URIRef | BNode, predicate: URIRef) -> set:
        """What `path` alone says `subject predicate ...` is."""
        return {o for s, p, o in self.file_triples.get(path, ()) if s == subject and p == predicate}


def turtle_files(root: Path) -> list[Path]:
    """Every Turtle file under the ontology folder, in a stable order (release snapshots excepted)."""
    return scan(Path(root), Path(root).parent)[0]


def load(root: Path, honest_version: bool = True) -> Ontology:
    """Load `root` (the `ontology/` folder). Raises OntologyError with exit code 2 when it cannot be read.
    The glossary claims the version its scheme names only if the data is that release's snapshot (version_claim.py);
    `honest_version=False` reads the files as they are (for `mcg release`, which writes the snapshot)."""
    root = Path(root)
    display_root = root.parent
    if not root.is_dir():
        raise _unreadable(Finding("missing-ontology", f"the ontology folder {root} does not exist"))
    files, findings = scan(root, display_root)
    data_files = [p for p in files if p.name != SHAPES_FILE or p.parent != root]
    shapes_path = root / SHAPES_FILE
    if not data_files:
        findings.append(
            Finding("empty-ontology", "no Turtle (.ttl) data files found", file=relative(root, display_root))
        )
    if not shapes_path.is_file():
        findings.append(
            Finding(
                "missing-shapes",
                f"the SHACL shapes file {SHAPES_FILE} is missing; validation needs it",
                file=relative(shapes_path, display_root),
            )
        )
    shapes = bind_prefixes(Graph())
    file_triples: dict[Path, tuple[tuple, ...]] = {}
    for index, path in enumerate(files):
        try:
            triples = parse_file(path, blank_prefix=f"f{index}b", display=relative(path, display_root))
        except _ParseFailure as failure:
            findings.append(failure.finding)
            continue
        if path == shapes_path:
            for triple in triples:
                shapes.add(triple)
        else:
            file_triples[path] = tuple(triples)
    if findings:
        raise _unreadable(*findings)
    ontology = _assemble(root, shapes, data_files, file_triples)
    if honest_version:
        _claim(ontology)
    return ontology


def reread(
    previous: Ontology, changed: list[Path], contents: dict[Path, bytes] | None = None
) -> dict[Path, tuple[tuple, ...]]:
    """`previous.file_triples` with the data files in `changed` parsed again (the same files must still exist, and
    no other file may have changed), or parsed from `contents` (a file's new text, not yet written). Raises
    OntologyError, as `load` does, when one cannot be read."""
    files = turtle_files(previous.root)
    file_triples = dict(previous.file_triples)
    findings = []
    for path in changed:
        display = relative(path, previous.root.parent)
        try:
            raw = contents[path] if contents and path in contents else _read(path, display)
            file_triples[path] = tuple(parse_bytes(raw, f"f{files.index(path)}b", display))
        except _ParseFailure as failure:
            findings.append(failure.finding)
    if findings:
        raise _unreadable(*findings)
    return file_triples


def updated(
    previous: Ontology,
    file_triples: dict[Path, tuple[tuple, ...]],
    changed: list[Path],
    honest_version: bool = True,
) -> Ontology:
    """The ontology of `file_triples` (`previous`'s with the files in `changed` read again): what `load` would
    return, made by changing `previous.data` in place rather than building the whole graph again. `previous` is
    then out of step with its graph until `updated(result, previous.file_triples, changed)` puts the graph back.
    `honest_version` as for `load`: an edit can make the data differ from the release it claimed, or agree again."""
    before = set().union(*(previous.file_triples[path] for path in changed))
    after = set().union(*(file_triples[path] for path in changed))
    gone = before - after
    unchanged = [triples for path, triples in file_triples.items() if path not in changed]
    gone -= {triple for triples in unchanged for triple in triples if triple in gone}  # other files still say them
    data = previous.data
    for triple in gone:
        data.remove(triple)
    for triple in after - before:
        data.add(triple)
    subjects = _subject_files(file_triples)
    ontology = Ontology(previous.root, data, previous.shapes, previous.files, subjects, file_triples)
    if honest_version:
        _claim(ontology)
    else:  # the version triples as the files state them, should an earlier claim have rewritten them
        restate(ontology.data, stated_version(file_triples))
    return ontology


def _claim(ontology: Ontology) -> None:
    """Let the loaded glossary claim only the version it is (see version_claim.py)."""
    stated = stated_version(ontology.file_triples)
    named = next((str(o) for _s, p, o in stated if p == OWL.versionInfo), "")
    path = snapshot_path(ontology.root, named) if named else None
    snapshot = _snapshot(path, path.stat().st_mtime_ns) if path and path.is_file() else None
    claim(ontology.data, stated, snapshot)


@functools.lru_cache(maxsize=2)  # `mkdocs serve` compares after every edit; the snapshot changes only on release
def _snapshot(path: Path, _modified: int) -> Graph:
    try:
        return graph_of(parse_file(path, blank_prefix="r", display=str(path)))
    except _ParseFailure as failure:
        raise _unreadable(failure.finding) from None


def _assemble(
    root: Path, shapes: Graph, data_files: list[Path], file_triples: dict[Path, tuple[tuple, ...]]
) -> Ontology:
    data = bind_prefixes(GlossaryGraph())
    for triples in file_triples.values():
        for triple in triples:
            data.add(triple)
    return Ontology(root, data, shapes, data_files, _subject_files(file_triples), file_triples)


def _subject_files(file_triples: dict[Path, tuple[tuple, ...]]) -> dict:
    subject_files: dict = defaultdict(list)
    for path, triples in file_triples.items():
        for subject in {s for s, _p, _o in triples}:
            subject_files[subject].append(path)
    return dict(subject_files)


def parse_file(path: Path, blank_prefix: str = "b", display: str | None = None) -> list[tuple]:
    """Parse one Turtle file into rdflib triples; blank nodes get stable, file-scoped identifiers."""
    shown = display or str(path)
    return parse_bytes(_read(path, shown), blank_prefix, shown)


def _read(path: Path, shown: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise _ParseFailure(Finding("unreadable", f"cannot read the file ({reason})", file=shown)) from None


def parse_bytes(raw: bytes, blank_prefix: str, shown: str) -> list[tuple]:
    """Parse the Turtle text `raw` (of the file shown as `shown`) into rdflib triples."""
    if raw.startswith(codecs.BOM_UTF8):  # the parser would reject an invisible character without naming it
        raise _ParseFailure(
            Finding(
                "encoding",
                "the file starts with a byte order mark (BOM, the bytes EF BB BF); save it as UTF-8 without BOM",
                file=shown,
                line=1,
                column=1,
            )
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw, error.start)
        raise _ParseFailure(
            Finding(
                "encoding",
                f"the file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8",
                file=shown,
                line=line,
                column=column,
            )
        ) from None
    try:
        quads = list(ox.parse(raw, format=ox.RdfFormat.TURTLE, base_iri=None))
    except SyntaxError as error:
        tag = _language_tag_at(raw, error.lineno, error.offset)
        reason = shown_text(_reason(error), 300)  # an invisible character it quotes becomes <U+XXXX>
        if tag is not None:  # the parser's own words ("Unexpected character") do not say it is the language tag
            reason = f"invalid language tag @{tag} ({reason}); write a BCP 47 tag such as @en or @en-GB"
        raise _ParseFailure(
            Finding(
                "syntax",
                f"Turtle syntax error: {reason}",
                file=shown,
                line=error.lineno,
                column=error.offset,
            )
        ) from None
    blanks: dict[str, BNode] = {}

    def blank(label: str) -> BNode:  # stable and scoped to the file: f<file>b<n>, numbered as first seen
        if label not in blanks:
            blanks[label] = BNode(f"{blank_prefix}{len(blanks)}")
        return blanks[label]

    return [
        (from_oxigraph(q.subject, blank), from_oxigraph(q.predicate, blank), from_oxigraph(q.object, blank))
        for q in quads
    ]


def _reason(error: SyntaxError) -> str:
    """The parser's own reason, without the position it also puts in the text (we report that separately)."""
    message = error.msg or str(error)
    if ":" in message and message.lower().startswith("parser error at"):
        message = message.split(":", 1)[1].strip()
    return message


def _language_tag_at(raw: bytes, line: int | None, column: int | None) -> str | None:
    """The language tag (after a closing quote and @) that the 1-based line and column fall in, if any."""
    if not line or not column:
        return None
    lines = raw.decode("utf-8").splitlines()
    if line > len(lines):
        return None
    for match in _LANGUAGE_TAG.finditer(lines[line - 1]):
        if match.start(1) < column <= match.end(1) + 1:
            return match.group(1)
    return None


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a byte offset."""
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


class _ParseFailure(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format_line())
        self.finding = finding


def _unreadable(*findings: Finding) -> OntologyError:
    return OntologyError(Report(list(findings)), exit_code=2)
