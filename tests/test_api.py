"""The notebook API: kgraph.build / build_texts / load and KnowledgeGraph."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
import rdflib

import kgraph
from kgraph.api import pipeline
from kgraph.errors import InputError, QueryError
from kgraph.rdf.namespace import KG

REPO = Path(__file__).resolve().parent.parent
CSTO = ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"]


@pytest.fixture(scope="module")
def seed_kg(seed_path):
    return kgraph.build(seed_path)


def test_build_seed_answers_members_and_queries(seed_kg):
    assert [m["label"] for m in seed_kg.members("CSTO")] == CSTO
    assert seed_kg.members("ODKB")[0] == {"label": "Armenia", "type": "Country",
                                          "wikidata": "http://www.wikidata.org/entity/Q399"}
    rows = seed_kg.query("SELECT ?who ?what WHERE { ?p kg:presidentOf ?c . ?p rdfs:label ?who . ?c rdfs:label ?what }")
    assert rows == [{"who": "Kassym-Jomart Tokayev", "what": "Kazakhstan"}]
    assert seed_kg.query("ASK { ?x kg:deployedTo ?y }") is True
    with pytest.raises(QueryError):
        seed_kg.query("SELECT WHERE {")


def test_build_seed_conversions(seed_kg):
    graph = seed_kg.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph) and len(seed_kg) == graph.number_of_nodes() == 10
    graph.clear()  # a copy: the KnowledgeGraph is unchanged
    assert len(seed_kg) == 10
    rdf = seed_kg.to_rdf()
    assert isinstance(rdf, rdflib.Graph)
    russia, csto = (rdflib.URIRef(f"https://w3id.org/kgraph/id/{k}") for k in ("country/russia", "alliance/csto"))
    assert (russia, KG.memberOf, csto) in rdf
    assert repr(seed_kg) == "<KnowledgeGraph: 10 entities, 9 relations (9 asserted) from 1 document>"


def test_build_seed_to_pandas(seed_kg):
    nodes, edges = seed_kg.to_pandas()
    assert sorted(nodes["label"]) == sorted(d["label"] for _, d in seed_kg.to_networkx().nodes(data=True))
    assert list(edges.columns[:6]) == ["source", "source_label", "predicate", "target", "target_label", "status"]
    members = edges[edges["predicate"] == "memberOf"]
    assert sorted(members["source_label"]) == CSTO
    assert (edges["evidence_count"] == edges["evidence"].map(len)).all() and (edges["evidence_count"] > 0).all()


def test_write_and_load_round_trip(seed_kg, tmp_path):
    for name in ("deep/graph.ttl", "graph.jsonl", "graph.gexf", "graph.html", "graph.png"):
        assert seed_kg.write(tmp_path / name).stat().st_size > 0
    loaded = kgraph.load(tmp_path / "deep" / "graph.ttl")
    assert loaded.stats is None and repr(loaded) == repr(seed_kg)
    assert loaded.members("CSTO") == seed_kg.members("CSTO")


def test_build_texts_keeps_statuses_apart():
    kg = kgraph.build_texts(["Finland is a member of NATO.", "Armenia is no longer a member of the CSTO."],
                            date="2024-06-01")
    assert [m["label"] for m in kg.members("NATO")] == ["Finland"]
    assert kg.members("CSTO") == []
    _, edges = kg.to_pandas()
    statuses = dict(zip(edges["source_label"], edges["status"]))
    assert statuses["Finland"] == "asserted" and statuses["Armenia"] in ("negated", "former")
    assert edges["first_seen"].tolist() == ["2024-06-01", "2024-06-01"]
    assert set(kg.documents) == {"text-1", "text-2"}


def test_build_rejects_bad_input(tmp_path):
    with pytest.raises(InputError, match="missing"):
        kgraph.build([tmp_path / "missing.txt"])
    with pytest.raises(TypeError):
        kgraph.build_texts([b"bytes are not text"])


def test_pipeline_is_loaded_once_per_process():
    assert pipeline() is pipeline()


def test_readme_python_example_runs_and_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code, output = re.search(r"```python\n(.*?)```\s*```text\n(.*?)```", section, re.S).groups()
    (tmp_path / "examples").symlink_to(REPO / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})  # noqa: S102 - our own README
    assert capsys.readouterr().out == output
    assert (tmp_path / "out" / "graph.html").is_file()
