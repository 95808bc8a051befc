"""Node positions for the pictures of the graph, computed once in Python (deterministic)."""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

__all__ = ["SEED", "layout"]

#: Seed of the force-directed layout: the same graph always gets the same picture.
SEED = 7


def layout(G: nx.MultiDiGraph, *, seed: int = SEED) -> dict[Hashable, tuple[float, float]]:
    """Place the nodes of ``G`` in the unit square.

    Each connected component is laid out on its own with networkx's Fruchterman-Reingold
    spring layout (on the undirected simple graph; parallel relations pull once, weighted
    by their number), started from a seeded random position so the output is
    reproducible. The components are then packed in rows, largest first, each in a
    square cell whose side grows with the square root of its size, so isolated entities
    line up beside the connected part instead of being flung to the corners. Components
    of 500 nodes or more need SciPy for the spring layout; without it they are laid out
    on a circle.

    Args:
        G: The kgraph graph.
        seed: Random seed of the layout.

    Returns:
        Node -> ``(x, y)`` with both coordinates in ``[0, 1]``; y grows downwards, as on
        a screen.
    """
    if len(G) == 0:
        return {}
    simple = _simple(G)
    components = sorted(
        (sorted(component, key=str) for component in nx.connected_components(simple)),
        key=lambda nodes: (-len(nodes), str(nodes[0])),
    )
    sides = [len(nodes) ** 0.5 for nodes in components]
    positions: dict[Hashable, tuple[float, float]] = {}
    for nodes, side, (left, top) in zip(components, sides, _pack(sides)):
        local = _component_layout(simple.subgraph(nodes), seed)
        for node, (x, y) in local.items():
            positions[node] = (left + side * (0.1 + 0.8 * x), top + side * (0.1 + 0.8 * y))
    return _normalise(positions)


def _simple(G: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G, key=str))
    for source, target in G.edges():
        if source != target:
            weight = simple.get_edge_data(source, target, {"weight": 0})["weight"]
            simple.add_edge(source, target, weight=weight + 1)
    return simple


def _component_layout(component: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    """Positions in the unit square (y downwards) of one connected component."""
    if len(component) == 1:
        return {next(iter(component)): (0.5, 0.5)}
    try:
        positions = nx.spring_layout(component, k=1.6 / len(component) ** 0.5, seed=seed, iterations=200,
                                     weight="weight")
    except ImportError:  # the sparse solver for large graphs needs SciPy
        positions = nx.circular_layout(component)
    return _normalise(positions)


def _pack(sides: list[float], aspect: float = 4 / 3) -> list[tuple[float, float]]:
    """Top-left corners of square cells of the given sides, packed in rows about ``aspect`` wide:tall."""
    width = max(max(sides), (sum(side * side for side in sides) * aspect) ** 0.5)
    corners, x, y, row = [], 0.0, 0.0, 0.0
    for side in sides:
        if x > 0 and x + side > width + 1e-9:
            x, y, row = 0.0, y + row, 0.0
        corners.append((x, y))
        x, row = x + side, max(row, side)
    return corners


def _normalise(positions: dict[Hashable, object]) -> dict[Hashable, tuple[float, float]]:
    """Scale positions into the unit square; a single point or a line is centred."""
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    return {
        node: ((float(p[0]) - min(xs)) / width if width else 0.5, (float(p[1]) - min(ys)) / height if height else 0.5)
        for node, p in positions.items()
    }
