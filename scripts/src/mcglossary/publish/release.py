"""`mcg release`: validate, stamp a version into the scheme, and keep a snapshot of the release.

The snapshot goes to `ontology/releases/X.Y.Z/microcredential-glossary.ttl`; the changelog is computed from the
snapshots (changelog.py).
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from mcglossary.data.canonical_turtle import canonical_graph_text
from mcglossary.data.export import FORMAT_BY_EXTENSION, serialize
from mcglossary.data.load import RELEASES, Ontology, load, parse_file
from mcglossary.data.namespaces import BASE, GLOSSARY, bind_prefixes
from mcglossary.data.report import Finding, OntologyError, Report
from mcglossary.data.validate import validate
from mcglossary.publish.changelog import SNAPSHOT, history, releases, version_key


# --- making a release -----------------------------------------------------------------------------------------
def release(root: Path, version: str, date: str) -> Path:
    """Validate, stamp `version` and `date` into the scheme's file, and write the release snapshot."""
    root = Path(root)
    version_key(version)
    datetime.date.fromisoformat(date)
    done = releases(root)
    if done and version_key(version) <= version_key(done[-1]):
        raise _refuse(f"version {version} is not newer than the latest release {done[-1]}")
    ontology = load(root)
    report = validate(ontology)
    if not report.conforms:
        raise OntologyError(report, 1)
    stamp(ontology, version, date, done[-1] if done else None)
    ontology = load(root)
    target = root / RELEASES / version / SNAPSHOT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(serialize(ontology.data, FORMAT_BY_EXTENSION["ttl"]))
    return target


def scheme_file(ontology: Ontology) -> Path:
    """The file that declares the glossary (`<base> a owl:Ontology`): scheme.ttl in the real ontology."""
    for path, triples in sorted(ontology.file_triples.items()):
        if (GLOSSARY, RDF.type, OWL.Ontology) in triples:
            return path
    raise _refuse("no file declares the glossary as an owl:Ontology")


def stamp(ontology: Ontology, version: str, date: str, prior: str | None) -> Path:
    """Rewrite the scheme's file, in canonical form, with the new version IRI, version and modified date."""
    path = scheme_file(ontology)
    graph = bind_prefixes(Graph())
    for triple in parse_file(path):
        graph.add(triple)
    graph.set((GLOSSARY, OWL.versionIRI, URIRef(f"{BASE}{version}")))
    graph.set((GLOSSARY, OWL.versionInfo, Literal(version)))
    graph.set((GLOSSARY, DCTERMS.modified, Literal(date, datatype=XSD.date)))
    graph.remove((GLOSSARY, OWL.priorVersion, None))
    if prior:
        graph.add((GLOSSARY, OWL.priorVersion, URIRef(f"{BASE}{prior}")))
    path.write_text(canonical_graph_text(graph), encoding="utf-8")
    return path


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
