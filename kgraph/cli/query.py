"""``kgraph query`` and ``kgraph members``: SPARQL over graph files."""

from __future__ import annotations

import click

from kgraph.cli._common import FORMAT_OPTION, print_result
from kgraph.errors import KGraphError


STORE_OPTION = click.option("--store", "store_dir", default=None, type=click.Path(exists=True, file_okay=False),
                            help="Query a store written by kgraph build --store instead of GRAPH_FILES.")


@click.command("query")
@click.argument("graph_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("-e", "--query", "sparql", default=None, help="SPARQL query text.")
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), default=None, help="Read the query from a file (- for stdin).")
@STORE_OPTION
@click.option("--infer", is_flag=True, help="Add OWL 2 RL inferences to GRAPH_FILES before querying (kg:hasMember, wdt:P463, ...).")
@FORMAT_OPTION
def query_cli(graph_files, sparql, query_file, fmt, store_dir, infer) -> None:
    """Run a SPARQL query over RDF files written by kgraph build.

    \b
    Example:
        kgraph query out/graph.ttl -e 'SELECT ?s WHERE { ?s a <https://w3id.org/kgraph/ontology#Country> }'
        kgraph query --store out/store -e 'SELECT ?s WHERE { ?s kg:memberOf ?o }'
    """
    from kgraph.query import load_store, run_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query with -e/--query or -f/--file (exactly one)")
    text = sparql if sparql is not None else query_file.read()
    if infer and store_dir is not None:
        raise click.UsageError("--infer works on GRAPH_FILES, not on --store")
    try:
        source = _inferred(graph_files) if infer else graph_files
        result = _on_store(store_dir, "query", text) if _source(graph_files, store_dir) else run_query(load_store(source), text)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, fmt)


@click.command("members")
@click.argument("name")
@click.argument("graph_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@STORE_OPTION
@FORMAT_OPTION
def members_cli(name, graph_files, fmt, store_dir) -> None:
    """List the members of an organisation, named by any of its names.

    \b
    Example:
        kgraph members CSTO out/graph.ttl
        kgraph members CSTO --store out/store
    """
    from kgraph.query import load_store, members

    try:
        result = _on_store(store_dir, "members", name) if _source(graph_files, store_dir) else members(load_store(graph_files), name)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, fmt)


def _source(graph_files, store_dir) -> bool:
    """True to read the store, False to load the files; exactly one of them must be given."""
    if bool(graph_files) == (store_dir is not None):
        raise click.UsageError("give GRAPH_FILES or --store DIR (exactly one)")
    return store_dir is not None


def _on_store(store_dir, method: str, argument: str):
    """Run ``GraphStore.<method>(argument)`` on the store at ``store_dir``, opened read-only."""
    from kgraph.store import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        return getattr(store, method)(argument)


def _inferred(graph_files):
    """The triples of the files plus their OWL 2 RL inferences, as one rdflib graph."""
    from kgraph.infer import infer
    from kgraph.rdf_files import load_rdf

    return infer(load_rdf(graph_files))
