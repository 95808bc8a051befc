"""One self-contained interactive HTML page of the graph: inline SVG plus a little JavaScript.

The page needs no network access: the layout is computed here, the drawing is inline SVG,
the styles and the script are inline, and no font is loaded. Every text from the graph is
escaped with :func:`html.escape` in the markup, and the script inserts text into the page
only through ``textContent``; the graph data is embedded as JSON with ``<``, ``>``, ``&``
and U+2028/U+2029 escaped, so no label can close the script or inject markup.
"""

from __future__ import annotations

import html
import json
import math
import os
from importlib import resources
from typing import Any

import networkx as nx

from kgraph.export.atomic import atomic_write
from kgraph.viz.layout import SEED
from kgraph.viz.scene import Scene, SceneEdge, SceneNode, build_scene

__all__ = ["render_html", "write_html"]

#: Size of the drawing in SVG user units (the page scales it to the window).
WIDTH, HEIGHT = 1200, 900
MARGIN = 110
_GREY = "#9a9a9a"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, title: str = "kgraph", seed: int = SEED) -> None:
    """Write the interactive page of ``G``, atomically.

    Args:
        G: The kgraph graph.
        path: Output ``.html`` file.
        title: Page title and heading.
        seed: Seed of the layout.

    Raises:
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    page = render_html(G, title=title, seed=seed)
    with atomic_write(path, "wb") as handle:
        handle.write(page.encode("utf-8", "replace"))  # a lone surrogate becomes "?"


def render_html(G: nx.MultiDiGraph, *, title: str = "kgraph", seed: int = SEED) -> str:
    """Render the interactive page of ``G``.

    Nodes are coloured by entity type (:mod:`kgraph.export.palette`) and sized by degree;
    edges are arrows labelled by relation, and relations that are not asserted are dashed
    and grey (a checkbox hides them). A click on an edge shows its evidence sentences with
    document id, date, rule and confidence; a click on a node shows the entity and the
    evidence of all its relations. ``#node=N`` / ``#edge=N`` in the URL opens the panel
    on node or edge number ``N`` (the ``data-node`` / ``data-edge`` attributes).

    Args:
        G: The kgraph graph.
        title: Page title and heading.
        seed: Seed of the layout.

    Returns:
        The page, one HTML document.
    """
    scene = build_scene(G, seed=seed)
    asserted = sum(edge.asserted for edge in scene.edges)
    summary = (f"{len(scene.nodes)} entities, {len(scene.edges)} relations ({asserted} asserted) "
               f"from {len(scene.documents)} document{'' if len(scene.documents) == 1 else 's'}")
    return _asset("page.html").format(
        title=_text(title),
        summary=_text(summary),
        legend=_legend(scene),
        width=WIDTH,
        height=HEIGHT,
        grey=_GREY,
        edges="\n".join(_edge_svg(scene, i, edge) for i, edge in enumerate(scene.edges)),
        nodes="\n".join(_node_svg(i, node) for i, node in enumerate(scene.nodes)),
        style=_asset("view.css"),
        data=_json_for_script(_data(scene)),
        script=_asset("view.js"),
    )


def _asset(name: str) -> str:
    return resources.files("kgraph.viz").joinpath("assets", name).read_text(encoding="utf-8")


def _text(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _json_for_script(value: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">`` whatever its strings hold."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(char, char) for char in text)


def _point(node: SceneNode) -> tuple[float, float]:
    return MARGIN + node.x * (WIDTH - 2 * MARGIN), MARGIN + node.y * (HEIGHT - 2 * MARGIN)


def _radius(node: SceneNode) -> float:
    return 7.0 + 3.0 * math.sqrt(node.degree)


def _node_svg(index: int, node: SceneNode) -> str:
    x, y = _point(node)
    r = _radius(node)
    return (
        f'<g class="node" tabindex="0" role="button" data-node="{index}" data-id="{_text(node.id)}" '
        f'data-label="{_text(node.label)}" data-type="{_text(node.type or "")}">'
        f'<title>{_text(node.label)} ({_text(node.type or "unknown")})</title>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{node.color}"/>'
        f'<text x="{x:.1f}" y="{y + r + 13:.1f}" text-anchor="middle">{_text(node.label)}</text></g>'
    )


def _edge_svg(scene: Scene, index: int, edge: SceneEdge) -> str:
    source, target = scene.nodes[edge.source], scene.nodes[edge.target]
    (x1, y1), (x2, y2) = _point(source), _point(target)
    if edge.source == edge.target:
        path, (lx, ly) = _loop(x1, y1, _radius(source), edge.bend)
    else:
        path, (lx, ly) = _curve(x1, y1, x2, y2, _radius(source), _radius(target), edge.bend)
    kind = "asserted" if edge.asserted else "other"
    marker = "arrow" if edge.asserted else "arrow-other"
    return (
        f'<g class="edge {kind}" tabindex="0" role="button" data-edge="{index}" '
        f'data-predicate="{_text(edge.predicate)}" data-status="{_text(edge.status)}">'
        f'<title>{_text(source.label)} {_text(edge.label)} {_text(target.label)}</title>'
        f'<path d="{path}" marker-end="url(#{marker})"/>'
        f'<path class="hit" d="{path}"/>'
        f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle">{_text(edge.label)}</text></g>'
    )


def _curve(x1: float, y1: float, x2: float, y2: float, r1: float, r2: float, bend: float,
           ) -> tuple[str, tuple[float, float]]:
    """A quadratic Bézier from circle to circle, bent ``bend`` to the left, and its midpoint."""
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx_, ny_ = dy / length, -dx / length  # left of the direction of travel (y grows downwards)
    offset = bend * (WIDTH - 2 * MARGIN)
    cx, cy = (x1 + x2) / 2 + nx_ * offset, (y1 + y2) / 2 + ny_ * offset
    sx, sy = _towards(x1, y1, cx, cy, r1 + 1)
    ex, ey = _towards(x2, y2, cx, cy, r2 + 3)
    middle = (0.25 * sx + 0.5 * cx + 0.25 * ex, 0.25 * sy + 0.5 * cy + 0.25 * ey)
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}", middle


def _loop(x: float, y: float, r: float, bend: float) -> tuple[str, tuple[float, float]]:
    """A relation of an entity with itself: a loop above the node."""
    size = 28 + abs(bend) * 400
    path = f"M{x - r * 0.6:.1f},{y - r * 0.8:.1f} C{x - size:.1f},{y - r - size:.1f} {x + size:.1f},{y - r - size:.1f} {x + r * 0.6:.1f},{y - r * 0.8 - 3:.1f}"
    return path, (x, y - r - size * 0.8)


def _towards(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    dx, dy = tx - x, ty - y
    length = math.hypot(dx, dy) or 1.0
    return x + dx / length * distance, y + dy / length * distance


def _legend(scene: Scene) -> str:
    items = [
        f'<li><span class="swatch" style="background:{color}"></span>{_text(kind)}</li>' for kind, color in scene.types
    ]
    items.append('<li><span class="line"></span>asserted</li>')
    items.append('<li><span class="line other"></span>negated, hedged, former, planned, disputed</li>')
    return "\n".join(items)


def _data(scene: Scene) -> dict[str, Any]:
    """What the script needs to fill the evidence panel (all text goes in via textContent)."""
    return {
        "nodes": [
            {"id": n.id, "label": n.label, "type": n.type, "wikidata": n.wikidata, "aliases": list(n.aliases),
             "mentions": n.mentions}
            for n in scene.nodes
        ],
        "edges": [
            {"source": e.source, "target": e.target, "predicate": e.predicate, "status": e.status,
             "confidence": e.confidence, "evidence": [_evidence(item) for item in e.evidence]}
            for e in scene.edges
        ],
        "documents": {str(k): {"title": (v or {}).get("title"), "url": (v or {}).get("url")}
                      for k, v in scene.documents.items()},
    }


def _evidence(item: dict[str, Any]) -> dict[str, Any]:
    confidence = item.get("confidence")
    return {
        "doc_id": item.get("doc_id"),
        "date": item.get("date"),
        "rule": item.get("rule"),
        "confidence": float(confidence) if isinstance(confidence, (int, float)) and math.isfinite(confidence) else None,
        "sentence": item.get("sentence"),
    }
