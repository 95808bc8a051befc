"""Scale-up on one machine: annotation AND extraction in worker processes (``--workers N``).

spaCy's own ``nlp.pipe(n_process=N)`` parallelises only the pipeline: every Doc is
serialised back to the parent, which then runs kgraph's prefilter and extractors alone,
so with the prefilter on (most text never reaches the parser) a second process gained
almost nothing (1.03x on 2 cores). Here each worker runs the whole per-document job,
:func:`kgraph.engine.serial.annotate_serially` on a partition of documents, and sends back only
the small :class:`~kgraph.types.DocumentResult` records.

Workers are forked from the parent, as spaCy's own multiprocessing does on Linux, so they
share the loaded pipeline instead of loading it again. The parent reads the documents
lazily and keeps a bounded number of partitions in flight; results come back in input
order, so the graph equals the one-process graph.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING

from kgraph.engine.serial import annotate_serially, log_extraction_failure
from kgraph.types import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language

_PR_SET_PDEATHSIG = 1  # prctl option, <sys/prctl.h>
#: The pipeline the forked workers inherit (set in the parent just before the pool starts).
_worker_nlp: Language | None = None


class WorkerExtractionError(Exception):
    """Relation extraction failed in another process; its ``repr`` is the original error's ``repr``."""

    def __init__(self, original: str) -> None:
        super().__init__(original)
        self.original = original

    def __repr__(self) -> str:
        return self.original


def can_fork() -> bool:
    """True where worker processes can be forked (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def annotate_in_processes(nlp: Language, documents: Iterable[Document], *, n_process: int, batch_size: int = 16,
                          prefilter: bool = True, on_error: Callable[[Document, Exception], None] | None = None,
                          ) -> Iterator[DocumentResult]:
    """Annotate ``documents`` in ``n_process`` forked workers, yielding DocumentResults in input order.

    Args:
        nlp: the pipeline (shared with the workers by fork, not reloaded).
        documents: any iterable of Documents, consumed lazily.
        n_process: worker processes (at least 1).
        batch_size: documents per ``nlp.pipe`` batch and per task.
        prefilter: as in :func:`kgraph.engine.run.annotate_documents`.
        on_error: called with (document, error) for a document whose relation extraction
            failed in a worker (its mentions are kept).

    Raises:
        Exception: whatever a task raised for another reason (the other tasks are cancelled).
    """
    global _worker_nlp
    report = on_error or log_extraction_failure
    _worker_nlp = nlp
    parts = partitions(documents, max(1, batch_size))
    in_flight: deque[Future] = deque()
    executor = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_follow_parent, initargs=(os.getpid(),))
    try:
        while True:
            while len(in_flight) < 2 * n_process and (part := next(parts, None)) is not None:
                in_flight.append(executor.submit(_annotate_partition, part, batch_size, prefilter))
            if not in_flight:
                return
            for result, error in in_flight.popleft().result():
                if error is not None:
                    report(result.document, WorkerExtractionError(error))
                yield result
    finally:
        executor.shutdown(wait=not in_flight, cancel_futures=True)
        _worker_nlp = None


def _follow_parent(parent: int) -> None:
    """In a worker (Linux): be killed when the parent dies, even by SIGKILL, instead of waiting forever for work."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def annotate_batch(nlp: Language, documents: list[Document], batch_size: int = 16, prefilter: bool = True,
                   ) -> list[tuple[DocumentResult, str | None]]:
    """Annotate a list of documents for another process: (result, error) pairs, in order.

    ``error`` is the ``repr`` of the exception that stopped a document's relation
    extraction (re-raised on the other side as :class:`WorkerExtractionError`), or None.
    """
    failures: dict[int, str] = {}

    def failed(document: Document, exc: Exception) -> None:
        failures[id(document)] = repr(exc)

    results = annotate_serially(nlp, documents, batch_size=batch_size, on_error=failed, prefilter=prefilter)
    return [(result, failures.get(id(result.document))) for result in results]


def _annotate_partition(documents: list[Document], batch_size: int, prefilter: bool,
                        ) -> list[tuple[DocumentResult, str | None]]:
    """Task run in a forked worker, with the pipeline it inherited."""
    return annotate_batch(_worker_nlp, documents, batch_size, prefilter)


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Lists of ``size`` documents (the last one shorter), read lazily from ``documents``."""
    iterator = iter(documents)
    while part := list(islice(iterator, size)):
        yield part
