"""``kgraph export``: write the graph held by a persistent store to files."""

from __future__ import annotations

from pathlib import Path

import click

from kgraph.errors import KGraphError


@click.command("export")
@click.option("--store", "store_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Store directory written by kgraph build --store.")
@click.option("-o", "--output", "outputs", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="Output file; the format follows the extension, as for kgraph build. Repeatable.")
@click.option("--dynamic", is_flag=True, help="GEXF: give nodes and edges start/end dates from their evidence.")
def export_cli(store_dir, outputs, dynamic) -> None:
    """Export the whole graph of a store (the same graph an in-memory build of its documents gives).

    \b
    Example:
        kgraph export --store out/store -o out/graph.ttl -o out/graph.gexf
    """
    from kgraph.export import write_graph
    from kgraph.store import GraphStore

    try:
        with GraphStore(store_dir, read_only=True) as store:
            graph = store.to_networkx()
        for out in outputs:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            write_graph(graph, out, dynamic=dynamic)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    for out in outputs:
        click.echo(f"wrote {out}")
