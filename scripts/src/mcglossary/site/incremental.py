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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from mcglossary.data.load import SHAPES_FILE, Ontology, reread, updated
from mcglossary.data.namespaces import GLOSSARY, MCG, is_ours
from mcglossary.site.pages import SitePage

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


@dataclass
class Edit:
    """An edit to ontology data files, applied to the previous build's graph in place (`undo` puts it back)."""

    ontology: Ontology  # the previous build's ontology, with the changed files read again
    before: Ontology  # the previous build's ontology as it was
    changed: list[Path]
    affected: set[URIRef]  # the resources whose pages the edit can change

    def undo(self) -> None:
        updated(self.ontology, self.before.file_triples, self.changed)


class ServeSession:
    """What `mkdocs serve` keeps from one build to the next, and the decisions made from it: which edit to apply,
    which resource pages to keep, and the previous site moved aside meanwhile."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.previous: Snapshot | None = None  # the last successful build
        self.watched: dict[Path, tuple[int, int]] = {}
        self.pending: Edit | None = None  # applied to the previous build's graph, not built yet
        self.kept: list[str] = []  # resource folders carried over from the previous build
        self.site: Path | None = None  # the site folder being built
        self.stashed: Path | None = None  # the previous build, moved aside meanwhile
        self.shown: frozenset[str] = frozenset()  # the pages that show the findings while the data is broken

    def watch(self, paths: Iterable[Path]) -> None:
        """Take the stamps of every watched file, before the build reads any."""
        self.watched = stamps(paths)

    def edit(self) -> Edit | None:
        """After an edit to ontology data files only: the glossary read again from the changed files, and the
        resources the edit can show on. None means a full build."""
        if self.previous is None:
            return None
        changed = changed_files(self.previous, self.watched)
        if not only_data_changed(self.previous, changed):
            shown = ", ".join(str(path) for path in changed[:3]) + (", ..." if len(changed) > 3 else "")
            self.log(f"glossary: full build (changed: {shown}; only edits to ontology data files are incremental)")
            return None
        before = self.previous.ontology
        file_triples = reread(before, changed)
        nodes = changed_nodes(before.file_triples, file_triples, changed)
        if needs_full_build(nodes):
            self.log("glossary: full build (the edit changes the glossary's description or its own vocabulary)")
            return None
        ontology = updated(before, file_triples, changed)  # the previous build's graph, changed in place
        self.pending = Edit(ontology, before, changed, within_reach(ontology.data, nodes))
        return self.pending

    def keep(self, pages: list[SitePage], edit: Edit | None) -> dict[str, SitePage]:
        """The pages to build (by source path): after an edit, all but those of the resources it cannot change,
        whose folders are carried over from the previous build; all of them when the set of pages changed."""
        self.kept = []
        if edit is not None and self.previous is not None and {page.path for page in pages} == self.previous.page_paths:
            self.kept = sorted(page.path for page in pages if page.alternates and URIRef(page.iri) not in edit.affected)
        kept = set(self.kept)
        resources = {page.path for page in pages if page.alternates}
        building = {page.src_uri: page for page in pages if owner(page.path, resources) not in kept}
        if edit is not None:
            self.log(f"glossary: after the edit, {len(building)} of {len(pages)} pages are built again")
        return building

    def before_build(self, site: Path) -> None:
        self.site = site
        if self.kept:
            self.stashed = stash(site)

    def built(self, site: Path, ontology: Ontology, pages: list[SitePage], findings: int) -> None:
        """The build succeeded: carry the kept folders over, and remember it for the next edit."""
        if self.stashed:
            carry_over(self.stashed, site, self.kept)
            self.stashed = None
        paths = frozenset(page.path for page in pages)
        self.previous = Snapshot(self.watched, ontology, paths, findings)
        self.pending = None

    def broken(self) -> list[str]:
        """The data does not validate: the pages to show the findings at (those the last good build had, or had
        before), and the next good build is a full one."""
        if self.pending:
            self.pending.undo()
            self.pending = None
        if self.previous is not None:
            self.shown = self.previous.page_paths
        self.previous, self.kept = None, []
        return sorted(self.shown)

    def failed(self) -> None:
        """The build failed: the previous build gets its graph and its site back for the next try."""
        if self.pending:
            self.pending.undo()
            self.pending = None
        if self.stashed and self.site is not None:
            put_back(self.stashed, self.site)
            self.stashed = None
