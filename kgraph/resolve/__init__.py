"""Resolution: merging one real-world entity's nodes across documents."""

from kgraph.resolve.people import merge_people

__all__ = ["merge_people"]
