"""The in-memory knowledge graph (networkx)."""

from kgraph.graph.builder import GraphBuilder, combined_confidence

__all__ = ["GraphBuilder", "combined_confidence"]
