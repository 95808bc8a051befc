"""Cross-document resolution of people: "Putin" in one article is "Vladimir Putin" of another.

Within one document the linker already links a surname to the full name; across
documents a surname-only node merges into the one full-name person that shares the
surname, and is left alone when several do (two different Aliyevs).
"""

from __future__ import annotations

import networkx as nx

from kgraph.reference.entities import person_key
from kgraph.types import add_new_evidence


def merge_people(graph: nx.MultiDiGraph) -> None:
    """Merge single-word person nodes into the unique multi-word person with that surname."""
    people = [(n, d) for n, d in graph.nodes(data=True) if d.get("type") == "Person"]
    by_surname: dict[str, list[str]] = {}
    for node, data in people:
        words = person_key(data["label"]).split()
        if len(words) > 1:
            by_surname.setdefault(words[-1], []).append(node)
    for node, data in people:
        words = person_key(data["label"]).split()
        targets = by_surname.get(words[0], []) if len(words) == 1 else []
        if len(targets) == 1:
            _merge_into(graph, node, targets[0])


def _merge_into(graph: nx.MultiDiGraph, source: str, target: str) -> None:
    src, dst = graph.nodes[source], graph.nodes[target]
    dst["mentions"] += src["mentions"]
    dst["aliases"] = sorted(set(dst["aliases"]) | set(src["aliases"]) | {src["label"]} - {dst["label"]})
    for u, v, key, data in list(graph.out_edges(source, keys=True, data=True)) + list(graph.in_edges(source, keys=True, data=True)):
        u2, v2 = (target if u == source else u), (target if v == source else v)
        if u2 == v2:
            continue
        if graph.has_edge(u2, v2, key):
            add_new_evidence(graph.edges[u2, v2, key]["evidence"], data["evidence"])
        else:
            graph.add_edge(u2, v2, key, **data)
    graph.remove_node(source)
