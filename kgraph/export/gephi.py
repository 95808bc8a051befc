"""The flat view of the graph that Gephi-style formats hold (GEXF, GraphML, CSV tables).

These formats only hold scalar attributes of one declared type per key, so the graph is
flattened first: None values are dropped, lists are joined with ``|``, the evidence list
of an edge becomes ``evidence_count``, ``first_seen``/``last_seen`` (earliest and latest
evidence date), ``documents`` and ``rules``, and a key whose values have mixed types is
converted to one type (float for numbers, else string). Edges also get the display
fields Gephi knows: ``label`` (the predicate), ``kind`` and ``weight`` (the number of
evidence items); nodes get ``weighted_degree``, the evidence count of their edges.

:mod:`kgraph.export.gexf` (GEXF), :mod:`kgraph.export.graphml` (GraphML) and
:mod:`kgraph.export.gephi_csv` (Gephi's spreadsheet tables) all write from :func:`flatten`.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kgraph.export._values import clean_text, iso_date

__all__ = ["EDGE_ORDER", "NODE_ORDER", "attribute_types", "edge_kind", "flatten", "lexical"]

_SEPARATOR = "|"
#: Node and edge attributes in the order the writers declare them; other keys follow, sorted.
NODE_ORDER = ("label", "type", "wikidata", "aliases", "mentions", "weighted_degree")
EDGE_ORDER = ("label", "kind", "weight", "predicate", "status", "confidence", "evidence_count",
              "first_seen", "last_seen", "documents", "rules")
_INT32 = range(-(2**31), 2**31)


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Copy the graph with only scalar, XML-safe attributes of one type per key.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.

    Returns:
        A new MultiDiGraph with the same node ids and edge keys. Nodes keep ``label``
        and get ``weighted_degree``; edges get ``label`` (the predicate), ``kind`` (see
        :func:`edge_kind`) and ``weight`` (the number of evidence items, at least 1) unless they
        already have them.
    """
    flat = nx.MultiDiGraph(name="kgraph")
    degree = _weighted_degree(G)
    nodes = {node: {**_flat_attributes(data), "weighted_degree": degree[node]} for node, data in G.nodes(data=True)}
    edges = {(u, v, key): _flat_edge(data) for u, v, key, data in G.edges(keys=True, data=True)}
    _unify_types(nodes.values())
    _unify_types(edges.values())
    flat.add_nodes_from(nodes.items())
    flat.add_edges_from((u, v, key, data) for (u, v, key), data in edges.items())
    return flat


def edge_id(source: Any, target: Any, key: Any) -> str:
    """The id of an edge in GEXF, GraphML and the Gephi edge table, derived from its content.

    ``"e"`` and the first 16 hex digits of the SHA-1 of (source, target, key): the same
    edge has the same id whichever way and in whichever order the graph was built.
    """
    digest = hashlib.sha1(json.dumps([str(source), str(target), str(key)]).encode("utf-8", "surrogatepass"))
    return f"e{digest.hexdigest()[:16]}"


def edge_kind(predicate: str, status: str | None) -> str:
    """Name the Gephi edge kind of a relation.

    Gephi merges parallel edges of the same kind between two nodes, so an asserted
    relation has the predicate as kind and any other status is kept apart as
    ``predicate|status`` (the edge key of the kgraph graph).

    Args:
        predicate: The relation, e.g. ``"memberOf"``.
        status: Its status, e.g. ``"asserted"`` or ``"disputed"``.

    Returns:
        ``"memberOf"`` for an asserted membership, ``"memberOf|disputed"`` for a disputed one.
    """
    return predicate if status in (None, "asserted") else f"{predicate}{_SEPARATOR}{status}"


def attribute_types(records: Iterable[dict[str, Any]], order: Iterable[str] = ()) -> dict[str, str]:
    """Declare the type of every key of flattened records, in GEXF's type names.

    Args:
        records: Attribute dicts from :func:`flatten` (one Python type per key).
        order: Keys to put first, in this order, when present; the others follow sorted.

    Returns:
        Key -> ``"boolean"``, ``"integer"`` (32-bit), ``"long"``, ``"double"`` or ``"string"``.
    """
    seen: dict[str, str] = {}
    for record in records:
        for key, value in record.items():
            kind = _type_name(value)
            if seen.get(key) != "long":
                seen[key] = kind
    first = [key for key in order if key in seen]
    return {key: seen[key] for key in first + sorted(set(seen) - set(first))}


def lexical(value: bool | int | float | str) -> str:
    """Write a flattened value in its XML Schema lexical form (``true``, ``1``, ``0.85``, ``INF``).

    Args:
        value: A value from :func:`flatten`.

    Returns:
        The text that GEXF, GraphML and CSV cells hold.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else {"inf": "INF", "-inf": "-INF"}.get(repr(value), "NaN")
    return str(value)


def _type_name(value: bool | int | float | str) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer" if value in _INT32 else "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _weighted_degree(G: nx.MultiDiGraph) -> dict[Any, int]:
    """Node -> number of evidence items on its incoming and outgoing edges."""
    degree = dict.fromkeys(G, 0)
    for u, v, data in G.edges(data=True):
        count = len(data.get("evidence") or ())
        degree[u] += count
        degree[v] += count
    return degree


def _flat_value(value: Any) -> bool | int | float | str | None:
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return _SEPARATOR.join(clean_text(str(item)) for item in value if item is not None)
    return clean_text(str(value))


def _flat_attributes(data: dict) -> dict[str, Any]:
    flat = {clean_text(str(key)): _flat_value(value) for key, value in data.items()}
    return {key: value for key, value in flat.items() if value is not None}


def _flat_edge(data: dict) -> dict[str, Any]:
    evidence = data.get("evidence") or []
    flat = _flat_attributes({key: value for key, value in data.items() if key != "evidence"})
    if "confidence" in flat and not isinstance(flat["confidence"], str):
        flat["confidence"] = float(flat["confidence"])
    flat.setdefault("label", flat.get("predicate"))
    if isinstance(flat.get("predicate"), str):
        flat.setdefault("kind", edge_kind(flat["predicate"], flat.get("status")))
    flat.setdefault("weight", max(len(evidence), 1))  # Gephi drops edges of weight 0
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
