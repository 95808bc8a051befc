"""``kgraph serve``: a read-only SPARQL 1.1 endpoint over graph files or an Oxigraph store."""

from __future__ import annotations

import shlex

import click

from kgraph.errors import KGraphError

_EXAMPLE_QUERY = (
    "PREFIX kg: <https://w3id.org/kgraph/ontology#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?label WHERE { ?c a kg:Country ; rdfs:label ?label } ORDER BY ?label"
)


@click.command("serve")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens the endpoint to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="TCP port.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (YASGUI and other browser clients).")
@click.option("--union-default-graph/--no-union-default-graph", default=False, show_default=True,
              help="Let queries without GRAPH see the triples of every named graph, for stores whose default "
                   "graph is empty (a kgraph store keeps the union of its document graphs as its default graph).")
def serve_cli(sources, host, port, cors, union_default_graph) -> None:
    """Serve graph files (or one Oxigraph store directory) as a SPARQL 1.1 endpoint.

    GET and POST queries go to http://HOST:PORT/query; results come as SPARQL JSON, XML,
    CSV or TSV, as the Accept header asks. The endpoint is read-only. RDF files are loaded
    into a temporary store removed on exit; a store directory is served in place.
    Stop with Ctrl-C or SIGTERM.

    \b
    Example:
        kgraph serve out/graph.ttl --port 7878
    """
    from kgraph.serve import Endpoint, serve

    try:
        status = serve(sources, Endpoint(host, port), cors=cors, union_default_graph=union_default_graph,
                       on_ready=_announce)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    raise SystemExit(status)


def _announce(endpoint) -> None:
    """Print the endpoint URL and a query to try (stdout, flushed so pipes see it at once)."""
    click.echo(f"SPARQL endpoint: {endpoint.query_url}  (read-only; Ctrl-C to stop)")
    click.echo("Try:")
    click.echo(f"  curl -s -H 'Accept: application/sparql-results+json' "
               f"--data-urlencode {shlex.quote('query=' + _EXAMPLE_QUERY)} {endpoint.query_url}")
    click.get_text_stream("stdout").flush()
