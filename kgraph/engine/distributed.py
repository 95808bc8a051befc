"""Scale-out on Dask: annotation and extraction on the workers of a ``dask.distributed`` cluster.

The client reads the documents lazily and ships them to the cluster in partitions of
``partition_size`` documents, keeping a bounded number of partitions in flight, so the
corpus is never held in memory. Each worker process loads the spaCy pipeline once (a
process-level cache keyed by model name) and returns plain :class:`~kgraph.types.DocumentResult`
records. The client puts them back in document order and folds them into the graph
through :func:`kgraph.engine.run.merge_results`, the sink the single-process build uses, so
both engines build the same graph.

Workers need the same kgraph (and spaCy model) installed as the client. Start them with
one thread each (``dask worker ADDRESS --nthreads 1``): spaCy runs one document batch at
a time per process, and more processes, not more threads, give more throughput.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from kgraph.errors import KGraphError
from kgraph.engine.parallel import WorkerExtractionError, annotate_batch, partitions
from kgraph.types import Document, DocumentResult

if TYPE_CHECKING:
    import networkx as nx
    from distributed import Client, Future
    from spacy.language import Language

    from kgraph.engine.run import BuildStats

#: Documents sent to a worker in one task.
DEFAULT_PARTITION_SIZE = 16

INSTALL_HINT = 'the Dask engine needs dask.distributed: pip install "kgraph[dask]"'

#: Serialises pipeline loading and use inside one worker process (spaCy pipelines are
#: not meant to run several batches at once from different threads).
_PIPELINE_LOCK = threading.Lock()
#: Partitions annotated by this process (read by :func:`worker_report`).
_partitions_done = 0


def require_distributed() -> None:
    """Check that ``dask.distributed`` can be imported.

    Raises:
        KGraphError: if it is not installed, with the command that installs it.
    """
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise KGraphError(INSTALL_HINT) from exc


@functools.cache
def worker_pipeline(model: str | None) -> Language:
    """The spaCy pipeline of this process, loaded on first use and kept (one per model name)."""
    from kgraph.annotate import load_pipeline

    return load_pipeline(model)


def worker_report() -> dict[str, int]:
    """What this process did: pipeline loads and partitions annotated (for ``client.run``)."""
    return {"pipeline_loads": worker_pipeline.cache_info().misses, "partitions": _partitions_done}


def annotate_partition(documents: list[Document], model: str | None, batch_size: int, prefilter: bool = True,
                       ) -> list[tuple[DocumentResult, str | None]]:
    """Task run on a worker: annotate ``documents`` with this process's cached pipeline.

    ``batch_size`` and ``prefilter`` are those of :func:`kgraph.engine.run.annotate_documents`.

    Returns:
        One (result, error) pair a document, in order; ``error`` is the ``repr`` of the
        exception that stopped its relation extraction, or None.
    """
    global _partitions_done
    with _PIPELINE_LOCK:
        results = annotate_batch(worker_pipeline(model), documents, batch_size, prefilter)
        _partitions_done += 1
    return results


def annotate_on_dask(documents: Iterable[Document], *, client: Client, model: str | None = None,
                     batch_size: int = 16, partition_size: int = DEFAULT_PARTITION_SIZE,
                     max_in_flight: int | None = None, prefilter: bool = True,
                     on_error: Callable[[Document, Exception], None] | None = None,
                     ) -> Iterator[DocumentResult]:
    """Annotate ``documents`` on a Dask cluster, yielding one DocumentResult each, in input order.

    Args:
        documents: any iterable of Documents, consumed lazily as partitions are submitted.
        client: a connected ``distributed.Client``.
        model: spaCy pipeline the workers load (default: the default model of each worker).
        batch_size: documents per ``nlp.pipe`` batch on a worker.
        partition_size: documents per task.
        max_in_flight: most partitions submitted but not yet yielded (default: twice the
            cluster's threads); bounds the memory the client holds.
        prefilter: parse only the paragraphs that can hold a relation (as in ``build_graph``).
        on_error: called with (document, error) for a document whose relation extraction
            failed on a worker (the document's mentions are kept).

    Raises:
        ValueError: if ``partition_size`` or ``max_in_flight`` is below 1.
        Exception: whatever a task raised for another reason (e.g. a worker that could
            not load the model); the partitions still in flight are cancelled.
    """
    from distributed import as_completed

    if partition_size < 1 or (max_in_flight is not None and max_in_flight < 1):
        raise ValueError("partition_size and max_in_flight must be at least 1")
    limit = max_in_flight or 2 * max(1, sum(client.nthreads().values()))
    parts = partitions(documents, partition_size)
    pending = as_completed(loop=client.loop)
    in_flight: dict[str, tuple[int, Future]] = {}
    finished: dict[int, list[tuple[DocumentResult, str | None]]] = {}
    submitted = emitted = 0
    try:
        while True:
            while submitted - emitted < limit and (part := next(parts, None)) is not None:
                future = client.submit(annotate_partition, part, model, batch_size, prefilter, pure=False)
                in_flight[future.key] = (submitted, future)
                pending.add(future)
                submitted += 1
            if emitted == submitted:
                return
            while emitted not in finished:
                future = next(pending)
                sequence, _ = in_flight.pop(future.key)
                finished[sequence] = future.result()
            for result, error in finished.pop(emitted):
                if error is not None and on_error is not None:
                    on_error(result.document, WorkerExtractionError(error))
                yield result
            emitted += 1
    finally:
        if in_flight:
            client.cancel([future for _, future in in_flight.values()])


def build_graph_on_dask(documents: Iterable[Document], *, client: Client, model: str | None = None,
                        batch_size: int = 16, partition_size: int = DEFAULT_PARTITION_SIZE,
                        progress: Callable[[DocumentResult], None] | None = None, prefilter: bool = True,
                        ) -> tuple[nx.MultiDiGraph, BuildStats]:
    """Build the knowledge graph of ``documents`` on a Dask cluster: the same graph as ``build_graph``.

    Args:
        documents: any iterable of Documents (consumed lazily).
        client: a connected ``distributed.Client``.
        model: spaCy pipeline the workers load.
        batch_size: documents per ``nlp.pipe`` batch on a worker.
        partition_size: documents per task.
        progress: called after each document is merged.
        prefilter: parse only the paragraphs that can hold a relation (as in ``build_graph``).

    Returns:
        The finished graph and the build statistics.
    """
    from kgraph.engine.run import BuildStats, merge_results

    stats = BuildStats()
    results = annotate_on_dask(documents, client=client, model=model, batch_size=batch_size,
                               partition_size=partition_size, prefilter=prefilter, on_error=stats.record_failure)
    return merge_results(results, stats=stats, progress=progress)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, n_workers: int = 2) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster started (and closed) for the run.

    Args:
        scheduler: address of a running scheduler (``tcp://HOST:8786``); None starts a
            ``LocalCluster`` of ``n_workers`` single-threaded worker processes.
        n_workers: workers of the local cluster.

    Raises:
        KGraphError: if dask.distributed is not installed or the scheduler cannot be reached.
    """
    require_distributed()
    from distributed import Client, LocalCluster

    with contextlib.ExitStack() as stack:
        if scheduler is None:
            # no dashboard; the scheduler's small HTTP server (metrics) on a free port, not 8787
            cluster = stack.enter_context(LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=None,
                                                       scheduler_kwargs={"dashboard_address": ":0"}))
            address = cluster
        else:
            address = scheduler
        try:
            client = stack.enter_context(Client(address))
        except (OSError, TimeoutError) as exc:
            raise KGraphError(f"cannot connect to the Dask scheduler at {scheduler}: {exc}") from exc
        yield client
