"""The linker: gives every entity mention in a Doc a canonical entity.

Gazetteer hits link to reference entities (with Wikidata QIDs); a capital that acts
("Moscow said", "Washington's envoy") stands for its country; a proper name after an
office title is a person even where the statistical NER said otherwise; a later
surname ("Tokayev") links to the full name used earlier in the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kgraph.annotate.gazetteer import split_pattern_id
from kgraph.annotate.titles import NEEDS_ORG, find_titles, name_after
from kgraph.entities import person_key, person_ref, reference_ref
from kgraph.reference import Reference, ReferenceEntity
from kgraph.types import EntityRef

#: Nouns whose modifier or owner is an acting government ("the Moscow defence minister").
ACTOR_NOUNS = {
    "government", "officials", "official", "authorities", "minister", "ministry", "leadership",
    "regime", "administration", "troops", "forces", "army", "military", "envoy", "diplomats",
    "chiefs", "spokesman", "spokeswoman", "side", "delegation", "president", "leader",
}
PLACE_APPOSITIONS = {"capital", "city", "town", "port", "hub"}
ORG_ANAPHORS = {"alliance", "bloc", "organisation", "organization", "group", "grouping"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}


@dataclass(frozen=True)
class LinkedMention:
    """A token span of a Doc linked to a canonical entity.

    ``kind`` says how the text named it: ``name``, ``adjective`` (demonym), ``metonym``
    ("Kremlin", or a capital standing for its country) or ``person``.
    """

    start: int
    end: int
    entity: EntityRef
    kind: str

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


class EntityLinker:
    """spaCy component that sets ``doc._.kg_mentions`` (a list of LinkedMention, by position)."""

    def __init__(self, reference: Reference) -> None:
        self.reference = reference

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._gazetteer_mentions(doc)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._person_mentions(doc, taken)
        mentions.sort(key=lambda m: m.start)
        doc._.kg_mentions = mentions
        return doc

    # -- reference entities -------------------------------------------------
    def _gazetteer_mentions(self, doc: Doc) -> list[LinkedMention]:
        mentions = []
        for ent in doc.ents:
            entity, kind = self._reference_entity(ent)
            if entity is None:
                continue
            if entity.type == "City" and entity.country and self._acts_as_government(ent):
                country = self.reference.get(entity.country)
                mentions.append(LinkedMention(ent.start, ent.end, reference_ref(country), "metonym"))
                continue
            if kind == "metonym" and entity.type == "City":
                continue
            mentions.append(LinkedMention(ent.start, ent.end, reference_ref(entity), kind))
        return mentions

    def _reference_entity(self, ent: Span) -> tuple[ReferenceEntity | None, str]:
        if ent.ent_id_:
            key, kind = split_pattern_id(ent.ent_id_)
            try:
                return self.reference.get(key), kind
            except KeyError:
                return None, ""
        if ent.label_ not in ("GPE", "LOC", "ORG", "NORP"):
            return None, ""
        found = self.reference.lookup(ent.text)
        if len(found) == 1:
            return found[0], "name"
        return None, ""

    def _acts_as_government(self, ent: Span) -> bool:
        """A capital stands for its country when it acts: subject, owner or modifier of an actor noun."""
        entity, _ = self._reference_entity(ent)
        if entity is None or self.reference.capital_of(entity.country) != entity:
            return False
        root = ent.root
        if any(c.dep_ == "appos" and c.lower_ in PLACE_APPOSITIONS for c in root.children):
            return False  # "Bishkek, Kyrgyzstan's capital, hosted the talks": the city itself
        if root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
                c.dep_ == "attr" and c.lower_ in PLACE_APPOSITIONS for c in root.head.children):
            return False  # "Moscow is the capital of Russia": the city itself
        if ent.end + 1 < len(ent.doc) and ent.doc[ent.end].text == "," and ent.doc[ent.end + 1].ent_type_ == "GPE":
            return False  # "Astana, Kazakhstan, hosted ..."
        if ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("'s", "’s", "'"):
            return True
        return _acting_role(root) or (root.dep_ == "conj" and _acting_role(root.head))

    # -- people --------------------------------------------------------------
    def _person_mentions(self, doc: Doc, taken: set[int]) -> list[LinkedMention]:
        spans: list[tuple[int, int]] = []
        for title in find_titles(doc):
            if title.end - title.start == 1 and doc[title.start].lower_ in NEEDS_ORG:
                before = range(max(0, title.start - 3), title.start)
                if not any(i in taken or doc[i].lower_ in ORG_ANAPHORS for i in before):
                    continue
            end = name_after(doc, title.end)
            if end > title.end and not any(i in taken for i in range(title.end, end)):
                spans.append((title.end, end))
        titled = {i for s, e in spans for i in range(s, e)}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(i in taken or i in titled for i in range(ent.start, ent.end)):
                continue
            start, end = _trim_person(ent)
            if end > start:
                spans.append((start, end))
        return self._cluster_people(doc, sorted(set(spans)))

    def _cluster_people(self, doc: Doc, spans: list[tuple[int, int]]) -> list[LinkedMention]:
        """Link each surname-only mention to the full name that shares it, nearest first."""
        names = [doc[s:e].text for s, e in spans]
        full = [(i, n) for i, n in enumerate(names) if len(n.split()) > 1 or "-" in n]
        mentions = []
        for i, (s, e) in enumerate(spans):
            name = names[i]
            if (i, name) not in full:
                candidates = [(abs(j - i), n) for j, n in full if _surname_matches(name, n)]
                if candidates:
                    name = min(candidates)[1]
            mentions.append(LinkedMention(s, e, person_ref(name), "person"))
        return mentions


def _acting_role(token: Token) -> bool:
    if token.dep_ in ACTOR_DEPS:
        return True
    if token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in ACTOR_NOUNS:
        return True
    # "officials in Baku", "led by Moscow"
    if token.dep_ == "pobj" and token.head.lower_ in ("in", "by"):
        governor = token.head.head
        return governor.lower_ in ACTOR_NOUNS or (token.head.lower_ == "by" and governor.tag_ == "VBN")
    return False


def _trim_person(ent: Span) -> tuple[int, int]:
    """Drop a trailing possessive and anything that is not a capitalised word."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while end > start and not doc[end - 1].text[:1].isupper():
        end -= 1
    while start < end and not doc[start].text[:1].isupper():
        start += 1
    return start, end


def _surname_matches(short: str, full: str) -> bool:
    short_key = person_key(short)
    parts = person_key(full).split()
    return bool(parts) and (short_key == parts[-1] or short_key in parts[1:])
