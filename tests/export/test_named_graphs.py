"""TriG and N-Quads: entities and asserted facts in the default graph, each document's statements in its own graph."""

from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import PROV, RDF, Dataset, URIRef

from kgraph.export import write_graph
from kgraph.rdf.namespace import KG, document_iri
from kgraph.query.sparql import load_store, run_query
from kgraph.read import read_documents
from kgraph.engine.run import build_graph

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="module")
def written(nlp, tmp_path_factory) -> tuple[Path, object]:
    graph, _ = build_graph(nlp, read_documents([str(CORPUS)]))
    folder = tmp_path_factory.mktemp("named")
    for name in ("graph.ttl", "graph.trig", "graph.nq"):
        write_graph(graph, folder / name)
    return folder, graph


def rdflib_dataset(path: Path, fmt: str) -> Dataset:
    with warnings.catch_warnings():  # rdflib's TriG/N-Quads parsers use its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        return Dataset().parse(path, format=fmt)


def oxigraph_quads(path: Path) -> set[ox.Quad]:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix[1:]))
    return set(store)


def test_named_graphs_hold_each_documents_statements_and_the_default_graph_the_facts(written):
    folder, graph = written
    quads = oxigraph_quads(folder / "graph.trig")
    default = {q.triple for q in quads if q.graph_name == ox.DefaultGraph()}
    named: dict[str, set[ox.Triple]] = {}
    for q in quads:
        if q.graph_name != ox.DefaultGraph():
            named.setdefault(q.graph_name.value, set()).add(q.triple)
    rdf_type, statement_class = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.RelationStatement))
    derived_from, document_class = ox.NamedNode(str(PROV.wasDerivedFrom)), ox.NamedNode(str(KG.Document))

    # one named graph per document, named by the IRI of its kg:Document
    assert set(named) == {document_iri(doc_id) for doc_id in graph.graph["documents"]}
    for name, triples in named.items():
        assert ox.Triple(ox.NamedNode(name), rdf_type, document_class) in triples
        statements = {t.subject for t in triples if t.predicate == rdf_type and t.object == statement_class}
        assert statements, name
        # every statement in the graph was drawn from that document, and is described only there
        assert {t.object.value for t in triples if t.predicate == derived_from} == {name}
        assert all(t.subject in statements or t.subject.value == name for t in triples)
    # the default graph: entities and asserted facts, no statement drawn from a document
    assert not any(t.predicate == derived_from for t in default)
    # a fact is a plain triple when some edge states it as asserted (the same pair may also be
    # hedged or negated elsewhere: those statements stay in their documents' graphs)
    asserted = {(u, data["predicate"], v) for u, v, data in graph.edges(data=True) if data["status"] == "asserted"}
    for u, v, data in graph.edges(data=True):
        fact = ox.Triple(ox.NamedNode(u), ox.NamedNode(str(KG[data["predicate"]])), ox.NamedNode(v))
        assert (fact in default) == ((u, data["predicate"], v) in asserted)
    for node, data in graph.nodes(data=True):
        assert ox.Triple(ox.NamedNode(node), rdf_type, ox.NamedNode(str(KG[data["type"]]))) in default
    # together, the graphs hold exactly the triples of the Turtle file
    turtle = oxigraph_quads(folder / "graph.ttl")
    assert {q.triple for q in quads} == {q.triple for q in turtle}


def test_named_graphs_read_back_the_same_in_rdflib_and_oxigraph(written):
    folder, _ = written
    for name, fmt in (("graph.trig", "trig"), ("graph.nq", "nquads")):
        dataset = rdflib_dataset(folder / name, fmt)
        in_rdflib = {(str(g.identifier) if isinstance(g.identifier, URIRef) and str(g.identifier).startswith("https://w3id.org/kgraph/id/doc/") else "default",
                      s.n3(), p.n3(), o.n3())
                     for g in dataset.graphs() for s, p, o in g}
        in_oxigraph = {(q.graph_name.value if q.graph_name != ox.DefaultGraph() else "default",
                        str(q.subject), str(q.predicate), str(q.object))
                       for q in oxigraph_quads(folder / name)}
        assert len(in_rdflib) == len(in_oxigraph)
        assert {g for g, *_ in in_rdflib} == {g for g, *_ in in_oxigraph}


def test_queries_over_a_trig_file_see_every_graph(written):
    folder, graph = written
    store = load_store(folder / "graph.trig")
    count = "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a kg:RelationStatement }"
    in_graphs = "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?st a kg:RelationStatement } }"
    turtle = run_query(load_store(folder / "graph.ttl"), count).rows[0][0]
    assert run_query(store, count).rows[0][0] == turtle == run_query(store, in_graphs).rows[0][0] > 0
