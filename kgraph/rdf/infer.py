"""OWL 2 RL inference over kgraph RDF: inverses, super-properties and vocabulary alignments.

:func:`infer` runs the OWL 2 RL rules (owlrl) over the data together with the ontology
``ontologies/kgraph.ttl`` and keeps only the new triples that say something about OUR
resources: ``?alliance kg:hasMember ?country``, ``?country wdt:P463 ?alliance``,
``?country wdt:P35 ?president``, ``?city schema:containedInPlace ?country``, the
super-classes of each entity (``schema:Country``, ``org:Organization``, ...). Everything
else OWL RL derives is dropped: the ontology's own closure, ``owl:sameAs`` reflexivity and
the copies of every triple onto the Wikidata IRIs an entity is ``owl:sameAs``, triples
about literals, and generalised triples with a blank-node predicate.
"""

from __future__ import annotations

from rdflib import OWL, RDF, BNode, Graph, URIRef

from kgraph.rdf.namespace import KGR, PREFIXES, WD
from kgraph.rdf.ontology import load_ontology

__all__ = ["infer", "inferred_triples"]

#: Types every resource gets in OWL RL; they carry no information.
_TRIVIAL_TYPES = frozenset({OWL.Thing, URIRef("http://www.w3.org/2000/01/rdf-schema#Resource")})


def infer(graph: Graph) -> Graph:
    """Materialise the OWL 2 RL consequences of the kgraph ontology for our resources.

    Args:
        graph: kgraph RDF, e.g. from :func:`kgraph.export.to_rdf`; it is not changed.

    Returns:
        A new graph: ``graph`` plus the inferred triples (see :func:`inferred_triples`).
    """
    result = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        result.bind(prefix, str(namespace))
    result += graph
    for triple in inferred_triples(graph):
        result.add(triple)
    return result


def inferred_triples(graph: Graph) -> set[tuple[URIRef, URIRef, URIRef]]:
    """The new triples OWL 2 RL derives about kgraph resources.

    Args:
        graph: kgraph RDF; it is not changed.

    Returns:
        Triples not in ``graph`` whose subject is a kgraph resource (an IRI under
        :data:`kgraph.rdf.namespace.KGR`: entity, statement or document), whose predicate
        is an IRI other than ``owl:sameAs``, and whose object is an IRI that is not a
        Wikidata entity and not ``owl:Thing``.
    """
    from owlrl import DeductiveClosure, OWLRL_Semantics

    ontology = load_ontology()
    closure = Graph()
    closure += graph
    closure += ontology
    DeductiveClosure(OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    return {
        (s, p, o)
        for s, p, o in closure
        if _about_our_resources(s, p, o) and (s, p, o) not in graph and (s, p, o) not in ontology
    }


def _about_our_resources(s, p, o) -> bool:
    if not (isinstance(s, URIRef) and s.startswith(KGR)):
        return False
    if not isinstance(p, URIRef) or p == OWL.sameAs:
        return False
    if not isinstance(o, URIRef) or isinstance(o, BNode) or o.startswith(WD):
        return False
    return not (p == RDF.type and o in _TRIVIAL_TYPES)
