"""GraphML: typed keys, every flattened attribute read back by networkx and by igraph."""

from __future__ import annotations

import math

import igraph
import networkx as nx
import pytest
from lxml import etree
from real_graphs import HOSTILE_LABELS, build_all, parallel_pairs

from kgraph.export import flatten, write_graph, write_graphml
from kgraph.export._values import clean_text
from kgraph.export.gephi import edge_id
from kgraph.export.graphml import GRAPHML_NS

NS = {"g": GRAPHML_NS}
NAMES = ["seed", "corpus", "parallel", "hostile"]


@pytest.fixture(scope="module")
def graphs(nlp, seed_path):
    return build_all(nlp, seed_path)


@pytest.fixture(scope="module")
def written(graphs, tmp_path_factory):
    out = tmp_path_factory.mktemp("graphml")
    paths = {}
    for name, G in graphs.items():
        paths[name] = out / f"{name}.graphml"
        write_graph(G, paths[name])
    return paths


def numbered_edges(G: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict]]:
    edges = {edge_id(u, v, key): (u, v, data) for u, v, key, data in flatten(G).edges(keys=True, data=True)}
    assert len(edges) == G.number_of_edges()  # no two edges share an id
    return edges


def same(read, expected) -> bool:
    """igraph holds every number as a float."""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(read, (int, float)) and math.isclose(read, expected)
    return read == expected


def test_keys_are_declared_with_types_and_unique_ids(written):
    root = etree.parse(str(written["corpus"])).getroot()
    keys = root.findall("g:key", NS)
    declared = {(key.get("for"), key.get("attr.name")): key.get("attr.type") for key in keys}

    assert len({key.get("id") for key in keys}) == len(keys)
    assert declared == {
        ("node", "label"): "string", ("node", "type"): "string", ("node", "wikidata"): "string",
        ("node", "aliases"): "string", ("node", "mentions"): "int", ("node", "weighted_degree"): "int",
        ("edge", "label"): "string", ("edge", "kind"): "string", ("edge", "weight"): "int",
        ("edge", "predicate"): "string", ("edge", "status"): "string", ("edge", "confidence"): "double",
        ("edge", "evidence_count"): "int", ("edge", "first_seen"): "string", ("edge", "last_seen"): "string",
        ("edge", "documents"): "string", ("edge", "rules"): "string",
    }
    assert root.find("g:graph", NS).get("edgedefault") == "directed"


@pytest.mark.parametrize("name", NAMES)
def test_networkx_reads_back_every_attribute(written, graphs, name):
    G = graphs[name]
    flat = flatten(G)
    back = nx.read_graphml(written[name], force_multigraph=True)

    assert dict(back.nodes(data=True)) == dict(flat.nodes(data=True))
    edges = numbered_edges(G)
    assert back.number_of_edges() == len(edges)
    for u, v, key, data in back.edges(keys=True, data=True):
        source, target, attributes = edges[key]
        assert (u, v) == (source, target)
        assert {k: value for k, value in data.items() if k != "id"} == attributes


@pytest.mark.parametrize("name", NAMES)
def test_igraph_reads_back_every_attribute(written, graphs, name):
    G = graphs[name]
    flat = flatten(G)
    g = igraph.Graph.Read_GraphML(str(written[name]))

    assert g.is_directed()
    assert g.vcount() == flat.number_of_nodes() and g.ecount() == flat.number_of_edges()
    for vertex in g.vs:
        expected = flat.nodes[vertex["id"]]
        for key, value in expected.items():
            assert same(vertex[key], value), (vertex["id"], key)
    read = sorted((g.vs[e.source]["id"], g.vs[e.target]["id"], e["predicate"], e["status"], e["confidence"],
                   e["weight"], e["documents"], e["rules"], e["kind"]) for e in g.es)
    expected = sorted((u, v, d["predicate"], d["status"], d["confidence"], float(d["weight"]), d["documents"],
                       d["rules"], d["kind"]) for u, v, d in flat.edges(data=True))
    assert read == expected


def test_parallel_edges_survive_both_readers(written, graphs):
    G = graphs["parallel"]
    assert parallel_pairs(G)

    back = nx.read_graphml(written["parallel"], force_multigraph=True)
    assert parallel_pairs(back) == parallel_pairs(G)
    g = igraph.Graph.Read_GraphML(str(written["parallel"]))
    assert g.ecount() == G.number_of_edges() and not g.is_simple()


def test_hostile_labels_survive_both_readers(written, graphs):
    expected = {clean_text(label) for label in HOSTILE_LABELS}
    path = written["hostile"]

    assert {data["label"] for _, data in nx.read_graphml(path).nodes(data=True)} == expected
    assert set(igraph.Graph.Read_GraphML(str(path)).vs["label"]) == expected


def test_write_graphml_replaces_the_old_file(graphs, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(graphs["corpus"], path)
    write_graphml(graphs["seed"], path)

    assert nx.read_graphml(path).number_of_nodes() == graphs["seed"].number_of_nodes()
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]
