"""GraphBuilder on real extractions: evidence is kept once per sentence, rule and document."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kgraph.graph import GraphBuilder
from kgraph.engine.run import annotate_documents
from kgraph.types import Document


@pytest.fixture(scope="module")
def seed_result(nlp, seed_path):
    [result] = annotate_documents(nlp, [Document(id="seed", text=seed_path.read_text(encoding="utf-8"))])
    assert result.relations
    return result


def _evidence_counts(graph) -> dict:
    return {(u, v, k): len(d["evidence"]) for u, v, k, d in graph.edges(keys=True, data=True)}


def test_one_document_gives_one_evidence_per_distinct_finding(seed_result):
    builder = GraphBuilder()
    builder.add(seed_result)
    graph = builder.finish()
    distinct = {(r.subject.id, r.object.id, f"{r.predicate}|{r.status}", r.evidence) for r in seed_result.relations}
    assert sum(_evidence_counts(graph).values()) == len(distinct)
    for _, _, data in graph.edges(data=True):
        keys = [(e["doc_id"], e["start"], e["end"], e["rule"]) for e in data["evidence"]]
        assert len(keys) == len(set(keys))


def test_the_same_document_added_twice_does_not_double_its_evidence(seed_result):
    once, twice = GraphBuilder(), GraphBuilder()
    once.add(seed_result)
    twice.add(seed_result)
    twice.add(seed_result)
    assert _evidence_counts(twice.finish()) == _evidence_counts(once.finish())


def test_a_duplicated_relation_in_one_result_is_kept_once(seed_result):
    doubled = replace(seed_result, relations=seed_result.relations + seed_result.relations)
    single, double = GraphBuilder(), GraphBuilder()
    single.add(seed_result)
    double.add(doubled)
    assert _evidence_counts(double.finish()) == _evidence_counts(single.finish())


def test_the_same_text_under_two_ids_is_two_pieces_of_evidence(seed_result):
    other = replace(seed_result, document=replace(seed_result.document, id="seed-copy"))
    other = replace(other, relations=[replace(r, evidence=replace(r.evidence, doc_id="seed-copy"))
                                      for r in seed_result.relations])
    one, two = GraphBuilder(), GraphBuilder()
    one.add(seed_result)
    two.add(seed_result)
    two.add(other)
    single = _evidence_counts(one.finish())
    assert _evidence_counts(two.finish()) == {edge: 2 * n for edge, n in single.items()}


def test_a_surname_in_one_document_merges_into_the_full_name_of_another_without_repeats(nlp):
    from kgraph.engine.run import build_graph

    documents = [
        Document(id="full", text="Russian President Vladimir Putin met the Kazakh President Kassym-Jomart Tokayev."),
        Document(id="surname", text="Russian President Putin spoke to reporters on Monday."),
    ]
    graph, _ = build_graph(nlp, documents + documents[1:])  # the second document is read twice
    labels = {node: data["label"] for node, data in graph.nodes(data=True)}
    assert "Putin" not in labels.values()
    [(u, v, data)] = [(u, v, d) for u, v, d in graph.edges(data=True)
                      if labels[u] == "Vladimir Putin" and d["predicate"] == "presidentOf"]
    assert labels[v] == "Russia"
    assert sorted(e["doc_id"] for e in data["evidence"]) == ["full", "surname"]
