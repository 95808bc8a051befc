"""``kgraph viz``: graph files in, an interactive HTML page or a PNG drawing out."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.errors import KGraphError


@click.command("viz")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "outputs", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="Output file: .html (interactive page, works offline) or .png (static drawing). Repeatable.")
@click.option("--title", default=None, help="Title of the picture (default: the first input's file name).")
def viz_cli(graph_files, outputs, title) -> None:
    """Draw a graph written by kgraph build (RDF files or facts .jsonl).

    The HTML page colours entities by type, labels relations, dashes relations that are
    not asserted (a checkbox hides them) and shows the evidence sentences of the entity
    or relation you click. It is one file that opens without network access.

    \b
    Example:
        kgraph viz out/graph.ttl -o out/graph.html -o out/graph.png
    """
    from kgraph.graph.load import read_graph
    from kgraph.viz import VIEWS, write_view

    for out in outputs:
        if Path(out).suffix.lower() not in VIEWS:
            raise click.BadParameter(f"{out}: use one of {' '.join(VIEWS)}", param_hint="-o/--output")
    try:
        graph = read_graph(graph_files)
        for out in outputs:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            write_view(graph, out, title=title or Path(graph_files[0]).name)
            click.echo(f"wrote {out} ({graph.number_of_nodes()} entities, {graph.number_of_edges()} relations)", err=True)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write picture: {exc}") from exc
