"""Gazetteer entity ruler: reference names, demonyms and metonyms as spaCy entity patterns.

The ruler runs before the statistical NER so that known names ("Kazakh", "ODKB",
"Russian Federation") are labelled from reference data and the model cannot mislabel
them (en_core_web_sm tags "Kazakh" as PERSON or ORG).
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.reference import Reference, ReferenceEntity

#: spaCy NER label given to gazetteer hits, by reference entity type.
LABELS = {"Country": "GPE", "City": "GPE", "Alliance": "ORG", "Organization": "ORG", "ArmedForce": "ORG"}

#: Separator between the reference key and the kind of name in a pattern id.
ID_SEP = "#"


def gazetteer_patterns(reference: Reference) -> list[dict]:
    """Return entity-ruler patterns for every name, adjective and metonym in ``reference``.

    The pattern id is ``"<key>#<kind>"`` with kind ``name``, ``adjective`` or ``metonym``,
    so the linker knows how the text referred to the entity.
    """
    seen: set[tuple[str, str]] = set()
    patterns: list[dict] = []
    for entity in reference.entities.values():
        for kind, surface, label in _surfaces(entity):
            for variant in _variants(surface, entity.type):
                if (variant, label) in seen:
                    continue
                seen.add((variant, label))
                patterns.append({"label": label, "pattern": variant, "id": f"{entity.key}{ID_SEP}{kind}"})
    return patterns


def _surfaces(entity: ReferenceEntity) -> Iterator[tuple[str, str, str]]:
    label = LABELS[entity.type]
    for name in entity.names:
        yield "name", name, label
    for adjective in entity.adjectives:
        yield "adjective", adjective, "NORP"
    for metonym in entity.metonyms:
        yield "metonym", metonym, "ORG"


def _variants(surface: str, entity_type: str) -> Iterator[str]:
    surface = surface.strip()
    if not surface:
        return
    yield surface
    # Datelines and headlines write place names in capitals ("DUSHANBE, March 31").
    if entity_type in ("Country", "City") and len(surface) > 3 and surface.upper() != surface:
        yield surface.upper()
    # Curly and straight apostrophes both occur in news text ("Côte d’Ivoire").
    if "'" in surface:
        yield surface.replace("'", "’")


def split_pattern_id(pattern_id: str) -> tuple[str, str]:
    """Split a pattern id into (reference key, kind)."""
    key, _, kind = pattern_id.rpartition(ID_SEP)
    return key, kind
