"""Custom attributes kgraph sets on spaCy objects, registered once and idempotently."""

from __future__ import annotations

from spacy.tokens import Doc


def register_extensions() -> None:
    """Register ``Doc._.kg_mentions`` (linked mentions) ``Doc._.kg_doc`` (the source document) and ``Doc._.kg_offset`` (where this Doc starts in it)."""
    if not Doc.has_extension("kg_mentions"):
        Doc.set_extension("kg_mentions", default=None)
    if not Doc.has_extension("kg_doc"):
        Doc.set_extension("kg_doc", default=None)
    if not Doc.has_extension("kg_offset"):
        Doc.set_extension("kg_offset", default=0)
