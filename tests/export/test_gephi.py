"""The flat view behind GEXF, GraphML and the CSV tables: scalar attributes, one type per key.

Round trips through real readers are in test_gexf.py, test_graphml.py and test_gephi_csv.py.
"""

from __future__ import annotations

import networkx as nx
from export_samples import HOSTILE_LABELS, build_csto_graph, build_hostile_graph

from kgraph.export import flatten, write_graphml
from kgraph.export.gephi import attribute_types, edge_kind
from kgraph.rdf.namespace import entity_iri

RUSSIA = entity_iri("country", "Russia")
KAZAKHSTAN = entity_iri("country", "Kazakhstan")
CSTO = entity_iri("alliance", "CSTO")


def test_node_attributes_are_flattened():
    flat = flatten(build_csto_graph())

    assert flat.nodes[CSTO] == {
        "label": "CSTO",
        "type": "Alliance",
        "wikidata": "Q318693",
        "aliases": "Collective Security Treaty Organization",
        "mentions": 9,
        "weighted_degree": 8,
    }
    assert "wikidata" not in flatten(build_hostile_graph()).nodes[entity_iri("organization", HOSTILE_LABELS[0])]


def test_evidence_is_summarised():
    flat = flatten(build_csto_graph())

    assert flat.edges[RUSSIA, KAZAKHSTAN, "deployedTo|asserted"] == {
        "predicate": "deployedTo",
        "status": "asserted",
        "confidence": 0.92,
        "label": "deployedTo",
        "kind": "deployedTo",
        "weight": 2,
        "evidence_count": 2,
        "documents": "doc-1|doc-2",
        "rules": "deployment.verb",
        "first_seen": "2022-01-06T08:30:00+00:00",
        "last_seen": "2024-03-01",
    }
    hedged = flat.edges[entity_iri("country", "Azerbaijan"), CSTO, "memberOf|hedged"]
    assert "first_seen" not in hedged  # "sometime in 2023" is not a date
    assert (hedged["status"], hedged["kind"], hedged["weight"]) == ("hedged", "memberOf|hedged", 1)


def test_each_key_has_one_type():
    G = build_csto_graph()
    G.nodes[CSTO]["mentions"] = 2.5
    G.nodes[RUSSIA]["population"] = 144_000_000
    G.nodes[KAZAKHSTAN]["population"] = "about 20 million"
    G.nodes[KAZAKHSTAN]["member"] = True
    G.nodes[RUSSIA]["member"] = 1
    flat = flatten(G)

    assert {type(data["mentions"]) for _, data in flat.nodes(data=True)} == {float}
    assert flat.nodes[RUSSIA]["population"] == "144000000"
    assert flat.nodes[KAZAKHSTAN]["member"] == "true"
    assert flat.nodes[RUSSIA]["member"] == "1"


def test_graph_level_documents_are_not_written(tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(build_csto_graph(), path)

    assert "documents" not in nx.read_graphml(path).graph


def test_edge_kinds_keep_statuses_apart():
    assert edge_kind("memberOf", "asserted") == "memberOf"
    assert edge_kind("memberOf", "disputed") == "memberOf|disputed"
    flat = flatten(build_csto_graph())
    armenia = [data["kind"] for u, _, data in flat.edges(data=True) if u == entity_iri("country", "Armenia")]
    assert sorted(armenia) == ["memberOf", "memberOf|disputed"]


def test_attribute_types_follow_the_values():
    records = [{"a": 1, "b": 2.5, "c": "x", "d": True}, {"a": 2**40, "e": 3}]

    assert attribute_types(records, order=("e", "z", "c")) == {
        "e": "integer", "c": "string", "a": "long", "b": "double", "d": "boolean"}


def test_hostile_text_is_made_xml_safe():
    flat = flatten(build_hostile_graph())
    aliases = {data["aliases"] for _, data in flat.nodes(data=True) if data["type"] == "Organization"}

    assert all("\x00" not in alias and "x\ufffdy\ufffdz" in alias for alias in aliases)
    assert {data["label"] for _, data in flat.nodes(data=True)} >= set(HOSTILE_LABELS)
