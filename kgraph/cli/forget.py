"""``kgraph forget``: remove documents, with their evidence, from a persistent store."""

from __future__ import annotations

import sys

import click

from kgraph.cli._common import EXIT_PARTIAL
from kgraph.errors import KGraphError


@click.command("forget")
@click.argument("doc_ids", nargs=-1, required=True)
@click.option("--store", "store_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Store directory written by kgraph build --store.")
def forget_cli(doc_ids, store_dir) -> None:
    """Remove documents from a store; relations no other document supports go with them.

    Exits with status 3 if some id was not in the store.

    \b
    Example:
        kgraph forget csto_summit --store out/store
    """
    from kgraph.store import GraphStore

    missing = []
    try:
        with GraphStore(store_dir) as store:
            for doc_id in doc_ids:
                if store.forget(doc_id):
                    click.echo(f"forgot {doc_id}")
                else:
                    missing.append(doc_id)
                    click.echo(f"warning: {doc_id} is not in {store_dir}", err=True)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    if missing:
        sys.exit(EXIT_PARTIAL)
