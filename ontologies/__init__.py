"""Ontology and reference data shipped inside the installed package as kgraph.ontologies."""
