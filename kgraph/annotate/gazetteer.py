"""Gazetteer entity ruler: reference names, demonyms and metonyms as spaCy entity patterns.

The ruler runs before the statistical NER so that known names ("Kazakh", "ODKB",
"Russian Federation") are labelled from reference data and the model cannot mislabel
them (en_core_web_sm tags "Kazakh" as PERSON or ORG).

Names match as written, with these variants: capitals for countries, cities and regions
(datelines), curly apostrophes, a hyphen between words written as a space ("Timor
Leste"), "The" for a leading "the" ("The Twenty-Seven"), and acronyms of four or more
letters in any case after a capital ("Nato", "Aukus", not "nato" in prose, which the
prefilter would not keep either): a shorter acronym in lower case is an ordinary word too
often ("who", "eu").
"""

from __future__ import annotations

from collections.abc import Iterator

from kgraph.reference.tables import Reference, ReferenceEntity, spelling_variants

#: spaCy NER label given to gazetteer hits, by reference entity type.
LABELS = {
    "Country": "GPE",
    "City": "GPE",
    "Region": "GPE",
    "Alliance": "ORG",
    "Organization": "ORG",
    "ArmedForce": "ORG",
}

#: Separator between the reference key and the kind of name in a pattern id.
ID_SEP = "#"

#: Acronyms at least this long match in any case ("Nato", "Aukus", "nato").
MIN_CASELESS_ACRONYM = 4

#: Acronyms that written in lower or title case are a person's name ("Samim", "Alba").
NAME_LIKE_ACRONYMS = frozenset({"ALBA", "SAMIM"})


def gazetteer_patterns(reference: Reference) -> list[dict]:
    """Return entity-ruler patterns for every name, adjective and metonym in ``reference``.

    The pattern id is ``"<key>#<kind>"`` with kind ``name``, ``adjective`` or ``metonym``,
    so the linker knows how the text referred to the entity.
    """
    seen: set[tuple[str, str]] = set()
    patterns: list[dict] = []
    for entity in reference.entities.values():
        for kind, surface, label in _surfaces(entity):
            pattern_id = f"{entity.key}{ID_SEP}{kind}"
            for variant in _variants(surface, entity.type):
                if (variant, label) in seen:
                    continue
                seen.add((variant, label))
                patterns.append({"label": label, "pattern": variant, "id": pattern_id})
            if is_caseless_acronym(surface) and (surface.lower(), label) not in seen:
                seen.add((surface.lower(), label))
                # Written like a name (capital first), as the prefilter counts a hit.
                token = {"LOWER": surface.lower(), "TEXT": {"REGEX": r"^[A-Z]"}}
                patterns.append({"label": label, "pattern": [token], "id": pattern_id})
    return patterns


def is_caseless_acronym(surface: str) -> bool:
    """Tell whether ``surface`` is an acronym matched in any case: one word of 4+ capital letters."""
    return (
        len(surface) >= MIN_CASELESS_ACRONYM
        and surface.isalpha()
        and surface.isupper()
        and surface not in NAME_LIKE_ACRONYMS
    )


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
    for spelling in spelling_variants(surface):
        yield spelling
        # A sentence starts with "The" ("The Twenty-Seven agreed ...").
        if spelling.startswith("the "):
            yield "The" + spelling[3:]
        # Datelines and headlines write place names in capitals ("DUSHANBE, March 31").
        if entity_type in ("Country", "City", "Region") and len(spelling) > 3 and spelling.upper() != spelling:
            yield spelling.upper()
        # Curly and straight apostrophes both occur in news text ("Côte d’Ivoire").
        if "'" in spelling:
            yield spelling.replace("'", "’")


def split_pattern_id(pattern_id: str) -> tuple[str, str]:
    """Split a pattern id into (reference key, kind)."""
    key, _, kind = pattern_id.rpartition(ID_SEP)
    return key, kind
