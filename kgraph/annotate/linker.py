"""The linker: gives every entity mention in a Doc a canonical entity.

Gazetteer hits link to reference entities (with Wikidata QIDs); a capital that acts
("Moscow said", "Washington's envoy") stands for its country; a proper name after an
office title is a person even where the statistical NER said otherwise; people's names
are taken whole, page furniture (bylines, credits, outlet names) is not a person, and a
later surname ("Tokayev") links to the full name used in the document
(:mod:`kgraph.annotate.people`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kgraph.annotate.gazetteer import split_pattern_id
from kgraph.annotate.people import (cluster, headline_cut, is_honorific, name_end, person_spans, title_case_line,
                                    trim_headline_names, widen)
from kgraph.annotate.titles import NEEDS_ORG, find_titles, name_after
from kgraph.reference.entities import person_ref, reference_ref
from kgraph.reference.tables import Reference, ReferenceEntity, load_outlets
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

    def __init__(self, reference: Reference, outlets: frozenset[str] | None = None) -> None:
        self.reference = reference
        self.outlets = load_outlets() if outlets is None else outlets

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._gazetteer_mentions(doc)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        people = self._person_mentions(doc, taken)
        # A person's name may hold another entity's after a particle ("Abdul-Malik al-Houthi").
        in_names = {i for m in people for i in range(m.start, m.end)}
        mentions = [m for m in mentions if not any(i in in_names for i in range(m.start, m.end))] + people
        mentions.sort(key=lambda m: m.start)
        doc._.kg_mentions = mentions
        return doc

    # -- reference entities -------------------------------------------------
    def _gazetteer_mentions(self, doc: Doc) -> list[LinkedMention]:
        mentions = []
        for ent in doc.ents:
            entity, kind = self._reference_entity(ent)
            if entity is None or _extended_name(doc, ent) or _attitude(doc, ent):
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
        """Person mentions: names after office titles and PERSON entities, whole, furniture dropped, merged.

        See :mod:`kgraph.annotate.people`.
        """
        spans: list[tuple[int, int, bool]] = []
        for title in find_titles(doc):
            if title.end - title.start == 1 and doc[title.start].lower_ in NEEDS_ORG:
                before = range(max(0, title.start - 3), title.start)
                if not any(i in taken or doc[i].lower_ in ORG_ANAPHORS for i in before):
                    continue
            end = headline_cut(doc, title.end, name_end(doc, title.end, name_after(doc, title.end), taken))
            start = title.end
            if end > start and title_case_line(doc, start) and not any(doc[k].ent_type_ == "PERSON" for k in range(start, end)):
                continue  # a headline's capitals ("... Takes Up ASEAN Secretary-General Position")
            while end - start > 2 and is_honorific(doc, start):
                start += 1  # "Foreign Minister Prince Faisal bin Farhan": the honorific is no part of the name
            if end > start:
                spans.append((start, end, True))
        titled = {i for s, e, _ in spans for i in range(s, e)}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(i in taken or i in titled for i in range(ent.start, ent.end)):
                continue
            start, end = widen(doc, ent.start, ent.end, taken | titled)
            if end > start:
                spans.append((start, end, False))
        spans = _without_overlaps(spans)
        people = trim_headline_names(doc, person_spans(doc, spans, self.outlets))
        return [LinkedMention(p.start, p.end, person_ref(name), "person") for p, name in cluster(people)]


#: Prefixes glued to a name that make it a stance, not the entity ("pro-China", "anti-NATO", "non-EU").
ATTITUDE_PREFIXES = {"pro", "anti", "non"}


def _attitude(doc: Doc, ent: Span) -> bool:
    """A name after "pro-", "anti-" or "non-" names a stance or a class ("pro-Russian separatists",
    "a pro-China president", "non-EU states"), not the entity as an actor."""
    return ent.start >= 2 and doc[ent.start - 1].text == "-" and not doc[ent.start - 2].whitespace_ \
        and doc[ent.start - 2].lower_ in ATTITUDE_PREFIXES


def _extended_name(doc: Doc, ent: Span) -> bool:
    """A name with a "+" glued to it names a wider grouping ("OPEC+" is not OPEC)."""
    return ent.end < len(doc) and doc[ent.end].text.startswith("+") and not doc[ent.end - 1].whitespace_


def _without_overlaps(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Keep the longest of overlapping spans (a widened NER name may reach a titled one)."""
    kept: list[tuple[int, int, bool]] = []
    for span in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


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
