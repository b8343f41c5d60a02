"""Releases: stamp a version into the scheme, keep a snapshot of the release, and compute the changelog.

A release `X.Y.Z` is a snapshot of the whole glossary at `ontology/releases/X.Y.Z/microcredential-glossary.ttl`.
The loader skips `ontology/releases/` (snapshots are history, not data). The changelog is computed, release by
release, from the difference between each snapshot and the one before it: terms added, removed, deprecated (with
their replacements), preferred and alternative labels and definitions changed, mappings added and removed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from mcglossary.data.atomic_write import write_atomic
from mcglossary.data.canonical_turtle import canonical_graph_text
from mcglossary.data.dates import parse_iso_date
from mcglossary.data.export import DATASET_NAME, FORMAT_BY_EXTENSION, serialize
from mcglossary.data.load import Ontology, load, parse_file, reread, updated
from mcglossary.data.namespaces import BASE, GLOSSARY, MCG, bind_prefixes
from mcglossary.data.ontology_files import RELEASES
from mcglossary.data.report import Finding, OntologyError, Report
from mcglossary.data.validate import validate

SNAPSHOT = f"{DATASET_NAME}.ttl"
MATCH_PREDICATES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
# Semantic Versioning's core: three numbers without leading zeros, ASCII digits only ([0-9], not \d, which takes any
# script's digits), matched whole (fullmatch: `$` would let a trailing newline through).
_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


def version_key(version: str) -> tuple[int, int, int]:
    match = _SEMVER.fullmatch(version)
    if not match:
        raise ValueError(
            f"the version {version!r} is not of the form X.Y.Z (three numbers in ASCII digits, no leading zeros, "
            "nothing before or after, as Semantic Versioning writes a release)"
        )
    return int(match[1]), int(match[2]), int(match[3])


def releases(root: Path) -> list[str]:
    """The versions released so far, oldest first."""
    folder = Path(root) / RELEASES
    if not folder.is_dir():
        return []
    found = [p.name for p in folder.iterdir() if _SEMVER.fullmatch(p.name) and (p / SNAPSHOT).is_file()]
    return sorted(found, key=version_key)


def snapshot(root: Path, version: str) -> Graph:
    graph = bind_prefixes(Graph())
    for triple in parse_file(Path(root) / RELEASES / version / SNAPSHOT):
        graph.add(triple)
    return graph


# --- making a release -----------------------------------------------------------------------------------------
def release(root: Path, version: str, date: str) -> Path:
    """Validate, stamp `version` and `date` into the scheme's file, and write the release snapshot.

    Everything is checked before anything is written: the version and the date, the ontology, and the stamped
    scheme (it must parse back and the glossary with it must validate). Both files are then replaced atomically,
    the scheme first; if the snapshot cannot be written, the scheme is put back as it was."""
    root = Path(root)
    version_key(version)
    parse_iso_date(date)
    done = releases(root)
    if done and version_key(version) <= version_key(done[-1]):
        raise _refuse(f"version {version} is not newer than the latest release {done[-1]}")
    ontology = load(root)
    report = validate(ontology)
    if not report.conforms:
        raise OntologyError(report, 1)
    path = scheme_file(ontology)
    before = path.read_bytes()
    after = stamped_text(path, version, date, done[-1] if done else None).encode("utf-8")
    stamped = updated(ontology, reread(ontology, [path], {path: after}), [path])
    report = validate(stamped)
    if not report.conforms:  # e.g. a version the shapes refuse: nothing has been written yet
        raise OntologyError(report, 1)
    snapshot_bytes = serialize(stamped.data, FORMAT_BY_EXTENSION["ttl"])
    target = root / RELEASES / version / SNAPSHOT
    write_atomic(path, after, check=lambda written: _same_triples(written, stamped.file_triples[path]))
    made = [folder for folder in (target.parent, target.parent.parent) if not folder.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, snapshot_bytes)
    except BaseException:
        write_atomic(path, before)  # no release without its snapshot: the scheme goes back to what it said
        for folder in made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return target


def scheme_file(ontology: Ontology) -> Path:
    """The file that declares the glossary (`<base> a owl:Ontology`): scheme.ttl in the real ontology."""
    for path, triples in sorted(ontology.file_triples.items()):
        if (GLOSSARY, RDF.type, OWL.Ontology) in triples:
            return path
    raise _refuse("no file declares the glossary as an owl:Ontology")


def stamped_text(path: Path, version: str, date: str, prior: str | None) -> str:
    """The scheme's file, in canonical form, with the new version IRI, version and modified date."""
    graph = bind_prefixes(Graph())
    for triple in parse_file(path):
        graph.add(triple)
    graph.set((GLOSSARY, OWL.versionIRI, URIRef(f"{BASE}{version}")))
    graph.set((GLOSSARY, OWL.versionInfo, Literal(version)))
    graph.set((GLOSSARY, DCTERMS.modified, Literal(date, datatype=XSD.date)))
    graph.remove((GLOSSARY, OWL.priorVersion, None))
    if prior:
        graph.add((GLOSSARY, OWL.priorVersion, URIRef(f"{BASE}{prior}")))
    return canonical_graph_text(graph)


def _same_triples(written: Path, expected: tuple[tuple, ...]) -> None:
    """The file on disk says what was validated (blank nodes compared by structure, not by label)."""
    if not isomorphic(_graph(parse_file(written)), _graph(expected)):
        raise _refuse(f"the stamped scheme did not read back as written ({written.name}); nothing was replaced")


def _graph(triples: Iterable[tuple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _refuse(message: str) -> OntologyError:
    return OntologyError(Report([Finding("release", message)]), exit_code=2)


# --- the changelog --------------------------------------------------------------------------------------------
@dataclass
class TermChange:
    iri: str
    label: str
    old: str = ""
    new: str = ""
    detail: list[str] = field(default_factory=list)  # e.g. replacement terms, or "exactMatch <target>"


@dataclass
class Changes:
    added: list[TermChange] = field(default_factory=list)
    removed: list[TermChange] = field(default_factory=list)
    deprecated: list[TermChange] = field(default_factory=list)
    labels: list[TermChange] = field(default_factory=list)
    alt_labels: list[TermChange] = field(default_factory=list)
    definitions: list[TermChange] = field(default_factory=list)
    mappings_added: list[TermChange] = field(default_factory=list)
    mappings_removed: list[TermChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())


@dataclass
class Release:
    version: str
    date: str
    iri: str
    previous: str | None
    changes: Changes


def terms_of(graph: Graph) -> set[URIRef]:
    return {t for t in graph.subjects(RDF.type, MCG.Term) if isinstance(t, URIRef)}


def _label(graph: Graph, term: URIRef) -> str:
    return str(graph.value(term, SKOS.prefLabel) or term)


def _values(graph: Graph, term: URIRef, predicate: URIRef) -> set[str]:
    return {str(v) for v in graph.objects(term, predicate)}


def diff(old: Graph | None, new: Graph) -> Changes:
    """What changed, term by term, from `old` (None: nothing released before) to `new`."""
    old = old if old is not None else Graph()
    changes = Changes()
    before, after = terms_of(old), terms_of(new)
    for term in sorted(after - before):
        changes.added.append(TermChange(str(term), _label(new, term)))
    for term in sorted(before - after):
        changes.removed.append(TermChange(str(term), _label(old, term)))
    for term in sorted(after):
        label = _label(new, term)
        deprecated = (term, OWL.deprecated, Literal(True)) in new
        if deprecated and (term, OWL.deprecated, Literal(True)) not in old:
            replacements = sorted(_values(new, term, DCTERMS.isReplacedBy))
            changes.deprecated.append(TermChange(str(term), label, detail=replacements))
        if term not in before:
            continue
        for predicate, bucket in ((SKOS.prefLabel, changes.labels), (SKOS.definition, changes.definitions)):
            was, now = _values(old, term, predicate), _values(new, term, predicate)
            if was != now:
                bucket.append(TermChange(str(term), label, " / ".join(sorted(was)), " / ".join(sorted(now))))
        was, now = _values(old, term, SKOS.altLabel), _values(new, term, SKOS.altLabel)
        if was != now:
            detail = [f"+ {a}" for a in sorted(now - was)] + [f"- {a}" for a in sorted(was - now)]
            changes.alt_labels.append(TermChange(str(term), label, detail=detail))
        for predicate in MATCH_PREDICATES:
            name = predicate.split("#")[-1]
            was, now = _values(old, term, predicate), _values(new, term, predicate)
            for target in sorted(now - was):
                changes.mappings_added.append(TermChange(str(term), label, detail=[name, target]))
            for target in sorted(was - now):
                changes.mappings_removed.append(TermChange(str(term), label, detail=[name, target]))
    return changes


def history(root: Path) -> list[Release]:
    """Every release with its changes from the one before it, newest first."""
    entries = []
    previous_graph: Graph | None = None
    previous: str | None = None
    for version in releases(root):
        graph = snapshot(root, version)
        date = graph.value(GLOSSARY, DCTERMS.modified)
        entries.append(Release(version, str(date or ""), f"{BASE}{version}", previous, diff(previous_graph, graph)))
        previous_graph, previous = graph, version
    return list(reversed(entries))


# --- the command ----------------------------------------------------------------------------------------------
def add_release_command(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register `mcg release VERSION [--date YYYY-MM-DD]` (called by cli.py)."""
    sub = command("release", release_command, "Stamp a version into the scheme and keep a snapshot of the release.")
    sub.add_argument("version", metavar="VERSION", help="the new version, X.Y.Z, newer than the latest release")
    sub.add_argument("--date", default=None, help="the release date, YYYY-MM-DD (default: today)")


def release_command(args: argparse.Namespace) -> int:
    date = args.date or datetime.date.today().isoformat()
    try:
        path = release(args.ontology, args.version, date)
    except ValueError as error:
        raise _refuse(str(error)) from None
    entry = history(args.ontology)[0]
    changes = entry.changes
    print(f"released {args.version} ({date}): {path}")
    print(
        f"  {len(changes.added)} added, {len(changes.removed)} removed, {len(changes.deprecated)} deprecated, "
        f"{len(changes.labels) + len(changes.alt_labels)} relabelled, {len(changes.definitions)} redefined, "
        f"{len(changes.mappings_added)} mappings added, {len(changes.mappings_removed)} removed"
    )
    return 0
