"""The whole map's layout: no node's circle covers another's (a covered node cannot be clicked), inside the canvas,
and the same coordinates on every build."""

from __future__ import annotations

import math

from mcglossary.site.model import build
from mcglossary.site.relational_map import separated, whole_map


def test_no_circle_of_the_whole_map_overlaps_another(ontology):
    relmap = whole_map(build(ontology.data, ontology.shapes))
    assert len(relmap.nodes) > 150  # the size at which the force layout samples its repulsion and left overlaps
    for index, a in enumerate(relmap.nodes):
        assert 0 < a.x < relmap.width and 0 < a.y < relmap.height, a.ref.iri
        for b in relmap.nodes[index + 1 :]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius, (a.ref.iri, b.ref.iri)


def test_separating_parts_circles_on_one_point_and_leaves_apart_ones_alone():
    radii = {"a": 10.0, "b": 10.0, "c": 5.0}
    apart = separated({"a": (100.0, 100.0), "b": (100.0, 100.0), "c": (400.0, 400.0)}, radii, 1200, 900)
    assert math.hypot(apart["a"][0] - apart["b"][0], apart["a"][1] - apart["b"][1]) >= 20
    assert apart["c"] == (400.0, 400.0)
    assert separated(dict(apart), radii, 1200, 900) == apart  # nothing left to move: the same layout
