"""SHACL validation of kgraph RDF against ``ontologies/shapes.ttl`` (run by pyshacl).

The ontology ``ontologies/kgraph.ttl`` is mixed into the data graph so that ``sh:class``
follows ``rdfs:subClassOf`` (a ``kg:Alliance`` is a ``kg:Organization``), and no
RDFS/OWL inference is run: the ontology's ``rdfs:domain``/``rdfs:range`` would type every
subject of ``kg:presidentOf`` as a ``kg:Person`` and so hide exactly the errors the
domain and range shapes are there to catch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from rdflib import RDF, Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from kgraph.rdf.namespace import PREFIXES
from kgraph.rdf.ontology import load_ontology
from kgraph.rdf.files import load_rdf

__all__ = ["SHAPES_FILE", "ValidationReport", "Violation", "load_shapes", "validate_graph"]

SHAPES_FILE = "shapes.ttl"
#: (prefix, namespace) to shorten IRIs in messages, longest namespace first.
_NAMES = sorted([(p, str(ns)) for p, ns in PREFIXES.items()] + [("kgsh", "https://w3id.org/kgraph/shapes#")],
                key=lambda item: -len(item[1]))
_LITERAL_NAMES = Graph(bind_namespaces="core")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, with terms written as prefixed names where possible.

    Attributes:
        focus: The node that breaks the shape, e.g. ``kgr:country/russia``.
        path: The property concerned (``rdfs:label``), or None for a node-level constraint.
        message: What is wrong, from the shape's ``sh:message``.
        severity: ``Violation``, ``Warning`` or ``Info``.
        shape: The shape that reported it, e.g. ``kgsh:PresidentOfShape``.
        value: The offending value, when the constraint names one.
    """

    focus: str
    path: str | None
    message: str
    severity: str
    shape: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.focus if self.path is None else f"{self.focus} {self.path}"
        found = "" if self.value is None else f" (value {self.value})"
        return f"{self.severity}: {where}: {self.message}{found} [{self.shape}]"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Attributes:
        conforms: True if the graph satisfies every shape.
        violations: Every result, sorted by focus node, path and shape.
        triples: Number of triples validated (without the ontology).
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0


def validate_graph(data_graph_or_paths: Graph | str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
                   ) -> ValidationReport:
    """Validate kgraph RDF against the kgraph SHACL shapes.

    Args:
        data_graph_or_paths: An rdflib graph, or one or several RDF files (format from
            the extension: ``.ttl .nt .jsonld .trig .nq .rdf .owl``); the triples of all
            files (and of all graphs in TriG/N-Quads files) are validated together.

    Returns:
        The report: whether the graph conforms, and every violation.

    Raises:
        InputError: If a file cannot be read, is not valid RDF or has an unknown extension.
        ValueError: If pyshacl cannot run the shapes (a broken ``shapes.ttl``).
    """
    from pyshacl import validate

    graph = data_graph_or_paths if isinstance(data_graph_or_paths, Graph) else load_rdf(data_graph_or_paths)
    conforms, results, _ = validate(graph, shacl_graph=load_shapes(), ont_graph=load_ontology(),
                                    inference="none", advanced=False, allow_warnings=False)
    if not isinstance(results, Graph):  # pyshacl reports a broken shapes graph instead of raising
        raise ValueError(f"the kgraph SHACL shapes cannot be run: {results}")
    violations = sorted(_violations(results), key=lambda v: (v.focus, v.path or "", v.shape, v.value or ""))
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=len(graph))


@lru_cache(maxsize=1)
def _shapes_text() -> str:
    try:
        resource = files("kgraph.ontologies").joinpath(SHAPES_FILE)
    except ModuleNotFoundError:  # a source checkout without an install
        resource = Path(__file__).resolve().parents[2] / "ontologies" / SHAPES_FILE
    return resource.read_text(encoding="utf-8")


def load_shapes() -> Graph:
    """Parse the kgraph SHACL shapes (``ontologies/shapes.ttl``).

    Returns:
        A new rdflib graph holding the shapes.

    Raises:
        FileNotFoundError: If the shapes file is missing.
    """
    return Graph().parse(data=_shapes_text(), format="turtle")


def _show(term: Node | None) -> str | None:
    """A term for people: ``prefix:rest`` for IRIs in a known namespace, N-Triples otherwise."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        for prefix, namespace in _NAMES:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return term.n3()
    if isinstance(term, Literal):
        return term.n3(_LITERAL_NAMES.namespace_manager)
    return "[]"  # a blank node: an anonymous shape or path


def _violations(results: Graph) -> Iterable[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        yield Violation(
            focus=_show(results.value(result, SH.focusNode)) or "",
            path=_show(results.value(result, SH.resultPath)),
            message=str(results.value(result, SH.resultMessage) or ""),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            shape=_show(results.value(result, SH.sourceShape)) or "",
            value=_show(results.value(result, SH.value)),
        )
