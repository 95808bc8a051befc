"""Every spaCy factory kgraph registers, in one place (as spaCy itself does)."""

from __future__ import annotations

from spacy.language import Language

from kgraph.annotate.attributes import AttributeRules
from kgraph.annotate.linker import EntityLinker
from kgraph.annotate.ruler import GazetteerRuler
from kgraph.annotate.segmentation import mark_line_breaks
from kgraph.reference.tables import load_reference
from kgraph.annotate.transport import register as register_transport

#: Linked Docs must come back from nlp.pipe's worker processes (--workers N).
register_transport()


@Language.factory("kgraph_linker", assigns=["doc._.kg_mentions"], requires=["doc.ents"])
def make_kgraph_linker(nlp: Language, name: str) -> EntityLinker:
    """Link entity mentions to kgraph's reference entities and to people."""
    return EntityLinker(load_reference())


@Language.factory("kgraph_gazetteer", assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_kgraph_gazetteer(nlp: Language, name: str) -> GazetteerRuler:
    """Label reference names as entities before the NER (patterns: :func:`kgraph.annotate.pipeline.add_gazetteer_patterns`)."""
    return GazetteerRuler(nlp.vocab, name)


@Language.factory("kgraph_attribute_rules", assigns=["token.tag", "token.pos", "token.morph", "token.lemma"])
def make_kgraph_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    """The model's attribute ruler by table lookups (empty until :meth:`AttributeRules.fill`)."""
    return AttributeRules(name)


@Language.component("kgraph_line_breaks")
def line_breaks_component(doc):
    """Start a sentence after a blank line (headlines and list items carry no full stop)."""
    return mark_line_breaks(doc)
