"""JSON Lines facts: one line per edge, deterministic order, exact text."""

from __future__ import annotations

import json
import random

import networkx as nx
from export_samples import HOSTILE_LABELS, build_csto_graph, build_hostile_graph

from kgraph.export import fact_records, write_facts


def read_lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def shuffled(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges inserted in another order."""
    nodes, edges = list(G.nodes(data=True)), list(G.edges(keys=True, data=True))
    random.Random(7).shuffle(nodes)
    random.Random(7).shuffle(edges)
    copy = nx.MultiDiGraph(**G.graph)
    copy.add_nodes_from(nodes)
    copy.add_edges_from(edges)
    return copy


def test_one_line_per_edge_with_entities_and_evidence(tmp_path):
    G = build_csto_graph()
    path = tmp_path / "facts.jsonl"
    write_facts(G, path)
    lines = read_lines(path)

    assert len(lines) == G.number_of_edges()
    [president] = [line for line in lines if line["predicate"] == "presidentOf"]
    assert president == {
        "subject": {"id": "https://w3id.org/kgraph/id/person/kassym-jomart-tokayev", "label": "Kassym-Jomart Tokayev",
                    "type": "Person", "wikidata": "Q2422830"},
        "predicate": "presidentOf",
        "object": {"id": "https://w3id.org/kgraph/id/country/kazakhstan", "label": "Kazakhstan", "type": "Country",
                   "wikidata": "Q232"},
        "confidence": 0.95,
        "status": "asserted",
        "evidence": [{"doc_id": "doc-2", "sentence": "President Kassym-Jomart Tokayev asked for help.", "start": 0,
                      "end": 47, "rule": "offices.title", "date": "2022-01-06T08:30:00Z", "url": None,
                      "confidence": 0.95}],
    }
    assert list(president["evidence"][0]) == ["doc_id", "sentence", "start", "end", "rule", "date", "url", "confidence"]


def test_non_asserted_edges_are_listed_with_their_status(tmp_path):
    path = tmp_path / "facts.jsonl"
    write_facts(build_csto_graph(), path)

    statuses = {(line["subject"]["label"], line["status"]) for line in read_lines(path) if line["status"] != "asserted"}
    assert statuses == {("Azerbaijan", "hedged"), ("Armenia", "disputed")}


def test_order_is_sorted_and_independent_of_insertion_order(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_facts(build_csto_graph(), first)
    write_facts(shuffled(build_csto_graph()), second)

    assert first.read_bytes() == second.read_bytes()
    keys = [(r["predicate"], r["subject"]["label"], r["object"]["label"], r["status"]) for r in read_lines(first)]
    assert keys == sorted(keys)
    assert keys[:2] == [("deployedTo", "Russia", "Kazakhstan", "asserted"), ("memberOf", "Armenia", "CSTO", "asserted")]


def test_hostile_text_is_kept_exactly(tmp_path):
    G = build_hostile_graph()
    path = tmp_path / "facts.jsonl"
    write_facts(G, path)
    lines = read_lines(path)

    assert len(path.read_text(encoding="utf-8").splitlines()) == len(HOSTILE_LABELS)
    assert {line["object"]["label"] for line in lines} == set(HOSTILE_LABELS)
    assert {line["evidence"][0]["sentence"] for line in lines} == {f"Russia joined {label}.\x0c" for label in HOSTILE_LABELS}


def test_lone_surrogates_do_not_abort_the_export(tmp_path):
    G = build_csto_graph()
    G.nodes["https://w3id.org/kgraph/id/country/russia"]["label"] = "broken \ud800 text"
    path = tmp_path / "facts.jsonl"
    write_facts(G, path)

    assert any(line["subject"]["label"] == "broken ? text" for line in read_lines(path))


def test_fact_records_match_the_file(tmp_path):
    G = build_csto_graph()
    path = tmp_path / "facts.jsonl"
    write_facts(G, path)

    assert read_lines(path) == fact_records(G)
