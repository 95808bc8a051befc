"""The main job: documents in, a knowledge graph out (read -> annotate -> extract -> resolve -> graph).

Streams: documents are read lazily, annotated in batches through ``nlp.pipe``, reduced
to their mentions and relations, and folded into the graph one at a time, so memory
holds the graph and one batch of spaCy Docs, not the corpus.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import networkx as nx
from spacy.language import Language

from kgraph.extract import extract_relations
from kgraph.graph import GraphBuilder
from kgraph.types import Document, DocumentResult, Mention

#: Longest text handed to spaCy at once; longer documents are cut at paragraph or
#: sentence ends into chunks of at most this many characters (spaCy's own limit is 1,000,000).
MAX_CHUNK_CHARS = 100_000


@dataclass
class BuildStats:
    """What a build did, for the summary line."""

    documents: int = 0
    failed: list = field(default_factory=list)  # (document id, error) of documents whose extraction failed
    seconds: float = 0.0


def chunk_text(text: str, limit: int = MAX_CHUNK_CHARS) -> Iterator[tuple[str, int]]:
    """Cut ``text`` into (chunk, offset) pieces of at most ``limit`` characters at natural breaks."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind(". "), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit - 1
        yield text[start : start + cut + 1], start
        start += cut + 1
    if start < len(text) or not text:
        yield text[start:], start


def annotate_documents(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16,
                       n_process: int = 1, on_error: Callable[[Document, Exception], None] | None = None,
                       ) -> Iterator[DocumentResult]:
    """Run the pipeline and the extractors over ``documents``, yielding one DocumentResult each.

    A document whose extraction raises keeps its mentions, loses its relations, and is
    reported through ``on_error`` (logged when None); the other documents go on.
    """

    def pieces():
        for document in documents:
            for text, offset in chunk_text(document.text):
                yield text, (document, offset)

    current: DocumentResult | None = None
    for doc, (document, offset) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        if current is not None and offset == 0:
            yield current
            current = None
        if current is None:
            current = DocumentResult(document)
        doc._.kg_doc = document
        doc._.kg_offset = offset
        current.mentions.extend(
            Mention(m.entity, doc[m.start : m.end].text, offset + doc[m.start].idx, offset + doc[m.end - 1].idx + len(doc[m.end - 1]))
            for m in doc._.kg_mentions
        )
        try:
            current.relations.extend(extract_relations(doc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the run
            if on_error is None:
                logging.getLogger("kgraph.build").warning("%s: relation extraction failed: %r", document.id, exc)
            else:
                on_error(document, exc)
    if current is not None:
        yield current


def build_graph(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16, n_process: int = 1,
                progress: Callable[[DocumentResult], None] | None = None) -> tuple[nx.MultiDiGraph, BuildStats]:
    """Build the knowledge graph of ``documents``.

    Args:
        nlp: the pipeline from :func:`kgraph.annotate.load_pipeline`.
        documents: any iterable of Documents (consumed lazily).
        progress: called after each document, e.g. to advance a progress bar.

    Returns:
        The finished graph and the build statistics.
    """
    started = time.perf_counter()
    builder = GraphBuilder()
    stats = BuildStats()
    def failed(document: Document, exc: Exception) -> None:
        stats.failed.append((document.id, repr(exc)))

    for result in annotate_documents(nlp, documents, batch_size=batch_size, n_process=n_process, on_error=failed):
        builder.add(result)
        stats.documents += 1
        if progress is not None:
            progress(result)
    graph = builder.finish()
    stats.seconds = time.perf_counter() - started
    return graph, stats
