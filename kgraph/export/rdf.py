"""RDF export of the kgraph graph (Turtle, N-Triples, JSON-LD, TriG, N-Quads, RDF/XML).

The model is described in ``ontologies/kgraph.ttl``: asserted relations become plain
triples; every relation, whatever its status, is described by one ``kg:RelationStatement``
per evidence item carrying the sentence, offsets, rule, confidence, document and date,
plus the edge's aggregated ``kg:edgeConfidence`` and ``kg:evidenceCount``.

Datasets. TriG and N-Quads keep the entities and the asserted relations in the default
graph and put each document's description and the statements drawn from it in a named
graph named by the document's IRI (:func:`kgraph.rdf.namespace.document_iri`, the subject of
its ``a kg:Document``), as the persistent store does; the union of the graphs holds the
triples of the Turtle output. Turtle, N-Triples, TriG, N-Quads and RDF/XML are written
from the graph by Oxigraph's serializers, triple by triple, without building an RDF graph
in memory; JSON-LD and any output with ``infer`` or the ontology go through an rdflib graph.

Every output depends only on the graph's content: triples follow the graph's canonical
order (see :func:`kgraph.graph.builder.canonical_order`) and JSON-LD is written with
sorted nodes, keys and values, so the same documents give the same bytes however they
were built.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, NamedTuple

import networkx as nx
import pyoxigraph
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, BNode, Graph, Literal, URIRef

from kgraph.errors import InputError, UnknownFormatError
from kgraph.export._values import clean_text, iso_date
from kgraph.export.atomic import atomic_write
from kgraph.rdf.namespace import KG, PREFIXES, WD, document_iri, statement_iri
from kgraph.rdf.ontology import load_ontology
from kgraph.types import ENTITY_TYPES, PREDICATES, STATUSES

__all__ = ["QUAD_FORMATS", "RDF_FORMATS", "oxigraph_quads", "oxigraph_triples", "rdf_format", "rdf_quads", "rdf_triples",
           "serialize", "to_rdf", "write_rdf"]

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
#: rdflib serializer names of the syntaxes that hold named graphs (see the module's "Datasets").
QUAD_FORMATS = ("trig", "nquads")
#: Syntaxes written straight from the graph by Oxigraph's streaming serializers (fast, and
#: no in-memory RDF graph); JSON-LD (compacted with our prefixes) goes through rdflib.
#: (RDF/XML is written by Oxigraph too, into memory first: see :func:`_rdf_xml`.)
_STREAMED = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
             "trig": pyoxigraph.RdfFormat.TRIG,
             "nquads": pyoxigraph.RdfFormat.N_QUADS}
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
            :func:`kgraph.rdf.infer.infer`.

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
        from kgraph.rdf.infer import infer as materialise  # owlrl is loaded only when asked for

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


def rdf_quads(G: nx.MultiDiGraph) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal, URIRef | None]]:
    """The triples of :func:`rdf_triples`, each with its graph: None (default) or a document IRI.

    The default graph comes first: entities, asserted relations, and the statements of
    edges without evidence. Then one named graph per document, in document-id order: the
    document's description and every statement drawn from it.

    Raises:
        InputError: As :func:`to_rdf`, when the offending element is reached.
    """
    by_document: dict[str, list[tuple]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        for triple in _entity_triples(node, data):
            yield (*triple, None)
    for subject, obj, data in G.edges(data=True):
        parts = _statement_parts(subject, obj, data)
        if parts.status == "asserted":
            yield URIRef(subject), KG[parts.predicate], URIRef(obj), None
        for item in data.get("evidence") or ():
            by_document[item["doc_id"]].append((subject, obj, parts, item))
        if not data.get("evidence"):
            for triple in _statement_triples(subject, obj, parts, None):
                yield (*triple, None)
    documents = _documents(G)
    for doc_id in sorted(documents):
        graph = URIRef(document_iri(doc_id))
        for triple in _document_triples(doc_id, documents[doc_id]):
            yield (*triple, graph)
        written = set()
        for subject, obj, parts, item in by_document.get(doc_id, ()):
            key = (subject, obj, parts.predicate, parts.status, item["start"], item["end"], item["rule"])
            if key not in written:  # the same finding twice names the same statement: describe it once
                written.add(key)
                for triple in _statement_triples(subject, obj, parts, item):
                    yield (*triple, graph)


def oxigraph_quads(G: nx.MultiDiGraph) -> Iterator[pyoxigraph.Quad]:
    """:func:`rdf_quads` as pyoxigraph quads."""
    term, default = _oxigraph_term, pyoxigraph.DefaultGraph()
    for s, p, o, g in rdf_quads(G):
        yield pyoxigraph.Quad(term(s), term(p), term(o), default if g is None else term(g))


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
    with atomic_write(path, "wb") as handle:
        if name in QUAD_FORMATS:
            quads = oxigraph_quads(G)
            if include_ontology or infer:  # what they add goes to the default graph
                base = set(rdf_triples(G))
                extra = [t for t in to_rdf(G, include_ontology=include_ontology, infer=infer) if t not in base]
                default = pyoxigraph.DefaultGraph()
                quads = itertools.chain(quads, (pyoxigraph.Quad(*map(_oxigraph_term, t), default)
                                                for t in sorted(extra, key=_term_order)))
            pyoxigraph.serialize(quads, handle, _STREAMED[name], prefixes=_STREAM_PREFIXES)
        elif name in _STREAMED and not (include_ontology or infer):
            pyoxigraph.serialize(oxigraph_triples(G), handle, _STREAMED[name], prefixes=_STREAM_PREFIXES)
        elif name == "xml" and not (include_ontology or infer):
            handle.write(_rdf_xml(oxigraph_triples(G)))
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
    if name == "json-ld":
        return _sorted_json_ld(graph.serialize(format="json-ld", encoding="utf-8", auto_compact=True))
    if name in QUAD_FORMATS:  # an rdflib graph has only a default graph: Turtle is valid TriG, N-Triples valid N-Quads
        name = {"trig": "turtle", "nquads": "nt"}[name]
    return graph.serialize(format=name, encoding="utf-8")


def _sorted_json_ld(document: bytes) -> bytes:
    """A JSON-LD document with its nodes, keys and (unordered) values sorted: the same bytes for the same triples.

    rdflib writes nodes and repeated values in the order of its store, which changes
    from one process to the next. Arrays are sets in JSON-LD except under ``@list``,
    whose order is kept.
    """

    def canonical(value: Any, ordered: bool = False) -> Any:
        if isinstance(value, dict):
            return {key: canonical(item, key == "@list") for key, item in value.items()}
        if isinstance(value, list):
            items = [canonical(item) for item in value]
            return items if ordered else sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        return value

    text = json.dumps(canonical(json.loads(document)), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _rdf_xml(triples: Iterator[pyoxigraph.Triple]) -> bytes:
    """RDF/XML of ``triples``, in their order (rdflib's writer orders subjects by hash: another order each run).

    Oxigraph writes a carriage return in a literal as it is, and XML parsers read a raw
    carriage return as a line feed; as the character reference ``&#13;`` (valid in text
    and in attribute values, and the markup itself holds none) it reads back unchanged.
    """
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.RDF_XML, prefixes=_STREAM_PREFIXES).replace(
        b"\r", b"&#13;")


def _term_order(triple: tuple) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


def _is_iri(value: Any) -> bool:
    """True if ``value`` is an absolute IRI by RFC 3987, checked by Oxigraph's strict parser."""
    try:
        pyoxigraph.NamedNode(value)
    except (TypeError, ValueError):
        return False
    return True


def _iri(value: Any) -> URIRef:
    if not isinstance(value, str) or not _is_iri(value):
        raise InputError(f"node id {value!r} is not an absolute IRI; mint ids with kgraph.rdf.namespace.entity_iri")
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
    """The asserted triple of an edge (if asserted) and one statement per evidence item."""
    parts = _statement_parts(subject, obj, data)
    if parts.status == "asserted":
        yield URIRef(subject), KG[parts.predicate], URIRef(obj)
    written = set()
    for item in data.get("evidence") or [None]:  # an edge without evidence still gets one statement
        key = None if item is None else (item["doc_id"], item["start"], item["end"], item["rule"])
        if key in written:  # the same finding twice names the same statement: describe it once
            continue
        written.add(key)
        yield from _statement_triples(subject, obj, parts, item)


class _Parts(NamedTuple):
    """What every statement of one edge shares."""

    predicate: str
    status: str
    shared: list[tuple[URIRef, Any]]


def _statement_parts(subject: Any, obj: Any, data: dict) -> _Parts:
    """Check an edge and make the statement triples its evidence items share.

    Raises:
        InputError: If the edge breaks the kgraph contract.
    """
    where = f"edge {subject} -> {obj}"
    predicate = _check(data.get("predicate"), PREDICATES, "predicate", where)
    status = _check(data.get("status"), STATUSES, "status", where)
    s, o = _iri(subject), _iri(obj)
    shared = [
        (RDF.type, KG.RelationStatement),
        (RDF.subject, s),
        (RDF.predicate, KG[predicate]),
        (RDF.object, o),
        (KG.status, KG[status]),
        (KG.edgeConfidence, _confidence(data["confidence"], where)),
        (KG.evidenceCount, Literal(len(data.get("evidence") or []))),
    ]
    return _Parts(predicate, status, shared)


def _statement_triples(subject: Any, obj: Any, parts: _Parts, item: dict | None) -> Iterator[tuple]:
    """The ``kg:RelationStatement`` of one evidence item of an edge (``item`` None: of an edge without evidence)."""
    key = (None, None, None, None) if item is None else (item["doc_id"], item["start"], item["end"], item["rule"])
    statement = URIRef(statement_iri(subject, parts.predicate, obj, *key, status=parts.status))
    facts = parts.shared if item is None else parts.shared + _evidence(item, f"edge {subject} -> {obj}")
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


def _oxigraph_term(term: URIRef | Literal | BNode) -> pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode:
    """The pyoxigraph term equal to an rdflib IRI or literal (or blank node, which only inferences and the ontology hold)."""
    if isinstance(term, URIRef):
        return _oxigraph_iri(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=_oxigraph_iri(str(term.datatype)))
    return pyoxigraph.Literal(str(term))
