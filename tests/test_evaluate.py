"""Extraction quality against the gold annotations (shared/eval): the scorer and the score."""

from __future__ import annotations

from kgraph.evaluate import Counts, evaluate, read_gold


def test_counts_precision_recall_f1():
    c = Counts(tp=8, fp=2, fn=8)
    assert (c.precision, c.recall) == (0.8, 0.5)
    assert round(c.f1, 4) == round(2 * 0.8 * 0.5 / 1.3, 4)
    assert Counts().f1 == 0.0


def test_eval_scores_seed_item(nlp, shared):
    report = evaluate(nlp, read_gold(shared / "eval" / "seed.jsonl"))
    assert report.items == 1
    assert report.overall.f1 >= 0.85
    assert report.traps == []


def test_eval_dev_meets_the_quality_bar(nlp, shared):
    """The project's acceptance bar: micro-F1 >= 0.85 and no trap asserted on the dev set."""
    report = evaluate(nlp, read_gold(shared / "eval" / "dev.jsonl"))
    assert report.items == 17
    assert report.overall.f1 >= 0.85, report.format(verbose=True)
    assert report.traps == [], report.format(verbose=True)


def test_eval_counts_a_trap(nlp):
    """A must_not fact that the extractor asserts is reported as a trap."""
    item = {"id": "t1", "text": "Hungary, a NATO member, hosted the talks.", "date": "2024-01-01",
            "gold": [], "must_not": [{"s": "Hungary", "s_qid": "Q28", "p": "member_of", "o": "NATO", "o_qid": "Q7184"}],
            "entities": []}
    report = evaluate(nlp, [item])
    assert report.traps == ["t1: Hungary member_of North Atlantic Treaty Organization"]
    assert report.per_relation["member_of"].fp == 1
