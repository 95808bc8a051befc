"""The in-memory knowledge graph (networkx)."""

from kgraph.graph.builder import GraphBuilder, canonical_order, combined_confidence

__all__ = ["GraphBuilder", "canonical_order", "combined_confidence"]
