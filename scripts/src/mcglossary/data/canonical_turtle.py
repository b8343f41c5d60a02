"""One canonical Turtle form for the ontology's files: sorted, stable, diff-friendly.

rdflib's `longturtle` serialiser sorts subjects, predicates and objects and inlines blank nodes; we add the
glossary's prefixes and drop trailing spaces, so that a review shows only real changes.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic, to_canonical_graph

from mcglossary.data.atomic_write import write_atomic
from mcglossary.data.blank_nesting import MAX_NESTING, nesting_depth
from mcglossary.data.load import parse_file, turtle_files
from mcglossary.data.namespaces import bind_prefixes


def canonical_text(path: Path) -> str:
    """The canonical Turtle of one file (the file must parse)."""
    graph = bind_prefixes(Graph())
    for triple in parse_file(path):
        graph.add(triple)
    return canonical_graph_text(graph)


def canonical_graph_text(graph: Graph) -> str:
    # Blank nodes are renamed from their content, so their order does not depend on how the file was written.
    named = bind_prefixes(Graph())
    for triple in to_canonical_graph(graph):
        named.add(triple)
    text = named.serialize(format="longturtle")
    tidy = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    # Trailing spaces could sit inside a multi-line literal; keep the tidy form only when it means the same.
    if tidy != text and not isomorphic(graph, Graph().parse(data=tidy, format="turtle")):
        return text
    return tidy


def too_deep(root: Path) -> dict[Path, int]:
    """Files under `root` whose blank nodes nest too deep to be written in canonical form, with their depth."""
    depths = {path: nesting_depth(parse_file(path)) for path in turtle_files(root)}
    return {path: depth for path, depth in depths.items() if depth > MAX_NESTING}


def unformatted(root: Path) -> list[Path]:
    """Files under `root` that are not in canonical form (those `too_deep` lists aside)."""
    return [path for path in _writable(root) if path.read_text(encoding="utf-8") != canonical_text(path)]


def format_files(root: Path) -> list[Path]:
    """Rewrite every file under `root` in canonical form (those `too_deep` lists aside); returns those that changed."""
    changed = []
    for path in _writable(root):
        text = canonical_text(path)
        if path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            changed.append(path)
    return changed


def _writable(root: Path) -> list[Path]:
    deep = too_deep(root)
    return [path for path in turtle_files(root) if path not in deep]
