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


def test_eval_report_prints_undefined_scores_as_na():
    from kgraph.evaluate import EvalReport

    report = EvalReport()
    report.per_relation["member_of"] = Counts(tp=2, fp=1, fn=0)
    report.per_relation["deployed_to"] = Counts(tp=0, fp=0, fn=3)  # gold, nothing predicted: P undefined
    report.per_relation["located_in"] = Counts(tp=0, fp=2, fn=0)  # predictions, no gold: R undefined
    rows = {line[:24].strip(): line[24:].split() for line in report.format().splitlines()[1:-1]}

    assert rows["member_of"] == ["2", "3", "2", "0.667", "1.000", "0.800"]
    assert rows["deployed_to"] == ["3", "0", "0", "n/a", "0.000", "0.000"]
    assert rows["located_in"] == ["0", "2", "0", "0.000", "n/a", "0.000"]
    assert rows["leader_of"] == ["0", "0", "0", "n/a", "n/a", "n/a"]  # neither gold nor prediction
