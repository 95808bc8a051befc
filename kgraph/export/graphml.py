"""GraphML with typed keys, read by networkx, igraph, Gephi, yEd and Cytoscape.

Every attribute of :func:`kgraph.export.gephi.flatten` becomes a ``<key>`` declared with
its ``attr.type`` (``boolean``, ``int``, ``long``, ``double``, ``string``) and a
document-unique id (``d0``, ``d1``, ...), so a node and an edge attribute of the same name
(``label``) do not clash. Edges are numbered ``e0``, ``e1``, ... in the order of
``G.edges``; parallel edges stay distinct.
"""

from __future__ import annotations

import os
from typing import Any

import networkx as nx
from lxml import etree

from kgraph.export._values import clean_text
from kgraph.export.atomic import atomic_write
from kgraph.export.gephi import EDGE_ORDER, NODE_ORDER, attribute_types, edge_id, flatten, lexical

__all__ = ["GRAPHML_NS", "to_graphml", "write_graphml"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"
# GEXF type names from attribute_types -> GraphML attr.type.
_GRAPHML_TYPES = {"boolean": "boolean", "integer": "int", "long": "long", "double": "double", "string": "string"}


def _q(tag: str) -> str:
    return f"{{{GRAPHML_NS}}}{tag}"


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write the flattened graph as GraphML with typed keys, atomically.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file.

    Raises:
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    tree = to_graphml(G)
    with atomic_write(path, "wb") as handle:
        tree.write(handle, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def to_graphml(G: nx.MultiDiGraph) -> etree._ElementTree:
    """Build the GraphML document of the graph.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.

    Returns:
        The document as an lxml element tree.
    """
    flat = flatten(G)
    root = etree.Element(_q("graphml"), nsmap={None: GRAPHML_NS, "xsi": _XSI_NS})
    root.set(f"{{{_XSI_NS}}}schemaLocation", _SCHEMA_LOCATION)
    node_keys = _declare(root, "node", attribute_types((d for _, d in flat.nodes(data=True)), NODE_ORDER), 0)
    edge_keys = _declare(root, "edge", attribute_types((d for _, _, d in flat.edges(data=True)), EDGE_ORDER),
                         len(node_keys))
    graph = etree.SubElement(root, _q("graph"), id="G", edgedefault="directed")
    for node, data in flat.nodes(data=True):
        _add_data(etree.SubElement(graph, _q("node"), id=clean_text(str(node))), data, node_keys)
    for u, v, key, data in flat.edges(keys=True, data=True):
        edge = etree.SubElement(graph, _q("edge"), id=edge_id(u, v, key), source=clean_text(str(u)),
                                target=clean_text(str(v)))
        _add_data(edge, data, edge_keys)
    return etree.ElementTree(root)


def _declare(root: etree._Element, domain: str, types: dict[str, str], first: int) -> dict[str, str]:
    """Add a <key> per attribute; return attribute name -> key id."""
    ids = {}
    for number, (name, type_name) in enumerate(types.items(), start=first):
        ids[name] = f"d{number}"
        etree.SubElement(root, _q("key"), {"id": ids[name], "for": domain, "attr.name": name,
                                           "attr.type": _GRAPHML_TYPES[type_name]})
    return ids


def _add_data(element: etree._Element, data: dict[str, Any], keys: dict[str, str]) -> None:
    for name, key in keys.items():
        if name in data:
            etree.SubElement(element, _q("data"), key=key).text = lexical(data[name])
