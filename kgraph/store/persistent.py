"""A persistent knowledge-graph store: Oxigraph's embedded RocksDB store, one named graph per document.

Layout. Everything one document contributes lives in its OWN named graph, named by
:func:`kgraph.rdf.namespace.document_iri` (the IRI of the document node itself): the document
(``dcterms:identifier``, title, date, url, ``kg:contentHash``), the entities it mentions
(type, label, ``owl:sameAs``, ``skos:altLabel``, ``kg:documentMentionCount``), one
``kg:RelationStatement`` per evidence item, and the plain triples of its asserted
relations, all produced by :func:`kgraph.export.rdf.to_rdf` on a one-document graph.
Corpus-wide aggregates (``kg:mentionCount``, ``kg:edgeConfidence``, ``kg:evidenceCount``)
are not stored: they are recomputed by :meth:`GraphStore.to_networkx`, which also merges
people known by surname only across documents.

The default graph holds the union of the document graphs as a set: every triple that at
least one document graph holds, once. It is kept up to date in the same transaction as the
document graphs (a document's triples are added to it; when a document is replaced or
forgotten, those of its triples that no other document graph holds are taken out of it).
Queries run on it, so a fact stays asserted while at least one document supports it,
forgetting a document removes its evidence and every edge no other document supports, and
a query sees each triple once however many documents state it (a union computed at query
time would repeat an entity's label once per document mentioning it, and joins over such
repeats explode).

Memory. Oxigraph opens RocksDB with large write buffers (128 MiB per column family, up
to six of them, for about a dozen column families), so a long build would keep gigabytes
of recent writes in memory until RocksDB decided to flush them. :class:`GraphStore` flushes
after every :data:`FLUSH_EVERY_BYTES` of written N-Triples instead, which keeps a build's
memory flat however many documents it adds.

Atomicity. A document is written by ONE SPARQL update (withdrawal of its old version from
the default graph, ``DROP SILENT GRAPH`` of it, ``INSERT DATA`` of the new one, ``ADD`` of
it to the default graph), which Oxigraph applies as a single transaction: after a crash a
document is either fully present (old or new version) or absent, never half-written, and
the default graph is the union of the document graphs.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import DCTERMS, Graph, Literal, URIRef

from kgraph.errors import StoreError
from kgraph.export.rdf import to_rdf
from kgraph.graph import GraphBuilder, canonical_order, combined_confidence
from kgraph.rdf.namespace import KG, WD, document_iri
from kgraph.query.sparql import DEFAULT_TIMEOUT_S, QueryResult, members, run_query
from kgraph.resolve.people import merge_people
from kgraph.types import Document, DocumentResult

__all__ = ["ADDED", "REPLACED", "UNCHANGED", "GraphStore", "content_hash", "document_graph"]

#: Outcomes of :meth:`GraphStore.add`.
ADDED, REPLACED, UNCHANGED = "added", "replaced", "unchanged"

#: Flush the store's write buffers to disk after this many bytes of document triples
#: (about a thousand news articles); bounds the memory a long build holds in RocksDB.
FLUSH_EVERY_BYTES = 16 * 2**20

#: Statement triples that only make sense over the whole corpus; recomputed on export.
_CORPUS_AGGREGATES = (KG.edgeConfidence, KG.evidenceCount)
_HASH = ox.NamedNode(str(KG.contentHash))
_IDENTIFIER = ox.NamedNode(str(DCTERMS.identifier))
_SOURCE = ox.NamedNode(str(DCTERMS.source))

_DOCUMENTS = """
SELECT ?g ?id ?title ?date ?url WHERE { GRAPH ?g {
  ?g dcterms:identifier ?id .
  OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:date ?date } OPTIONAL { ?g schema:url ?url }
} }
"""
_ENTITIES = """
SELECT DISTINCT ?entity ?type ?label ?wikidata ?inReference WHERE { GRAPH ?g {
  ?entity kg:documentMentionCount ?n ; a ?class ; rdfs:label ?label .
  BIND(STRAFTER(STR(?class), STR(kg:)) AS ?type)
  OPTIONAL { ?entity owl:sameAs ?wikidata }
  OPTIONAL { ?entity kg:inReferenceData ?inReference }
} }
"""
_MENTIONS = """
SELECT ?entity (SUM(?n) AS ?mentions) WHERE { GRAPH ?g { ?entity kg:documentMentionCount ?n } } GROUP BY ?entity
"""
_ALIASES = "SELECT DISTINCT ?entity ?alias WHERE { GRAPH ?g { ?entity skos:altLabel ?alias } }"
_STATEMENTS = """
SELECT ?g ?subject ?predicate ?object ?status ?confidence ?rule ?sentence ?start ?end ?date WHERE { GRAPH ?g {
  ?statement a kg:RelationStatement ; rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;
             kg:status ?status ; kg:confidence ?confidence ; kg:rule ?rule ; kg:sentence ?sentence ;
             kg:startOffset ?start ; kg:endOffset ?end .
  OPTIONAL { ?statement dcterms:date ?date }
} }
"""
_COUNTS = {
    "documents": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g kg:contentHash ?h } }",
    "entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kg:documentMentionCount ?c }",
    "asserted": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?st rdf:subject ?s ; "
                "rdf:predicate ?p ; rdf:object ?o ; kg:status kg:asserted } }",
    "statements": "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a kg:RelationStatement }",
}


def content_hash(document: Document, pipeline: str = "") -> str:
    """The SHA-256 (hex) of a document's text, title, date and url, and of the pipeline reading it.

    Args:
        document: A document as read, before any NLP.
        pipeline: The :func:`kgraph.annotate.pipeline_fingerprint` of the pipeline that
            extracts it ("" when the caller does not track pipelines).

    Returns:
        64 hex digits; equal for documents whose stored triples would be equal.
    """
    payload = json.dumps([document.text, document.title, document.date, document.url, pipeline], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def source_file(document: Document) -> str | None:
    """The absolute path of the file a document was read from (without a JSONL line number); None for stdin."""
    source = document.source
    if not source or source.startswith("<"):
        return None
    path, _, line = source.rpartition(":")
    return os.path.abspath(path if path and line.isdigit() else source)


def document_graph(result: DocumentResult, digest: str | None = None) -> Graph:
    """The triples one document contributes to a store (its named graph's content).

    Args:
        result: The document's mentions and relations.
        digest: Its :func:`content_hash` (computed when None).

    Returns:
        An rdflib graph: :func:`kgraph.export.rdf.to_rdf` of the one-document graph, without
        corpus aggregates, with ``kg:documentMentionCount``, ``dcterms:identifier`` and
        ``kg:contentHash``.

    Raises:
        InputError: If the result breaks the kgraph contract (see :func:`to_rdf`).
    """
    builder = GraphBuilder()
    builder.add(result)
    graph = to_rdf(builder.finish(resolve_people=False))
    for predicate in _CORPUS_AGGREGATES:
        graph.remove((None, predicate, None))
    for entity, count in list(graph.subject_objects(KG.mentionCount)):
        graph.remove((entity, KG.mentionCount, count))
        graph.add((entity, KG.documentMentionCount, count))
    node = URIRef(document_iri(result.document.id))
    graph.add((node, DCTERMS.identifier, Literal(result.document.id)))
    if (source := source_file(result.document)) is not None:
        graph.add((node, DCTERMS.source, Literal(source)))
    graph.add((node, KG.contentHash, Literal(digest or content_hash(result.document))))
    return graph


#: SPARQL Update: take out of the default graph the triples of graph <{iri}> that no other graph holds.
_WITHDRAW = """DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH <{iri}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{iri}>) }}
}}"""
#: SPARQL Update: fill the default graph of a store written before it was kept (kgraph 0.1 stores).
_MATERIALISE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def is_store_directory(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` holds an Oxigraph (RocksDB) store: its ``CURRENT`` and ``MANIFEST-*`` files."""
    folder = os.fspath(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return "CURRENT" in names and any(name.startswith("MANIFEST-") for name in names)


def _open_failure(path: str, exc: BaseException) -> str:
    """A message naming why a store did not open: lock, corruption, full disk, permissions, or else."""
    return f"cannot open the store {path}: {_cause(exc, 'the store could not be read')} ({str(exc).strip()})"


def _cause(exc: BaseException, otherwise: str) -> str:
    """What an error of RocksDB or the file system means for the user."""
    lowered = str(exc).lower()
    if "lock" in lowered:
        return "it is locked by another process writing to it (another kgraph build, forget or serve)"
    if "corrupt" in lowered or "checksum" in lowered:
        return "its files are corrupted; restore a backup, or rebuild it into a new folder"
    if "no space" in lowered or getattr(exc, "errno", None) == errno.ENOSPC:
        return "the disk is full"
    if "permission" in lowered or getattr(exc, "errno", None) in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return otherwise


class _UnionView:
    """A read view of an Oxigraph store whose default graph is the union of its named graphs."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    def query(self, query: str, **options: Any) -> Any:
        options.setdefault("use_default_graph_as_union", True)
        return self._store.query(query, **options)


class GraphStore:
    """An on-disk, incremental knowledge-graph store (a plain Oxigraph store directory).

    Args:
        path: The store directory; created when missing unless ``read_only``.
        read_only: Open without taking the write lock (several readers may share the
            directory; do not read while a build writes to it).
        flush_every_bytes: Write buffers are flushed to disk after this many bytes of
            document triples (see the module's "Memory" note).
        pipeline: The :func:`kgraph.annotate.pipeline_fingerprint` of the pipeline whose
            results are added; a document stored by a different pipeline is not current
            and is extracted again (``kgraph build --store`` passes it).

    Raises:
        StoreError: If the directory cannot be opened (missing when read-only, locked by
            another writer, not an Oxigraph store).

    Example:
        >>> store = GraphStore("out/store")  # doctest: +SKIP
        >>> store.members("CSTO").rows  # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False,
                 flush_every_bytes: int = FLUSH_EVERY_BYTES, pipeline: str = "") -> None:
        self.path = os.fspath(path)
        self.read_only = read_only
        if read_only and not os.path.isdir(self.path):
            raise StoreError(f"no store at {self.path}: build one with kgraph build ... --store {self.path}")
        if os.path.isdir(self.path) and not is_store_directory(self.path) and any(os.scandir(self.path)):
            raise StoreError(f"{self.path} is a folder with files in it but not a kgraph store; "
                             "give an empty or new folder for --store")
        try:
            self._store: ox.Store | None = ox.Store.read_only(self.path) if read_only else ox.Store(self.path)
        except (OSError, RuntimeError, ValueError) as exc:
            raise StoreError(_open_failure(self.path, exc)) from exc
        self.flush_every_bytes = flush_every_bytes
        # A store written before the default graph was kept has named graphs only: fill its
        # default graph on a read-write open; read-only, query the union at query time.
        self._legacy_union = False
        if self._has_named_graphs() and not self._has_default_graph():
            if read_only:
                self._legacy_union = True
            else:
                self._update(_MATERIALISE)
        self.pipeline = pipeline
        self._unflushed_bytes = 0

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying Oxigraph store: one named graph a document, their union as the default graph."""
        if self._store is None:
            raise StoreError(f"the store {self.path} is closed")
        return self._store

    def stored_hash(self, doc_id: str) -> str | None:
        """The content hash of the stored version of a document, or None if it is absent."""
        graph = ox.NamedNode(document_iri(doc_id))
        for quad in self.oxigraph.quads_for_pattern(graph, _HASH, None, graph):
            return quad.object.value
        return None

    def stored_source(self, doc_id: str) -> str | None:
        """The file the stored version of a document was read from, or None (absent, stdin, older store)."""
        graph = ox.NamedNode(document_iri(doc_id))
        for quad in self.oxigraph.quads_for_pattern(graph, _SOURCE, None, graph):
            return quad.object.value
        return None

    def claim_id(self, document: Document) -> Document:
        """The document as it may enter the store: renamed when another file's document holds its id.

        Two unrelated files can give one id (two ``wire.jsonl`` without ``id`` fields, two
        ``news.txt`` in folders of one name). The stored one is kept; the new one gets the
        id ``ID~HASH`` (8 hex digits of its file's path), the same on every build.

        Returns:
            ``document`` itself, or a copy with the new id (compare ``.id`` to know).
        """
        stored = self.stored_source(document.id)
        source = source_file(document)
        if stored is None or source is None or stored == source:
            return document
        suffix = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        return dataclasses.replace(document, id=f"{document.id}~{suffix}")

    def is_current(self, document: Document) -> bool:
        """True if the store holds this document with the same text and metadata, extracted by
        the same pipeline (skip its NLP)."""
        return self.stored_hash(document.id) == content_hash(document, self.pipeline)

    def add(self, result: DocumentResult) -> str:
        """Add or replace one document's contribution, atomically.

        Args:
            result: The document's mentions and relations.

        Returns:
            :data:`ADDED`, :data:`REPLACED` (its text or metadata, or the pipeline, changed) or
            :data:`UNCHANGED` (same id and hash: nothing is written).

        Raises:
            InputError: If the result breaks the kgraph contract.
            StoreError: If the write fails; the store then holds the previous version.
        """
        document = result.document
        digest = content_hash(document, self.pipeline)
        previous = self.stored_hash(document.id)
        if previous == digest:
            return UNCHANGED
        body = document_graph(result, digest).serialize(format="nt", encoding="utf-8").decode("utf-8")
        iri = document_iri(document.id)
        self._update(f"{_WITHDRAW.format(iri=iri)} ;\nDROP SILENT GRAPH <{iri}> ;\n"
                     f"INSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }} ;\nADD <{iri}> TO DEFAULT")
        self._unflushed_bytes += len(body)
        if self._unflushed_bytes >= self.flush_every_bytes:
            self.flush()
        return ADDED if previous is None else REPLACED

    def forget(self, doc_id: str) -> bool:
        """Remove a document with its evidence; edges no other document supports go with it.

        Args:
            doc_id: The document id as read (file name or JSONL ``id``).

        Returns:
            True if the document was in the store.

        Raises:
            StoreError: If the write fails.
        """
        if self.stored_hash(doc_id) is None:
            return False
        iri = document_iri(doc_id)
        self._update(f"{_WITHDRAW.format(iri=iri)} ;\nDROP SILENT GRAPH <{iri}>")
        return True

    def documents(self) -> list[str]:
        """The ids of the stored documents, sorted."""
        return sorted(
            quad.object.value
            for quad in self.oxigraph.quads_for_pattern(None, _IDENTIFIER, None, None)
            if quad.subject == quad.graph_name
        )

    def query(self, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT_S,
              allow_service: Iterable[str] = ()) -> QueryResult:
        """Run a SPARQL query over the union of the document graphs (the default graph), inside the store.

        Args:
            sparql: The query (checked first, see :func:`kgraph.query.run_query`).
            timeout: Seconds to wait for the answer; None or 0 without limit.
            allow_service: Hosts a ``SERVICE`` clause may call; none by default.

        Raises:
            QueryRefused: If the query is too large, too deeply nested or calls a SERVICE.
            QueryTimeout: If the answer did not come in time.
            QueryError: If the query is invalid or fails.
        """
        return run_query(self._query_target(), sparql, timeout=timeout, allow_service=allow_service)

    def members(self, name: str, *, timeout: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
        """The asserted members of the organisation named ``name`` (see :func:`kgraph.query.members`).

        Raises:
            QueryError: If ``name`` cannot be turned into an RDF literal.
        """
        return members(self._query_target(), name, timeout=timeout)

    def counts(self) -> dict[str, int]:
        """Documents, entities, distinct asserted relations and statements in the store."""
        return {name: int(self.query(sparql, timeout=None).rows[0][0] or 0) for name, sparql in _COUNTS.items()}

    def to_networkx(self) -> nx.MultiDiGraph:
        """Rebuild the in-memory graph (the :class:`~kgraph.graph.GraphBuilder` contract) from the store.

        Mention counts are summed over documents, aliases united, people known by surname
        only merged across documents, and edge confidences recomputed (noisy-or over the
        evidence of all documents), as an in-memory build of the same documents does.

        Raises:
            QueryError: If the store cannot be read.
        """
        documents = self._documents()
        graph = nx.MultiDiGraph(documents={doc_id: data for doc_id, data in sorted(documents.values(), key=lambda item: item[0])})
        self._add_entities(graph)
        self._add_statements(graph, documents)
        merge_people(graph)
        graph = canonical_order(graph)
        for _, _, data in graph.edges(data=True):
            data["confidence"] = combined_confidence(e["confidence"] for e in data["evidence"])
        return graph

    def flush(self) -> None:
        """Make sure every write is on disk.

        Raises:
            StoreError: If the flush fails.
        """
        try:
            self.oxigraph.flush()
            self._unflushed_bytes = 0
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot flush the store {self.path}: {_cause(exc, 'write failed')} ({exc})") from exc

    def close(self) -> None:
        """Flush and release the store (and its lock); the object cannot be used afterwards.

        Raises:
            StoreError: If the flush fails.
        """
        if self._store is not None and not self.read_only:
            self.flush()
        self._store = None

    def _query_target(self) -> ox.Store | _UnionView:
        """What queries run on: the store, whose default graph is the union of the documents."""
        return _UnionView(self.oxigraph) if self._legacy_union else self.oxigraph

    def _has_named_graphs(self) -> bool:
        return next(iter(self.oxigraph.named_graphs()), None) is not None

    def _has_default_graph(self) -> bool:
        return next(iter(self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None

    def _update(self, sparql: str) -> None:
        try:
            self.oxigraph.update(sparql)
        except (OSError, RuntimeError, SyntaxError) as exc:
            raise StoreError(f"cannot write to the store {self.path}: {_cause(exc, 'write failed')} ({exc})") from exc

    def _rows(self, sparql: str) -> list[tuple]:
        return run_query(self.oxigraph, sparql, timeout=None).rows

    def _documents(self) -> dict[str, tuple[str, dict]]:
        """Graph IRI -> (document id, document attributes)."""
        return {
            graph: (doc_id, {"title": title, "date": date, "url": url, "source": None})
            for graph, doc_id, title, date, url in self._rows(_DOCUMENTS)
        }

    def _add_entities(self, graph: nx.MultiDiGraph) -> None:
        for entity, kind, label, wikidata, in_reference in sorted(
            self._rows(_ENTITIES), key=lambda row: tuple(map(str, row))
        ):
            if entity not in graph:
                qid = wikidata.removeprefix(str(WD)) if isinstance(wikidata, str) else None
                graph.add_node(entity, label=label, type=kind, wikidata=qid, aliases=set(), mentions=0)
                if in_reference is not None and str(in_reference).lower() in ("false", "0"):
                    graph.nodes[entity]["in_reference_data"] = False
        for entity, mentions in self._rows(_MENTIONS):
            graph.nodes[entity]["mentions"] = int(mentions)
        for entity, alias in self._rows(_ALIASES):
            graph.nodes[entity]["aliases"].add(alias)
        for _, data in graph.nodes(data=True):
            data["aliases"] = sorted(data["aliases"] - {data["label"]})

    def _add_statements(self, graph: nx.MultiDiGraph, documents: dict[str, tuple[str, dict]]) -> None:
        grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for g, subject, predicate, obj, status, confidence, rule, sentence, start, end, date in self._rows(_STATEMENTS):
            doc_id, document = documents[g]
            name, state = predicate.removeprefix(str(KG)), status.removeprefix(str(KG))
            grouped[(subject, obj, f"{name}|{state}")].append({
                "doc_id": doc_id, "sentence": sentence, "start": int(start), "end": int(end), "rule": rule,
                "confidence": float(confidence), "date": date, "url": document["url"],
            })
        for (subject, obj, key), evidence in sorted(grouped.items()):
            name, state = key.split("|")
            graph.add_edge(subject, obj, key, predicate=name, status=state, confidence=0.0, evidence=evidence)
