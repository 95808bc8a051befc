"""What both pictures draw: positioned, coloured nodes and curved, labelled edges.

The HTML view and the PNG drawing read the same :class:`Scene`, so they show the same
layout, colours and labels.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kgraph.export.palette import color_of
from kgraph.viz.layout import SEED, layout

__all__ = ["Scene", "SceneEdge", "SceneNode", "build_scene"]

#: Distance between parallel edges, as a fraction of the drawing's width.
PARALLEL_SPACING = 0.045


@dataclass(frozen=True)
class SceneNode:
    """A node ready to draw: position in the unit square, colour and size by degree."""

    id: str
    label: str
    type: str | None
    color: str
    x: float
    y: float
    degree: int
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: int = 0


@dataclass(frozen=True)
class SceneEdge:
    """An edge ready to draw.

    ``bend`` separates parallel edges: the curve's control point lies that far (as a
    fraction of the drawing's width) to the left of the middle of the straight line from
    source to target; 0 draws a straight line.
    """

    source: int  # index into Scene.nodes
    target: int
    predicate: str
    status: str
    confidence: float
    evidence: tuple[dict[str, Any], ...]
    bend: float = 0.0

    @property
    def asserted(self) -> bool:
        return self.status == "asserted"

    @property
    def label(self) -> str:
        """The relation as shown: ``memberOf``, or ``memberOf (hedged)`` for other statuses."""
        return self.predicate if self.asserted else f"{self.predicate} ({self.status})"


@dataclass(frozen=True)
class Scene:
    """The whole drawing, plus the documents the evidence comes from."""

    nodes: list[SceneNode]
    edges: list[SceneEdge]
    documents: dict[str, dict] = field(default_factory=dict)

    @property
    def types(self) -> list[tuple[str, str]]:
        """``(type, colour)`` of the entity types present, in a stable order."""
        return sorted({(node.type or "unknown", node.color) for node in self.nodes})


def build_scene(G: nx.MultiDiGraph, *, seed: int = SEED) -> Scene:
    """Lay out ``G`` and describe every node and edge to draw.

    Args:
        G: The kgraph graph.
        seed: Seed of the layout (see :func:`kgraph.viz.layout.layout`).

    Returns:
        Nodes sorted by label (then id) and edges sorted by endpoints, predicate and status.
    """
    positions = layout(G, seed=seed)
    order = sorted(G, key=lambda node: (str(G.nodes[node].get("label") or node).lower(), str(node)))
    index = {node: i for i, node in enumerate(order)}
    nodes = [_scene_node(G, node, positions[node]) for node in order]
    raw = sorted(
        G.edges(keys=True, data=True),
        key=lambda e: (index[e[0]], index[e[1]], str(e[3].get("predicate")), str(e[3].get("status"))),
    )
    bends = _bends([(index[u], index[v]) for u, v, _, _ in raw])
    edges = [_scene_edge(index[u], index[v], data, bend) for (u, v, _, data), bend in zip(raw, bends)]
    return Scene(nodes, edges, dict(G.graph.get("documents") or {}))


def _scene_node(G: nx.MultiDiGraph, node: Any, position: tuple[float, float]) -> SceneNode:
    data = G.nodes[node]
    kind = data.get("type")
    return SceneNode(
        id=str(node),
        label=str(data.get("label") or node),
        type=kind,
        color=color_of(kind),
        x=position[0],
        y=position[1],
        degree=G.degree(node),
        wikidata=data.get("wikidata"),
        aliases=tuple(str(alias) for alias in data.get("aliases") or ()),
        mentions=int(data.get("mentions") or 0),
    )


def _scene_edge(source: int, target: int, data: dict, bend: float) -> SceneEdge:
    return SceneEdge(
        source=source,
        target=target,
        predicate=str(data.get("predicate")),
        status=str(data.get("status")),
        confidence=float(data.get("confidence") or 0.0),
        evidence=tuple(dict(item) for item in data.get("evidence") or ()),
        bend=bend,
    )


def _bends(pairs: list[tuple[int, int]]) -> list[float]:
    """Spread the edges between the same two nodes (either direction) symmetrically.

    Offsets are spread on the normal of the direction from the lower node index to the
    higher one; an edge drawn the other way gets the opposite sign, so a->b and b->a
    edges end up on different sides.
    """
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for position, (u, v) in enumerate(pairs):
        groups[(min(u, v), max(u, v))].append(position)
    bends = [0.0] * len(pairs)
    for members in groups.values():
        middle = (len(members) - 1) / 2
        for rank, position in enumerate(members):
            u, v = pairs[position]
            offset = (rank - middle) * PARALLEL_SPACING
            bends[position] = offset if u <= v else -offset
    return bends
