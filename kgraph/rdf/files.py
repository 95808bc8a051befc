"""Read RDF files of any format kgraph writes into one rdflib graph."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, Node

from kgraph.errors import InputError
from kgraph.rdf.namespace import PREFIXES
from kgraph.rdf.guard import check_rdf_file

__all__ = ["RDF_PARSERS", "load_rdf"]

#: File extension -> rdflib parser name (TriG and N-Quads are read into a dataset).
RDF_PARSERS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads",
               ".rdf": "xml", ".owl": "xml"}


def load_rdf(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Graph:
    """Read RDF files into one rdflib graph (the union of all their triples).

    Args:
        paths: One or several files; the format follows the extension.

    Returns:
        A graph with the triples of every file, in any of their graphs.

    Raises:
        InputError: If a file cannot be read, is not valid RDF or has an unknown extension.
    """
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, str(namespace))
    for path in [paths] if isinstance(paths, (str, os.PathLike)) else paths:
        for triple in _parse(Path(path)):
            graph.add(triple)
    return graph


def _parse(path: Path) -> Iterable[tuple[Node, Node, Node]]:
    parser = RDF_PARSERS.get(path.suffix.lower())
    if parser is None:
        raise InputError(f"cannot read {path}: unknown RDF extension {path.suffix!r}; use one of {' '.join(RDF_PARSERS)}")
    check_rdf_file(path)
    dataset = Dataset()
    try:
        with warnings.catch_warnings():  # rdflib's TriG/N-Quads parsers use its deprecated ConjunctiveGraph
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(path, format=parser)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise InputError(f"{path} is not valid {parser} RDF: {exc}") from exc
    return ((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))
