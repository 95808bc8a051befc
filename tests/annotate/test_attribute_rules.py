"""kgraph's table-driven attribute rules set what the model's own attribute ruler sets, token for token."""

from __future__ import annotations

import json

import spacy

from kgraph.annotate import default_model, load_pipeline
from kgraph.annotate.attributes import AttributeRules, compilable
from kgraph.read import read_documents

#: Words the model's rules single out: contractions, "gonna", "y'all", expletive "there", "ai n't", ...
ODD_WORDS = (
    "I'm gonna go, y'all. Let's see: ain't nothin' there? There is a man; it is he who did it. "
    "'Em ol' boys got ta do it, c'mon. He gets it, she got it, and I'd have said so.\n\n  It was 'nuff."
)


def _attributes(nlp, texts: list[str]) -> list[list[tuple]]:
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in nlp.pipe(texts)]


def test_attribute_rules_set_what_the_models_attribute_ruler_sets(shared):
    texts = [json.loads(line)["text"] for name in ("seed", "dev", "capabilities")
             for line in (shared / "eval" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [document.text for document in read_documents(["examples/corpus"])] + [ODD_WORDS]
    kgraph = load_pipeline()
    assert isinstance(kgraph.get_pipe("attribute_ruler"), AttributeRules)
    model = spacy.load(default_model(), exclude=["senter"])
    with kgraph.select_pipes(disable=["kgraph_line_breaks", "kgraph_gazetteer", "kgraph_linker"]):
        assert kgraph.pipe_names == model.pipe_names
        found = _attributes(kgraph, texts)
    assert found == _attributes(model, texts)
    assert sum(map(len, found)) > 10_000


def test_attribute_ruler_with_patterns_of_another_shape_is_kept():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "big"}, {"LOWER": "apple", "OP": "?"}]], {"LEMMA": "city"})
    assert not compilable(ruler)
    ruler.add([[{"LOWER": "big"}]], {"LEMMA": "large"})  # compilable alone, not with the one above
    assert not compilable(ruler)
    plain = spacy.blank("en").add_pipe("attribute_ruler")
    plain.add([[{"LOWER": "big"}]], {"LEMMA": "large"})
    assert compilable(plain)
