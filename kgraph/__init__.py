"""kgraph: an offline geopolitical knowledge graph builder.

News text in (plain text, HTML, JSONL), a knowledge graph of canonical entities and
evidenced relations out, as networkx in memory and RDF / GEXF / GraphML / JSONL on disk.
"""

from kgraph._version import __version__

__all__ = ["KnowledgeGraph", "__version__", "build", "build_texts", "load"]

#: The notebook API (kgraph/api.py), imported on first use so ``import kgraph`` (and the
#: command line, which reads ``__version__``) stays cheap.
_API = ("KnowledgeGraph", "build", "build_texts", "load")


def __getattr__(name: str):
    if name in _API:
        from kgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
