"""The kg: namespace matches the ontology; minted IRIs are valid and distinct for any string."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from kgraph.rdf.namespace import KG, KGR, PREFIXES, WDT, document_iri, entity_iri, statement_iri
from kgraph.rdf.ontology import load_ontology, ontology_text
from kgraph.types import ENTITY_TYPES, PREDICATES, STATUSES

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontologies" / "kgraph.ttl"
HOSTILE_NAMES = [
    "",
    " ",
    "---",
    'He said "hi"',
    "<script>alert(1)</script>",
    "back\\slash",
    "#hash?query&x=1",
    "Rocket 🚀",
    "🚀",
    "🛰",
    "line\nbreak",
    "tab\there",
    "القوات المسلحة",
    "צבא ההגנה לישראל",
    "Москва",
    "МОСКВА",
    "北京",
    "\u0000",
    "\ud800",
    "x" * 500,
    "x" * 499 + "y",
    "Côte d'Ivoire",
    "Cote d Ivoire 🚀",
]


def kg_terms_in_ontology() -> set[str]:
    graph = Graph().parse(ONTOLOGY, format="turtle")
    terms = {str(t) for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    return {term.removeprefix(str(KG)) for term in terms}


def kg_terms_in_namespace() -> set[str]:
    return {name for name in KG.__annotations__ if not name.startswith("_")}


def test_namespace_lists_exactly_the_ontology_terms():
    assert kg_terms_in_namespace() == kg_terms_in_ontology()


def test_every_term_has_a_label_and_a_comment():
    graph = Graph().parse(ONTOLOGY, format="turtle")
    for name in kg_terms_in_namespace():
        assert graph.value(KG[name], RDFS.label) is not None, name
        assert graph.value(KG[name], RDFS.comment) is not None, name


def test_types_predicates_and_statuses_are_ontology_terms():
    graph = load_ontology()
    for kind in ENTITY_TYPES:
        assert (KG[kind], RDF.type, OWL.Class) in graph
    for predicate in PREDICATES:
        assert (KG[predicate], RDF.type, OWL.ObjectProperty) in graph
        assert graph.value(KG[predicate], OWL.inverseOf) is not None
        assert graph.value(KG[predicate], RDFS.domain) is not None
        assert graph.value(KG[predicate], RDFS.range) is not None
    for status in STATUSES:
        assert (KG[status], RDF.type, KG.Status) in graph


def test_misspelt_term_raises_attribute_error():
    with pytest.raises(AttributeError):
        KG.membrOf  # noqa: B018
    assert KG.memberOf == URIRef("https://w3id.org/kgraph/ontology#memberOf")


def test_alignments():
    graph = load_ontology()

    assert (KG.memberOf, RDFS.subPropertyOf, WDT.P463) in graph
    assert (KG.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in graph
    assert (KG.locatedIn, RDFS.subPropertyOf, URIRef("https://schema.org/containedInPlace")) in graph
    assert (KG.Alliance, RDFS.subClassOf, KG.Organization) in graph
    for predicate, wikidata in [(KG.presidentOf, WDT.P35), (KG.headOfGovernmentOf, WDT.P6), (KG.leaderOf, WDT.P488)]:
        inverses = [p for p in graph.objects(predicate, RDFS.subPropertyOf) if isinstance(p, BNode)]
        assert [graph.value(p, OWL.inverseOf) for p in inverses] == [wikidata]
    domain = graph.value(KG.memberOf, RDFS.domain)
    assert set(graph.items(graph.value(domain, OWL.unionOf))) == {KG.Country, KG.Organization}


def test_ontology_parses_in_oxigraph_too():
    store = ox.Store()
    store.load(ontology_text(), ox.RdfFormat.TURTLE)

    assert len(store) == len(load_ontology())


def test_prefixes():
    assert str(PREFIXES["kg"]) == "https://w3id.org/kgraph/ontology#"
    assert str(PREFIXES["kgr"]) == "https://w3id.org/kgraph/id/"
    assert str(PREFIXES["wd"]) == "http://www.wikidata.org/entity/"
    assert str(PREFIXES["schema"]) == "https://schema.org/"


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_entity_iri_is_always_valid(name):
    iri = entity_iri("country", name)

    assert ox.NamedNode(iri).value == iri
    assert re.fullmatch(r"https://w3id\.org/kgraph/id/country/[a-z0-9]+(-[a-z0-9]+)*", iri)
    assert entity_iri("country", name) == iri


def test_entity_iris_of_hostile_names_do_not_collide():
    iris = [entity_iri("country", name) for name in HOSTILE_NAMES]

    assert len(set(iris)) == len(HOSTILE_NAMES)


def test_entity_iri_slugs():
    assert entity_iri("country", "Russia") == f"{KGR}country/russia"
    assert entity_iri("Person", "Kassym-Jomart  Tokayev") == f"{KGR}person/kassym-jomart-tokayev"
    assert entity_iri("country", "Côte d'Ivoire") == f"{KGR}country/cote-d-ivoire"
    assert entity_iri("city", "İstanbul") == f"{KGR}city/istanbul"
    assert re.fullmatch(rf"{KGR}city/[0-9a-f]{{10}}", entity_iri("city", "Москва"))
    assert re.fullmatch(rf"{KGR}org/rocket-[0-9a-f]{{10}}", entity_iri("org", "Rocket 🚀"))


def test_document_iri_percent_encodes_everything():
    for doc_id in ["plain", 'a b/c#d?e"f<g>h\\i', "ملف", "..", ".", "", "\ud800", "a%20b"]:
        iri = document_iri(doc_id)
        assert iri.startswith(f"{KGR}doc/")
        assert ox.NamedNode(iri).value == iri
        assert "/" not in iri.removeprefix(f"{KGR}doc/")
        if doc_id not in (".", "..", "\ud800"):
            assert unquote(iri.removeprefix(f"{KGR}doc/")) == doc_id
    assert len({document_iri(d) for d in ["a b", "a%20b", "a+b"]}) == 3


def test_statement_iri_is_deterministic_and_sensitive_to_every_part():
    parts = ("https://w3id.org/kgraph/id/country/russia", "memberOf", "https://w3id.org/kgraph/id/alliance/csto",
             "doc-1", 10, 42, "membership.pattern")
    iri = statement_iri(*parts)

    assert iri == statement_iri(*parts)
    assert re.fullmatch(rf"{KGR}stmt/[0-9a-f]{{40}}", iri)
    for index in range(len(parts)):
        changed = list(parts)
        changed[index] = "other" if isinstance(parts[index], str) else parts[index] + 1
        assert statement_iri(*changed) != iri
    assert statement_iri(*parts, status="hedged") != iri
