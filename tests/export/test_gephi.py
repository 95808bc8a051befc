"""GEXF and GraphML: flattened attributes that networkx reads back unchanged."""

from __future__ import annotations

import networkx as nx
import pytest
from export_samples import HOSTILE_LABELS, build_csto_graph, build_hostile_graph
from lxml import etree

from kgraph.export import flatten, write_gexf, write_graphml
from kgraph.namespace import entity_iri

RUSSIA = entity_iri("country", "Russia")
KAZAKHSTAN = entity_iri("country", "Kazakhstan")
CSTO = entity_iri("alliance", "CSTO")


def read_back(path) -> nx.MultiDiGraph:
    if path.suffix == ".gexf":
        graph = nx.MultiDiGraph(nx.read_gexf(path))
        for _, _, data in graph.edges(data=True):
            data.pop("id")  # GEXF numbers its edges; the networkx key is kept separately
        return graph
    return nx.read_graphml(path, force_multigraph=True)


def edges_by_key(graph: nx.MultiDiGraph) -> dict:
    return {(u, v, data["predicate"], data["status"]): data for u, v, data in graph.edges(data=True)}


@pytest.mark.parametrize("writer", [write_gexf, write_graphml], ids=["gexf", "graphml"])
@pytest.mark.parametrize("build", [build_csto_graph, build_hostile_graph], ids=["csto", "hostile"])
def test_networkx_reads_back_every_flattened_attribute(tmp_path, writer, build):
    G = build()
    path = tmp_path / f"graph.{writer.__name__.removeprefix('write_')}"
    writer(G, path)
    flat = flatten(G)
    back = read_back(path)

    assert set(back) == set(flat)
    for node in flat:
        assert back.nodes[node] == flat.nodes[node]
    assert edges_by_key(back) == edges_by_key(flat)


@pytest.mark.parametrize("writer", [write_gexf, write_graphml], ids=["gexf", "graphml"])
def test_hostile_labels_survive(tmp_path, writer):
    path = tmp_path / f"hostile.{writer.__name__.removeprefix('write_')}"
    writer(build_hostile_graph(), path)
    etree.parse(str(path))  # well-formed XML

    back = read_back(path)
    labels = {data["label"] for _, data in back.nodes(data=True) if data["type"] == "Organization"}
    assert labels == set(HOSTILE_LABELS)
    rules = {data["rules"] for _, _, data in back.edges(data=True)}
    assert rules == set(HOSTILE_LABELS)


def test_node_attributes_are_flattened():
    flat = flatten(build_csto_graph())

    assert flat.nodes[CSTO] == {
        "label": "CSTO",
        "type": "Alliance",
        "wikidata": "Q318693",
        "aliases": "Collective Security Treaty Organization",
        "mentions": 9,
    }
    assert "wikidata" not in flatten(build_hostile_graph()).nodes[entity_iri("organization", HOSTILE_LABELS[0])]


def test_evidence_is_summarised():
    flat = flatten(build_csto_graph())

    assert flat.edges[RUSSIA, KAZAKHSTAN, "deployedTo|asserted"] == {
        "predicate": "deployedTo",
        "status": "asserted",
        "confidence": 0.92,
        "label": "deployedTo",
        "weight": 0.92,
        "evidence_count": 2,
        "documents": "doc-1|doc-2",
        "rules": "deployment.verb",
        "first_seen": "2022-01-06T08:30:00+00:00",
        "last_seen": "2024-03-01",
    }
    hedged = flat.edges[entity_iri("country", "Azerbaijan"), CSTO, "memberOf|hedged"]
    assert "first_seen" not in hedged  # "sometime in 2023" is not a date
    assert hedged["status"] == "hedged"


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


def test_gexf_uses_labels_and_weights(tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(build_csto_graph(), path)
    root = etree.parse(str(path)).getroot()
    ns = {"g": root.nsmap[None]}

    node_labels = {node.get("label") for node in root.iterfind(".//g:node", ns)}
    assert {"CSTO", "Russia", "Kassym-Jomart Tokayev"} <= node_labels
    weights = {edge.get("label"): edge.get("weight") for edge in root.iterfind(".//g:edge", ns)}
    assert weights["presidentOf"] == "0.95"
