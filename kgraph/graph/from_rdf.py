"""Read kgraph RDF back into the in-memory graph contract (a networkx MultiDiGraph).

The inverse of :func:`kgraph.export.rdf.to_rdf`: entities come from their ``kg:`` class,
``rdfs:label``, ``skos:altLabel``, ``owl:sameAs wd:...`` and ``kg:mentionCount``; edges
and their evidence come from the ``kg:RelationStatement`` nodes (one per evidence item),
so relations of every status are recovered, not only the asserted plain triples.
Parsing and querying is done by Oxigraph, which reads every serialisation kgraph writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from urllib.parse import unquote

import networkx as nx
from rdflib import Graph

from kgraph.graph.builder import combined_confidence
from kgraph.rdf.namespace import KG, KGR, WD
from kgraph.query.sparql import load_store, run_query
from kgraph.types import ENTITY_TYPES

__all__ = ["from_rdf", "read_rdf"]

_ENTITIES = """
SELECT ?entity ?class ?label ?sameAs ?mentions ?inReference WHERE {
  ?entity a ?class .
  FILTER(?class IN (%s))
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity owl:sameAs ?sameAs . FILTER(STRSTARTS(STR(?sameAs), STR(wd:))) }
  OPTIONAL { ?entity kg:mentionCount ?mentions }
  OPTIONAL { ?entity kg:inReferenceData ?inReference }
}
""" % ", ".join(f"kg:{kind}" for kind in ENTITY_TYPES)

_ALIASES = "SELECT ?entity ?alias WHERE { ?entity skos:altLabel ?alias }"

_STATEMENTS = """
SELECT ?subject ?predicate ?object ?status ?edgeConfidence ?confidence ?rule ?sentence ?start ?end ?document ?date
WHERE {
  ?statement a kg:RelationStatement ;
             rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ; kg:status ?status .
  OPTIONAL { ?statement kg:edgeConfidence ?edgeConfidence }
  OPTIONAL { ?statement kg:confidence ?confidence }
  OPTIONAL { ?statement kg:rule ?rule }
  OPTIONAL { ?statement kg:sentence ?sentence }
  OPTIONAL { ?statement kg:startOffset ?start }
  OPTIONAL { ?statement kg:endOffset ?end }
  OPTIONAL { ?statement prov:wasDerivedFrom ?document }
  OPTIONAL { ?statement dcterms:date ?date }
}
"""

_DOCUMENTS = """
SELECT ?document ?title ?date ?url WHERE {
  ?document a kg:Document .
  OPTIONAL { ?document dcterms:title ?title }
  OPTIONAL { ?document dcterms:date ?date }
  OPTIONAL { ?document schema:url ?url }
}
"""


def read_rdf(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> nx.MultiDiGraph:
    """Read one or several RDF files written by kgraph into one graph.

    Args:
        paths: A file or files (``.ttl .nt .jsonld .trig .nq .rdf .owl``).

    Returns:
        The graph, as :class:`kgraph.graph.GraphBuilder` would have built it.

    Raises:
        UnknownFormatError: If a file extension is not an RDF format.
        InputError: If a file cannot be read or is not valid RDF.
    """
    return from_rdf(paths)


def from_rdf(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Graph) -> nx.MultiDiGraph:
    """Turn kgraph RDF (files or an rdflib graph) into the networkx graph contract.

    Nodes get ``label``, ``type``, ``wikidata``, ``aliases`` (sorted) and ``mentions``;
    edges are keyed ``"<predicate>|<status>"`` with ``predicate``, ``status``,
    ``confidence`` and ``evidence`` (dicts with ``doc_id``, ``sentence``, ``start``,
    ``end``, ``rule``, ``confidence``, ``date``, ``url``, sorted by document and offset);
    ``G.graph["documents"]`` maps document ids to ``title``, ``date``, ``url``, ``source``.

    Args:
        source: What :func:`kgraph.query.load_store` accepts: RDF file(s) or an rdflib graph.

    Returns:
        The graph.

    Raises:
        UnknownFormatError: If a file extension is not an RDF format.
        InputError: If a file cannot be read or is not valid RDF.
    """
    store = load_store(source)
    graph = nx.MultiDiGraph(documents=_documents(store))
    _add_entities(graph, store)
    _add_statements(graph, store)
    return graph


def doc_id_of(iri: str) -> str:
    """Recover a document id from the IRI minted by :func:`kgraph.rdf.namespace.document_iri`."""
    prefix = f"{KGR}doc/"
    return unquote(iri[len(prefix):], errors="surrogatepass") if iri.startswith(prefix) else iri


def _local(iri: object, namespace: object) -> str | None:
    text, base = str(iri), str(namespace)
    return text[len(base):] if text.startswith(base) else None


def _documents(store) -> dict[str, dict]:
    documents: dict[str, dict] = {}
    for iri, title, date, url in run_query(store, _DOCUMENTS, timeout=None).rows:
        documents[doc_id_of(iri)] = {"title": title, "date": date, "url": url, "source": None}
    return documents


def _add_entities(graph: nx.MultiDiGraph, store) -> None:
    for entity, kind, label, same_as, mentions, in_reference in sorted(run_query(store, _ENTITIES, timeout=None).rows,
                                                                      key=_row_key):
        if entity in graph:  # several types or labels: keep the first in sorted order
            continue
        graph.add_node(entity, label=label if label is not None else entity, type=_local(kind, KG),
                       wikidata=_local(same_as, WD) if same_as else None, aliases=[],
                       mentions=int(mentions) if mentions is not None else 0)
        if in_reference is not None and str(in_reference).lower() in ("false", "0"):
            graph.nodes[entity]["in_reference_data"] = False
    for entity, alias in sorted(run_query(store, _ALIASES, timeout=None).rows):
        if entity in graph and alias not in graph.nodes[entity]["aliases"]:
            graph.nodes[entity]["aliases"].append(str(alias))


def _add_statements(graph: nx.MultiDiGraph, store) -> None:
    documents = graph.graph["documents"]
    aggregates: dict[tuple[str, str, str], float] = {}
    for row in sorted(run_query(store, _STATEMENTS, timeout=None).rows, key=_row_key):
        subject, predicate_iri, obj, status_iri, edge_confidence, confidence, rule, sentence, start, end, doc, date = row
        predicate, status = _local(predicate_iri, KG), _local(status_iri, KG)
        if predicate is None or status is None or subject not in graph or obj not in graph:
            continue
        key = f"{predicate}|{status}"
        if not graph.has_edge(subject, obj, key):
            graph.add_edge(subject, obj, key, predicate=predicate, status=status, confidence=0.0, evidence=[])
        if edge_confidence is not None:
            aggregates[(subject, obj, key)] = float(edge_confidence)
        if doc is None:
            continue
        doc_id = doc_id_of(doc)
        item = {"doc_id": doc_id, "sentence": sentence, "start": start, "end": end, "rule": rule,
                "confidence": float(confidence) if confidence is not None else None,
                "date": date, "url": (documents.get(doc_id) or {}).get("url")}
        evidence = graph.edges[subject, obj, key]["evidence"]
        if item not in evidence:
            evidence.append(item)
    for (subject, obj, key), data in ((edge[:3], edge[3]) for edge in graph.edges(keys=True, data=True)):
        known = aggregates.get((subject, obj, key))
        data["confidence"] = known if known is not None else combined_confidence(
            e["confidence"] or 0.0 for e in data["evidence"])


def _row_key(row: tuple) -> tuple:
    return tuple("" if value is None else str(value).zfill(12) if isinstance(value, int) else str(value) for value in row)
