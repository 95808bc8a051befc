"""Read graph files written by kgraph (RDF or JSON Lines facts) back into one networkx graph."""

from __future__ import annotations

import os
from collections.abc import Iterable

import networkx as nx

from kgraph.errors import UnknownFormatError
from kgraph.export.rdf import RDF_FORMATS
from kgraph.graph.builder import combined_confidence
from kgraph.types import add_new_evidence

__all__ = ["READABLE", "merge_graphs", "read_graph"]

#: Extensions :func:`read_graph` reads.
READABLE = (*RDF_FORMATS, ".jsonl")


def read_graph(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> nx.MultiDiGraph:
    """Read kgraph graph files into one graph in the networkx contract.

    RDF files are read together (so one entity in several files is one node); facts
    files are read on their own and merged in with :func:`merge_graphs`.

    Args:
        paths: One path or several; the format follows each extension (see :data:`READABLE`).

    Returns:
        The graph.

    Raises:
        UnknownFormatError: If an extension is not one kgraph reads (GEXF and GraphML are
            lossy exports and are not read back).
        InputError: If a file cannot be read or does not hold kgraph data.
    """
    from kgraph.graph.from_facts import read_facts
    from kgraph.graph.from_rdf import read_rdf

    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    rdf, facts = [], []
    for path in paths:
        extension = os.path.splitext(os.fspath(path))[1].lower()
        if extension not in READABLE:
            raise UnknownFormatError(
                f"cannot read {os.fspath(path)}: unknown graph format {extension or '(no extension)'!r}; "
                f"use one of {' '.join(READABLE)}"
            )
        (facts if extension == ".jsonl" else rdf).append(path)
    graphs = ([read_rdf(rdf)] if rdf else []) + [read_facts(path) for path in facts]
    return merge_graphs(graphs)


def merge_graphs(graphs: Iterable[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """Merge kgraph graphs: nodes by IRI, edges by ``(source, target, predicate|status)``.

    Node attributes of the first graph win, except that aliases are united and mention
    counts added; edges seen in several graphs pool their evidence (without duplicates)
    and get the noisy-or confidence of the pooled evidence.

    Args:
        graphs: Graphs in the kgraph contract.

    Returns:
        A new graph (the inputs are not changed).
    """
    merged = nx.MultiDiGraph(documents={})
    for graph in graphs:
        for doc_id, document in (graph.graph.get("documents") or {}).items():
            merged.graph["documents"].setdefault(doc_id, dict(document))
        for node, data in graph.nodes(data=True):
            _merge_node(merged, node, data)
        for source, target, key, data in graph.edges(keys=True, data=True):
            _merge_edge(merged, source, target, key, data)
    return merged


def _merge_node(merged: nx.MultiDiGraph, node: str, data: dict) -> None:
    if node not in merged:
        merged.add_node(node, **{**data, "aliases": list(data.get("aliases") or [])})
        return
    known = merged.nodes[node]
    known["aliases"] = sorted(set(known["aliases"]) | set(data.get("aliases") or []))
    known["mentions"] = int(known.get("mentions") or 0) + int(data.get("mentions") or 0)


def _merge_edge(merged: nx.MultiDiGraph, source: str, target: str, key: str, data: dict) -> None:
    if not merged.has_edge(source, target, key):
        merged.add_edge(source, target, key, **{**data, "evidence": list(data.get("evidence") or [])})
        return
    known = merged.edges[source, target, key]
    if add_new_evidence(known["evidence"], data.get("evidence") or ()):
        known["confidence"] = combined_confidence(item.get("confidence") or 0.0 for item in known["evidence"])
