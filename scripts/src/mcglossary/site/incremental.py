"""`mkdocs serve` after an edit: work out what the edit can change, so only that is built again.

An edit to ontology data files only (no file added or removed, shapes, queries, docs/, mkdocs.yml and the templates
untouched) is applied incrementally: the changed files are parsed again, SHACL checks the resources the edit touched
and those around them, and only the pages of resources within two links of a changed statement are rendered again.
Two links, because that is as far as any page looks: an organisation's page shows the terms of the definitions it
published (organisation <- definition <- term). Index pages, maps, SPARQL results and downloads are always built
again. Links that every resource has (its type, its scheme) are not followed: no page lists the other members of a
scheme; a link to a topic is followed one step only (see ONE_STEP_LINKS). An edit to the glossary's own description
or to our own classes and properties (shown on every page) means a full build. `mcg build` always builds everything.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from mcglossary.data.load import SHAPES_FILE, Ontology
from mcglossary.data.namespaces import GLOSSARY, MCG, is_ours

# links every resource of a kind shares; following them would reach the whole glossary from any edit
SHARED_LINKS = frozenset({RDF.type, SKOS.inScheme, SKOS.topConceptOf, SKOS.hasTopConcept})
# links followed for one step only: a topic's page lists its terms, but a term's or an initiative's page shows only
# its topics' names, so an edit to one term reaches its topics' pages and stops there, not at every term they hold
ONE_STEP_LINKS = frozenset({DCTERMS.subject})
DEPTH = 2


@dataclass(frozen=True)
class Snapshot:
    """What the last successful serve build was made from."""

    stamps: dict[Path, tuple[int, int]]  # every watched file -> (modification time in ns, size)
    ontology: Ontology
    page_paths: frozenset[str]
    findings: int  # how many findings its validation reported (warnings show on the Quality page)


def stamps(folders: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Every file under `folders` (or the file itself), with its modification time and size."""
    found: dict[Path, tuple[int, int]] = {}
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for path in paths:
            status = path.stat()
            found[path] = (status.st_mtime_ns, status.st_size)
    return found


def changed_files(previous: Snapshot, now: dict[Path, tuple[int, int]]) -> list[Path]:
    """The watched files added, removed or changed since `previous`."""
    return sorted(path for path in set(now) | set(previous.stamps) if previous.stamps.get(path) != now.get(path))


def only_data_changed(previous: Snapshot, changed: list[Path]) -> bool:
    """Whether every change is to an existing ontology data file (other changes need a full build)."""
    data_files = set(previous.ontology.file_triples)
    return all(path in data_files and path.name != SHAPES_FILE and path.is_file() for path in changed)


def changed_nodes(
    before: dict[Path, tuple[tuple, ...]], after: dict[Path, tuple[tuple, ...]], files: list[Path]
) -> set[URIRef | BNode]:
    """The subjects and linked resources of every statement the edit added to or removed from `files` (each
    file's triples before and after it)."""
    nodes: set[URIRef | BNode] = set()
    for path in files:
        for subject, _predicate, obj in set(before[path]) ^ set(after[path]):
            nodes.add(subject)
            if isinstance(obj, URIRef | BNode):
                nodes.add(obj)
    return nodes


def needs_full_build(nodes: set[URIRef | BNode]) -> bool:
    """An edit to the glossary's own description or to our vocabulary shows on every page."""
    return any(node == GLOSSARY or (isinstance(node, URIRef) and node.startswith(str(MCG))) for node in nodes)


def within_reach(graph: Graph, seeds: set[URIRef | BNode], depth: int = DEPTH) -> set[URIRef]:
    """The resources at most `depth` links from a seed, either way; blank nodes are passed through, not counted."""
    reached: set[URIRef | BNode] = set(seeds)
    frontier = set(seeds)
    for step_number in range(depth):
        skipped = SHARED_LINKS if step_number == 0 else SHARED_LINKS | ONE_STEP_LINKS
        step: set[URIRef | BNode] = set()
        for node in frontier:
            if _has_page(node):  # other IRIs (external targets, properties) link unrelated resources together
                step |= _neighbours(graph, node, skipped) - reached
        reached |= step
        frontier = step
    return {node for node in reached if isinstance(node, URIRef)}


def _has_page(node: URIRef | BNode) -> bool:
    return isinstance(node, BNode) or (is_ours(node) and node != GLOSSARY and not node.startswith(str(MCG)))


def _neighbours(graph: Graph, node: URIRef | BNode, skipped: frozenset[URIRef]) -> set[URIRef | BNode]:
    found: set[URIRef | BNode] = set()
    pending, seen = [node], {node}
    while pending:
        current = pending.pop()
        linked = [o for p, o in graph.predicate_objects(current) if p not in skipped]
        linked += [s for s, p in graph.subject_predicates(current) if p not in skipped]
        for other in linked:
            if isinstance(other, URIRef | BNode) and other not in seen:
                seen.add(other)
                found.add(other)
                if isinstance(other, BNode):
                    pending.append(other)  # a blank node is part of the resource that holds it
    return found


def owner(path: str, resource_paths: set[str]) -> str | None:
    """The resource page a page belongs to: itself, or the nearest resource page above it (a term's compare
    page belongs to the term)."""
    parts = path.rstrip("/").split("/")
    for end in range(len(parts), 0, -1):
        candidate = "/".join(parts[:end]) + "/"
        if candidate in resource_paths:
            return candidate
    return None


def stash(site: Path) -> Path:
    """Move the previous build aside (mkdocs empties the site folder before it builds) and leave an empty folder."""
    aside = Path(tempfile.mkdtemp(prefix=f".{site.name}.previous-", dir=site.parent))
    os.rename(site, aside / "site")
    site.mkdir()
    return aside / "site"


def carry_over(previous: Path, site: Path, folders: Iterable[str]) -> None:
    """Move the unchanged resources' folders (page, sub-pages and RDF files) and the sitemap (the same pages)
    from the previous build into the new one, then drop what is left of the previous build."""
    for relative in [*folders, "sitemap.xml", "sitemap.xml.gz"]:
        source, target = previous / relative, site / relative
        if source.exists():
            if target.is_file():
                target.unlink()
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(source, target)
    shutil.rmtree(previous.parent)


def put_back(previous: Path, site: Path) -> None:
    """After a failed build: the previous build, whole, where it was."""
    shutil.rmtree(site, ignore_errors=True)
    os.rename(previous, site)
    shutil.rmtree(previous.parent)
