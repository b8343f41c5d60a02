"""rdflib's internals, used in one place: the in-memory store's indexes, read directly by `GlossaryGraph`.

rdflib's `Memory` store keeps three indexes as name-mangled private attributes (`_Memory__spo`, `_Memory__pos`,
`_Memory__osp`). Reading them makes every triple pattern of a large glossary three to five times faster (see
`GlossaryGraph`), which is most of model building and validation at 10,000 terms. rdflib is pinned in
pyproject.toml; tests/test_adapters_rdflib.py fails, naming the attribute, if an upgrade moves them.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.stores.memory import Memory

TESTED_WITH = "7.6.0"  # the rdflib release these internals were read from (pinned in pyproject.toml)
# attribute -> the shape of the index it holds
INDEXES = {
    "_Memory__spo": "subject -> predicate -> object",
    "_Memory__pos": "predicate -> object -> subject",
    "_Memory__osp": "object -> subject -> predicate",
}


class RdflibChanged(RuntimeError):
    """rdflib no longer has an internal this module relies on; the message says which and what to do."""


def memory_indexes(store: Memory) -> tuple[dict, dict, dict]:
    """The store's subject, predicate and object indexes (nested dicts, see INDEXES)."""
    found = []
    for attribute, shape in INDEXES.items():
        index = getattr(store, attribute, None)
        if not isinstance(index, dict):
            raise RdflibChanged(
                f"rdflib's Memory store has no {attribute} index ({shape}) any more; GlossaryGraph "
                "(mcglossary/adapters/rdflib.py) reads it: pin the previous rdflib or make GlossaryGraph a plain Graph"
            )
        found.append(index)
    return found[0], found[1], found[2]


class GlossaryGraph(Graph):
    """An rdflib graph, alone in its own in-memory store, that answers triple patterns from the store's indexes.

    rdflib's in-memory store keeps, for every triple, the named graphs it belongs to, and checks them for every
    triple a pattern matches. A graph alone in its store has nothing to check, so its patterns are read straight
    from the subject, predicate and object indexes: three to five times faster (a walk over the whole graph, a
    subject's statements), and the same triples (a test compares every kind of pattern with rdflib's answers).
    rdflib's SPARQL engine goes through these patterns too; pyshacl keeps its own path to the store.
    """

    def __init__(self) -> None:
        super().__init__(store=Memory())
        self._spo, self._pos, self._osp = memory_indexes(self.store)

    def triples(self, triple):
        s, p, o = triple
        if isinstance(p, PropertyPath):  # rdflib evaluates paths through the plain patterns
            yield from super().triples(triple)
            return
        yield from list(self._matches(s, p, o))  # a list: the caller may change the graph while it walks

    def _matches(self, s, p, o) -> Iterator[tuple]:
        if s is not None:
            by_predicate = self._spo.get(s, {})
            for predicate in (p,) if p is not None else by_predicate:
                objects = by_predicate.get(predicate, {})
                for obj in ((o,) if o in objects else ()) if o is not None else objects:
                    yield s, predicate, obj
        elif p is not None:
            by_object = self._pos.get(p, {})
            for obj in (o,) if o is not None else by_object:
                for subject in by_object.get(obj, {}):
                    yield subject, p, obj
        elif o is not None:
            for subject, predicates in self._osp.get(o, {}).items():
                for predicate in predicates:
                    yield subject, predicate, o
        else:
            for subject, by_predicate in self._spo.items():
                for predicate, objects in by_predicate.items():
                    for obj in objects:
                        yield subject, predicate, obj
