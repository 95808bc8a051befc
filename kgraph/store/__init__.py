"""The persistent, embedded, incremental store: an on-disk Oxigraph (RocksDB) dataset."""

from kgraph.store.persistent import GraphStore, content_hash, document_graph

__all__ = ["GraphStore", "content_hash", "document_graph"]
