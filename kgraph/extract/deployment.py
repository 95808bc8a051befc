"""deployedTo after the frames: what a whole document says about a deployment.

Forces with an owner and no place ("the paratroopers of the Chilean contingent") are
where the document's latest deployment went (the frames' ``recent`` option,
kgraph/extract/frames.py). Here: once a document denies that X has forces in Y, its other
claims of forces in Y naming X, outside the denial's own sentence, are disputed.
"""

from __future__ import annotations

from kgraph.extract.context import DocContext
from kgraph.types import Relation


def extract_deployments(ctx: DocContext) -> None:
    """Settle the deployedTo relations the frames found in ``ctx`` against the whole document."""
    _dispute_denied(ctx)


def _dispute_denied(ctx: DocContext) -> None:
    """Once a document denies X's forces in Y, its other claims of forces in Y naming X are disputed."""
    negated = [r for r in ctx.relations if r.predicate == "deployedTo" and r.status == "negated"]
    denied = {(r.subject.id, r.object.id) for r in negated}
    # a denial's own sentence presupposes its other facts ("denied that its soldiers took part in Russia's offensive")
    denial_sentences = {r.evidence.sentence for r in negated}
    if not denied:
        return
    labels = {}
    for m in ctx.mentions:
        labels.setdefault(m.entity.id, set()).add(ctx.doc[m.start:m.end].text)
    updated = []
    for rel in ctx.relations:
        if rel.predicate == "deployedTo" and rel.status == "asserted":
            for subject_id, object_id in denied:
                names = labels.get(subject_id, set())
                named = rel.evidence.sentence not in denial_sentences and any(n in rel.evidence.sentence for n in names)
                if object_id == rel.object.id and (subject_id == rel.subject.id or named):
                    rel = Relation(rel.subject, rel.predicate, rel.object, rel.evidence, "disputed")
                    break
        updated.append(rel)
    ctx.relations[:] = updated
