"""Minting of kgraph's resource IRIs (entities, documents, statements): plain strings, no rdflib.

Kept apart from :mod:`kgraph.rdf.namespace` (which re-exports these functions) so that the
annotation and extraction stages can name entities without importing rdflib: the first
fact of ``kgraph build`` does not wait for it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

__all__ = ["RESOURCE_BASE", "document_iri", "entity_iri", "statement_iri"]

#: Base of every resource IRI (the ``kgr:`` namespace).
RESOURCE_BASE = "https://w3id.org/kgraph/id/"

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 80
_HASH_CHARS = 10


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _folds_away(char: str) -> bool:
    """True for a non-ASCII letter, digit or symbol (emoji, ...) that slugging drops.

    Combining marks (the accents NFKD splits off) and non-ASCII punctuation or spaces only
    separate words, like their ASCII counterparts, so they do not count.
    """
    return not char.isascii() and unicodedata.category(char)[0] in "LNS"


def _slug(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    lossy = not slug or len(slug) > _MAX_SLUG or any(_folds_away(c) for c in folded)
    if lossy:
        slug = slug[:_MAX_SLUG].strip("-")
        return f"{slug}-{_digest(name)[:_HASH_CHARS]}" if slug else _digest(name)[:_HASH_CHARS]
    return slug


@lru_cache(maxsize=1 << 16)  # the same few thousand names come back in every document
def entity_iri(kind: str, name: str) -> str:
    """Mint the IRI of an entity from its kind and name.

    The slug is the NFKD-folded (accents dropped), lower-cased name with every run of characters outside
    ``[a-z0-9]`` replaced by ``-``. When that loses information that tells names apart
    (non-ASCII letters, digits or symbols dropped, nothing left, or a name too long), the
    first 10 hex digits of the SHA-1 of the name are appended, so the IRI is always valid
    and such names do not collide.

    Args:
        kind: Entity kind, e.g. ``"country"``; slugged the same way.
        name: Any string naming the entity.

    Returns:
        ``https://w3id.org/kgraph/id/<kind>/<slug>``.

    Examples:
        >>> entity_iri("country", "Côte d'Ivoire")
        'https://w3id.org/kgraph/id/country/cote-d-ivoire'
    """
    return f"{RESOURCE_BASE}{_slug(kind)}/{_slug(name)}"


def document_iri(doc_id: str) -> str:
    """Mint the IRI of a document from its id.

    Args:
        doc_id: Any string; every character outside the URI unreserved set is
            percent-encoded (UTF-8), and ids made only of dots are fully encoded so no
            tool mistakes them for ``.``/``..`` path segments.

    Returns:
        ``https://w3id.org/kgraph/id/doc/<percent-encoded id>``.
    """
    encoded = quote(doc_id.encode("utf-8", "surrogatepass"), safe="")
    if set(encoded) <= {"."}:
        encoded = encoded.replace(".", "%2E")
    return f"{RESOURCE_BASE}doc/{encoded}"


def statement_iri(
    subject: str,
    predicate: str,
    object: str,  # noqa: A002 - mirrors rdf:object
    doc_id: str | None,
    start: int | None,
    end: int | None,
    rule: str | None,
    *,
    status: str = "asserted",
) -> str:
    """Mint the deterministic IRI of a :class:`KG.RelationStatement`.

    Args:
        subject: Subject entity IRI.
        predicate: Predicate local name, e.g. ``"memberOf"``.
        object: Object entity IRI.
        doc_id: Id of the evidence document, or None for a statement without evidence.
        start: Start offset of the evidence sentence, or None.
        end: End offset of the evidence sentence, or None.
        rule: Extraction rule, or None.
        status: Status of the relation; the same evidence read with another status is
            another statement.

    Returns:
        ``https://w3id.org/kgraph/id/stmt/<sha1 hex>``.
    """
    key = json.dumps([subject, predicate, object, doc_id, start, end, rule, status])
    return f"{RESOURCE_BASE}stmt/{_digest(key)}"
