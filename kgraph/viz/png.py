"""A static drawing of the graph for reports (matplotlib, Agg backend, no display needed)."""

from __future__ import annotations

import os

import networkx as nx

from kgraph.export.atomic import atomic_write
from kgraph.viz.layout import SEED
from kgraph.viz.scene import Scene, build_scene

__all__ = ["LEGEND_WIDTH", "MAX_EDGE_LABELS", "draw_figure", "write_png"]

#: Edge labels are drawn only up to this many edges; beyond, they would hide the graph.
MAX_EDGE_LABELS = 80
#: Share of the image width kept on the right for the legend, outside the drawing.
LEGEND_WIDTH = 0.15
_GREY = "#9a9a9a"
_DARK = "#555555"


def write_png(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, title: str = "kgraph", width: int = 1600,
              height: int = 1200, seed: int = SEED) -> None:
    """Draw ``G`` as a PNG image, atomically.

    Nodes are coloured by entity type (the palette of :mod:`kgraph.export.palette`, with
    a legend), labelled, and sized by degree; relations are arrows, dashed and grey when
    not asserted, labelled when there are at most :data:`MAX_EDGE_LABELS` of them.

    Args:
        G: The kgraph graph.
        path: Output ``.png`` file.
        title: Title drawn above the graph.
        width: Image width in pixels.
        height: Image height in pixels.
        seed: Seed of the layout (the same as the HTML view's by default).

    Raises:
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    figure = draw_figure(G, title=title, width=width, height=height, seed=seed)
    with atomic_write(path, "wb") as handle:
        figure.savefig(handle, format="png", dpi=figure.dpi)


def draw_figure(G: nx.MultiDiGraph, *, title: str = "kgraph", width: int = 1600, height: int = 1200,
                seed: int = SEED):
    """The matplotlib Figure :func:`write_png` saves (arguments as there).

    The graph is drawn in an area on the left and the legend stands in a margin on its
    right, so it never covers a node or a label.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)  # no-op if a non-interactive backend is already active
    from matplotlib.figure import Figure

    dpi = 100
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    axes = figure.add_axes((0.02, 0.02, 0.96 - LEGEND_WIDTH, 0.92))
    _draw(axes, build_scene(G, seed=seed))
    figure.suptitle(title, fontsize=16, y=0.985, parse_math=False)  # "$" in a title or file name is text
    return figure


def _draw(axes, scene: Scene) -> None:
    from matplotlib.lines import Line2D

    axes.set_axis_off()
    axes.set_xlim(-0.08, 1.08)
    axes.set_ylim(1.08, -0.08)  # y grows downwards, as in the HTML view
    sizes = [120 + 60 * node.degree for node in scene.nodes]
    for edge in scene.edges:
        _draw_edge(axes, scene, edge, sizes)
    axes.scatter([n.x for n in scene.nodes], [n.y for n in scene.nodes], s=sizes, c=[n.color for n in scene.nodes],
                 edgecolors="white", linewidths=1.5, zorder=3)
    for node in scene.nodes:
        axes.annotate(node.label, (node.x, node.y), xytext=(0, -12 - node.degree), textcoords="offset points",
                      ha="center", va="top", fontsize=10, zorder=4, parse_math=False,
                      bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=color, markeredgecolor="white",
                      label=kind) for kind, color in scene.types]
    handles += [Line2D([], [], color=_DARK, label="asserted"),
                Line2D([], [], color=_GREY, linestyle="--", label="not asserted")]
    legend = axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=10,
                         frameon=True, framealpha=0.9)
    for text in legend.get_texts():
        text.set_parse_math(False)


def _draw_edge(axes, scene: Scene, edge, sizes: list[int]) -> None:
    source, target = scene.nodes[edge.source], scene.nodes[edge.target]
    color = _DARK if edge.asserted else _GREY
    # arc3 puts the control point rad * distance off the middle: the HTML view's ``bend``.
    distance = max(((target.x - source.x) ** 2 + (target.y - source.y) ** 2) ** 0.5, 1e-6)
    rad = edge.bend / distance
    axes.annotate("", xy=(target.x, target.y), xytext=(source.x, source.y), zorder=2,
                  arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.3, "mutation_scale": 14,
                              "linestyle": "-" if edge.asserted else "--",
                              "shrinkA": (sizes[edge.source] ** 0.5) / 2 + 1,
                              "shrinkB": (sizes[edge.target] ** 0.5) / 2 + 3,
                              "connectionstyle": f"arc3,rad={-rad:.3f}"})
    if len(scene.edges) <= MAX_EDGE_LABELS:
        nx_, ny_ = (target.y - source.y) / distance, -(target.x - source.x) / distance
        x = (source.x + target.x) / 2 + nx_ * edge.bend / 2  # the curve's midpoint
        y = (source.y + target.y) / 2 + ny_ * edge.bend / 2
        axes.text(x, y, edge.label, fontsize=8, color="#333333" if edge.asserted else "#777777", ha="center",
                  va="center", zorder=2.5, style="normal" if edge.asserted else "italic", parse_math=False,
                  bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
