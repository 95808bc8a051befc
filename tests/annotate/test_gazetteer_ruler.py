"""The gazetteer ruler is built from tokenized (cached) patterns only, and matches as spaCy's entity ruler would."""

from __future__ import annotations

import json

import spacy

from kgraph.annotate import default_model, load_pipeline
from kgraph.annotate.gazetteer import gazetteer_patterns
from kgraph.reference.tables import load_reference


def _entities(nlp, texts: list[str]) -> list[list[tuple]]:
    return [[(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents] for doc in nlp.pipe(texts)]


def test_gazetteer_ruler_equals_the_ruler_spacy_builds_with_the_whole_pipeline(shared):
    # spaCy's entity ruler runs every component before it over each pattern; kgraph's
    # ruler takes the patterns' token hashes from the phrase cache. Same patterns, same
    # entities on the eval texts.
    texts = [json.loads(line)["text"] for name in ("seed", "dev", "capabilities")
             for line in (shared / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    fast = load_pipeline()
    slow = spacy.load(default_model())
    ruler = slow.add_pipe("entity_ruler", name="kgraph_gazetteer", before="ner")
    ruler.add_patterns(gazetteer_patterns(load_reference()))

    assert len(fast.get_pipe("kgraph_gazetteer")) == len(ruler) > 5000
    with fast.select_pipes(disable=["kgraph_line_breaks", "kgraph_linker"]):
        found = _entities(fast, texts)
    assert found == _entities(slow, texts)
    assert sum(map(len, found)) > 1000


def test_pipeline_does_not_load_the_components_the_model_ships_disabled():
    from kgraph.annotate.pipeline import _model_meta

    disabled = _model_meta(default_model()).get("disabled")
    assert disabled  # en_core_web_sm: ["senter"], never run since the parser sets sentences
    nlp = load_pipeline()
    assert not set(disabled) & set(nlp.component_names)
    assert nlp.pipe_names == nlp.component_names  # nothing loaded that does not run
