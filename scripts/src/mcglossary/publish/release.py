"""`mcg release`: validate, stamp a version into the scheme, and keep a snapshot of the release.

The snapshot goes to `ontology/releases/X.Y.Z/microcredential-glossary.ttl`; the changelog is computed from the
snapshots (changelog.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from mcglossary.data.atomic_write import write_atomic
from mcglossary.data.canonical_turtle import canonical_graph_text
from mcglossary.data.dates import parse_iso_date
from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
from mcglossary.data.load import Ontology, load, parse_file, reread, updated
from mcglossary.data.namespaces import BASE, GLOSSARY, bind_prefixes
from mcglossary.data.ontology_files import snapshot_path
from mcglossary.data.report import Finding, OntologyError, Report
from mcglossary.data.validate import validate
from mcglossary.data.version_claim import graph_of
from mcglossary.publish.changelog import history, releases, version_key

MATCH_PREDICATES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)


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
    # the files as stamped, unclaimed: the snapshot written from them is what makes the claim true
    stamped = updated(ontology, reread(ontology, [path], {path: after}), [path], honest_version=False)
    report = validate(stamped)
    if not report.conforms:  # e.g. a version the shapes refuse: nothing has been written yet
        raise OntologyError(report, 1)
    snapshot_bytes = serialize(stamped.data, FORMAT_BY_EXTENSION["ttl"])
    target = snapshot_path(root, version)
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
    if not isomorphic(graph_of(parse_file(written)), graph_of(expected)):
        raise _refuse(f"the stamped scheme did not read back as written ({written.name}); nothing was replaced")


def _refuse(message: str) -> OntologyError:
    return OntologyError(Report([Finding("release", message)]), exit_code=2)


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
