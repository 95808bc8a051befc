"""End to end on the seed article: file in, RDF out, SPARQL answers (the project's first acceptance test)."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kgraph.engine.run import build_graph
from kgraph.export import write_graph
from kgraph.read import read_documents

KG = "https://w3id.org/kgraph/ontology#"
PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
               ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML}


@pytest.fixture(scope="module")
def seed_graph(nlp, seed_path):
    graph, stats = build_graph(nlp, read_documents([seed_path]))
    assert stats.documents == 1
    return graph


@pytest.fixture(scope="module")
def seed_store(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "graph.ttl"
    write_graph(seed_graph, path)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def select(store, query):
    return [tuple(row[i].value for i in range(len(row))) for row in store.query(PREFIXES + query)]


def test_seed_csto_members_are_exactly_the_six_with_wikidata(seed_store):
    rows = select(seed_store, """
        SELECT ?label ?wd WHERE {
          ?alliance a kg:Alliance ; rdfs:label|skos:altLabel "CSTO" .
          ?member kg:memberOf ?alliance ; rdfs:label ?label ; owl:sameAs ?wd .
        } ORDER BY ?label""")
    assert rows == [
        ("Armenia", "http://www.wikidata.org/entity/Q399"),
        ("Belarus", "http://www.wikidata.org/entity/Q184"),
        ("Kazakhstan", "http://www.wikidata.org/entity/Q232"),
        ("Kyrgyzstan", "http://www.wikidata.org/entity/Q813"),
        ("Russia", "http://www.wikidata.org/entity/Q159"),
        ("Tajikistan", "http://www.wikidata.org/entity/Q863"),
    ]


def test_seed_russia_and_csto_deployed_to_kazakhstan(seed_store):
    rows = select(seed_store, """
        SELECT ?who WHERE { ?s kg:deployedTo ?k . ?k rdfs:label "Kazakhstan" . ?s rdfs:label ?who } ORDER BY ?who""")
    assert rows == [("Collective Security Treaty Organization",), ("Russia",)]


def test_seed_tokayev_is_president_of_kazakhstan(seed_store):
    rows = select(seed_store, """
        SELECT ?country WHERE { ?p rdfs:label "Kassym-Jomart Tokayev" ; a kg:Person ; kg:presidentOf ?c .
                                ?c rdfs:label ?country }""")
    assert rows == [("Kazakhstan",)]


def test_seed_states_nothing_false(seed_graph):
    labels = {d["label"] for _, d in seed_graph.nodes(data=True)}
    assert "Kazakh" not in labels and "Home World Kazakhstan" not in labels
    assert not any(d["type"] in ("Person", "Organization") and "Kazakh" in d["label"].split()
                   for _, d in seed_graph.nodes(data=True))
    asserted = {(seed_graph.nodes[u]["label"], d["predicate"], seed_graph.nodes[v]["label"])
                for u, v, d in seed_graph.edges(data=True) if d["status"] == "asserted"}
    assert not any(s == "Moscow" for s, _, _ in asserted)
    assert ("Kazakhstan", "deployedTo", "Russia") not in asserted
    assert ("Uzbekistan", "memberOf", "Collective Security Treaty Organization") not in asserted
    assert ("Kassym-Jomart Tokayev", "presidentOf", "Russia") not in asserted


def test_seed_every_edge_has_readable_evidence(seed_graph, seed_store, seed_path):
    [document] = read_documents([seed_path])
    text = document.text
    for _, _, data in seed_graph.edges(data=True):
        assert data["evidence"]
        for ev in data["evidence"]:
            assert ev["sentence"] and ev["sentence"] == text[ev["start"]:ev["end"]].strip()
            assert "\n\n" not in ev["sentence"]
            assert ev["rule"] and 0 < ev["confidence"] <= 1
    rows = select(seed_store, """
        SELECT ?sentence ?c WHERE { ?st a kg:RelationStatement ; rdf:predicate kg:presidentOf ; kg:sentence ?sentence ;
                                    kg:confidence ?c ; prov:wasDerivedFrom ?doc }""".replace(
        "SELECT", "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
                  "PREFIX prov: <http://www.w3.org/ns/prov#>\nSELECT"))
    assert rows and all("Tokayev" in sentence for sentence, _ in rows)


@pytest.mark.parametrize("suffix", sorted(RDF_FORMATS))
def test_seed_rdf_parses_with_rdflib_and_oxigraph_alike(seed_graph, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    write_graph(seed_graph, path)
    store = ox.Store()
    store.load(path=str(path), format=RDF_FORMATS[suffix])
    g = rdflib.Dataset() if suffix in (".trig", ".nq") else rdflib.Graph()
    g.parse(path, format={".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads",
                          ".rdf": "xml"}[suffix])
    assert len(store) == len(g) > 100


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_seed_gephi_files_read_back(seed_graph, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    write_graph(seed_graph, path)
    back = nx.read_gexf(path) if suffix == ".gexf" else nx.read_graphml(path)
    assert back.number_of_nodes() == seed_graph.number_of_nodes()
    assert back.number_of_edges() == seed_graph.number_of_edges()
    labels = {d.get("label") for _, d in back.nodes(data=True)}
    assert {"Kazakhstan", "Kassym-Jomart Tokayev", "Collective Security Treaty Organization"} <= labels
