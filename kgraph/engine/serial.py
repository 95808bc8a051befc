"""One process: the per-document job (prefilter, spaCy pipeline, extraction) run here, in order.

The building block of every engine: :func:`kgraph.engine.run.annotate_documents` calls it
directly for one process, and each forked worker of :mod:`kgraph.engine.parallel` (and so
each Dask worker of :mod:`kgraph.engine.distributed`) calls it on its partition. It imports
no other engine, so the engines depend on it and never on each other in a circle.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from kgraph.annotate.prefilter import prefilter_for
from kgraph.extract import extract_relations
from kgraph.read.invisible import OffsetMap, strip_invisible
from kgraph.types import Document, DocumentResult, Mention, Relation

if TYPE_CHECKING:
    from spacy.language import Language

#: Longest text handed to spaCy at once; longer documents are cut at paragraph or
#: sentence ends into chunks of at most this many characters (spaCy's own limit is 1,000,000).
MAX_CHUNK_CHARS = 100_000


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


def log_extraction_failure(document: Document, exc: Exception) -> None:
    """The default ``on_error``: log a document whose relation extraction failed."""
    logging.getLogger("kgraph.run").warning("%s: relation extraction failed: %r", document.id, exc)


def annotate_serially(nlp: Language, documents: Iterable[Document], *, batch_size: int = 16, n_process: int = 1,
                      on_error: Callable[[Document, Exception], None] | None = None,
                      prefilter: bool = True) -> Iterator[DocumentResult]:
    """Annotate ``documents`` in this process, yielding one DocumentResult each, in input order.

    Arguments as in :func:`kgraph.engine.run.annotate_documents`, except that ``n_process``
    goes to spaCy's own ``nlp.pipe(n_process=...)`` (the fallback where processes cannot
    be forked): it parallelises the pipeline alone, not the extraction.
    """
    on_error = on_error or log_extraction_failure
    select = prefilter_for(nlp).select if prefilter else None

    def pieces():
        for document in documents:
            for text, offset in chunk_text(document.text):
                text, offsets = strip_invisible(text)  # soft hyphens, zero-width and bidi characters
                yield (select(text) if select else text), (document, offset, offsets)

    current: DocumentResult | None = None
    for doc, (document, offset, offsets) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size,
                                                      n_process=n_process):
        if current is not None and offset == 0:
            yield current
            current = None
        if current is None:
            current = DocumentResult(document)
        doc._.kg_doc = document
        doc._.kg_offset = offset
        current.mentions.extend(
            _mention(m.entity, doc[m.start : m.end], offset, offsets) for m in doc._.kg_mentions
        )
        try:
            relations = extract_relations(doc)
            current.relations.extend(relations if offsets is None else
                                     [_in_original(relation, document, offset, offsets) for relation in relations])
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the run
            on_error(document, exc)
    if current is not None:
        yield current


def _mention(entity, span, offset: int, offsets: OffsetMap | None) -> Mention:
    """A mention with offsets in the document text as read (before invisible characters were removed)."""
    start, end = span.start_char, span.end_char
    if offsets is not None:
        start, end = offsets.start(start), offsets.end(end)
    return Mention(entity, span.text, offset + start, offset + end)


def _in_original(relation: Relation, document: Document, offset: int, offsets: OffsetMap) -> Relation:
    """``relation`` with its evidence offsets and sentence taken from the document text as read."""
    evidence = relation.evidence
    start = offset + offsets.start(evidence.start - offset)
    end = offset + offsets.end(evidence.end - offset)
    return dataclasses.replace(relation, evidence=dataclasses.replace(
        evidence, start=start, end=end, sentence=document.text[start:end]))
