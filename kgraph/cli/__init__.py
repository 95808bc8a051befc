"""The ``kgraph`` command line: one module a command, registered here.

Each command is a thin wrapper that checks its input and calls the library; library
errors become ``Error: ...`` on stderr with exit status 1, usage errors exit 2.
Modules are imported only when their command runs, so ``kgraph query`` does not pay
for loading spaCy.
"""

from __future__ import annotations

import importlib

import click

from kgraph._version import __version__

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

#: command name -> "module:function" inside kgraph.cli (add new commands here).
COMMANDS = {
    "build": "build:build_cli",
    "query": "query:query_cli",
    "members": "query:members_cli",
    "forget": "forget:forget_cli",
    "export": "export:export_cli",
    "eval": "evaluate:eval_cli",
    "validate": "validate:validate_cli",
    "serve": "serve:serve_cli",
    "push": "push:push_cli",
    "viz": "viz:viz_cli",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        return getattr(importlib.import_module(f"kgraph.cli.{module}"), attribute)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="kgraph")
def cli() -> None:
    """kgraph: turn news articles into a geopolitical knowledge graph."""
