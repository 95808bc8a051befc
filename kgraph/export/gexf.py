"""GEXF 1.3 as Gephi 0.10 writes it, valid against the official RELAX NG schema.

The document uses the namespaces ``http://gexf.net/1.3`` and ``http://gexf.net/1.3/viz``,
declares every node and edge attribute with its type, colours nodes by entity type
(:mod:`kgraph.export.palette`) and sizes them by weighted degree (the evidence count of
their edges). Edges carry ``label`` and ``kind`` (the predicate; see
:func:`kgraph.export.gephi.edge_kind`) and ``weight`` (number of evidence items); parallel
edges between two entities keep distinct ids and kinds, so Gephi does not merge them.

With ``dynamic=True`` the graph is ``mode="dynamic"`` with ``timeformat="date"``: an edge
lives from its first to its last evidence date, a node from the first to the last date of
its edges, so Gephi's timeline replays how the relations appeared in the news. Elements
without a dated piece of evidence get no interval and are always shown.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterator
from datetime import date, datetime, timezone
from typing import IO, Any

import networkx as nx
from lxml import etree

from kgraph._version import __version__
from kgraph.export._values import clean_text, iso_date
from kgraph.export.atomic import atomic_write
from kgraph.export.gephi import EDGE_ORDER, NODE_ORDER, attribute_types, edge_id, flatten, lexical
from kgraph.export.palette import color_of, rgb

__all__ = ["GEXF_NS", "MAX_SIZE", "MIN_SIZE", "VIZ_NS", "node_size", "to_gexf", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
#: Range of ``viz:size``: an isolated node gets MIN_SIZE, the best-attested one MAX_SIZE.
MIN_SIZE = 10.0
MAX_SIZE = 50.0
# Keys written as XML attributes of <node>/<edge> instead of <attvalue>s.
_NODE_FIELDS = ("label",)
_EDGE_FIELDS = ("label", "kind", "weight")


def _g(tag: str) -> str:
    return f"{{{GEXF_NS}}}{tag}"


def _viz(tag: str) -> str:
    return f"{{{VIZ_NS}}}{tag}"


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, dynamic: bool = False) -> None:
    """Write the graph as GEXF 1.3, atomically, one element at a time.

    The document is streamed with lxml's incremental writer: one node or edge element is
    in memory at a time, not the whole XML tree.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file.
        dynamic: Give nodes and edges ``start``/``end`` dates from their evidence.

    Raises:
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    with atomic_write(path, "wb") as handle:
        _write(G, handle, dynamic=dynamic)


def to_gexf(G: nx.MultiDiGraph, *, dynamic: bool = False) -> etree._ElementTree:
    """Build the GEXF 1.3 document of the graph in memory (:func:`write_gexf` streams it instead).

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        dynamic: Give nodes and edges ``start``/``end`` dates from their evidence.

    Returns:
        The document as an lxml element tree.
    """
    buffer = io.BytesIO()
    _write(G, buffer, dynamic=dynamic)
    return etree.ElementTree(etree.fromstring(buffer.getvalue()))


def _write(G: nx.MultiDiGraph, handle: IO[bytes], *, dynamic: bool) -> None:
    flat = flatten(G)
    node_types = attribute_types((data for _, data in flat.nodes(data=True)), NODE_ORDER)
    edge_types = attribute_types((data for _, _, data in flat.edges(data=True)), EDGE_ORDER)
    node_types = {key: kind for key, kind in node_types.items() if key not in _NODE_FIELDS}
    edge_types = {key: kind for key, kind in edge_types.items() if key not in _EDGE_FIELDS}
    edge_spans = _edge_spans(G) if dynamic else {}
    node_spans = _node_spans(edge_spans)
    graph_attributes = {"defaultedgetype": "directed"}
    if dynamic:
        graph_attributes.update({"mode": "dynamic", "timeformat": "date", "timerepresentation": "interval"})
    else:
        graph_attributes["mode"] = "static"
    with etree.xmlfile(handle, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element(_g("gexf"), nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.3"):
            _emit(xml, _meta(flat, G), 1)
            xml.write("\n  ")
            with xml.element(_g("graph"), graph_attributes):
                _emit(xml, _declarations("node", node_types), 2)
                _emit(xml, _declarations("edge", edge_types), 2)
                xml.write("\n    ")
                with xml.element(_g("nodes"), count=str(flat.number_of_nodes())):
                    for element in _node_elements(flat, node_types, node_spans):
                        _emit(xml, element, 3)
                    xml.write("\n    ")
                xml.write("\n    ")
                with xml.element(_g("edges"), count=str(flat.number_of_edges())):
                    for element in _edge_elements(flat, edge_types, edge_spans):
                        _emit(xml, element, 3)
                    xml.write("\n    ")
                xml.write("\n  ")
            xml.write("\n")
    handle.write(b"\n")


def _emit(xml: Any, element: etree._Element, depth: int) -> None:
    """Write a small element tree through the incremental writer, indented at ``depth``.

    Each element is opened inside its parent's context, so the namespaces declared on the
    root are not repeated on every node and edge.
    """
    xml.write("\n" + "  " * depth)
    with xml.element(element.tag, dict(element.attrib)):
        if element.text:
            xml.write(element.text)
        for child in element:
            _emit(xml, child, depth + 1)
        if len(element):
            xml.write("\n" + "  " * depth)


def node_size(weighted_degree: float, largest: float) -> float:
    """Scale a weighted degree to ``viz:size`` between :data:`MIN_SIZE` and :data:`MAX_SIZE`.

    The square root keeps hubs from dwarfing everything else (the area of a disc then
    grows linearly with the evidence).

    Args:
        weighted_degree: Evidence count of the node's edges.
        largest: The largest weighted degree in the graph.

    Returns:
        The size, rounded to two decimals.

    >>> node_size(0, 16), node_size(4, 16), node_size(16, 16)
    (10.0, 30.0, 50.0)
    """
    if largest <= 0:
        return MIN_SIZE
    share = math.sqrt(max(weighted_degree, 0) / largest)
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * min(share, 1.0), 2)


def _today() -> str:
    """Today's date, or the date of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return date.today().isoformat()


def _meta(flat: nx.MultiDiGraph, G: nx.MultiDiGraph) -> etree._Element:
    meta = etree.Element(_g("meta"), lastmodifieddate=_today())
    etree.SubElement(meta, _g("creator")).text = f"kgraph {__version__}"
    documents = len(G.graph.get("documents") or ())
    etree.SubElement(meta, _g("description")).text = (
        f"{flat.number_of_nodes()} entities and {flat.number_of_edges()} relations from {documents} documents"
    )
    return meta


def _declarations(kind: str, types: dict[str, str]) -> etree._Element:
    attributes = etree.Element(_g("attributes"), {"class": kind, "mode": "static"})
    for key, type_name in types.items():
        etree.SubElement(attributes, _g("attribute"), id=key, title=key, type=type_name)
    return attributes


def _node_elements(flat: nx.MultiDiGraph, types: dict[str, str],
                   spans: dict[Any, tuple[str, str]]) -> Iterator[etree._Element]:
    largest = max((data.get("weighted_degree", 0) for _, data in flat.nodes(data=True)), default=0)
    for node, data in flat.nodes(data=True):
        element = etree.Element(_g("node"), id=clean_text(str(node)))
        if "label" in data:
            element.set("label", str(data["label"]))
        _set_span(element, spans.get(node))
        element.append(_attvalues(data, types))
        red, green, blue = rgb(color_of(data.get("type")))
        etree.SubElement(element, _viz("size"), value=repr(node_size(data.get("weighted_degree", 0), largest)))
        etree.SubElement(element, _viz("color"), r=str(red), g=str(green), b=str(blue))
        yield element


def _edge_elements(flat: nx.MultiDiGraph, types: dict[str, str],
                   spans: dict[tuple, tuple[str, str] | None]) -> Iterator[etree._Element]:
    for u, v, key, data in flat.edges(keys=True, data=True):
        element = etree.Element(_g("edge"), id=edge_id(u, v, key), source=clean_text(str(u)), target=clean_text(str(v)))
        for field in _EDGE_FIELDS:
            if field in data:
                element.set(field, lexical(data[field]))
        _set_span(element, spans.get((u, v, key)))
        element.append(_attvalues(data, types))
        yield element


def _attvalues(data: dict[str, Any], types: dict[str, str]) -> etree._Element:
    values = etree.Element(_g("attvalues"))
    for key in types:
        if key in data:
            etree.SubElement(values, _g("attvalue"), {"for": key, "value": lexical(data[key])})
    return values


def _set_span(element: etree._Element, span: tuple[str, str] | None) -> None:
    if span is not None:
        element.set("start", span[0])
        element.set("end", span[1])


def _edge_spans(G: nx.MultiDiGraph) -> dict[tuple, tuple[str, str] | None]:
    """(u, v, key) -> (first, last) evidence date as ``YYYY-MM-DD``, or None without a dated evidence."""
    spans: dict[tuple, tuple[str, str] | None] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        days = sorted(day for item in data.get("evidence") or () if (day := _day(item.get("date"))))
        spans[(u, v, key)] = (days[0], days[-1]) if days else None
    return spans


def _node_spans(edge_spans: dict[tuple, tuple[str, str] | None]) -> dict[Any, tuple[str, str]]:
    """Node -> the smallest interval holding the intervals of all its edges.

    A node with an undated edge has no interval (it is always shown), nor has a node
    without edges: Gephi only draws an edge while both its ends are alive.
    """
    spans: dict[Any, tuple[str, str]] = {}
    always: set[Any] = set()
    for (u, v, _), span in edge_spans.items():
        if span is None:
            always.update((u, v))
            continue
        for node in (u, v):
            start, end = spans.get(node, span)
            spans[node] = (min(start, span[0]), max(end, span[1]))
    return {node: span for node, span in spans.items() if node not in always}


def _day(value: Any) -> str | None:
    """The calendar date (``YYYY-MM-DD``) of an ISO 8601 date or timestamp, else None."""
    parsed = iso_date(str(value)) if value else None
    return parsed[0][:10] if parsed else None
