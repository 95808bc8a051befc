"""Reading our own RDF and facts files back into the networkx graph contract."""

from __future__ import annotations

import pytest

from kgraph.errors import UnknownFormatError
from kgraph.export import to_rdf, write_facts, write_rdf
from kgraph.graph.from_rdf import from_rdf
from kgraph.graph.load import read_graph


def _edges(graph):
    key = lambda item: (item["doc_id"], item["start"], item["rule"])  # noqa: E731
    return {(u, v, k): {**d, "evidence": sorted(d["evidence"], key=key)} for u, v, k, d in graph.edges(keys=True, data=True)}


@pytest.mark.parametrize("extension", [".ttl", ".nt", ".jsonld", ".trig", ".nq", ".rdf"])
def test_rdf_files_read_back_into_the_same_graph(seed_graph, tmp_path, extension):
    path = tmp_path / f"seed{extension}"
    write_rdf(seed_graph, path)
    graph = read_graph(path)
    assert dict(graph.nodes(data=True)) == dict(seed_graph.nodes(data=True))
    assert _edges(graph) == _edges(seed_graph)
    titles = {doc: info["title"] for doc, info in graph.graph["documents"].items()}
    assert titles == {doc: info["title"] for doc, info in seed_graph.graph["documents"].items()}


def test_statements_bring_back_relations_that_are_not_asserted(nlp):
    from kgraph.engine.run import build_graph
    from kgraph.types import Document

    text = "Armenia is no longer a member of the CSTO. Russia is reportedly deploying troops to Belarus."
    built, _ = build_graph(nlp, [Document(id="d/1 ü", text=text, date="2024-06-01")])
    statuses = {d["status"] for _, _, d in built.edges(data=True)}
    assert statuses - {"asserted"}, statuses  # the text has non-asserted relations to recover
    graph = from_rdf(to_rdf(built))
    assert _edges(graph) == _edges(built)
    assert {item["doc_id"] for _, _, d in graph.edges(data=True) for item in d["evidence"]} == {"d/1 ü"}


def test_facts_read_back_and_merge_with_rdf(seed_graph, tmp_path):
    write_facts(seed_graph, tmp_path / "facts.jsonl")
    write_rdf(seed_graph, tmp_path / "seed.ttl")
    facts = read_graph(tmp_path / "facts.jsonl")
    assert _edges(facts) == _edges(seed_graph)
    merged = read_graph([tmp_path / "seed.ttl", tmp_path / "facts.jsonl"])
    assert _edges(merged) == _edges(seed_graph)  # the same evidence is not counted twice
    # facts files hold no aliases or mention counts: the RDF's are kept
    assert dict(merged.nodes(data=True)) == dict(seed_graph.nodes(data=True))


def test_read_graph_rejects_lossy_formats(tmp_path):
    with pytest.raises(UnknownFormatError, match=".gexf"):
        read_graph(tmp_path / "graph.gexf")
