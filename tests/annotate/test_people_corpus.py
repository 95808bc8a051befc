"""People found in the example corpus, the shared eval items and the seed article.

No person node is an outlet, an agency, a platform, a place or a group of the reference
data, and no person label is a word prefix of another person's in the same document (a
name cut short, or a person left unmerged).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.read import read_documents
from kgraph.reference.tables import load_outlets, load_reference, normalize_surface
from kgraph.engine.run import annotate_documents

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def people_by_document(nlp, shared) -> dict[str, set[str]]:
    """Person labels of each document of examples/corpus, shared/eval/*.jsonl and the seed article."""
    inputs = [
        REPO / "examples" / "corpus",
        *sorted((shared / "eval").glob("*.jsonl")),
        *sorted((shared / "seeds").glob("*.txt")),
    ]
    found: dict[str, set[str]] = {}
    for result in annotate_documents(nlp, read_documents(inputs)):
        labels = {m.entity.label for m in result.mentions if m.entity.type == "Person"}
        found[result.document.id] = labels
    assert len(found) > 250  # the corpus, 262 capability items, the dev items and the seed
    return found


def test_no_person_is_an_outlet_a_place_or_a_group(people_by_document):
    outlets = load_outlets()
    reference = load_reference()
    wrong = sorted(
        (doc, label)
        for doc, labels in people_by_document.items()
        for label in labels
        if normalize_surface(label) in outlets or reference.lookup(label)
    )
    assert wrong == []


def test_no_person_label_is_a_prefix_of_another_in_the_same_document(people_by_document):
    prefixes = sorted(
        (doc, short, full)
        for doc, labels in people_by_document.items()
        for short in labels
        for full in labels
        if full != short and full.startswith(short + " ")
    )
    assert prefixes == []


def test_no_person_is_a_single_unlicensed_word_of_the_furniture(people_by_document):
    furniture = {"Sputnik", "Politico", "X", "Hutu", "Sahel", "Victoria Falls", "COVID-19", "King"}
    assert sorted((d, p) for d, labels in people_by_document.items() for p in labels if p in furniture) == []
