"""``kgraph validate``: check RDF graph files against the kgraph SHACL shapes."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from kgraph.cli._common import EXIT_FAILED, EXIT_OK
from kgraph.errors import KGraphError


@click.command("validate")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Print one line per violation, or a JSON report.")
def validate_cli(graph_files, fmt) -> None:
    """Validate RDF files (together) against the kgraph SHACL shapes.

    Prints one line per violation; exits 0 when the graph conforms, 1 when it does not.

    \b
    Example:
        kgraph validate out/graph.ttl
    """
    from kgraph.rdf.validate import validate_graph

    try:
        report = validate_graph(graph_files)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps({"conforms": report.conforms, "triples": report.triples,
                               "violations": [asdict(v) for v in report.violations]}, indent=2, ensure_ascii=False))
    else:
        for violation in report.violations:
            click.echo(str(violation))
        verdict = "conforms" if report.conforms else f"does not conform: {len(report.violations)} violation(s)"
        click.echo(f"{report.triples} triples: {verdict} to the kgraph SHACL shapes", err=not report.conforms)
    sys.exit(EXIT_OK if report.conforms else EXIT_FAILED)
