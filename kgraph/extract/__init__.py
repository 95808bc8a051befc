"""Extraction: typed relations with evidence from a linked spaCy Doc."""

from __future__ import annotations

from spacy.tokens import Doc

from kgraph.extract.context import DocContext
from kgraph.extract.deployment import extract_deployments
from kgraph.extract.frames import extract_frames
from kgraph.extract.location import extract_locations
from kgraph.extract.offices import extract_offices
from kgraph.types import Relation

#: Extractors in the order they run; later ones may read what earlier ones found.
EXTRACTORS = (extract_offices, extract_frames, extract_deployments, extract_locations)


def extract_relations(doc: Doc) -> list[Relation]:
    """All relations in a Doc that went through the kgraph pipeline, one per (fact, status, sentence)."""
    ctx = DocContext(doc)
    for extractor in EXTRACTORS:
        extractor(ctx)
    best: dict[tuple, Relation] = {}
    for rel in ctx.relations:
        key = (rel.subject.id, rel.predicate, rel.object.id, rel.status, rel.evidence.start)
        if key not in best or rel.evidence.confidence > best[key].evidence.confidence:
            best[key] = rel
    return list(best.values())


__all__ = ["extract_relations"]
