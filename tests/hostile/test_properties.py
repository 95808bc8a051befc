"""Property-based tests: arbitrary Unicode text through the whole pipeline.

Texts mix random Unicode (controls, right-to-left, emoji, combining marks; Hypothesis
leaves out lone surrogates, which the readers replace before a Document exists) with
sentences naming real entities, so relations and hostile labels, titles and ids meet.
Each property runs 500 examples; the session ``nlp`` fixture is loaded once.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from kgraph.engine.run import build_graph
from kgraph.export import to_rdf, write_gexf, write_graphml
from kgraph.export._values import clean_text as xml_text
from kgraph.export.rdf import RDF_FORMATS, serialize
from kgraph.types import Document

from hostile_corpus import RDF_PARSERS

EXAMPLES = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces that make the extractors fire, so relations carry the random text along.
ENTITY_SENTENCES = [
    "Kazakhstan asked the CSTO for help.",
    "President Tokayev of Kazakhstan spoke on Friday.",
    "Finland joined NATO.",
    "Russian troops arrived in Kazakhstan.",
    "Armenia is a member of the CSTO.",
    "NATO",
    "Kazakhstan",
]
HOSTILE_PIECES = ['"', "<", ">", "\\", "#", " ", "\n", "\u202e", "\u200f", "🚀", "👩‍👩‍👧", "\x00", "\x1b", "\ufeff",
                  "}", "{", "'", "&", "]]>", "\r\n", "\u0301", "\u2028"]

random_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
pieces = st.one_of(random_text, st.sampled_from(ENTITY_SENTENCES), st.sampled_from(HOSTILE_PIECES))
texts = st.lists(pieces, min_size=1, max_size=6).map(" ".join)
documents = st.lists(
    st.tuples(texts, st.one_of(st.none(), random_text), random_text),  # text, title, id suffix
    min_size=1,
    max_size=3,
).map(lambda items: [Document(id=f"{i}{suffix}", text=text, title=title) for i, (text, title, suffix) in enumerate(items)])


@EXAMPLES
@given(docs=documents)
def test_pipeline_never_crashes_nor_loses_a_document(nlp, docs):
    graph, stats = build_graph(nlp, docs)
    assert stats.documents == len(docs)
    assert stats.failed == []
    assert set(graph.graph["documents"]) == {doc.id for doc in docs}


@EXAMPLES
@given(docs=documents)
def test_every_output_reads_back_the_same(nlp, docs):
    graph, _ = build_graph(nlp, docs)
    rdf = to_rdf(graph)
    expected = {tuple(map(to_oxigraph, triple)) for triple in rdf}
    assert len(expected) == len(rdf)
    for extension, parser in RDF_PARSERS.items():
        name = RDF_FORMATS[extension]
        parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(serialize(rdf, name), parser)}
        assert parsed == expected, extension
    with tempfile.TemporaryDirectory() as folder:
        write_gexf(graph, Path(folder) / "g.gexf")
        write_graphml(graph, Path(folder) / "g.graphml")
        for read in (nx.read_gexf(Path(folder) / "g.gexf"), nx.read_graphml(Path(folder) / "g.graphml")):
            assert read.number_of_nodes() == graph.number_of_nodes()
            assert read.number_of_edges() == graph.number_of_edges()
            # XML cannot hold most C0 controls: the exporters write U+FFFD for them (kgraph.export._values)
            assert {d["label"] for _, d in read.nodes(data=True)} == {xml_text(d["label"]) for _, d in graph.nodes(data=True)}


def to_oxigraph(term):
    """The pyoxigraph term equal to an rdflib term (kgraph writes no blank nodes)."""
    assert not isinstance(term, BNode)
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))
