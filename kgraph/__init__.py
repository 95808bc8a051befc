"""kgraph: an offline geopolitical knowledge graph builder.

News text in (plain text, HTML, JSONL), a knowledge graph of canonical entities and
evidenced relations out, as networkx in memory and RDF / GEXF / GraphML / JSONL on disk.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
