"""RDF export of the kgraph graph (Turtle, N-Triples, JSON-LD, TriG, N-Quads, RDF/XML).

The model is described in ``ontologies/kgraph.ttl``: asserted relations become plain
triples; every relation, whatever its status, is described by one ``kg:RelationStatement``
per evidence item carrying the sentence, offsets, rule, confidence, document and date,
plus the edge's aggregated ``kg:edgeConfidence`` and ``kg:evidenceCount``.

Turtle (and TriG) and N-Triples (and N-Quads) are streamed from the graph by Oxigraph's
serializers, triple by triple, without building an RDF graph in memory; JSON-LD, RDF/XML
and any output with ``infer`` or the ontology go through an rdflib graph.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import networkx as nx
import pyoxigraph
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Graph, Literal, URIRef

from kgraph.errors import InputError, UnknownFormatError
from kgraph.export._values import clean_text, iso_date
from kgraph.export.atomic import atomic_write
from kgraph.namespace import KG, PREFIXES, WD, document_iri, statement_iri
from kgraph.ontology import load_ontology
from kgraph.types import ENTITY_TYPES, PREDICATES, STATUSES

__all__ = ["RDF_FORMATS", "oxigraph_triples", "rdf_format", "rdf_triples", "serialize", "to_rdf", "write_rdf"]

#: File extension -> rdflib serializer name.
RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
}
# All our triples are in the default graph, and a Turtle document is a valid TriG document
# with only a default graph, as N-Triples is valid N-Quads: write the simpler syntax.
_TRIPLE_SYNTAX = {"trig": "turtle", "nquads": "nt"}
#: Syntaxes written straight from the graph by Oxigraph's streaming serializers (fast, and
#: no in-memory RDF graph); JSON-LD (compacted with our prefixes) and RDF/XML go through rdflib.
_STREAMED = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES}
#: Our resource IRIs (kgr:) go on with a path (``country/russia``), which Turtle can
#: abbreviate only with an escape (``kgr:country\/russia``): they are written in full.
_STREAM_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "kgr"}
_QID = re.compile(r"Q[1-9][0-9]*")
_WEB = re.compile(r"https?://", re.IGNORECASE)


def to_rdf(G: nx.MultiDiGraph, *, include_ontology: bool = False, infer: bool = False) -> Graph:
    """Convert the kgraph graph to RDF.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        include_ontology: Also add the triples of ``ontologies/kgraph.ttl``.
        infer: Also add the OWL 2 RL inferences about our resources (inverses such as
            ``kg:hasMember``, super-properties, Wikidata/ORG/schema.org alignments); see
            :func:`kgraph.infer.infer`.

    Returns:
        An rdflib graph with the entities, relations, statements and documents.

    Raises:
        InputError: If a node id is not an absolute IRI, or an entity type, predicate,
            status, Wikidata id or confidence is outside the kgraph contract.
    """
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, str(namespace))
    graph.addN((s, p, o, graph) for s, p, o in rdf_triples(G))
    if infer:
        from kgraph.infer import infer as materialise  # owlrl is loaded only when asked for

        graph = materialise(graph)
    if include_ontology:
        graph += load_ontology()
    return graph


def rdf_triples(G: nx.MultiDiGraph) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples of :func:`to_rdf` (without inferences or ontology), one at a time.

    Entities first, then each edge with its statements, then the documents; no triple is
    given twice. Nothing but the graph itself is held in memory.

    Raises:
        InputError: As :func:`to_rdf`, when the offending element is reached.
    """
    for node, data in G.nodes(data=True):
        yield from _entity_triples(node, data)
    for subject, obj, data in G.edges(data=True):
        yield from _relation_triples(subject, obj, data)
    for doc_id, document in _documents(G).items():
        yield from _document_triples(doc_id, document)


def oxigraph_triples(G: nx.MultiDiGraph) -> Iterator[pyoxigraph.Triple]:
    """:func:`rdf_triples` as pyoxigraph triples, for Oxigraph's streaming writers and stores."""
    term = _oxigraph_term
    for s, p, o in rdf_triples(G):
        yield pyoxigraph.Triple(term(s), term(p), term(o))


def rdf_format(path: str | os.PathLike[str], format: str | None = None) -> str:  # noqa: A002
    """Name the rdflib serializer for ``path`` or an explicit ``format``.

    Args:
        path: Output file; its extension chooses the format when ``format`` is None.
        format: An extension (``"ttl"`` or ``".ttl"``) or an rdflib format name
            (``"turtle"``).

    Returns:
        The rdflib serializer name, e.g. ``"turtle"``.

    Raises:
        UnknownFormatError: If the format is not an RDF format kgraph writes.
    """
    key = (format if format is not None else os.path.splitext(os.fspath(path))[1]).lower()
    if key in RDF_FORMATS.values():
        return key
    name = RDF_FORMATS.get(key if key.startswith(".") else f".{key}")
    if name is None:
        known = " ".join(RDF_FORMATS)
        raise UnknownFormatError(f"unknown RDF format {key!r} for {os.fspath(path)}: use one of {known}")
    return name


def write_rdf(
    G: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002
    *,
    include_ontology: bool = False,
    infer: bool = False,
) -> None:
    """Write the graph as RDF, atomically.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        path: Output file.
        format: See :func:`rdf_format`; by default taken from the extension of ``path``.
        include_ontology: Also write the ontology's triples.
        infer: Also write the OWL 2 RL inferences (see :func:`to_rdf`).

    Raises:
        UnknownFormatError: If the format is not an RDF format kgraph writes.
        InputError: If the graph breaks the kgraph contract (see :func:`to_rdf`).
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    name = rdf_format(path, format)
    syntax = _TRIPLE_SYNTAX.get(name, name)
    with atomic_write(path, "wb") as handle:
        if syntax in _STREAMED and not (include_ontology or infer):
            pyoxigraph.serialize(oxigraph_triples(G), handle, _STREAMED[syntax], prefixes=_STREAM_PREFIXES)
        else:
            handle.write(serialize(to_rdf(G, include_ontology=include_ontology, infer=infer), name))


def serialize(graph: Graph, name: str) -> bytes:
    """Serialise an rdflib graph in the rdflib format ``name`` as UTF-8.

    Args:
        graph: The triples to write.
        name: An rdflib serializer name from :data:`RDF_FORMATS`.

    Returns:
        The serialisation.
    """
    options: dict[str, Any] = {"auto_compact": True} if name == "json-ld" else {}
    return graph.serialize(format=_TRIPLE_SYNTAX.get(name, name), encoding="utf-8", **options)


def _is_iri(value: Any) -> bool:
    """True if ``value`` is an absolute IRI by RFC 3987, checked by Oxigraph's strict parser."""
    try:
        pyoxigraph.NamedNode(value)
    except (TypeError, ValueError):
        return False
    return True


def _iri(value: Any) -> URIRef:
    if not isinstance(value, str) or not _is_iri(value):
        raise InputError(f"node id {value!r} is not an absolute IRI; mint ids with kgraph.namespace.entity_iri")
    return URIRef(value)


def _text(value: Any) -> Literal:
    return Literal(clean_text(str(value)))


def _confidence(value: Any, where: str) -> Literal:
    confidence = float(value)
    if not 0.0 <= confidence <= 1.0:
        raise InputError(f"confidence {value!r} of {where} is not in [0, 1]")
    return Literal(Decimal(str(round(confidence, 4))))


def _date(value: Any) -> Literal:
    """A typed ``xsd:date``/``xsd:dateTime`` literal, or a plain string if not ISO 8601."""
    parsed = iso_date(str(value))
    if parsed is None:
        return _text(value)
    lexical, is_datetime = parsed
    return Literal(lexical, datatype=XSD.dateTime if is_datetime else XSD.date)


def _check(value: Any, allowed: tuple[str, ...], what: str, where: str) -> str:
    if value not in allowed:
        raise InputError(f"{what} {value!r} of {where} is not one of {', '.join(allowed)}")
    return value


def _entity_triples(node: Any, data: dict) -> Iterator[tuple]:
    entity = _iri(node)
    kind = _check(data.get("type"), ENTITY_TYPES, "entity type", node)
    label = clean_text(str(data["label"]))
    yield entity, RDF.type, KG[kind]
    yield entity, RDFS.label, Literal(label)
    aliases = {clean_text(str(alias)) for alias in data.get("aliases") or ()} - {label}
    for alias in sorted(aliases):
        yield entity, SKOS.altLabel, Literal(alias)
    qid = data.get("wikidata")
    if qid is not None:
        if not isinstance(qid, str) or not _QID.fullmatch(qid):
            raise InputError(f"wikidata id {qid!r} of {node} is not a QID such as 'Q159'")
        yield entity, OWL.sameAs, WD[qid]
    if data.get("mentions") is not None:
        yield entity, KG.mentionCount, Literal(int(data["mentions"]))
    if data.get("in_reference_data") is False:
        yield entity, KG.inReferenceData, Literal(False)


def _relation_triples(subject: Any, obj: Any, data: dict) -> Iterator[tuple]:
    where = f"edge {subject} -> {obj}"
    predicate = _check(data.get("predicate"), PREDICATES, "predicate", where)
    status = _check(data.get("status"), STATUSES, "status", where)
    s, o = _iri(subject), _iri(obj)
    if status == "asserted":
        yield s, KG[predicate], o
    evidence = data.get("evidence") or []
    shared = [
        (RDF.type, KG.RelationStatement),
        (RDF.subject, s),
        (RDF.predicate, KG[predicate]),
        (RDF.object, o),
        (KG.status, KG[status]),
        (KG.edgeConfidence, _confidence(data["confidence"], where)),
        (KG.evidenceCount, Literal(len(evidence))),
    ]
    written = set()
    for item in evidence or [None]:  # an edge without evidence still gets one statement
        key = (None, None, None, None) if item is None else (item["doc_id"], item["start"], item["end"], item["rule"])
        if key in written:  # the same finding twice names the same statement: describe it once
            continue
        written.add(key)
        statement = URIRef(statement_iri(subject, predicate, obj, *key, status=status))
        facts = shared if item is None else shared + _evidence(item, where)
        for p, value in facts:
            yield statement, p, value


def _evidence(item: dict, where: str) -> list[tuple[URIRef, Any]]:
    facts: list[tuple[URIRef, Any]] = [
        (KG.confidence, _confidence(item["confidence"], where)),
        (KG.rule, _text(item["rule"])),
        (KG.sentence, _text(item["sentence"])),
        (KG.startOffset, Literal(int(item["start"]))),
        (KG.endOffset, Literal(int(item["end"]))),
        (PROV.wasDerivedFrom, URIRef(document_iri(item["doc_id"]))),
    ]
    if item.get("date"):
        facts.append((DCTERMS.date, _date(item["date"])))
    return facts


def _documents(G: nx.MultiDiGraph) -> dict[str, dict]:
    """The graph's documents, plus any document only known from evidence (its date and url)."""
    documents = dict(G.graph.get("documents") or {})
    for _, _, data in G.edges(data=True):
        for item in data.get("evidence") or ():
            documents.setdefault(item["doc_id"], {"date": item.get("date"), "url": item.get("url")})
    return documents


def _document_triples(doc_id: str, document: dict) -> Iterator[tuple]:
    iri = URIRef(document_iri(doc_id))
    yield iri, RDF.type, KG.Document
    if document.get("title"):
        yield iri, DCTERMS.title, _text(document["title"])
    if document.get("date"):
        yield iri, DCTERMS.date, _date(document["date"])
    url = document.get("url")
    if url:
        yield iri, SDO.url, URIRef(url) if _WEB.match(url) and _is_iri(url) else _text(url)


@functools.lru_cache(maxsize=4096)
def _oxigraph_iri(value: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(value)


def _oxigraph_term(term: URIRef | Literal) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    """The pyoxigraph term equal to an rdflib IRI or literal (the only terms kgraph writes)."""
    if isinstance(term, URIRef):
        return _oxigraph_iri(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=_oxigraph_iri(str(term.datatype)))
    return pyoxigraph.Literal(str(term))
