"""GEXF and GraphML export for Gephi, yEd, Cytoscape and networkx.

Both formats only hold scalar attributes of one declared type per key, so the graph is
flattened first: None values are dropped, lists are joined with ``|``, the evidence list
of an edge becomes ``evidence_count``, ``first_seen``/``last_seen`` (earliest and latest
evidence date), ``documents`` and ``rules``, and a key whose values have mixed types is
converted to one type (float for numbers, else string).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kgraph.export._values import clean_text, iso_date
from kgraph.export.atomic import atomic_write

__all__ = ["flatten", "write_gexf", "write_graphml"]

_SEPARATOR = "|"


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy the graph with only scalar, XML-safe attributes of one type per key.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.

    Returns:
        A new MultiDiGraph with the same node ids and edge keys. Nodes keep ``label``
        (the display label in Gephi); edges also get ``label`` (the predicate) and
        ``weight`` (the confidence) unless they already have them.
    """
    flat = nx.MultiDiGraph(name="kgraph")
    nodes = {node: _flat_attributes(data) for node, data in G.nodes(data=True)}
    edges = {(u, v, key): _flat_edge(data) for u, v, key, data in G.edges(keys=True, data=True)}
    _unify_types(nodes.values())
    _unify_types(edges.values())
    flat.add_nodes_from(nodes.items())
    flat.add_edges_from((u, v, key, data) for (u, v, key), data in edges.items())
    return flat


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write the flattened graph as GEXF 1.2, atomically.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file.

    Raises:
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    with atomic_write(path, "wb") as handle:
        nx.write_gexf(flatten(G), handle)


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write the flattened graph as GraphML, atomically.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file.

    Raises:
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(flatten(G), handle, named_key_ids=True)


def _flat_value(value: Any) -> bool | int | float | str | None:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return _SEPARATOR.join(clean_text(str(item)) for item in value if item is not None)
    return clean_text(str(value))


def _flat_attributes(data: dict) -> dict[str, Any]:
    flat = {str(key): _flat_value(value) for key, value in data.items()}
    return {key: value for key, value in flat.items() if value is not None}


def _flat_edge(data: dict) -> dict[str, Any]:
    evidence = data.get("evidence") or []
    flat = _flat_attributes({key: value for key, value in data.items() if key != "evidence"})
    flat.setdefault("label", flat.get("predicate"))
    flat.setdefault("weight", flat.get("confidence"))
    flat.update(_flat_evidence(evidence))
    return {key: value for key, value in flat.items() if value is not None}


def _flat_evidence(evidence: list[dict]) -> dict[str, Any]:
    dates = sorted(parsed[0] for item in evidence if item.get("date") and (parsed := iso_date(str(item["date"]))))
    flat: dict[str, Any] = {
        "evidence_count": len(evidence),
        "documents": _joined(item.get("doc_id") for item in evidence),
        "rules": _joined(item.get("rule") for item in evidence),
    }
    if dates:
        flat["first_seen"], flat["last_seen"] = dates[0], dates[-1]
    return flat


def _joined(values: Iterable[Any]) -> str:
    """Sorted distinct non-None values joined with ``|``."""
    return _SEPARATOR.join(sorted({clean_text(str(value)) for value in values if value is not None}))


def _unify_types(records: Iterable[dict[str, Any]]) -> None:
    """Convert, in place, every key whose values have mixed types to float or str."""
    records = list(records)
    types: dict[str, set[type]] = {}
    for record in records:
        for key, value in record.items():
            types.setdefault(key, set()).add(type(value))
    for key, seen in types.items():
        if len(seen) < 2:
            continue
        convert = float if seen <= {int, float} else _as_text
        for record in records:
            if key in record:
                record[key] = convert(record[key])


def _as_text(value: bool | int | float | str) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
