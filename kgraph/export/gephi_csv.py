"""Node and edge tables for Gephi's spreadsheet import (File > Import spreadsheet).

``write_gephi_csv(G, "out/graph.csv")`` writes ``out/graph.nodes.csv`` and
``out/graph.edges.csv``. The columns Gephi recognises come first, spelt as in its
documentation: nodes ``Id, Label``; edges ``Source, Target, Type, Id, Label, Weight,
Kind``. The other attributes of :func:`kgraph.export.gephi.flatten` follow, one column
each. Files are UTF-8 with a header line; a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.export.atomic import atomic_write
from kgraph.export.gephi import EDGE_ORDER, NODE_ORDER, attribute_types, edge_id, flatten, lexical

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "csv_paths", "gephi_tables", "write_gephi_csv"]

#: Leading columns of the node table: Gephi's column -> flattened attribute (None: the node id).
NODE_COLUMNS = {"Id": None, "Label": "label"}
#: Leading columns of the edge table: Gephi's column -> flattened attribute (None: filled by the writer).
EDGE_COLUMNS = {"Source": None, "Target": None, "Type": None, "Id": None, "Label": "label", "Weight": "weight",
                "Kind": "kind"}


def csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Name the node and edge tables written for ``path``.

    Args:
        path: The output named on the command line, e.g. ``out/graph.csv``.

    Returns:
        ``(out/graph.nodes.csv, out/graph.edges.csv)``.
    """
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")


def gephi_tables(G: nx.MultiDiGraph) -> tuple[list[list[str]], list[list[str]]]:
    """Lay the graph out as Gephi's node and edge tables.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.

    Returns:
        ``(node rows, edge rows)``, each a header row followed by one row of text cells
        per node or edge; edges are numbered from 0 in the order of ``G.edges``.
    """
    flat = flatten(G)
    node_extra = _extra(attribute_types((d for _, d in flat.nodes(data=True)), NODE_ORDER), NODE_COLUMNS)
    edge_extra = _extra(attribute_types((d for _, _, d in flat.edges(data=True)), EDGE_ORDER), EDGE_COLUMNS)
    nodes = [[*NODE_COLUMNS, *node_extra]]
    for node, data in flat.nodes(data=True):
        nodes.append([_cell(node), _cell(data.get("label")), *(_cell(data.get(key)) for key in node_extra)])
    edges = [[*EDGE_COLUMNS, *edge_extra]]
    for u, v, key, data in flat.edges(keys=True, data=True):
        fixed = [_cell(u), _cell(v), "Directed", edge_id(u, v, key)]
        named = [_cell(data.get(key)) for column, key in EDGE_COLUMNS.items() if key is not None]
        edges.append([*fixed, *named, *(_cell(data.get(key)) for key in edge_extra)])
    return nodes, edges


def write_gephi_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write the node and edge tables next to ``path`` (see :func:`csv_paths`), both or neither.

    Both tables are computed before either file is opened, and each file is replaced
    atomically; an error while building the tables leaves both old files untouched.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: The output name, e.g. ``out/graph.csv``.

    Raises:
        OSError: If a file cannot be written.
    """
    nodes, edges = gephi_tables(G)
    nodes_path, edges_path = csv_paths(path)
    with atomic_write(nodes_path, "w") as node_file, atomic_write(edges_path, "w") as edge_file:
        csv.writer(node_file, lineterminator="\r\n").writerows(nodes)
        csv.writer(edge_file, lineterminator="\r\n").writerows(edges)


#: First characters that make Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP's list).
_FORMULA_STARTS = frozenset("=+-@\t\r")


def _extra(types: dict[str, str], leading: dict[str, str | None]) -> list[str]:
    """Attribute keys that get a column of their own after Gephi's columns."""
    taken = {key for key in leading.values() if key is not None}
    return [key for key in types if key not in taken]


def _cell(value: Any) -> str:
    """The text of a cell; one a spreadsheet would run as a formula (``= + - @``, tab, CR) gets a leading ``'``.

    Numbers keep their sign: ``-0.5`` is a value, not a formula.
    """
    if value is None:
        return ""
    text = lexical(value)
    if text[:1] in _FORMULA_STARTS and not isinstance(value, (int, float)):
        return "'" + text
    return text
