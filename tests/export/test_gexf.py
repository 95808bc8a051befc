"""GEXF 1.3: valid against the official RELAX NG schema, read back by networkx and graphology-gexf."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from real_graphs import CORPUS, HOSTILE_LABELS, REPO, build_all, parallel_pairs

from kgraph.export import flatten, write_graph
from kgraph.export._values import clean_text
from kgraph.export.gephi import edge_id
from kgraph.export.gexf import GEXF_NS, MAX_SIZE, MIN_SIZE, VIZ_NS, node_size, write_gexf
from kgraph.export.palette import DEFAULT_COLOR, PALETTE, rgb

NS = {"g": GEXF_NS, "viz": VIZ_NS}
READ_GEXF_JS = REPO / "tests" / "js" / "read_gexf.mjs"
NAMES = ["seed", "corpus", "parallel", "hostile"]


@pytest.fixture(scope="module")
def graphs(nlp, seed_path):
    return build_all(nlp, seed_path)


@pytest.fixture(scope="module")
def schema(shared):
    return etree.RelaxNG(etree.parse(str(shared / "schemas" / "gexf-1.3" / "gexf.rng")))


@pytest.fixture(scope="module")
def written(graphs, tmp_path_factory):
    """(graph name, dynamic) -> path of the GEXF file written for it."""
    out = tmp_path_factory.mktemp("gexf")
    paths = {}
    for name, G in graphs.items():
        for dynamic in (False, True):
            paths[name, dynamic] = out / f"{name}{'-dynamic' if dynamic else ''}.gexf"
            write_gexf(G, paths[name, dynamic], dynamic=dynamic)
    return paths


def graphology(path: Path) -> dict:
    """The graph as graphology-gexf (Gephi Lite's parser) reads it, run by Node.js."""
    run = subprocess.run(["node", str(READ_GEXF_JS), str(path)], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode()
    return json.loads(run.stdout)


def expected_rgb(node_type: str) -> tuple[int, int, int]:
    return rgb(PALETTE.get(node_type, DEFAULT_COLOR))


def numbered_edges(G: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict]]:
    """GEXF edge id -> (source, target, flattened attributes); ids derive from (source, target, key)."""
    edges = {edge_id(u, v, key): (u, v, data) for u, v, key, data in flatten(G).edges(keys=True, data=True)}
    assert len(edges) == G.number_of_edges()  # no two edges share an id
    return edges


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
@pytest.mark.parametrize("name", NAMES)
def test_gexf_validates_against_the_official_schema(schema, written, name, dynamic):
    document = etree.parse(str(written[name, dynamic]))

    assert schema.validate(document), schema.error_log


def test_the_schema_rejects_what_networkx_writes(schema, graphs, tmp_path):
    """The validator is not vacuous: networkx's own GEXF 1.3 writer output fails it."""
    path = tmp_path / "networkx.gexf"
    nx.write_gexf(flatten(graphs["corpus"]), path, version="1.3")

    assert not schema.validate(etree.parse(str(path)))


def test_gexf_is_written_as_gephi_writes_it(written, graphs):
    root = etree.parse(str(written["corpus", False])).getroot()

    assert root.tag == f"{{{GEXF_NS}}}gexf" and root.get("version") == "1.3"
    assert root.nsmap == {None: GEXF_NS, "viz": VIZ_NS}
    meta = root.find("g:meta", NS)
    assert date.fromisoformat(meta.get("lastmodifieddate"))
    assert meta.findtext("g:creator", namespaces=NS).startswith("kgraph ")
    graph = root.find("g:graph", NS)
    assert (graph.get("defaultedgetype"), graph.get("mode")) == ("directed", "static")
    declared = {
        attributes.get("class"): {a.get("id"): a.get("type") for a in attributes.iterfind("g:attribute", NS)}
        for attributes in graph.iterfind("g:attributes", NS)
    }
    assert declared["node"] == {"type": "string", "wikidata": "string", "aliases": "string", "mentions": "integer",
                                "weighted_degree": "integer"}
    assert declared["edge"] == {"predicate": "string", "status": "string", "confidence": "double",
                                "evidence_count": "integer", "first_seen": "string", "last_seen": "string",
                                "documents": "string", "rules": "string"}
    assert int(graph.find("g:nodes", NS).get("count")) == graphs["corpus"].number_of_nodes()
    assert int(graph.find("g:edges", NS).get("count")) == graphs["corpus"].number_of_edges()


@pytest.mark.parametrize("name", NAMES)
def test_networkx_reads_back_every_attribute(written, graphs, name):
    G = graphs[name]
    flat = flatten(G)
    back = nx.read_gexf(written[name, False])

    assert set(back) == set(G)
    for node, data in back.nodes(data=True):
        viz = data.pop("viz")
        assert data == flat.nodes[node]
        assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == expected_rgb(G.nodes[node]["type"])
    assert back.number_of_edges() == G.number_of_edges()
    edges = numbered_edges(G)
    for u, v, data in back.edges(data=True):
        source, target, attributes = edges[data.pop("id")]
        assert (u, v) == (source, target)
        assert data == {key: value for key, value in attributes.items() if key != "kind"}  # networkx drops kind


@pytest.mark.parametrize("name", NAMES)
def test_graphology_reads_back_every_attribute_and_colour(written, graphs, name):
    G = graphs[name]
    flat = flatten(G)
    largest = max(data["weighted_degree"] for _, data in flat.nodes(data=True))
    read = graphology(written[name, False])

    assert read["type"] == "directed"
    assert {node["key"] for node in read["nodes"]} == set(G)
    for node in read["nodes"]:
        attributes = node["attributes"]
        assert attributes.pop("color") == "rgb({},{},{})".format(*expected_rgb(G.nodes[node["key"]]["type"]))
        assert attributes.pop("size") == pytest.approx(node_size(flat.nodes[node["key"]]["weighted_degree"], largest))
        assert attributes == flat.nodes[node["key"]]
    edges = numbered_edges(G)
    assert len(read["edges"]) == len(edges)
    for edge in read["edges"]:
        source, target, attributes = edges[edge["key"]]
        assert (edge["source"], edge["target"]) == (source, target)
        assert edge["attributes"] == attributes


def test_parallel_edges_are_kept_apart(written, graphs):
    G = graphs["parallel"]
    pairs = parallel_pairs(G)
    assert pairs, "the reports should give one pair of entities two statuses"
    root = etree.parse(str(written["parallel", False])).getroot()
    edges = root.findall(".//g:edge", NS)
    kinds = [(edge.get("source"), edge.get("target"), edge.get("kind")) for edge in edges]

    assert len(edges) == len({edge.get("id") for edge in edges}) == G.number_of_edges()
    assert len(set(kinds)) == len(kinds)  # Gephi merges parallel edges only when they share a kind
    assert {(u, v) for u, v, _ in kinds if (u, v) in pairs} == pairs
    read = graphology(written["parallel", False])
    assert read["multi"] and len(read["edges"]) == G.number_of_edges()
    assert nx.read_gexf(written["parallel", False]).number_of_edges() == G.number_of_edges()


def test_nodes_are_coloured_by_type_and_sized_by_evidence(written, graphs):
    G = graphs["corpus"]
    root = etree.parse(str(written["corpus", False])).getroot()
    evidence = {node: 0 for node in G}
    for u, v, data in G.edges(data=True):
        evidence[u] += len(data["evidence"])
        evidence[v] += len(data["evidence"])
    sizes = {}
    for node in root.iterfind(".//g:node", NS):
        color = node.find("viz:color", NS)
        assert tuple(int(color.get(c)) for c in "rgb") == rgb(PALETTE[G.nodes[node.get("id")]["type"]])
        sizes[node.get("id")] = float(node.find("viz:size", NS).get("value"))

    ranked = sorted(G, key=lambda node: evidence[node])
    assert [sizes[node] for node in ranked] == sorted(sizes.values())
    assert sizes[ranked[-1]] == MAX_SIZE
    assert all(sizes[node] == MIN_SIZE for node in G if evidence[node] == 0)
    assert {G.nodes[node]["type"] for node in G} <= set(PALETTE)


def test_dynamic_gexf_spans_the_evidence_dates(written, graphs):
    G = graphs["corpus"]
    root = etree.parse(str(written["corpus", True])).getroot()
    graph = root.find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")

    spans = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        days = sorted(str(item["date"])[:10] for item in data["evidence"] if item["date"])
        spans[edge_id(u, v, key)] = (u, v, (days[0], days[-1]) if days else None)
    for edge in root.iterfind(".//g:edge", NS):
        u, v, span = spans[edge.get("id")]
        assert (edge.get("start"), edge.get("end")) == (span or (None, None))
    nodes = {node.get("id"): node for node in root.iterfind(".//g:node", NS)}
    for u, v, span in spans.values():
        for end in (u, v):
            start, finish = nodes[end].get("start"), nodes[end].get("end")
            if span is None:
                assert start is finish is None  # an undated edge keeps both ends always visible
            elif start is not None:
                assert start <= span[0] and span[1] <= finish
    dated = {span[0] for _, _, span in spans.values() if span}
    assert len(dated) >= 3  # several news dates: the timeline has something to play


def test_dynamic_gexf_of_dated_reports_reads_back(written, graphs):
    G = graphs["parallel"]
    back = nx.read_gexf(written["parallel", True])

    starts = {data["start"] for _, _, data in back.edges(data=True)}
    assert starts == {"2022-01-06", "2023-05-17"}
    russia = next(node for node, data in G.nodes(data=True) if data["label"] == "Russia")
    assert (back.nodes[russia]["start"], back.nodes[russia]["end"]) == ("2022-01-06", "2023-05-17")
    read = graphology(written["parallel", True])
    assert len(read["edges"]) == G.number_of_edges()


def test_hostile_labels_survive_every_reader(written, graphs):
    expected = {clean_text(label) for label in HOSTILE_LABELS[: graphs["hostile"].number_of_nodes()]}
    path = written["hostile", False]

    assert {data["label"] for _, data in nx.read_gexf(path).nodes(data=True)} == expected
    assert {node["attributes"]["label"] for node in graphology(path)["nodes"]} == expected
    rules = {edge["attributes"]["rules"] for edge in graphology(path)["edges"]}
    assert rules <= {clean_text(label) for label in HOSTILE_LABELS} and len(rules) > 1
    assert "\x00" not in path.read_text(encoding="utf-8")


def test_write_graph_passes_dynamic_to_gexf_only(graphs, tmp_path):
    write_graph(graphs["parallel"], tmp_path / "graph.gexf", dynamic=True)
    write_graph(graphs["parallel"], tmp_path / "graph.ttl", dynamic=True)

    graph = etree.parse(str(tmp_path / "graph.gexf")).getroot().find("g:graph", NS)
    assert graph.get("mode") == "dynamic"
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8").startswith("@prefix")


def test_cli_build_dynamic_gexf_and_csv(schema, tmp_path):
    script = Path(sys.executable).with_name("kgraph")
    run = subprocess.run([str(script), "build", str(CORPUS), "-o", str(tmp_path / "graph.gexf"),
                          "-o", str(tmp_path / "graph.csv"), "--dynamic", "-q"], capture_output=True, timeout=600)

    assert run.returncode == 0, run.stderr.decode()
    document = etree.parse(str(tmp_path / "graph.gexf"))
    assert schema.validate(document), schema.error_log
    assert document.getroot().find("g:graph", NS).get("mode") == "dynamic"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["graph.edges.csv", "graph.gexf", "graph.nodes.csv"]
