"""The main job: documents in, a knowledge graph out (read -> annotate -> extract -> resolve -> graph).

Streams: documents are read lazily, annotated in batches through ``nlp.pipe``, reduced
to their mentions and relations, and folded into the graph one at a time, so memory
holds the graph and one batch of spaCy Docs, not the corpus.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx
from spacy.language import Language

from kgraph.engine.parallel import annotate_in_processes, can_fork
from kgraph.engine.serial import annotate_serially, log_extraction_failure
from kgraph.graph import GraphBuilder
from kgraph.types import Document, DocumentResult

if TYPE_CHECKING:
    from kgraph.store import GraphStore


@dataclass
class BuildStats:
    """What a build did, for the summary line."""

    documents: int = 0
    failed: list = field(default_factory=list)  # (document id, error) of documents whose extraction failed
    seconds: float = 0.0
    # persistent store only (kgraph build --store): what happened to each document read
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    renamed: list = field(default_factory=list)  # (id read, id stored, file holding the id, file of the new one)

    def record_failure(self, document: Document, exc: Exception) -> None:
        """``on_error`` callback of the annotators: note a document whose extraction failed."""
        self.failed.append((document.id, repr(exc)))


def annotate_documents(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16,
                       n_process: int = 1, on_error: Callable[[Document, Exception], None] | None = None,
                       prefilter: bool = True) -> Iterator[DocumentResult]:
    """Run the pipeline and the extractors over ``documents``, yielding one DocumentResult each.

    A document whose extraction raises keeps its mentions, loses its relations, and is
    reported through ``on_error`` (logged when None); the other documents go on.
    With ``prefilter`` (the default) the full pipeline sees only the paragraphs that can
    hold a relation (see :mod:`kgraph.annotate.prefilter`); offsets are unchanged.
    With ``n_process`` above 1, forked worker processes run the whole job, prefilter and
    extraction included (see :mod:`kgraph.engine.parallel`); where processes cannot be forked,
    spaCy's own ``nlp.pipe(n_process=...)`` parallelises the pipeline alone.
    """
    on_error = on_error or log_extraction_failure
    if n_process > 1 and can_fork():
        yield from annotate_in_processes(nlp, documents, n_process=n_process, batch_size=batch_size,
                                         prefilter=prefilter, on_error=on_error)
        return
    yield from annotate_serially(nlp, documents, batch_size=batch_size, n_process=n_process,
                                 on_error=on_error, prefilter=prefilter)


def build_graph(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16, n_process: int = 1,
                progress: Callable[[DocumentResult], None] | None = None,
                prefilter: bool = True) -> tuple[nx.MultiDiGraph, BuildStats]:
    """Build the knowledge graph of ``documents``.

    Args:
        nlp: the pipeline from :func:`kgraph.annotate.load_pipeline`.
        documents: any iterable of Documents (consumed lazily).
        progress: called after each document, e.g. to advance a progress bar.

    Returns:
        The finished graph and the build statistics.
    """
    stats = BuildStats()
    results = annotate_documents(nlp, documents, batch_size=batch_size, n_process=n_process,
                                 on_error=stats.record_failure, prefilter=prefilter)
    return merge_results(results, stats=stats, progress=progress)


def merge_results(results: Iterable[DocumentResult], *, stats: BuildStats | None = None,
                  progress: Callable[[DocumentResult], None] | None = None) -> tuple[nx.MultiDiGraph, BuildStats]:
    """Fold DocumentResults into the graph, in the order given: the one sink of every engine.

    Both the single-process build and :func:`kgraph.engine.distributed.build_graph_on_dask` end
    here, so they build the same graph from the same results.

    Args:
        results: DocumentResults in document order (consumed lazily; the time spent
            producing them counts in ``stats.seconds``).
        stats: statistics to update (failures already recorded by the annotator); new when None.
        progress: called after each document.

    Returns:
        The finished graph and the build statistics.
    """
    started = time.perf_counter()
    builder = GraphBuilder()
    stats = stats if stats is not None else BuildStats()
    for result in results:
        builder.add(result)
        stats.documents += 1
        if progress is not None:
            progress(result)
    graph = builder.finish()
    stats.seconds = time.perf_counter() - started
    return graph, stats


def skip_stored(documents: Iterable[Document], store: GraphStore, stats: BuildStats) -> Iterator[Document]:
    """Drop the documents ``store`` already holds with the same text and metadata, before any NLP.

    Each dropped document counts in ``stats.documents`` and ``stats.unchanged``. A document
    whose id the store holds for a document of another file is renamed
    (:meth:`GraphStore.claim_id`) and noted in ``stats.renamed``, so both are kept.
    """
    for read in documents:
        document = store.claim_id(read)
        if store.is_current(document):
            stats.documents += 1
            stats.unchanged += 1
            continue
        if document is not read:  # noted when it is written, not on every later build
            stats.renamed.append((read.id, document.id, store.stored_source(read.id), read.source))
        yield document


def pending_documents(documents: Iterable[Document], store: GraphStore, stats: BuildStats) -> Iterator[Document] | None:
    """The documents of ``documents`` that ``store`` does not hold as they are, or None if there is none.

    Checks documents against the store (see :func:`skip_stored`) until the first one that
    needs annotating, so a caller can load the spaCy pipeline only when there is work
    for it: a rebuild where every document is unchanged never loads the model.
    """
    pending = skip_stored(documents, store, stats)
    first = next(pending, None)
    return None if first is None else itertools.chain([first], pending)


def store_results(results: Iterable[DocumentResult], store: GraphStore, *, stats: BuildStats | None = None,
                  progress: Callable[[DocumentResult], None] | None = None) -> BuildStats:
    """Write DocumentResults into a persistent store, one atomic transaction per document.

    A document whose extraction failed (in ``stats.failed``) is not written, so the store
    keeps its previous version and the next build tries it again.

    Args:
        results: DocumentResults (consumed lazily).
        store: The open store.
        stats: statistics to update; new when None.
        progress: called after each document.

    Returns:
        The statistics, with ``added``, ``replaced`` and ``unchanged`` counted.

    Raises:
        StoreError: If a write fails (documents written before it stay).
    """
    started = time.perf_counter()
    stats = stats if stats is not None else BuildStats()
    for result in results:
        if all(doc_id != result.document.id for doc_id, _ in stats.failed):
            outcome = store.add(result)
            setattr(stats, outcome, getattr(stats, outcome) + 1)
        stats.documents += 1
        if progress is not None:
            progress(result)
    stats.seconds += time.perf_counter() - started
    return stats


def build_store(nlp: Language | Callable[[], Language], documents: Iterable[Document], store: GraphStore, *,
                batch_size: int = 16, n_process: int = 1, progress: Callable[[DocumentResult], None] | None = None,
                prefilter: bool = True) -> BuildStats:
    """Build incrementally into a persistent store: unchanged documents skip the pipeline.

    Args:
        nlp: the pipeline from :func:`kgraph.annotate.load_pipeline`, or a function
            without arguments that returns it: it is called only if some document is new
            or changed, so a rebuild of an unchanged corpus does not load the model.
        documents: any iterable of Documents (consumed lazily).
        store: The open :class:`kgraph.store.GraphStore`.
        progress: called after each annotated document.

    Returns:
        The build statistics.

    Raises:
        StoreError: If a write fails.
    """
    stats = BuildStats()
    pending = pending_documents(documents, store, stats)
    if pending is None:
        return stats
    if not isinstance(nlp, Language):
        nlp = nlp()
    results = annotate_documents(nlp, pending, batch_size=batch_size, n_process=n_process,
                                 on_error=stats.record_failure, prefilter=prefilter)
    return store_results(results, store, stats=stats, progress=progress)
