"""``--workers N``: spaCy's worker processes give the same mentions and relations as one process."""

from __future__ import annotations

from kgraph.engine.run import annotate_documents
from kgraph.read import read_documents


def _summary(results) -> tuple[list, list]:
    results = list(results)
    relations = sorted((r.document.id, x.subject.id, x.predicate, x.object.id, x.status, x.evidence.start)
                       for r in results for x in r.relations)
    mentions = sorted((r.document.id, m.entity.id, m.start, m.end) for r in results for m in r.mentions)
    return relations, mentions


def test_two_worker_processes_give_the_same_results_as_one(nlp):
    documents = list(read_documents(["examples/corpus"]))
    one = _summary(annotate_documents(nlp, documents))
    two = _summary(annotate_documents(nlp, documents, n_process=2, batch_size=2))
    assert one[0], "the example corpus must yield relations"
    assert two == one
