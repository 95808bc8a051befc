"""RDF export: every format parses back identically in rdflib and in Oxigraph."""

from __future__ import annotations

import warnings
from decimal import Decimal

import networkx as nx
import pyoxigraph as ox
import pytest
from export_samples import CSTO_MEMBERS, HOSTILE_LABELS, add_entity, add_relation, build_csto_graph, build_hostile_graph
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kgraph.errors import InputError, UnknownFormatError
from kgraph.export import to_rdf, write_graph
from kgraph.export.rdf import RDF_FORMATS, rdf_format, write_rdf
from kgraph.rdf.namespace import KG, WD, document_iri, entity_iri

RDFLIB_PARSERS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads",
                  ".rdf": "xml", ".owl": "xml"}
CSTO = URIRef(entity_iri("alliance", "CSTO"))
RUSSIA = URIRef(entity_iri("country", "Russia"))
KAZAKHSTAN = URIRef(entity_iri("country", "Kazakhstan"))
# rdflib's SDO and XSD namespaces warn when pytest probes module attributes; use plain IRIs.
SCHEMA_URL = URIRef("https://schema.org/url")
XSD_DECIMAL, XSD_INTEGER, XSD_DATE, XSD_DATETIME = (
    URIRef(f"http://www.w3.org/2001/XMLSchema#{name}") for name in ("decimal", "integer", "date", "dateTime")
)
AZERBAIJAN = URIRef(entity_iri("country", "Azerbaijan"))
ARMENIA = URIRef(entity_iri("country", "Armenia"))


def parse_with_rdflib(path) -> Graph:
    """All triples of the file, whatever graph of a dataset they are in."""
    fmt = RDFLIB_PARSERS[path.suffix]
    with warnings.catch_warnings():  # rdflib's own parsers use its deprecated ConjunctiveGraph API
        warnings.simplefilter("ignore", DeprecationWarning)
        if fmt in ("trig", "nquads"):  # documents' statements are in named graphs: take the union
            dataset = Dataset().parse(path, format=fmt)
            union = Graph()
            for graph in dataset.graphs():
                union += graph
            return union
        return Graph().parse(path, format=fmt)


def parse_with_oxigraph(path) -> Graph:
    """Parse with Oxigraph's independent parser; hand the triples to rdflib as N-Triples for comparison."""
    fmt = ox.RdfFormat.from_extension(path.suffix[1:]) or ox.RdfFormat.RDF_XML
    quads = list(ox.parse(path=path, format=fmt))
    if fmt not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        assert all(quad.graph_name == ox.DefaultGraph() for quad in quads)
    data = ox.serialize({quad.triple for quad in quads}, format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
@pytest.mark.parametrize("build", [build_csto_graph, build_hostile_graph], ids=["csto", "hostile"])
@pytest.mark.parametrize("include_ontology", [False, True], ids=["data", "with-ontology"])
def test_every_format_parses_back_in_rdflib_and_oxigraph(tmp_path, extension, build, include_ontology):
    G = build()
    expected = to_rdf(G, include_ontology=include_ontology)
    path = tmp_path / f"graph{extension}"
    write_rdf(G, path, include_ontology=include_ontology)

    by_rdflib = parse_with_rdflib(path)
    by_oxigraph = parse_with_oxigraph(path)

    assert len(by_rdflib) == len(by_oxigraph) == len(expected)
    assert isomorphic(by_rdflib, expected)
    assert isomorphic(by_oxigraph, expected)


@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
def test_hostile_labels_survive_every_format(tmp_path, extension):
    path = tmp_path / f"hostile{extension}"
    write_graph(build_hostile_graph(), path)

    for graph in (parse_with_rdflib(path), parse_with_oxigraph(path)):
        labels = {str(o) for s, o in graph.subject_objects(RDFS.label) if (s, RDF.type, KG.Organization) in graph}
        assert labels == set(HOSTILE_LABELS)
        rules = {str(rule) for rule in graph.objects(None, KG.rule)}
        assert rules == set(HOSTILE_LABELS)
        # Characters no XML format can hold become U+FFFD, identically in every format.
        assert Literal("x\ufffdy\ufffdz") in set(graph.objects(None, SKOS.altLabel))


def test_asserted_edges_are_plain_triples_and_others_are_not():
    g = to_rdf(build_csto_graph())

    members = set(g.subjects(KG.memberOf, CSTO))
    assert members == {URIRef(entity_iri("country", name)) for name in CSTO_MEMBERS}
    assert (RUSSIA, KG.deployedTo, KAZAKHSTAN) in g
    assert (URIRef(entity_iri("person", "Kassym-Jomart Tokayev")), KG.presidentOf, KAZAKHSTAN) in g
    assert (AZERBAIJAN, KG.memberOf, CSTO) not in g


def test_hedged_edge_is_described_by_a_statement_only():
    g = to_rdf(build_csto_graph())

    [statement] = g.subjects(RDF.subject, AZERBAIJAN)
    assert (statement, RDF.type, KG.RelationStatement) in g
    assert g.value(statement, RDF.predicate) == KG.memberOf
    assert g.value(statement, RDF.object) == CSTO
    assert g.value(statement, KG.status) == KG.hedged
    assert str(g.value(statement, KG.sentence)) == "Azerbaijan may reportedly join the CSTO."
    assert g.value(statement, KG.confidence) == Literal(Decimal("0.5"))


def test_one_statement_per_evidence_item_with_edge_aggregates():
    g = to_rdf(build_csto_graph())

    statements = [s for s in g.subjects(RDF.subject, RUSSIA) if g.value(s, RDF.predicate) == KG.deployedTo]
    assert len(statements) == 2
    sentences = {str(g.value(s, KG.sentence)) for s in statements}
    assert sentences == {"Russia deployed paratroopers to Kazakhstan.", "Russian troops remain in Kazakhstan."}
    documents = {g.value(s, PROV.wasDerivedFrom) for s in statements}
    assert documents == {URIRef(document_iri("doc-1")), URIRef(document_iri("doc-2"))}
    for statement in statements:
        assert g.value(statement, KG.status) == KG.asserted
        assert g.value(statement, KG.edgeConfidence) == Literal(Decimal("0.92"))
        assert g.value(statement, KG.evidenceCount) == Literal(2)
        assert g.value(statement, KG.confidence).datatype == XSD_DECIMAL
        assert g.value(statement, KG.startOffset).datatype == XSD_INTEGER
        assert g.value(statement, KG.endOffset).toPython() > g.value(statement, KG.startOffset).toPython()
        assert g.value(statement, KG.rule) == Literal("deployment.verb")


def test_statement_iris_are_deterministic():
    assert set(to_rdf(build_csto_graph())) == set(to_rdf(build_csto_graph()))


def test_entities_have_type_one_label_aliases_wikidata_and_mentions():
    g = to_rdf(build_csto_graph())

    assert (CSTO, RDF.type, KG.Alliance) in g
    assert list(g.objects(CSTO, RDFS.label)) == [Literal("CSTO")]
    assert list(g.objects(CSTO, SKOS.altLabel)) == [Literal("Collective Security Treaty Organization")]
    assert g.value(CSTO, OWL.sameAs) == WD.Q318693
    assert g.value(CSTO, KG.mentionCount) == Literal(9)
    for entity in g.subjects(RDF.type, None):
        if (entity, RDF.type, KG.RelationStatement) not in g and (entity, RDF.type, KG.Document) not in g:
            assert len(list(g.objects(entity, RDFS.label))) == 1


def test_dates_are_typed_when_iso_and_plain_otherwise():
    g = to_rdf(build_csto_graph())

    assert g.value(URIRef(document_iri("doc-1")), DCTERMS.date) == Literal("2024-03-01", datatype=XSD_DATE)
    assert g.value(URIRef(document_iri("doc-2")), DCTERMS.date) == Literal(
        "2022-01-06T08:30:00+00:00", datatype=XSD_DATETIME
    )
    assert g.value(URIRef(document_iri("doc-3")), DCTERMS.date) == Literal("sometime in 2023")
    [disputed] = [s for s in g.subjects(RDF.subject, ARMENIA) if g.value(s, KG.status) == KG.disputed]
    assert g.value(disputed, DCTERMS.date) is None


def test_documents_have_title_and_url_as_iri_only_when_valid():
    G = build_csto_graph()
    G.graph["documents"]["doc-4"] = {"title": "Bad", "date": None, "url": "https://example.org/%zz", "source": None}
    g = to_rdf(G)

    doc1, doc2, doc4 = (URIRef(document_iri(d)) for d in ("doc-1", "doc-2", "doc-4"))
    assert (doc1, RDF.type, KG.Document) in g
    assert g.value(doc1, DCTERMS.title) == Literal("CSTO leaders meet in Moscow")
    assert g.value(doc1, SCHEMA_URL) == URIRef("https://example.org/news/1")
    assert g.value(doc2, SCHEMA_URL) == Literal("not a url")
    assert g.value(doc4, SCHEMA_URL) == Literal("https://example.org/%zz")


def test_document_known_only_from_evidence_is_still_a_document():
    G = build_csto_graph()
    G.graph["documents"] = {}
    g = to_rdf(G)

    assert set(g.subjects(RDF.type, KG.Document)) == {URIRef(document_iri(d)) for d in ("doc-1", "doc-2", "doc-3")}


def test_edge_without_evidence_gets_one_statement():
    G = nx.MultiDiGraph(documents={})
    city = add_entity(G, "Almaty", "City", "Q35493")
    country = add_entity(G, "Kazakhstan", "Country", "Q232")
    add_relation(G, city, "locatedIn", country, [])
    g = to_rdf(G)

    [statement] = g.subjects(RDF.type, KG.RelationStatement)
    assert g.value(statement, KG.evidenceCount) == Literal(0)
    assert g.value(statement, PROV.wasDerivedFrom) is None
    assert (URIRef(city), KG.locatedIn, URIRef(country)) in g


def test_include_ontology_adds_the_vocabulary():
    g = to_rdf(build_csto_graph(), include_ontology=True)

    assert (KG.memberOf, RDF.type, OWL.ObjectProperty) in g
    assert (KG.Alliance, RDFS.subClassOf, KG.Organization) in g


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda G: G.add_node("not an iri", label="x", type="Country"), "not an absolute IRI"),
        (lambda G: G.add_node(entity_iri("x", "y"), label="y", type="Planet"), "entity type"),
        (lambda G: G.nodes[str(CSTO)].update(wikidata="Q1> <x"), "wikidata"),
        (lambda G: G.edges[str(RUSSIA), str(KAZAKHSTAN), "deployedTo|asserted"].update(confidence=1.5), "confidence"),
        (lambda G: G.edges[str(RUSSIA), str(KAZAKHSTAN), "deployedTo|asserted"].update(status="rumoured"), "status"),
    ],
)
def test_graph_outside_the_contract_raises_input_error(change, message):
    G = build_csto_graph()
    change(G)
    with pytest.raises(InputError, match=message):
        to_rdf(G)


def test_rdf_format_names():
    assert rdf_format("out/graph.TTL") == "turtle"
    assert rdf_format("graph.out", "jsonld") == "json-ld"
    assert rdf_format("graph.out", ".nq") == "nquads"
    assert rdf_format("graph.out", "turtle") == "turtle"
    with pytest.raises(UnknownFormatError, match=r"\.ttl"):
        rdf_format("graph.csv")


def test_confidence_threshold_in_rdflib_sparql():
    query = """
        PREFIX kg: <https://w3id.org/kgraph/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT DISTINCT ?s ?p ?o WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
              kg:status kg:asserted ; kg:edgeConfidence ?c .
          FILTER(?c >= 0.8)
        }"""
    rows = set(to_rdf(build_csto_graph()).query(query))

    assert len(rows) == 8  # six memberships, the deployment, the presidency
    assert all(p in (KG.memberOf, KG.deployedTo, KG.presidentOf) for _, p, _ in rows)


@pytest.mark.parametrize("build", [build_csto_graph, build_hostile_graph], ids=["csto", "hostile"])
def test_streamed_ntriples_hold_each_triple_of_to_rdf_once(tmp_path, build):
    G = build()
    # the same finding recorded twice on an edge names one statement, described once
    u, v, key, data = next(iter(G.edges(keys=True, data=True)))
    data["evidence"].append(dict(data["evidence"][0]))
    write_graph(G, tmp_path / "graph.nt")
    lines = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    expected = to_rdf(G)
    assert len(lines) == len(set(lines)) == len(expected)
    assert isomorphic(Graph().parse(tmp_path / "graph.nt", format="nt"), expected)
