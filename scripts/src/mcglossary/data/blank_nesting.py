"""How deep blank nodes nest in a file (`[ ... [ ... ] ]`): rdflib's Turtle writer, which the canonical form uses,
calls itself once per level, so a file nested a few hundred levels deep ends in a RecursionError (after half a
minute at 2,000 levels). Such a file is reported instead of written."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode
from rdflib.namespace import RDF

MAX_NESTING = 100  # far beyond any hand-written file; 0.1 s to write, with the recursion limit far away


def nesting_depth(triples: Iterable[tuple]) -> int:
    """The most blank nodes inside one another; a list's links (rdf:rest) do not count, as Turtle writes a list
    flat: ( a b c )."""
    inside: dict[BNode, list[tuple[BNode, int]]] = defaultdict(list)
    blanks: set[BNode] = set()
    for subject, predicate, obj in triples:
        if isinstance(subject, BNode):
            blanks.add(subject)
            if isinstance(obj, BNode):
                inside[subject].append((obj, 0 if predicate == RDF.rest else 1))
        if isinstance(obj, BNode):
            blanks.add(obj)
    height: dict[BNode, int] = {}
    for start in blanks:
        if start in height:
            continue
        # a walk without recursion (for the same reason): each entry is a node, its children left, and the weight
        # of the link that led to it
        height[start] = 0
        path, stack = {start}, [(start, iter(inside[start]), 0)]
        while stack:
            node, children, _step = stack[-1]
            child = next(children, None)
            if child is not None:
                target, step = child
                if target in path:
                    continue  # a cycle of blank nodes: counted once round
                if target in height:  # done before
                    height[node] = max(height[node], step + height[target])
                else:
                    height[target] = 0
                    path.add(target)
                    stack.append((target, iter(inside[target]), step))
                continue
            stack.pop()
            path.discard(node)
            if stack:
                parent = stack[-1][0]
                height[parent] = max(height[parent], _step + height[node])
    return 1 + max(height.values()) if height else 0
