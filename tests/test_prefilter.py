"""The prefilter: the full pipeline runs only on paragraphs that can hold a relation, with the same results."""

from __future__ import annotations

import json

import pytest

from kgraph.annotate.prefilter import prefilter_for
from kgraph.engine.run import annotate_documents
from kgraph.read import read_documents
from kgraph.types import Document

FILLER = (
    "Markets were calm on Monday as traders waited for the quarterly figures. The price of wheat "
    "edged up by half a percent, and analysts said the harvest looked better than last year's."
)
TEXT = (
    "Tokayev asks for help\n\n"
    + FILLER
    + "\n\nKazakh President Kassym-Jomart Tokayev asked the Collective Security Treaty Organization for help. "
    "Russia sent paratroopers to Kazakhstan on Thursday.\n\n"
    + FILLER
    + "\n\nThe bloc groups Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan. "
    "Tokayev said order had been restored.\n\n"
    + FILLER
)


def _relations(results) -> set[tuple]:
    """(document, subject, predicate, object, status, evidence start, evidence end) of every relation."""
    return {
        (res.document.id, rel.subject.id, rel.predicate, rel.object.id, rel.status, rel.evidence.start, rel.evidence.end)
        for res in results
        for rel in res.relations
    }


@pytest.fixture(scope="module")
def eval_and_examples(shared) -> list[Document]:
    documents = list(read_documents(["examples/corpus"]))
    for name in ("dev.jsonl", "seed.jsonl", "capabilities.jsonl"):
        for line in (shared / "eval" / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            documents.append(Document(id=item["id"], text=item["text"], date=item.get("date")))
    return documents


def test_prefilter_leaves_relations_of_eval_and_example_texts_unchanged(nlp, eval_and_examples):
    full = list(annotate_documents(nlp, eval_and_examples, prefilter=False))
    filtered = list(annotate_documents(nlp, eval_and_examples, prefilter=True))
    assert _relations(full), "the eval and example texts must yield relations"
    assert _relations(filtered) == _relations(full)


@pytest.fixture(scope="module")
def full_relations(nlp, eval_and_examples) -> set[tuple]:
    return _relations(annotate_documents(nlp, eval_and_examples, prefilter=False))


@pytest.mark.parametrize("sentences", [False, True], ids=["paragraphs only", "with the sentence gate"])
def test_sentence_gate_leaves_relations_of_eval_and_example_texts_unchanged(nlp, eval_and_examples, full_relations,
                                                                            monkeypatch, sentences):
    from kgraph.annotate import prefilter

    monkeypatch.setitem(prefilter._CACHE, nlp, prefilter.Prefilter(nlp, sentences=sentences))
    assert _relations(annotate_documents(nlp, eval_and_examples, prefilter=True)) == full_relations


def test_sentence_gate_blanks_sentences_that_name_no_one_inside_kept_paragraphs(nlp):
    filler = "the markets were calm all day long, and traders waited for the quarterly figures."
    text = (f"Kazakh President Kassym-Jomart Tokayev asked the Collective Security Treaty Organization for help. "
            f"{filler} Russia sent paratroopers to Kazakhstan on Thursday.\n\n{FILLER}")
    gated = prefilter_for(nlp).select(text)
    assert len(gated) == len(text) and gated.count("\n") == text.count("\n")
    assert filler not in gated and "help.  " in gated and "Russia sent paratroopers to Kazakhstan on Thursday." in gated
    from kgraph.annotate.prefilter import Prefilter

    assert filler in Prefilter(nlp, sentences=False).select(text)
    document = Document(id="gate", text=text, date="2022-01-07")
    [filtered] = annotate_documents(nlp, [document])
    [full] = annotate_documents(nlp, [document], prefilter=False)
    assert filtered.relations and _relations([filtered]) == _relations([full])


def test_prefilter_leaves_reference_mentions_unchanged(nlp, eval_and_examples):
    def mentions(results):
        return {(r.document.id, m.entity.id, m.start, m.end) for r in results for m in r.mentions}

    full = mentions(annotate_documents(nlp, eval_and_examples, prefilter=False))
    filtered = mentions(annotate_documents(nlp, eval_and_examples, prefilter=True))
    assert filtered == full


def test_prefilter_skips_filler_and_keeps_evidence_offsets_in_the_original_text(nlp):
    document = Document(id="mixed", text=TEXT, date="2022-01-07")
    stats = prefilter_for(nlp).stats
    before = stats.chars_parsed
    [filtered] = annotate_documents(nlp, [document])
    parsed = stats.chars_parsed - before
    assert parsed < len(TEXT) - 2 * len(FILLER), "the filler paragraphs must not be parsed"
    [full] = annotate_documents(nlp, [document], prefilter=False)
    assert _relations([filtered]) == _relations([full])
    assert filtered.relations
    for rel in filtered.relations:
        assert TEXT[rel.evidence.start : rel.evidence.end].strip() == rel.evidence.sentence
    for mention in filtered.mentions:
        assert TEXT[mention.start : mention.end] == mention.text


def test_a_text_without_candidates_costs_no_parse(nlp):
    stats = prefilter_for(nlp).stats
    parsed, chars = stats.texts_parsed, stats.chars_parsed
    [result] = annotate_documents(nlp, [Document(id="filler", text=FILLER + "\n\n" + FILLER)])
    assert (stats.texts_parsed, stats.chars_parsed) == (parsed, chars)
    assert result.document.id == "filler" and not result.mentions and not result.relations


def test_select_keeps_length_and_candidate_paragraphs(nlp):
    prefilter = prefilter_for(nlp)
    selected = prefilter.select(TEXT)
    assert len(selected) == len(TEXT)
    assert "Kassym-Jomart Tokayev asked" in selected and "Tokayev asks for help" in selected
    assert "wheat" not in selected
    assert prefilter.select(FILLER) == ""


def test_prefilter_sees_abbreviated_country_names(nlp):
    """"U.S." is tokenised unlike "u.s.": the candidate patterns keep the original spelling too."""
    from kgraph.annotate.prefilter import Prefilter

    text = "U.S. officials met in the morning.\n\nThe weather stayed mild and markets were calm all day long."
    assert Prefilter(nlp).paragraphs_to_keep(text) == {0}
