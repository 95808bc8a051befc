"""The static PNG drawing and the ``kgraph viz`` command."""

from __future__ import annotations

import lxml.html
import pytest
from click.testing import CliRunner
from PIL import Image

from kgraph.cli import cli
from kgraph.export import write_facts, write_rdf
from kgraph.export.palette import PALETTE
from kgraph.viz.png import write_png


_CLASS = "//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"


def _colours(path):
    with Image.open(path) as image:
        assert image.format == "PNG"
        return image.size, {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}


def _rgb(kind):
    return tuple(int(PALETTE[kind][i:i + 2], 16) for i in (1, 3, 5))


def test_png_view_is_a_coloured_1600x1200_drawing(seed_graph, tmp_path):
    path = tmp_path / "seed.png"
    write_png(seed_graph, path, title="CSTO")
    size, colours = _colours(path)
    assert size == (1600, 1200)
    assert len(colours) > 50
    for kind in ("Country", "Alliance", "Person", "City"):
        assert _rgb(kind) in colours, kind
    assert _rgb("ArmedForce") not in colours  # only the types present are drawn


def test_viz_command_draws_rdf_and_facts_files(seed_graph, tmp_path):
    write_rdf(seed_graph, tmp_path / "seed.ttl")
    write_facts(seed_graph, tmp_path / "facts.jsonl")
    for source in ("seed.ttl", "facts.jsonl"):
        html, png = tmp_path / "out" / f"{source}.html", tmp_path / "out" / f"{source}.png"
        result = CliRunner().invoke(cli, ["viz", str(tmp_path / source), "-o", str(html), "-o", str(png)])
        assert result.exit_code == 0, result.output
        labels = {e.get("data-label") for e in lxml.html.parse(str(html)).getroot().xpath(_CLASS.format(tag="g", cls="node"))}
        edges = {n for n in seed_graph if seed_graph.degree(n)}
        expected = {seed_graph.nodes[n]["label"] for n in (seed_graph if source == "seed.ttl" else edges)}
        assert labels == expected
        assert _colours(png)[0] == (1600, 1200)


def test_viz_command_rejects_an_unknown_picture_format(seed_graph, tmp_path):
    write_rdf(seed_graph, tmp_path / "seed.ttl")
    result = CliRunner().invoke(cli, ["viz", str(tmp_path / "seed.ttl"), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2 and ".html .htm .png" in result.output
    assert not (tmp_path / "x.svg").exists()


@pytest.fixture(scope="module")
def corpus_graph(nlp):
    from pathlib import Path

    from kgraph.read import read_documents
    from kgraph.engine.run import build_graph

    graph, _ = build_graph(nlp, read_documents([str(Path(__file__).resolve().parents[2] / "examples" / "corpus")]))
    return graph


@pytest.mark.parametrize("name", ["seed", "corpus"])
def test_png_legend_stands_beside_the_graph_not_on_it(seed_graph, corpus_graph, name):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from kgraph.viz.png import draw_figure

    graph = seed_graph if name == "seed" else corpus_graph
    figure = draw_figure(graph, title=name)
    renderer = FigureCanvasAgg(figure).get_renderer()
    [axes] = figure.axes
    legend = axes.get_legend().get_window_extent(renderer)
    assert figure.bbox.contains(legend.x0, legend.y0) and figure.bbox.contains(legend.x1, legend.y1)
    [nodes] = axes.collections
    centres = axes.transData.transform(nodes.get_offsets())
    assert len(centres) == len(graph)
    assert not any(legend.contains(x, y) for x, y in centres)
    labels = [text.get_window_extent(renderer) for text in axes.texts]
    assert labels and not any(legend.overlaps(box) for box in labels)
