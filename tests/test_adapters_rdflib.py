"""Canary for adapters/rdflib.py: rdflib's in-memory store still keeps the indexes GlossaryGraph reads. A failure
names what changed; the fix is in adapters/rdflib.py (or pin the previous rdflib)."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.plugins.stores.memory import Memory

from mcglossary.adapters.rdflib import INDEXES, TESTED_WITH, GlossaryGraph, RdflibChanged, memory_indexes

SUBJECT, PREDICATE, OBJECT = URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("o")


def test_rdflib_is_the_release_the_adapter_was_written_for():
    assert rdflib.__version__ == TESTED_WITH, (
        f"rdflib {rdflib.__version__} is installed; adapters/rdflib.py was written for {TESTED_WITH}: check that "
        "the Memory store keeps its indexes as before (the other tests here), then update TESTED_WITH"
    )


def test_the_memory_store_keeps_its_three_indexes_as_nested_dicts():
    graph = GlossaryGraph()
    graph.add((SUBJECT, PREDICATE, OBJECT))
    spo, pos, osp = memory_indexes(graph.store)
    assert OBJECT in spo.get(SUBJECT, {}).get(PREDICATE, {}), f"_Memory__spo no longer maps {INDEXES['_Memory__spo']}"
    assert SUBJECT in pos.get(PREDICATE, {}).get(OBJECT, {}), f"_Memory__pos no longer maps {INDEXES['_Memory__pos']}"
    assert PREDICATE in osp.get(OBJECT, {}).get(SUBJECT, {}), f"_Memory__osp no longer maps {INDEXES['_Memory__osp']}"


def test_the_indexes_follow_removals_in_place():
    graph = GlossaryGraph()
    graph.add((SUBJECT, PREDICATE, OBJECT))
    graph.remove((SUBJECT, PREDICATE, OBJECT))
    spo, _pos, _osp = memory_indexes(graph.store)
    assert OBJECT not in spo.get(SUBJECT, {}).get(PREDICATE, {}), "the store's indexes are not updated in place"
    assert list(graph.triples((None, None, None))) == []


def test_a_missing_index_is_named():
    store = Memory()
    del store._Memory__spo
    with pytest.raises(RdflibChanged, match="_Memory__spo"):
        memory_indexes(store)
