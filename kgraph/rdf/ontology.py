"""The kgraph OWL ontology (``ontologies/kgraph.ttl``) as an rdflib graph."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import Graph

ONTOLOGY_FILE = "kgraph.ttl"


@lru_cache(maxsize=1)
def ontology_text() -> str:
    """The Turtle source of the ontology.

    An installed kgraph ships it as package data of ``kgraph.ontologies``; in a source
    checkout that package is not importable and the file is read from ``ontologies/``.

    Returns:
        The content of ``kgraph.ttl``.

    Raises:
        FileNotFoundError: If the ontology file is missing.
    """
    try:
        resource = files("kgraph.ontologies").joinpath(ONTOLOGY_FILE)
    except ModuleNotFoundError:
        resource = Path(__file__).resolve().parents[2] / "ontologies" / ONTOLOGY_FILE
    return resource.read_text(encoding="utf-8")


def load_ontology() -> Graph:
    """Parse the kgraph ontology.

    Returns:
        A new rdflib graph holding the ontology's triples.

    Raises:
        FileNotFoundError: If the ontology file is missing.
    """
    graph = Graph(bind_namespaces="core")
    graph.parse(data=ontology_text(), format="turtle")
    return graph
