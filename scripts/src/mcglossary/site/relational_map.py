"""The relational map: which resources to draw, how they connect, and where each sits.

Layouts are computed here, at build time, so the map is a plain SVG of links that works without JavaScript;
the page's script only adds panning, zooming, highlighting and filtering on top.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import random
from dataclasses import dataclass

from mcglossary.site.model import Glossary, Ref, Term

# Edge types, in the order the legend shows them: (key, label shown to readers).
EDGE_TYPES = (
    ("broader", "broader term"),
    ("related", "related term"),
    ("topic", "has topic"),
    ("defined-by", "defined by"),
    ("example", "example provided by"),
)
NODE_KINDS = (("term", "term"), ("topic", "topic"), ("organisation", "organisation"))
# Up to this many nodes the whole-glossary map shows every one (names are shown by importance, more on zoom);
# beyond it, terms and topics only.
MAX_WHOLE_MAP_NODES = 1200
# Beyond the cap, the map shows the terms nearest the top of the hierarchy (breadth first), so its size and the
# cost of its layout stay the same however large the glossary grows.
MAX_CAPPED_TERMS = 1000
# Names on the map: their size in CSS pixels (the page's script keeps it at any zoom), and the share of that size
# an average character of the site's sans-serif takes, for the names chosen at build time (shown without script).
LABEL_PX = 13
CHAR_EM = 0.62


@dataclass(frozen=True)
class MapNode:
    ref: Ref
    x: float
    y: float
    radius: float
    centre: bool = False
    named: bool = False  # its name is drawn when no script runs (chosen by `name_nodes`)


@dataclass(frozen=True)
class MapEdge:
    source: MapNode
    target: MapNode
    kind: str
    label: str


@dataclass(frozen=True)
class RelMap:
    nodes: list[MapNode]  # most important first (`by_importance`): the order they are drawn, named and tabbed to
    edges: list[MapEdge]
    width: int
    height: int
    all_terms: int = 0  # the glossary's terms, when the map shows only some of them (capped), else 0

    @property
    def named_count(self) -> int:
        return sum(1 for n in self.nodes if n.named)

    @property
    def edge_kinds(self) -> list[tuple[str, str]]:
        used = {e.kind for e in self.edges}
        return [(key, label) for key, label in EDGE_TYPES if key in used]

    @property
    def node_kinds(self) -> list[tuple[str, str]]:
        used = {n.ref.kind for n in self.nodes}
        return [(key, label) for key, label in NODE_KINDS if key in used]


def _term_edges(term: Term) -> list[tuple[Ref, Ref, str]]:
    edges = [(term.ref, b, "broader") for b in term.broader]
    edges += [(term.ref, r, "related") for r in term.related]
    edges += [(term.ref, t, "topic") for t in term.topics]
    edges += [(term.ref, d.organisation, "defined-by") for d in term.source_definitions]
    edges += [(term.ref, e.provider, "example") for e in term.examples if e.provider]
    return edges


def _unique_edges(edges: list[tuple[Ref, Ref, str]]) -> list[tuple[Ref, Ref, str]]:
    """One edge per pair and type; a related link counts once whichever way it was written."""
    seen = set()
    unique = []
    for source, target, kind in edges:
        key = (kind, *sorted((source.iri, target.iri))) if kind == "related" else (kind, source.iri, target.iri)
        if key not in seen and source.iri != target.iri:
            seen.add(key)
            unique.append((source, target, kind))
    return sorted(unique, key=lambda e: (e[2], e[0].iri, e[1].iri))


def whole_map(glossary: Glossary) -> RelMap:
    """Every term in use, topic and organisation with their typed links, laid out by a force simulation (retired
    terms keep their pages but are not part of the glossary's picture)."""
    terms = glossary.live_terms
    edges = _unique_edges([e for term in terms for e in _term_edges(term)])
    refs = {ref.iri: ref for edge in edges for ref in edge[:2]} | {t.ref.iri: t.ref for t in terms}
    capped = len(refs) > MAX_WHOLE_MAP_NODES
    if capped:
        shown = _top_terms(glossary, MAX_CAPPED_TERMS)
        edges = [e for e in edges if e[2] in ("broader", "topic") and e[0].iri in shown]
        edges = [e for e in edges if e[2] == "topic" or e[1].iri in shown]
        refs = {ref.iri: ref for edge in edges for ref in edge[:2]} | {iri: ref for iri, ref in shown.items()}
    nodes = sorted(refs.values(), key=lambda r: r.iri)
    degree = {r.iri: 0 for r in nodes}
    for source, target, _kind in edges:
        degree[source.iri] += 1
        degree[target.iri] += 1
    # the canvas grows with the number of nodes past 400, so that circles keep room around them: the page shows it
    # whole at first (smaller), and zooming in gives each node its own space and name
    grow = max(1.0, math.sqrt(len(nodes) / 400))
    width, height = round(1200 * grow), round(900 * grow)
    positions = force_layout([r.iri for r in nodes], [(s.iri, t.iri) for s, t, _ in edges], width, height)
    # a hub's circle grows with its links up to a limit: a topic of a thousand terms would otherwise cover a crowd
    radii = {r.iri: round(min(5 + 2.2 * math.sqrt(degree[r.iri]), 20), 1) for r in nodes}
    positions = separated(positions, radii, width, height)
    map_nodes = {r.iri: MapNode(r, *positions[r.iri], radius=radii[r.iri]) for r in nodes}
    ordered = name_nodes(by_importance(list(map_nodes.values()), degree), width, height)
    map_nodes = {n.ref.iri: n for n in ordered}
    return RelMap(ordered, _map_edges(edges, map_nodes), width, height, len(terms) if capped else 0)


def by_importance(nodes: list[MapNode], degree: dict[str, int]) -> list[MapNode]:
    """The centre first, then the most linked, then by name: the order of drawing (the most important on top),
    of naming (its name wins a place) and of Tab."""
    return sorted(nodes, key=lambda n: (not n.centre, -degree.get(n.ref.iri, 0), n.ref.label.casefold(), n.ref.iri))


def label_box(node: MapNode, scale: float = 1.0, label_px: float = LABEL_PX) -> tuple[float, float, float, float]:
    """Where a node's name sits, in CSS pixels at `scale` pixels per map unit: (left, top, right, bottom), centred
    under the circle; its width estimated from the number of characters (the script measures the real one)."""
    width = len(node.ref.label) * CHAR_EM * label_px + 4
    x, top = node.x * scale, (node.y + node.radius) * scale + 1
    return (x - width / 2, top, x + width / 2, top + label_px * 1.25)


def name_nodes(nodes: list[MapNode], width: int, height: int) -> list[MapNode]:
    """Mark which nodes show their name without script, at one map unit per pixel (the whole map at 1280 px wide):
    in order of importance, each whose name overlaps no name already placed and stays inside the canvas."""
    placed: list[tuple[float, float, float, float]] = []
    cell = 100.0
    grid: dict[tuple[int, int], list[int]] = {}
    named = []
    for node in nodes:
        box = label_box(node)
        inside = box[0] >= 0 and box[2] <= width and box[3] <= height
        cells = [
            (col, row)
            for col in range(int(box[0] // cell), int(box[2] // cell) + 1)
            for row in range(int(box[1] // cell), int(box[3] // cell) + 1)
        ]
        clash = any(
            box[0] < placed[i][2] and placed[i][0] < box[2] and box[1] < placed[i][3] and placed[i][1] < box[3]
            for c in cells
            for i in grid.get(c, ())
        )
        if inside and not clash:
            for c in cells:
                grid.setdefault(c, []).append(len(placed))
            placed.append(box)
        named.append(dataclasses.replace(node, named=inside and not clash))
    return named


def _top_terms(glossary: Glossary, limit: int) -> dict[str, Ref]:
    """Up to `limit` terms, breadth first from the top concepts down through narrower terms (in label order)."""
    by_iri = {t.iri: t for t in glossary.live_terms}
    queue = [t for t in glossary.live_terms if t.top_concept or not t.broader]
    shown: dict[str, Ref] = {}
    while queue and len(shown) < limit:
        term = queue.pop(0)
        if term.iri in shown:
            continue
        shown[term.iri] = term.ref
        queue.extend(by_iri[r.iri] for r in term.narrower if r.iri in by_iri and r.iri not in shown)
    return shown


def incoming_links(glossary: Glossary) -> dict[str, list[tuple[Ref, Ref, str]]]:
    """term IRI -> the broader and related links other terms make to it; computed once for all neighbourhoods."""
    incoming: dict[str, list[tuple[Ref, Ref, str]]] = {}
    for other in glossary.terms:
        for _source, target, kind in _term_edges(other):
            if kind in ("broader", "related"):
                incoming.setdefault(target.iri, []).append((other.ref, target, kind))
    return incoming


def neighbourhood(
    glossary: Glossary, term: Term, incoming: dict[str, list[tuple[Ref, Ref, str]]] | None = None
) -> RelMap:
    """A term and everything one step from it, on rings around it: terms inside, topics and organisations outside.

    `incoming` (from `incoming_links`) saves a pass over every term when drawing the maps of many terms.
    """
    links = (incoming if incoming is not None else incoming_links(glossary)).get(term.iri, [])
    edges = _unique_edges(_term_edges(term) + [(source, term.ref, kind) for source, _target, kind in links])
    neighbours: dict[str, Ref] = {}
    for source, target, _kind in edges:
        for ref in (source, target):
            if ref.iri != term.iri:
                neighbours.setdefault(ref.iri, ref)
    inner = sorted((r for r in neighbours.values() if r.kind == "term"), key=lambda r: r.label.casefold())
    outer = sorted((r for r in neighbours.values() if r.kind != "term"), key=lambda r: (r.kind, r.label.casefold()))
    width, height = 900, 620
    cx, cy = width / 2, height / 2
    nodes = {term.iri: MapNode(term.ref, cx, cy, 16, centre=True)}
    degree: dict[str, int] = {}
    for source, target, _kind in edges:
        degree[source.iri] = degree.get(source.iri, 0) + 1
        degree[target.iri] = degree.get(target.iri, 0) + 1
    for ring, radius_x, radius_y, offset in ((inner, 250, 165, 0.0), (outer, 400, 270, 0.5)):
        count = len(ring)
        for index, ref in enumerate(ring):
            angle = 2 * math.pi * (index + offset) / max(count, 1) - math.pi / 2
            nodes[ref.iri] = MapNode(
                ref, round(cx + radius_x * math.cos(angle), 1), round(cy + radius_y * math.sin(angle), 1), 9
            )
    ordered = name_nodes(by_importance(list(nodes.values()), degree), width, height)
    nodes = {n.ref.iri: n for n in ordered}
    return RelMap(ordered, _map_edges(edges, nodes), width, height)


def _map_edges(edges: list[tuple[Ref, Ref, str]], nodes: dict[str, MapNode]) -> list[MapEdge]:
    labels = dict(EDGE_TYPES)
    return [
        MapEdge(nodes[s.iri], nodes[t.iri], kind, labels[kind])
        for s, t, kind in edges
        if s.iri in nodes and t.iri in nodes
    ]


def separated(
    positions: dict[str, tuple[float, float]],
    radii: dict[str, float],
    width: int,
    height: int,
    gap: float = 2.0,
    rounds: int = 60,
) -> dict[str, tuple[float, float]]:
    """The layout with overlapping circles pushed apart (each pair half way each), so that no node hides another
    from a click; deterministic, as the layout is. A grid of cells as wide as the largest pair's distance keeps
    each round linear in the number of nodes (a thousand nodes take a fraction of a second)."""
    ids = sorted(positions)
    pos = {node: list(positions[node]) for node in ids}
    margin = 40
    cell = 2 * max(radii.values(), default=1.0) + gap
    for _ in range(rounds):
        moved = False
        grid: dict[tuple[int, int], list[str]] = {}
        for node in ids:
            grid.setdefault((int(pos[node][0] // cell), int(pos[node][1] // cell)), []).append(node)
        for a in ids:
            col, row = int(pos[a][0] // cell), int(pos[a][1] // cell)
            # the cells' lists are in sorted order, filled in that order: the same pairs in the same order each run
            for b in (b for dc in (-1, 0, 1) for dr in (-1, 0, 1) for b in grid.get((col + dc, row + dr), ()) if b > a):
                dx, dy = pos[b][0] - pos[a][0], pos[b][1] - pos[a][1]
                least = radii[a] + radii[b] + gap
                if abs(dx) >= least or abs(dy) >= least:
                    continue
                dist = math.hypot(dx, dy)
                if dist >= least:
                    continue
                if dist < 0.01:  # the same point: part them along a fixed direction
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (least - dist) / 2 + 0.05
                ux, uy = dx / dist, dy / dist
                pos[a][0], pos[a][1] = pos[a][0] - ux * push, pos[a][1] - uy * push
                pos[b][0], pos[b][1] = pos[b][0] + ux * push, pos[b][1] + uy * push
                moved = True
        for node in ids:
            pos[node][0] = min(width - margin, max(margin, pos[node][0]))
            pos[node][1] = min(height - margin, max(margin, pos[node][1]))
        if not moved:
            break
    return {node: (round(pos[node][0], 1), round(pos[node][1], 1)) for node in ids}


def force_layout(
    ids: list[str], links: list[tuple[str, str]], width: int, height: int, iterations: int = 500
) -> dict[str, tuple[float, float]]:
    """A Fruchterman-Reingold layout by igraph (C: a thousand nodes in a quarter of a second), deterministic:
    same input, same coordinates, every run.

    Nodes start on a spiral in sorted order, igraph's random numbers come from a generator seeded here, and the
    result is stretched to the canvas and rounded so the SVG is byte-stable.
    """
    return dict(_layout(tuple(ids), tuple(links), width, height, iterations))


@functools.lru_cache(maxsize=4)  # `mkdocs serve` rebuilds after an edit that rarely changes the map's shape
def _layout(
    ids: tuple[str, ...], links: tuple[tuple[str, str], ...], width: int, height: int, iterations: int
) -> tuple[tuple[str, tuple[float, float]], ...]:
    import igraph  # here, not at the top: only a build that draws a map needs it

    count = len(ids)
    if count == 0:
        return ()
    index = {node: i for i, node in enumerate(ids)}
    pairs = sorted({tuple(sorted((index[a], index[b]))) for a, b in links if a in index and b in index and a != b})
    golden = math.pi * (3 - math.sqrt(5))
    seed = [[math.sqrt(i) * math.cos(i * golden), math.sqrt(i) * math.sin(i * golden)] for i in range(count)]
    # Walls a little wider than the spiral keep nodes without links from drifting off and squashing the rest
    # into a corner when the layout is stretched to the canvas.
    wall = 1.5 * math.sqrt(count) + 1
    igraph.set_random_number_generator(random.Random(count))
    try:
        layout = igraph.Graph(n=count, edges=pairs).layout_fruchterman_reingold(
            niter=iterations,
            seed=seed,
            minx=[-wall] * count,
            maxx=[wall] * count,
            miny=[-wall] * count,
            maxy=[wall] * count,
            grid="auto",  # igraph's grid from 1,000 nodes on: 8 times faster there, as readable
        )
    finally:
        igraph.set_random_number_generator(random)
    xs, ys = [p[0] for p in layout.coords], [p[1] for p in layout.coords]
    margin = 40

    def fit(value: float, low: float, high: float, size: int) -> float:
        return margin + (value - low) / ((high - low) or 1.0) * (size - 2 * margin)

    x_low, x_high, y_low, y_high = min(xs), max(xs), min(ys), max(ys)
    return tuple(
        (node, (round(fit(xs[i], x_low, x_high, width), 1), round(fit(ys[i], y_low, y_high, height), 1)))
        for node, i in index.items()
    )
