"""The RDF layer: kgraph's vocabulary and ontology, RDF input files, inference and validation.

- :mod:`kgraph.rdf.namespace`: the ``kg:``/``kgr:`` namespaces and prefixes (re-exports the IRI minting).
- :mod:`kgraph.rdf.iris`: IRI minting for entities, documents and statements (plain strings, no rdflib).
- :mod:`kgraph.rdf.ontology`: the ontology (``ontologies/kgraph.ttl``), read once.
- :mod:`kgraph.rdf.guard`: refuses RDF files that would make a parser fetch or expand (XXE, remote contexts).
- :mod:`kgraph.rdf.files`: reads RDF files into rdflib graphs.
- :mod:`kgraph.rdf.infer`: OWL 2 RL materialisation (``--infer``).
- :mod:`kgraph.rdf.validate`: SHACL validation (``kgraph validate``).

Nothing is imported here; import the module you need.
"""
