"""OWL 2 RL inference: inverses and Wikidata/ORG/schema.org alignments answer on the seed graph."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, BNode, Graph, Literal, URIRef

from kgraph.engine.run import build_graph
from kgraph.export import to_rdf, write_graph
from kgraph.rdf.infer import infer, inferred_triples
from kgraph.rdf.namespace import KG, KGR, WD, WDT, entity_iri
from kgraph.query import load_store, run_query
from kgraph.read import read_documents
from kgraph.rdf.validate import validate_graph

KGRAPH = Path(sys.executable).with_name("kgraph")
CSTO = entity_iri("alliance", "CSTO")
KAZAKHSTAN = entity_iri("country", "Kazakhstan")
CSTO_MEMBERS = {entity_iri("country", name) for name in
                ("Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan")}
ORG_HAS_MEMBER = URIRef("http://www.w3.org/ns/org#hasMember")


@pytest.fixture(scope="module")
def seed_graph(nlp, seed_path):
    graph, _ = build_graph(nlp, read_documents([seed_path]))
    return graph


@pytest.fixture(scope="module")
def seed_rdf(seed_graph) -> Graph:
    return to_rdf(seed_graph)


@pytest.fixture(scope="module")
def inferred(seed_rdf) -> Graph:
    return infer(seed_rdf)


def select(graph: Graph, sparql: str) -> set[tuple]:
    return set(run_query(load_store(graph), sparql).rows)


def test_has_member_answers_only_after_inference(seed_rdf, inferred):
    query = f"SELECT ?x WHERE {{ <{CSTO}> kg:hasMember ?x }}"

    assert select(seed_rdf, query) == set()
    assert {x for (x,) in select(inferred, query)} == CSTO_MEMBERS
    assert {str(x) for x in inferred.objects(URIRef(CSTO), ORG_HAS_MEMBER)} == CSTO_MEMBERS


def test_wikidata_aligned_properties_answer_after_inference(inferred):
    members = select(inferred, f"SELECT ?x WHERE {{ ?x wdt:P463 <{CSTO}> }}")
    head_of_state = select(inferred, f"""
        SELECT ?label WHERE {{ <{KAZAKHSTAN}> wdt:P35 ?president . ?president rdfs:label ?label }}""")
    wikidata_join = select(inferred, """
        SELECT ?qid WHERE { ?country wdt:P463 ?alliance . ?alliance skos:altLabel "CSTO" .
                            ?country owl:sameAs ?qid }""")

    assert {x for (x,) in members} == CSTO_MEMBERS
    assert head_of_state == {("Kassym-Jomart Tokayev",)}
    assert {q for (q,) in wikidata_join} == {str(WD[q]) for q in ("Q399", "Q184", "Q232", "Q813", "Q159", "Q863")}


def test_inference_adds_only_clean_triples_about_our_resources(seed_rdf):
    new = inferred_triples(seed_rdf)

    assert new, "OWL RL found nothing"
    assert all(isinstance(s, URIRef) and s.startswith(KGR) for s, _, _ in new)
    assert not any(isinstance(term, (BNode, Literal)) for triple in new for term in triple)
    assert not any(p == OWL.sameAs or o.startswith(WD) or o == OWL.Thing for _, p, o in new)
    assert not (new & set(seed_rdf))
    # The new triples are inverses, alignments and super-classes, nothing else.
    predicates = {p for _, p, _ in new}
    assert {KG.hasMember, KG.hostsDeploymentOf, KG.hasPresident, WDT.P463, WDT.P35, RDF.type} <= predicates
    assert len(new) < len(seed_rdf)  # no flood of axiomatic triples


def test_inferred_graph_still_conforms_to_the_shapes(inferred):
    assert validate_graph(inferred).violations == []


def test_build_infer_writes_the_inferences(seed_graph, seed_rdf, tmp_path):
    plain, enriched = tmp_path / "plain.ttl", tmp_path / "inferred.nt"

    write_graph(seed_graph, plain)
    write_graph(seed_graph, enriched, infer=True)

    assert len(Graph().parse(plain)) == len(seed_rdf)
    assert len(Graph().parse(enriched)) == len(seed_rdf) + len(inferred_triples(seed_rdf))


def test_query_command_infers_on_request(seed_rdf, tmp_path):
    path = tmp_path / "seed.ttl"
    seed_rdf.serialize(path, format="turtle", encoding="utf-8")
    query = "SELECT ?x WHERE { ?alliance skos:altLabel \"CSTO\" ; kg:hasMember ?x }"

    without = subprocess.run([KGRAPH, "query", path, "-e", query, "--format", "json"], capture_output=True,
                             text=True, timeout=120)
    with_infer = subprocess.run([KGRAPH, "query", "--infer", path, "-e", query, "--format", "json"],
                                capture_output=True, text=True, timeout=120)

    assert without.returncode == 0 and with_infer.returncode == 0, without.stderr + with_infer.stderr
    assert json.loads(without.stdout)["results"]["bindings"] == []
    answers = {b["x"]["value"] for b in json.loads(with_infer.stdout)["results"]["bindings"]}
    assert answers == CSTO_MEMBERS
