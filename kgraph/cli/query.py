"""``kgraph query`` and ``kgraph members``: SPARQL over graph files."""

from __future__ import annotations

import click

from kgraph.cli._common import FORMAT_OPTION, print_result
from kgraph.errors import KGraphError


@click.command("query")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-e", "--query", "sparql", default=None, help="SPARQL query text.")
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), default=None, help="Read the query from a file (- for stdin).")
@FORMAT_OPTION
def query_cli(graph_files, sparql, query_file, fmt) -> None:
    """Run a SPARQL query over RDF files written by kgraph build.

    \b
    Example:
        kgraph query out/graph.ttl -e 'SELECT ?s WHERE { ?s a <https://w3id.org/kgraph/ontology#Country> }'
    """
    from kgraph.query import load_store, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query with -e/--query or -f/--file (exactly one)")
    text = sparql if sparql is not None else query_file.read()
    try:
        result = run_query(load_store(graph_files), text)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, fmt)


@click.command("members")
@click.argument("name")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@FORMAT_OPTION
def members_cli(name, graph_files, fmt) -> None:
    """List the members of an organisation, named by any of its names.

    \b
    Example:
        kgraph members CSTO out/graph.ttl
    """
    from kgraph.query import load_store, members

    try:
        result = members(load_store(graph_files), name)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, fmt)
