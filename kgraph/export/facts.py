"""JSON Lines export: one self-contained fact per line, with its evidence."""

from __future__ import annotations

import json
import os
from typing import Any

import networkx as nx

from kgraph.export.atomic import atomic_write

__all__ = ["fact_records", "write_facts"]

_EVIDENCE_KEYS = ("doc_id", "sentence", "start", "end", "rule", "date", "url", "confidence")


def fact_records(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per edge, whatever its status, in a deterministic order.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.

    Returns:
        Records ``{"subject", "predicate", "object", "confidence", "status", "evidence"}``
        where subject and object are ``{"id", "label", "type", "wikidata"}`` (plus
        ``"in_reference_data": false`` for an organisation outside the reference data), sorted by
        predicate, subject label, object label and status (then ids, for ties).
    """
    records = [_record(G, u, v, data) for u, v, data in G.edges(data=True)]
    return sorted(records, key=_sort_key)


def write_facts(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write :func:`fact_records` as JSON Lines (UTF-8), atomically.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file.

    Raises:
        ValueError: If a confidence is NaN or infinite (not representable in JSON).
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    with atomic_write(path, "wb") as handle:
        for record in fact_records(G):
            line = json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
            # A lone surrogate cannot be encoded; it becomes "?" rather than aborting.
            handle.write(line.encode("utf-8", "replace"))


def _entity(G: nx.MultiDiGraph, node: Any) -> dict[str, Any]:
    data = G.nodes[node]
    entity = {"id": node, "label": data.get("label"), "type": data.get("type"), "wikidata": data.get("wikidata")}
    if data.get("in_reference_data") is False:
        entity["in_reference_data"] = False
    return entity


def _record(G: nx.MultiDiGraph, u: Any, v: Any, data: dict) -> dict[str, Any]:
    return {
        "subject": _entity(G, u),
        "predicate": data["predicate"],
        "object": _entity(G, v),
        "confidence": float(data["confidence"]),
        "status": data["status"],
        "evidence": [{key: item.get(key) for key in _EVIDENCE_KEYS} for item in data.get("evidence") or ()],
    }


def _sort_key(record: dict[str, Any]) -> tuple[str, ...]:
    return tuple(
        str(value or "")
        for value in (
            record["predicate"],
            record["subject"]["label"],
            record["object"]["label"],
            record["status"],
            record["subject"]["id"],
            record["object"]["id"],
        )
    )
