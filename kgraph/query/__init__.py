"""SPARQL over kgraph's RDF output, evaluated by Oxigraph."""

from __future__ import annotations

from kgraph.query.sparql import QueryResult, format_table, load_store, members, run_query, to_csv, to_json

__all__ = ["QueryResult", "format_table", "load_store", "members", "run_query", "to_csv", "to_json"]
