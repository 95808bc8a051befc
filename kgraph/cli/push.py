"""``kgraph push``: load graph files into a SPARQL 1.1 store over HTTP."""

from __future__ import annotations

import click

from kgraph.errors import KGraphError


@click.command("push")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--endpoint", default=None, metavar="URL",
              help="Graph Store HTTP Protocol endpoint (Oxigraph: http://HOST:7878/store; Fuseki: .../DATASET/data).")
@click.option("--update-endpoint", default=None, metavar="URL",
              help="Use SPARQL Update INSERT DATA on this endpoint instead (Oxigraph: http://HOST:7878/update).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI", help="Named graph to write (default: the default graph).")
@click.option("--replace", is_flag=True, help="Replace the graph's content instead of adding to it.")
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Triples a request with --update-endpoint.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              help="Seconds to wait for each request.")
@click.option("--follow-redirects", is_flag=True,
              help="Send the same request to the URL a redirect names (by default a redirect fails: nothing was stored).")
def push_cli(graph_files, endpoint, update_endpoint, graph_iri, replace, batch_size, timeout, follow_redirects) -> None:
    """Load RDF files written by kgraph build into a SPARQL 1.1 store.

    \b
    Examples:
        kgraph push out/graph.ttl --endpoint http://localhost:7878/store --replace
        kgraph push out/graph.ttl --update-endpoint http://localhost:3030/ds/update --graph https://example.org/news
    """
    from kgraph.endpoint.push import push_graph_store, push_update

    if (endpoint is None) == (update_endpoint is None):
        raise click.UsageError("give --endpoint (Graph Store Protocol) or --update-endpoint (SPARQL Update), exactly one")
    try:
        if endpoint is not None:
            report = push_graph_store(graph_files, endpoint, graph=graph_iri, replace=replace, timeout=timeout,
                                      follow_redirects=follow_redirects)
        else:
            report = push_update(graph_files, update_endpoint, graph=graph_iri, replace=replace,
                                 batch_size=batch_size, timeout=timeout, follow_redirects=follow_redirects)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    requests = f"{report.requests} request{'' if report.requests == 1 else 's'}"
    click.echo(f"pushed {report.triples} triples to graph {report.target} at {endpoint or update_endpoint} ({requests})")
