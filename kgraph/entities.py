"""Canonical entities: the EntityRef (IRI, label, type, QID) of reference entities and people.

Free of spaCy, so the graph, resolve and export stages can use it without loading a model.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from kgraph.namespace import entity_iri
from kgraph.reference import ReferenceEntity, load_reference
from kgraph.types import EntityRef


def reference_ref(entity: ReferenceEntity) -> EntityRef:
    """The EntityRef of a reference entity."""
    return EntityRef(entity_iri(entity.type.lower(), entity.key), entity.label, entity.type, entity.wikidata)


@lru_cache(maxsize=1)
def _reference_by_iri() -> dict[str, ReferenceEntity]:
    return {reference_ref(e).id: e for e in load_reference().entities.values()}


def reference_entity(entity: EntityRef) -> ReferenceEntity | None:
    """The reference entity behind an EntityRef (None for people and unknown names)."""
    return _reference_by_iri().get(entity.id)


def country_of(entity: EntityRef) -> EntityRef | None:
    """The country an entity stands for or lies in: a country itself, or a known city's or region's country.

    A region across borders or disputed between countries ("Sahel", "Kashmir") lies in no
    one country: None.
    """
    if entity.type == "Country":
        return entity
    known = reference_entity(entity)
    if known is not None and known.type in ("City", "Region") and known.country:
        return reference_ref(load_reference().get(known.country))
    return None


def person_ref(name: str) -> EntityRef:
    """The EntityRef of a person known only by name."""
    return EntityRef(entity_iri("person", person_key(name)), name, "Person", None)


def person_key(name: str) -> str:
    """Spelling-insensitive key of a person's name: "Recep Tayyip Erdoğan" == "Recep Tayyip Erdogan"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(folded.replace("-", " ").lower().split())
