"""Read the JSON Lines facts written by :func:`kgraph.export.write_facts` back into a graph."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

import networkx as nx

from kgraph.errors import InputError

__all__ = ["read_facts"]

_DOCUMENT_KEYS = ("date", "url")


def read_facts(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> nx.MultiDiGraph:
    """Read one or several facts files into the networkx graph contract.

    A facts file holds no aliases or mention counts: nodes get ``aliases=[]`` and
    ``mentions=0``. Documents are known only through evidence, so ``G.graph["documents"]``
    holds their date and url.

    Args:
        paths: A ``.jsonl`` file written by ``kgraph build -o facts.jsonl``, or several.

    Returns:
        The graph.

    Raises:
        InputError: If a file cannot be read or a line is not a kgraph fact.
    """
    graph = nx.MultiDiGraph(documents={})
    for path in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        for number, record in _records(os.fspath(path)):
            try:
                _add_fact(graph, record)
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(f"{os.fspath(path)}:{number}: not a kgraph fact ({exc!r})") from exc
    return graph


def _records(path: str) -> Iterable[tuple[int, dict]]:
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, _parse(line, path, number)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _parse(line: str, path: str, number: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise InputError(f"{path}:{number}: not a kgraph fact (a JSON object is expected)")
    return record


def _add_entity(graph: nx.MultiDiGraph, entity: dict) -> str:
    node = entity["id"]
    if not isinstance(node, str):
        raise TypeError(f"entity id {node!r} is not a string")
    if node not in graph:
        graph.add_node(node, label=entity.get("label") or node, type=entity.get("type"),
                       wikidata=entity.get("wikidata"), aliases=[], mentions=0)
        if entity.get("in_reference_data") is False:
            graph.nodes[node]["in_reference_data"] = False
    return node


def _add_fact(graph: nx.MultiDiGraph, record: dict) -> None:
    subject, obj = _add_entity(graph, record["subject"]), _add_entity(graph, record["object"])
    predicate, status = str(record["predicate"]), str(record["status"])
    key = f"{predicate}|{status}"
    evidence = [dict(item) for item in record.get("evidence") or ()]
    confidence = float(record["confidence"])
    if not 0.0 <= confidence <= 1.0:  # NaN fails too
        raise ValueError(f"confidence {record['confidence']!r} is not a number from 0 to 1")
    graph.add_edge(subject, obj, key, predicate=predicate, status=status, confidence=confidence, evidence=evidence)
    documents = graph.graph["documents"]
    for item in evidence:
        documents.setdefault(item["doc_id"], {"title": None, "source": None, **{k: item.get(k) for k in _DOCUMENT_KEYS}})
