"""Writers of the kgraph graph: RDF, GEXF, GraphML, Gephi CSV tables and JSON Lines facts.

:func:`write_graph` picks the writer from the file extension; every writer replaces its
output atomically, so an interrupted or failed export never leaves a torn file.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from functools import partial

import networkx as nx

from kgraph.errors import UnknownFormatError
from kgraph.export.atomic import atomic_write
from kgraph.export.facts import fact_records, write_facts
from kgraph.export.gephi import flatten
from kgraph.export.gephi_csv import write_gephi_csv
from kgraph.export.gexf import write_gexf
from kgraph.export.graphml import write_graphml
from kgraph.export.rdf import RDF_FORMATS, to_rdf, write_rdf

__all__ = [
    "WRITERS",
    "atomic_write",
    "fact_records",
    "flatten",
    "to_rdf",
    "write_facts",
    "write_gephi_csv",
    "write_gexf",
    "write_graph",
    "write_graphml",
    "write_rdf",
]

#: File extension -> writer ``(G, path) -> None``.
WRITERS: dict[str, Callable[[nx.MultiDiGraph, str | os.PathLike[str]], None]] = {
    **{extension: partial(write_rdf, format=extension) for extension in RDF_FORMATS},
    ".gexf": write_gexf,
    ".graphml": write_graphml,
    ".csv": write_gephi_csv,
    ".jsonl": write_facts,
}


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, format: str | None = None,  # noqa: A002
                dynamic: bool = False, infer: bool = False) -> None:
    """Write the graph in the format named by the extension of ``path`` (or ``format``).

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file, e.g. ``out/graph.ttl``.
        format: An extension such as ``"ttl"`` or ``".gexf"`` to use instead of the
            extension of ``path``.
        dynamic: Give elements time intervals from their evidence dates, in the formats
            whose writer takes a ``dynamic`` keyword (GEXF); the others ignore it.
        infer: Add the OWL 2 RL inferences (inverses, super-properties, alignments) in
            the formats whose writer takes an ``infer`` keyword (RDF); the others ignore it.

    Raises:
        UnknownFormatError: If the format is not one of :data:`WRITERS` (nothing is written).
        InputError: If the graph breaks the kgraph contract (RDF formats).
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    extension = (format if format is not None else os.path.splitext(os.fspath(path))[1]).lower()
    if extension and not extension.startswith("."):
        extension = f".{extension}"
    writer = WRITERS.get(extension)
    if writer is None:
        raise UnknownFormatError(
            f"cannot write {os.fspath(path)}: unknown format {extension or '(no extension)'!r}; "
            f"use one of {' '.join(WRITERS)}"
        )
    if dynamic and "dynamic" in inspect.signature(writer).parameters:
        writer = partial(writer, dynamic=True)
    if infer and "infer" in inspect.signature(writer).parameters:
        writer = partial(writer, infer=True)
    writer(G, path)
