"""``kgraph eval``: score extraction against gold annotations."""

from __future__ import annotations

import click

from kgraph.errors import KGraphError


@click.command("eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None, help="spaCy pipeline to use.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every false positive and miss.")
@click.option("--by", "by", type=click.Choice(["relation", "family"]), default="relation", show_default=True,
              help="Also break the scores down by the items' phrase family (capabilities.jsonl).")
def eval_cli(gold_files, model, verbose, by) -> None:
    """Score extraction against gold-annotated JSONL (precision, recall, F1, traps).

    \b
    Example:
        kgraph eval ../shared/eval/dev.jsonl
        kgraph eval ../shared/eval/capabilities.jsonl --by family
    """
    from kgraph.annotate import load_pipeline
    from kgraph.evaluate.gold import evaluate, read_gold

    try:
        nlp = load_pipeline(model)
        for path in gold_files:
            report = evaluate(nlp, read_gold(path))
            click.echo(f"== {path}")
            click.echo(report.format(verbose=verbose, by_family=by == "family"))
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
