"""The relational map: which resources to draw, how they connect, and where each sits.

Layouts are computed here, at build time, so the map is a plain SVG of links that works without JavaScript;
the page's script only adds panning, zooming, highlighting and filtering on top.
"""

from __future__ import annotations

import functools
import math
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
# Beyond this many nodes the whole-glossary map stops being readable; it then shows terms and topics only.
MAX_WHOLE_MAP_NODES = 400
# Beyond the cap, the map shows the terms nearest the top of the hierarchy (breadth first), so its size and the
# cost of its layout stay the same however large the glossary grows.
MAX_CAPPED_TERMS = 250


@dataclass(frozen=True)
class MapNode:
    ref: Ref
    x: float
    y: float
    radius: float
    centre: bool = False


@dataclass(frozen=True)
class MapEdge:
    source: MapNode
    target: MapNode
    kind: str
    label: str


@dataclass(frozen=True)
class RelMap:
    nodes: list[MapNode]
    edges: list[MapEdge]
    width: int
    height: int

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
    """Every term, topic and organisation with their typed links, laid out by a force simulation."""
    edges = _unique_edges([e for term in glossary.terms for e in _term_edges(term)])
    refs = {ref.iri: ref for edge in edges for ref in edge[:2]} | {t.ref.iri: t.ref for t in glossary.terms}
    if len(refs) > MAX_WHOLE_MAP_NODES:
        shown = _top_terms(glossary, MAX_CAPPED_TERMS)
        edges = [e for e in edges if e[2] in ("broader", "topic") and e[0].iri in shown]
        edges = [e for e in edges if e[2] == "topic" or e[1].iri in shown]
        refs = {ref.iri: ref for edge in edges for ref in edge[:2]} | {iri: ref for iri, ref in shown.items()}
    nodes = sorted(refs.values(), key=lambda r: r.iri)
    degree = {r.iri: 0 for r in nodes}
    for source, target, _kind in edges:
        degree[source.iri] += 1
        degree[target.iri] += 1
    width, height = 1200, 900
    positions = force_layout([r.iri for r in nodes], [(s.iri, t.iri) for s, t, _ in edges], width, height)
    radii = {r.iri: round(5 + 2.2 * math.sqrt(degree[r.iri]), 1) for r in nodes}
    positions = separated(positions, radii, width, height)
    map_nodes = {r.iri: MapNode(r, *positions[r.iri], radius=radii[r.iri]) for r in nodes}
    return RelMap(list(map_nodes.values()), _map_edges(edges, map_nodes), width, height)


def _top_terms(glossary: Glossary, limit: int) -> dict[str, Ref]:
    """Up to `limit` terms, breadth first from the top concepts down through narrower terms (in label order)."""
    by_iri = {t.iri: t for t in glossary.terms}
    queue = [t for t in glossary.terms if t.top_concept or not t.broader]
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
    for ring, radius_x, radius_y, offset in ((inner, 250, 165, 0.0), (outer, 400, 270, 0.5)):
        count = len(ring)
        for index, ref in enumerate(ring):
            angle = 2 * math.pi * (index + offset) / max(count, 1) - math.pi / 2
            nodes[ref.iri] = MapNode(
                ref, round(cx + radius_x * math.cos(angle), 1), round(cy + radius_y * math.sin(angle), 1), 9
            )
    return RelMap(list(nodes.values()), _map_edges(edges, nodes), width, height)


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
    from a click; deterministic, as the layout is. Beyond 150 nodes the force layout samples its repulsion and
    leaves some circles on top of others."""
    ids = sorted(positions)
    pos = {node: list(positions[node]) for node in ids}
    margin = 40
    for _ in range(rounds):
        moved = False
        for a_index, a in enumerate(ids):
            for b in ids[a_index + 1 :]:
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
    ids: list[str], links: list[tuple[str, str]], width: int, height: int, iterations: int = 300
) -> dict[str, tuple[float, float]]:
    """A deterministic Fruchterman-Reingold layout: same input, same coordinates, every run.

    Nodes start on a spiral in sorted order (no randomness), repel each other, are pulled together by
    their links, and cool down step by step; coordinates are rounded so the SVG is byte-stable.
    """
    return dict(_layout(tuple(ids), tuple(links), width, height, iterations))


@functools.lru_cache(maxsize=4)  # `mkdocs serve` rebuilds after an edit that rarely changes the map's shape
def _layout(
    ids: tuple[str, ...], links: tuple[tuple[str, str], ...], width: int, height: int, iterations: int
) -> tuple[tuple[str, tuple[float, float]], ...]:
    count = len(ids)
    if count == 0:
        return ()
    margin = 40
    area = (width - 2 * margin) * (height - 2 * margin)
    k = math.sqrt(area / count)
    golden = math.pi * (3 - math.sqrt(5))
    pos = [
        [
            width / 2 + k * 0.6 * math.sqrt(i) * math.cos(i * golden),
            height / 2 + k * 0.6 * math.sqrt(i) * math.sin(i * golden),
        ]
        for i in range(count)
    ]
    index = {node: i for i, node in enumerate(ids)}
    pairs = [(index[a], index[b]) for a, b in links if a in index and b in index]
    # Beyond a hundred and fifty nodes, repulsion only from a sample of about a hundred nodes, and fewer rounds,
    # keep the cost of a capped map to a second or two; smaller maps keep the full simulation.
    stride = 1 if count <= 150 else max(1, count // 100)
    if count > 150:
        iterations = min(iterations, 150)
    temperature = width / 8
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = [[0.0, 0.0] for _ in range(count)]
        for i in range(count):
            xi, yi = pos[i]
            for j in range(i % stride, count, stride):
                if i == j:
                    continue
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                dist2 = dx * dx + dy * dy or 0.01
                force = k * k / dist2 * stride
                disp[i][0] += dx * force
                disp[i][1] += dy * force
        for a, b in pairs:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.sqrt(dx * dx + dy * dy) or 0.01
            force = dist / k
            disp[a][0] -= dx * force
            disp[a][1] -= dy * force
            disp[b][0] += dx * force
            disp[b][1] += dy * force
        for i in range(count):
            dx, dy = disp[i]
            # gravity towards the centre keeps unlinked nodes on the canvas
            dx -= (pos[i][0] - width / 2) * 0.02 * k
            dy -= (pos[i][1] - height / 2) * 0.02 * k
            length = math.sqrt(dx * dx + dy * dy) or 0.01
            step = min(length, temperature)
            pos[i][0] = min(width - margin, max(margin, pos[i][0] + dx / length * step))
            pos[i][1] = min(height - margin, max(margin, pos[i][1] + dy / length * step))
        temperature -= cooling
    return tuple((node, (round(pos[i][0], 1), round(pos[i][1], 1))) for node, i in index.items())
