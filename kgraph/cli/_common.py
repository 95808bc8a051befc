"""What several commands share: exit statuses and result printing."""

from __future__ import annotations

import click

#: Exit statuses (also in README.md).
EXIT_OK = 0
EXIT_FAILED = 1  # the run could not do its job; no output written
EXIT_PARTIAL = 3  # outputs written, but some documents or lines were skipped
EXIT_TERMINATED = 143  # stopped by SIGTERM (128 + 15); no output written

FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                             show_default=True, help="How to print the results.")


def print_result(result, fmt: str) -> None:
    """Print a SPARQL result as an aligned table, CSV or SPARQL JSON."""
    from kgraph.query import format_table, to_csv, to_json

    click.echo({"table": format_table, "csv": to_csv, "json": to_json}[fmt](result))
