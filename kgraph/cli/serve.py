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
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Seconds a query may run on the server (0: no limit).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="HOST",
              help="Let SERVICE clauses call this host (repeatable); by default they are refused with HTTP 400.")
def serve_cli(sources, host, port, cors, union_default_graph, timeout, allow_service) -> None:
    """Serve graph files (or one Oxigraph store directory) as a SPARQL 1.1 endpoint.

    GET and POST queries go to http://HOST:PORT/query; results come as SPARQL JSON, XML,
    CSV or TSV, as the Accept header asks. The endpoint is read-only. RDF files are loaded
    into a temporary store removed on exit; a store directory is served in place.
    Queries larger than 100,000 characters, nested deeper than 32 levels, with more than
    128 operators or calling a SERVICE are refused with HTTP 400.
    Stop with Ctrl-C or SIGTERM.

    \b
    Example:
        kgraph serve out/graph.ttl --port 7878
    """
    from kgraph.endpoint.serve import Endpoint, is_store, serve

    in_place = len(sources) == 1 and is_store(sources[0])
    try:
        status = serve(sources, Endpoint(host, port), cors=cors, union_default_graph=union_default_graph,
                       timeout=timeout, allow_service=allow_service,
                       on_ready=lambda endpoint: _announce(endpoint, sources[0] if in_place else None))
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    raise SystemExit(status)


def _announce(endpoint, store_dir: str | None) -> None:
    """Print the endpoint URL and a query to try (stdout, flushed so pipes see it at once)."""
    click.echo(f"SPARQL endpoint: {endpoint.query_url}  (read-only; Ctrl-C to stop)")
    if store_dir is not None:
        click.echo(f"Serving the store {store_dir} as it is now: documents a kgraph build adds to it later are "
                   "not seen (and answers may be wrong while it writes); restart kgraph serve after a build.")
    click.echo("Try:")
    click.echo(f"  curl -s -H 'Accept: application/sparql-results+json' "
               f"--data-urlencode {shlex.quote('query=' + _EXAMPLE_QUERY)} {endpoint.query_url}")
    click.get_text_stream("stdout").flush()
