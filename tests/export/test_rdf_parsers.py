"""Every RDF serialisation kgraph writes is read identically by three independent parsers.

rdflib (Python), Oxigraph (Rust) and Debian's rapper (raptor2, C; installed by
scripts/run-tests.sh) read the seed article's graph in every format we write; rapper has
no JSON-LD parser, so JSON-LD is checked by the other two.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kgraph.engine.run import build_graph
from kgraph.export import to_rdf
from kgraph.export.rdf import RDF_FORMATS, rdf_format, serialize
from kgraph.read import read_documents

#: extension -> rdflib parser, Oxigraph format, rapper input syntax (None: rapper cannot read it)
PARSERS = {
    ".ttl": ("turtle", ox.RdfFormat.TURTLE, "turtle"),
    ".nt": ("nt", ox.RdfFormat.N_TRIPLES, "ntriples"),
    ".jsonld": ("json-ld", ox.RdfFormat.JSON_LD, None),
    ".trig": ("trig", ox.RdfFormat.TRIG, "trig"),
    ".nq": ("nquads", ox.RdfFormat.N_QUADS, "nquads"),
    ".rdf": ("xml", ox.RdfFormat.RDF_XML, "rdfxml"),
    ".owl": ("xml", ox.RdfFormat.RDF_XML, "rdfxml"),
}
VARIANTS = {
    "data": {},
    "with-ontology": {"include_ontology": True},  # blank nodes, lists, language tags
    "inferred": {"infer": True},
}
RAPPER = shutil.which("rapper")


@pytest.fixture(scope="module")
def seed_rdf(nlp, seed_path) -> dict[str, Graph]:
    """variant -> the seed article's RDF as :func:`kgraph.export.to_rdf` makes it (inference run once)."""
    graph, _ = build_graph(nlp, read_documents([seed_path]))
    return {variant: to_rdf(graph, **options) for variant, options in VARIANTS.items()}


def by_rdflib(path) -> Graph:
    name = PARSERS[path.suffix][0]
    with warnings.catch_warnings():  # rdflib's TriG/N-Quads parsers use its deprecated ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset().parse(path, format=name)
    return Graph() + dataset.default_graph


def by_oxigraph(path) -> Graph:
    quads = list(ox.parse(path=path, format=PARSERS[path.suffix][1]))
    assert all(quad.graph_name == ox.DefaultGraph() for quad in quads)
    data = ox.serialize((quad.triple for quad in quads), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def by_rapper(path) -> tuple[Graph, int]:
    """rapper's triples (re-serialised as N-Triples) and the count ``rapper -c`` reports."""
    syntax = PARSERS[path.suffix][2]
    assert RAPPER is not None, "rapper is missing: scripts/run-tests.sh installs Debian's raptor2-utils"
    parsed = subprocess.run([RAPPER, "-q", "-i", syntax, "-o", "ntriples", str(path)], capture_output=True,
                            timeout=60, check=True)
    counted = subprocess.run([RAPPER, "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=60,
                             check=True)
    count = re.search(r"Parsing returned (\d+) triples?", counted.stderr)
    assert count is not None, counted.stderr
    return Graph().parse(data=parsed.stdout.decode("utf-8"), format="nt"), int(count.group(1))


def test_every_extension_we_write_is_covered():
    assert set(PARSERS) == set(RDF_FORMATS)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("extension", sorted(RDF_FORMATS))
def test_rdflib_oxigraph_and_rapper_read_the_same_graph(seed_rdf, tmp_path, extension, variant):
    expected = seed_rdf[variant]
    path = tmp_path / f"seed{extension}"
    path.write_bytes(serialize(expected, rdf_format(path)))  # what write_rdf writes for this graph

    readings = {"rdflib": by_rdflib(path), "oxigraph": by_oxigraph(path)}
    if PARSERS[extension][2] is not None:
        readings["rapper"], counted = by_rapper(path)
        assert counted == len(expected)

    for parser, graph in readings.items():
        assert len(graph) == len(expected), parser
        assert isomorphic(graph, expected), parser

