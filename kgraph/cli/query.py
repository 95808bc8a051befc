"""``kgraph query`` and ``kgraph members``: SPARQL over graph files."""

from __future__ import annotations

import click

from kgraph.cli._common import FORMAT_OPTION, print_result
from kgraph.errors import KGraphError


TIMEOUT_OPTION = click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
                              help="Seconds a query may run before it is given up (0: no limit).")
ALLOW_SERVICE_OPTION = click.option("--allow-service", "allow_service", multiple=True, metavar="HOST",
                                    help="Let SERVICE clauses call this host (repeatable); by default a query "
                                         "with SERVICE is refused, so nothing leaves the machine.")
STORE_OPTION = click.option("--store", "store_dir", default=None, type=click.Path(exists=True, file_okay=False),
                            help="Query a store written by kgraph build --store instead of GRAPH_FILES.")


@click.command("query")
@click.argument("graph_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("-e", "--query", "sparql", default=None, help="SPARQL query text.")
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), default=None, help="Read the query from a file (- for stdin).")
@STORE_OPTION
@click.option("--infer", is_flag=True, help="Add OWL 2 RL inferences to GRAPH_FILES before querying (kg:hasMember, wdt:P463, ...).")
@TIMEOUT_OPTION
@ALLOW_SERVICE_OPTION
@FORMAT_OPTION
def query_cli(graph_files, sparql, query_file, fmt, store_dir, infer, timeout, allow_service) -> None:
    """Run a SPARQL query over RDF files written by kgraph build.

    The query is checked before it runs (at most 100,000 characters, 32 levels of
    nesting, 128 operators; no SERVICE unless --allow-service names its host).

    \b
    Example:
        kgraph query out/graph.ttl -e 'SELECT ?s WHERE { ?s a <https://w3id.org/kgraph/ontology#Country> }'
        kgraph query --store out/store -e 'SELECT ?s WHERE { ?s kg:memberOf ?o }'
    """
    from kgraph.query import load_store, run_query
    from kgraph.query.guard import check_query

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query with -e/--query or -f/--file (exactly one)")
    text = sparql if sparql is not None else query_file.read()
    if infer and store_dir is not None:
        raise click.UsageError("--infer works on GRAPH_FILES, not on --store")
    options = {"timeout": timeout, "allow_service": allow_service}
    try:
        check_query(text, allow_service=allow_service)  # before any file is read
        source = _inferred(graph_files) if infer else graph_files
        result = (_on_store(store_dir, "query", text, **options) if _source(graph_files, store_dir)
                  else run_query(load_store(source), text, **options))
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, fmt)


@click.command("members")
@click.argument("name")
@click.argument("graph_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@STORE_OPTION
@TIMEOUT_OPTION
@FORMAT_OPTION
def members_cli(name, graph_files, fmt, store_dir, timeout) -> None:
    """List the members of an organisation, named by any of its names.

    \b
    Example:
        kgraph members CSTO out/graph.ttl
        kgraph members CSTO --store out/store
    """
    from kgraph.query import load_store, members

    try:
        result = (_on_store(store_dir, "members", name, timeout=timeout) if _source(graph_files, store_dir)
                  else members(load_store(graph_files), name, timeout=timeout))
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    print_result(result, fmt)


def _source(graph_files, store_dir) -> bool:
    """True to read the store, False to load the files; exactly one of them must be given."""
    if bool(graph_files) == (store_dir is not None):
        raise click.UsageError("give GRAPH_FILES or --store DIR (exactly one)")
    return store_dir is not None


def _on_store(store_dir, method: str, argument: str, **options):
    """Run ``GraphStore.<method>(argument, **options)`` on the store at ``store_dir``, opened read-only."""
    from kgraph.store import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        return getattr(store, method)(argument, **options)


def _inferred(graph_files):
    """The triples of the files plus their OWL 2 RL inferences, as one rdflib graph."""
    from kgraph.rdf.infer import infer
    from kgraph.rdf.files import load_rdf

    return infer(load_rdf(graph_files))
