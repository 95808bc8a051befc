"""Gephi spreadsheet tables: Gephi's column names, every attribute, both files or neither."""

from __future__ import annotations

import csv
import os

import pytest
from real_graphs import HOSTILE_LABELS, build_all, parallel_pairs

from kgraph.export import flatten, write_graph
from kgraph.export._values import clean_text
from kgraph.export.gephi import edge_id, lexical
from kgraph.export.gephi_csv import csv_paths, write_gephi_csv

NAMES = ["seed", "corpus", "parallel", "hostile"]


@pytest.fixture(scope="module")
def graphs(nlp, seed_path):
    return build_all(nlp, seed_path)


def read_tables(path) -> tuple[list[dict], list[dict], list[str], list[str]]:
    nodes_path, edges_path = csv_paths(path)
    with open(nodes_path, encoding="utf-8", newline="") as nodes:
        node_reader = csv.DictReader(nodes)
        node_rows = list(node_reader)
    with open(edges_path, encoding="utf-8", newline="") as edges:
        edge_reader = csv.DictReader(edges)
        edge_rows = list(edge_reader)
    return node_rows, edge_rows, list(node_reader.fieldnames), list(edge_reader.fieldnames)


def cell(data: dict, key: str) -> str:
    return lexical(data[key]) if key in data else ""


def test_csv_paths_name_both_tables(tmp_path):
    assert csv_paths(tmp_path / "graph.csv") == (tmp_path / "graph.nodes.csv", tmp_path / "graph.edges.csv")
    assert csv_paths("out/kg") == (csv_paths("out/kg.csv")[0], csv_paths("out/kg.csv")[1])


@pytest.mark.parametrize("name", NAMES)
def test_tables_hold_every_attribute_under_gephis_column_names(graphs, tmp_path, name):
    G = graphs[name]
    flat = flatten(G)
    write_graph(G, tmp_path / "graph.csv")

    assert sorted(os.listdir(tmp_path)) == ["graph.edges.csv", "graph.nodes.csv"]
    nodes, edges, node_columns, edge_columns = read_tables(tmp_path / "graph.csv")
    assert node_columns[:2] == ["Id", "Label"]
    assert edge_columns[:7] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind"]
    node_keys = set().union(*(data for _, data in flat.nodes(data=True))) - {"label"}
    edge_keys = set().union(*(data for _, _, data in flat.edges(data=True))) - {"label", "weight", "kind"}
    assert set(node_columns[2:]) == node_keys and set(edge_columns[7:]) == edge_keys

    assert {row["Id"] for row in nodes} == set(G)
    for row in nodes:
        data = flat.nodes[row["Id"]]
        assert row["Label"] == data["label"]
        assert {key: row[key] for key in node_keys} == {key: cell(data, key) for key in node_keys}
    assert len(edges) == G.number_of_edges()
    flat_edges = {edge_id(u, v, key): (u, v, data) for u, v, key, data in flat.edges(keys=True, data=True)}
    assert len({row["Id"] for row in edges}) == len(edges)
    for row in edges:
        u, v, data = flat_edges[row["Id"]]
        assert (row["Source"], row["Target"], row["Type"]) == (u, v, "Directed")
        assert (row["Label"], row["Weight"], row["Kind"]) == (data["label"], str(data["weight"]), data["kind"])
        assert {key: row[key] for key in edge_keys} == {key: cell(data, key) for key in edge_keys}


def test_parallel_edges_are_separate_rows_of_distinct_kinds(graphs, tmp_path):
    G = graphs["parallel"]
    write_gephi_csv(G, tmp_path / "graph.csv")
    _, edges, _, _ = read_tables(tmp_path / "graph.csv")

    pairs = {(row["Source"], row["Target"]) for row in edges}
    assert parallel_pairs(G) and parallel_pairs(G) <= pairs
    kinds = [(row["Source"], row["Target"], row["Kind"]) for row in edges]
    assert len(set(kinds)) == len(kinds) == G.number_of_edges()


def test_hostile_text_survives_the_csv_module(graphs, tmp_path):
    write_gephi_csv(graphs["hostile"], tmp_path / "graph.csv")
    nodes, edges, _, _ = read_tables(tmp_path / "graph.csv")

    assert {row["Label"] for row in nodes} == {clean_text(label) for label in HOSTILE_LABELS}
    assert {row["rules"] for row in edges} <= {clean_text(label) for label in HOSTILE_LABELS}
    assert all(row["documents"].startswith('doc "<#>" 🚀\n') for row in edges)


class Unconvertible:
    """An attribute value no writer can turn into text."""

    def __str__(self) -> str:
        raise RuntimeError("cannot convert")


def test_a_failed_export_writes_neither_table(graphs, tmp_path):
    path = tmp_path / "graph.csv"
    write_gephi_csv(graphs["seed"], path)
    before = [p.read_bytes() for p in csv_paths(path)]
    broken = graphs["corpus"].copy()
    node = next(iter(broken))
    broken.nodes[node]["note"] = Unconvertible()

    with pytest.raises(RuntimeError, match="cannot convert"):
        write_graph(broken, path)

    assert [p.read_bytes() for p in csv_paths(path)] == before
    assert sorted(os.listdir(tmp_path)) == ["graph.edges.csv", "graph.nodes.csv"]
