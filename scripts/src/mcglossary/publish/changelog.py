"""The changelog: what changed, release by release, between the snapshots under `ontology/releases/`.

A release `X.Y.Z` is a snapshot of the whole glossary at `ontology/releases/X.Y.Z/microcredential-glossary.ttl`
(written by `mcg release`, see release.py). The loader skips `ontology/releases/` (snapshots are history, not data).
The changelog is computed, release by release, from the difference between each snapshot and the one before it:
terms added, removed, deprecated (with their replacements), preferred and alternative labels and definitions
changed, mappings added and removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from mcglossary.data.load import parse_file
from mcglossary.data.namespaces import BASE, GLOSSARY, MAPPING_RELATIONS, MCG, bind_prefixes
from mcglossary.data.ontology_files import RELEASES, SNAPSHOT, snapshot_path

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
    for triple in parse_file(snapshot_path(root, version)):
        graph.add(triple)
    return graph


# --- what changed --------------------------------------------------------------------------------------------
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
        for predicate in MAPPING_RELATIONS:
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
