"""Canonical entities: the EntityRef (IRI, label, type, QID) of reference entities and people.

Free of spaCy, so the graph, resolve and export stages can use it without loading a model.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from kgraph.rdf.iris import entity_iri
from kgraph.reference.tables import ReferenceEntity, load_reference
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


#: Types an organisation outside the reference data may have.
UNLINKED_TYPES = ("Organization", "Alliance", "ArmedForce")


def unlinked_org_ref(name: str, entity_type: str = "Organization") -> EntityRef:
    """The EntityRef of an organisation the reference data does not list, known by its name in a text.

    For an ORG span that the NER found as an argument of a relation ("X is a member of
    the Visegrad Group" before the group was listed): the fact is kept with a node of its
    own, without a QID, marked as unlinked so that the graph and every export can tell
    it from reference entities. A leading "the" is dropped and the id folds case,
    diacritics and spacing, so every spelling of the name is one node.

    Args:
        name: The name as the text writes it.
        entity_type: ``Organization`` (default), ``Alliance`` or ``ArmedForce``, from the
            NER label and the relation frame.

    Raises:
        ValueError: If the type is not an organisation type or the name is empty.
    """
    if entity_type not in UNLINKED_TYPES:
        raise ValueError(f"an unlinked organisation is one of {', '.join(UNLINKED_TYPES)}, not {entity_type!r}")
    label = " ".join(name.split())
    if label.lower().startswith("the "):
        label = label[4:]
    key = person_key(label)
    if not key:
        raise ValueError(f"an unlinked organisation needs a name, not {name!r}")
    return EntityRef(entity_iri(entity_type.lower(), key.replace(" ", "-")), label, entity_type, None, unlinked=True)


def person_ref(name: str) -> EntityRef:
    """The EntityRef of a person known only by name."""
    return EntityRef(entity_iri("person", person_key(name)), name, "Person", None)


def person_key(name: str) -> str:
    """Spelling-insensitive key of a person's name: "Recep Tayyip Erdoğan" == "Recep Tayyip Erdogan"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(folded.replace("-", " ").lower().split())
