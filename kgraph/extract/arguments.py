"""Argument finders: where a frame's subject and object sit around its trigger.

Every finder takes the trigger and the entity types it wants, and returns the linked
mentions it finds, already spread over coordination and lists ("Mali, Burkina Faso and
Niger"), and with anaphors ("the bloc", "the country", "it", "its") and relative
pronouns resolved to the entity they stand for. The lexicon names finders by the keys
of :data:`FINDERS`; nothing here knows a trigger word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from kgraph.annotate.linker import LinkedMention
from kgraph.reference.entities import unlinked_org_ref
from kgraph.extract.context import DocContext
from kgraph.lexicon import Lexicon
from kgraph.reference.tables import load_outlets

RELATIVE = {"which", "that", "who", "whom", "whose"}
#: Entity labels of words that are no name for what stands beside them ("on Thursday, Senegal").
NOT_NAMES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Dependency links through which a clause borrows the subject of the clause above it.
BORROWING = ("xcomp", "conj", "advcl", "pcomp", "acomp")
#: Links inside a noun phrase that make a mention a modifier of its head ("NATO member", "Russia's troops").
MODIFYING = ("compound", "amod", "poss", "nmod", "npadvmod", "nummod", "quantmod")
ORG_TYPES = ("Alliance", "Organization", "ArmedForce")


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase found in a Doc: ``head`` is its first word (a noun phrase's last, "battle groups"),
    ``end`` the token after it."""

    head: Token
    end: int

    @property
    def last(self) -> Token:
        return self.head.doc[self.end - 1]


#: Roles in which a noun anaphor ("the country's", "the country") acts rather than names a place.
ACTOR_DEPS = frozenset({"poss", "nsubj", "nsubjpass"})

#: Prepositions whose object is a place something goes to or is in: an acting "the country" is not it.
GOAL_PREPOSITIONS = frozenset({"to", "into", "in", "inside", "across", "at"})

#: Pronouns that stand for all the items of a list ("Sweden and Finland ... They").
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})

#: Prepositions whose object is where something is or goes: what "there" may stand for.
PLACE_PREPOSITIONS = frozenset({"in", "into", "to", "inside"})


class Arguments:
    """The argument finders of one Doc (the lexicon's word classes bound in)."""

    def __init__(self, ctx: DocContext, lexicon: Lexicon) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.lexicon = lexicon
        words = lexicon.words
        self.list_lead = words["list_lead"]
        self.group_nouns = words["group_nouns"]
        self.joiners = {tuple(j.split()) for j in words["list_joiners"]}
        self.holding = words["holding_verbs"]
        self.hosting = words["hosting_verbs"]
        self.listing = words["listing_verbs"]
        self.copular = words["copular_verbs"]
        self.quantities = words["quantities"]
        self.bridges = words["list_bridges"]
        self.adders = words["list_adders"]
        self.motion = words["motion_verbs"]
        self.government_nouns = words["government_nouns"]
        self.backing = words["backing_participles"]
        self.outlets = {o.lower() for o in load_outlets()}
        self.mandates = words["mandate_nouns"]
        self._unlinked = False
        self._relation: str | None = None
        self.country_anaphors = words["country_anaphors"]
        self.org_anaphors = words["org_anaphors"]
        self.pronouns = words["pronouns"]
        self.indefinite = words["indefinite_determiners"]
        self.place_nouns = words["place_nouns"]
        self.likeness = words["likeness"]
        self.example_preps = words["example_preps"]
        self.rotation_words = words["rotation_words"]
        self.incident_marks = words["incident_marks"]
        self.place_adverbs = words["place_adverbs"]
        self._finders: dict[str, Callable[[Trigger, tuple[str, ...]], list[LinkedMention]]] = {
            "subject": self.subject, "object": self.object, "agent": self.agent, "after": self.after,
            "before": self.before, "modifier": self.modifier, "predicated": self.predicated,
            "holder": self.holder, "host": self.host, "destination": self.destination, "context": self.context, "itself": self.itself,
            "unit": self.unit, "modified": self.modified,
            "government": self.government, "alongside": self.alongside, "stated": self.stated,
            "rotation": self.rotation, "patient": self.patient, "stationed": self.stationed,
        }

    def find(self, finders: Iterable[str], trigger: Trigger, types: tuple[str, ...],
             exclude: set[str] = frozenset(), *, unlinked: bool = False,
             usable: Callable[[LinkedMention], bool] | None = None, relation: str | None = None) -> list[LinkedMention]:
        """The mentions found by the first finder (in order) that finds any not in ``exclude``.

        A finder written ``a+b`` is the union of finders ``a`` and ``b``. With ``unlinked``, an
        organisation the statistical NER found but the reference data does not list counts too
        (a node marked as not in the reference data); a mention ``usable`` rejects (a place that
        stands for no country) counts as not found; ``relation`` is the one the frame states
        (the ``stated`` finder takes up its earlier objects).
        """
        self._unlinked, self._relation = unlinked, relation
        try:
            return self._find(finders, trigger, types, exclude, usable)
        finally:
            self._unlinked, self._relation = False, None

    def _find(self, finders, trigger: Trigger, types, exclude, usable) -> list[LinkedMention]:
        for union in finders:
            found = []
            for name in union.split("+"):
                if name.startswith("prep:"):
                    found += self.prep(trigger, types, set(name[5:].split("|")))
                else:
                    found += self._finders[name](trigger, types)
            found = _distinct([m for m in found if m.entity.id not in exclude and (usable is None or usable(m))])
            if found:
                return found
        return []

    # -- the finders -------------------------------------------------------------------
    def subject(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The subject of the trigger's clause (or of the clause it borrows one from)."""
        verb = self._verb_of(trigger.head)
        subject = self.clause_subject(verb) if verb is not None else None
        if subject is None:
            return []
        found = self.entities(subject, types)
        if not found and subject.lower_ in self.group_nouns:  # "NATO's members include Turkey"
            found = self._modifiers(subject, types) or self._examples(subject, types)
        if found and "Person" not in types:
            # "Sweden, like Finland, joined NATO": the compared state does what the subject does
            # (not a person: "like his predecessor X" compares, it does not give X the office)
            found += [m for head in (verb, subject) for prep in head.children
                      if prep.dep_ == "prep" and prep.lower_ in self.likeness
                      for pobj in prep.children if pobj.dep_ == "pobj" for m in self.entities(pobj, types)]
        return found

    def _examples(self, noun: Token, types) -> list[LinkedMention]:
        """The entities a group noun gives as examples ("countries such as A and B", "states including A")."""
        found = []
        for prep in noun.children:
            word = f"{self.doc[prep.i - 1].lower_} {prep.lower_}" if prep.i > 0 else prep.lower_
            if prep.dep_ == "prep" and (prep.lower_ in self.example_preps or word in self.example_preps):
                found += [m for pobj in prep.children if pobj.dep_ == "pobj" for m in self.entities(pobj, types)]
        return found

    def patient(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Who the verb acts on: its object, or the subject of its passive ("admitted Finland",
        "Finland was admitted"); never the one who acts ("EU officials welcomed the delegation")."""
        verb = trigger.head
        if any(c.dep_ in ("dobj", "dative") for c in verb.children):
            return self.object(trigger, types)
        if any(c.dep_ == "auxpass" for c in verb.children) or verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            return self.subject(trigger, types)
        return []

    def object(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The direct object of the trigger verb."""
        found = []
        for child in trigger.head.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd") and (child.i >= trigger.end or child.lower_ in RELATIVE):
                found += self.entities(child, types)
        return found

    def agent(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The "by" phrase of a passive ("was founded by A, B and C"), or of the participle that
        describes a trigger noun ("bases run by the United States and France")."""
        heads = [trigger.head]
        if trigger.head.pos_ in ("NOUN", "PROPN"):
            heads += [c for c in trigger.head.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN"]
        found = []
        for head in heads:
            for child in head.children:
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found += self.entities(pobj, types)
        return found

    def prep(self, trigger: Trigger, types, words: set[str]) -> list[LinkedMention]:
        """The object of a preposition of the trigger, else of the verb that governs a trigger noun."""
        heads = [trigger.head] + ([trigger.last] if trigger.last != trigger.head else [])
        noun = self._noun_head(trigger.head)
        found = self._prep_objects(heads + ([noun] if noun not in heads else []), types, words)
        if not found and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            found = self._prep_objects([noun.head.head], types, words)  # "the deployment of its troops in X"
        if found or trigger.head.pos_ not in ("NOUN", "PROPN"):
            return found
        for verb in self._verbs_of_noun(self._phrase_head(trigger.head), ("nsubj", "nsubjpass", "dobj")):
            found = self._prep_objects([verb], types, words)
            if not found:  # "troops were sent to help Mali": the place sits on the clause the verb governs
                for child in verb.children:
                    if child.dep_ in ("xcomp", "advcl") and child.pos_ == "VERB":
                        found += self._prep_objects([child], types, words)
            if found:
                return found
        for verb in self._verbs_of_noun(self._phrase_head(trigger.head), ("nsubj", "nsubjpass", "dobj")):
            found = self._serving_with(verb, types, words)
            if found:
                return found
        for verb in self._verbs_of_noun(self._phrase_head(trigger.head), ("nsubj", "nsubjpass")):
            found = self._deep_place(verb, types, words & {"in", "near", "inside"})
            if found:
                return found
        return []

    def _deep_place(self, verb: Token, types, words: set[str]) -> list[LinkedMention]:
        """The first place phrase anywhere in ``verb``'s own clause ("soldiers have been killed in
        fighting with rebels near Goma"), not in a clause or an aside of its own."""
        stack = [c for c in verb.children if c.i > verb.i]
        while stack:
            tok = stack.pop(0)
            if tok.dep_ in ("ccomp", "relcl", "advcl", "acl", "appos", "parataxis", "conj") and tok.pos_ in ("VERB", "AUX") \
                    and not self._same_incident(tok):
                continue
            if tok.dep_ == "appos":
                continue
            if tok.dep_ == "prep" and tok.lower_ in words:
                found = [m for p in tok.children if p.dep_ == "pobj" for m in self.place_entities(p, types)]
                if found:
                    return found
            stack.extend(c for c in tok.children)
        return []

    def _same_incident(self, clause: Token) -> bool:
        """A clause that tells the same incident as the one it hangs on: "... was killed when his patrol
        was shelled near Kidal", "... was killed and two others were hurt"."""
        if clause.dep_ == "advcl":
            return any(c.dep_ in ("advmod", "mark") and c.lower_ in self.incident_marks for c in clause.children)
        if clause.dep_ == "conj":
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            return any(c.dep_ == "auxpass" for c in clause.children) and all(self.ctx.at(c.i) is None for c in subjects)
        return False

    def unit(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Whose unit the trigger noun belongs to or comes from ("French troops of a NATO battlegroup",
        "soldiers from the UN's stabilisation force", "troops under an ECOWAS mandate")."""
        noun = self._noun_head(trigger.head)
        heads = [noun] + self._verbs_of_noun(self._phrase_head(trigger.head), ("nsubj", "nsubjpass", "dobj"))
        found: list[LinkedMention] = []
        for head in heads:
            for share in head.children:  # "2,000 troops in the province, most of them from A, B and C"
                if share.dep_ in ("npadvmod", "appos", "nsubj", "advmod") and share.lower_ in self.quantities and share.i > noun.i:
                    found += [m for p in share.children if p.dep_ == "prep" and p.lower_ == "from"
                              for o in p.children if o.dep_ == "pobj" for m in self.entities(o, types)]
            for child in head.children:
                if child.dep_ != "prep" or child.lower_ not in ("of", "from", "under", "with"):
                    continue
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.ctx.at(pobj.i) is None and (
                            pobj.lower_ in self.lexicon.by_first_word or pobj.lemma_.lower() in self.mandates):
                        found += self._modifiers(pobj, types)
        return found

    def _serving_with(self, verb: Token, types, words: set[str]) -> list[LinkedMention]:
        """The place of the force or mission a verb's forces serve with ("troops serving with the EU's
        ISAF in Afghanistan", "battalions serving in the UN mission in South Sudan")."""
        found: list[LinkedMention] = []
        units = [c for c in verb.children if c.dep_ == "dobj"]  # "joined a UN-backed mission in Haiti"
        units += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("with", "under", "in")
                  for p in c.children if p.dep_ == "pobj"]
        for unit in units:
            named = self.ctx.at(unit.i)
            if (named is not None and named.entity.type in ORG_TYPES) or unit.lower_ in self.lexicon.by_first_word:
                found += self._prep_objects([unit], types, words)
        return found

    def _verbs_of_noun(self, noun: Token, deps: tuple[str, ...]) -> list[Token]:
        """The verbs a noun is an argument of: its governing verb (when the noun is one of ``deps``),
        then the verbs of its relative and participial clauses ("troops who crossed into ...",
        "paratroopers flown in ...")."""
        verbs = []
        if noun.dep_ in deps and noun.head.pos_ in ("VERB", "AUX"):
            verbs.append(noun.head)
        verbs += [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")]
        return verbs

    def after(self, trigger: Trigger, types) -> list[LinkedMention]:
        """A list that starts right after the trigger, past a few lead words ("16 states including ...")."""
        doc = self.doc
        sent_end = trigger.head.sent.end
        i = trigger.end
        steps = 0
        while i < sent_end and steps < 8 and self.ctx.at(i) is None:
            tok = doc[i]
            if not (tok.lower_ in self.list_lead or tok.lower_ in self.group_nouns or tok.like_num
                    or (tok.pos_ == "ADJ" and tok.i + 1 < sent_end)):
                break
            i += 1
            steps += 1
        found = self.read_list(i, types, sent_end)
        if found and found[-1].end < sent_end and self.doc[found[-1].end].lower_ in self.bridges:
            found += self.read_list(found[-1].end + 1, types, sent_end)
        if found and trigger.head.pos_ in ("VERB", "AUX", "NOUN"):  # "Alongside Russia, the bloc groups A and B"
            for child in trigger.head.children:
                if child.dep_ == "prep" and child.lower_ in self.adders:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found += self.entities(pobj, types)
        return found

    def before(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The entity named right before the trigger, or before its "'s" ("the Visegrad Group (Poland,
        ...", "EU member states", "the GCC's members"), whatever the parser made of them."""
        i = trigger.head.i
        if i > 0 and self.doc[i - 1].lower_ in ("'s", "’s", "'", "-"):
            i -= 1  # "the GCC's members", "Russian-held"
        m = self.ctx.ending_at(i, types)
        if m is None and i > 0 and self.ctx.at(i - 1) is None:  # "..., the bloc groups Kuwait, ..."
            return self._named(self.doc[i - 1], types)
        return [m] if m is not None else []

    def modifier(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Entities modifying the trigger noun: "NATO member", "the bloc's members", "Russian troops"."""
        return self._modifiers(self._noun_head(trigger.head), types, upto=trigger.head.i)

    def predicated(self, trigger: Trigger, types) -> list[LinkedMention]:
        """What the trigger noun is said of: "Greece, a NATO member", "Lithuania is a member of",
        "EU member Hungary", "members such as Ghana and Senegal", "the CSTO's members are Russia, ..."."""
        noun = self._phrase_head(trigger.head)
        while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and self.ctx.at(noun.head.i) is None:
            noun = noun.head  # "a founding member of X and a member of Y"
        found: list[LinkedMention] = []
        for child in noun.children:  # "members Indonesia and Malaysia", "members such as Ghana"
            if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ in ("as", "like", "including")):
                target = child if child.dep_ == "appos" else next((c for c in child.children if c.dep_ == "pobj"), None)
                if target is not None and target.i > noun.i:
                    found += self.entities(target, types)
        if found:
            return found
        dep, head = noun.dep_, noun.head
        if dep == "compound" and self.ctx.at(head.i) is not None:  # "EU member Hungary"
            return self.entities(head, types)
        if dep == "appos":  # "Greece, a NATO member"
            return self.entities(head, types)
        if dep == "pobj" and head.lower_ == "of" and head.head.dep_ in ("appos", "attr", "nsubj") \
                and (head.head.like_num or head.head.lower_ in self.quantities):
            return self.predicated(Trigger(head.head, head.head.i + 1), types)  # "one of its members"
        copular_object = dep == "dobj" and head.lemma_.lower() in self.copular  # "has stayed a member of"
        if dep in ("attr", "oprd") or copular_object \
                or (dep == "pobj" and head.lower_ in ("as", "among") and head.dep_ == "prep"):
            verb = head if dep in ("attr", "oprd", "dobj") else head.head
            if verb.pos_ in ("NOUN", "PROPN") and head.lower_ == "as":  # "Kazakhstan's term as SCO chair"
                return [m for c in verb.children if c.dep_ == "poss" for m in self.entities(c, types)]
            subject = self.clause_subject(verb)
            found = self.entities(subject, types) if subject is not None else []
            if not found and dep == "pobj" and head.lower_ == "as":  # "admitted Timor-Leste as a member"
                for child in verb.children:
                    if child.dep_ == "dobj":
                        found += self.entities(child, types)
            return found
        if dep in ("nsubj", "nsubjpass") and _forms(head) & self.listing:  # "Its members are A and B"
            for child in head.children:
                if child.dep_ in ("attr", "dobj", "oprd") and child.i > noun.i:
                    found += self.entities(child, types)
            if not found and head.lemma_ == "be":
                found = self.read_list(head.i + 1, types, head.sent.end)
        return found

    def holder(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Who has, keeps or sends the trigger noun ("X has 1,200 troops in Y", "the bloc has ten members")."""
        noun = self._phrase_head(trigger.head)
        verb = noun.head
        if noun.dep_ != "dobj" or not (_forms(verb) & self.holding):
            return []
        subject = self.clause_subject(verb)
        return self.entities(subject, types) if subject is not None else []

    def destination(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Where the trigger noun goes when it is the subject of a verb of motion that takes the
        place as its object ("Turkish troops entered north-eastern Syria", "reached Bunia")."""
        found = []
        verbs = self._verbs_of_noun(self._phrase_head(trigger.head), ("nsubj", "nsubjpass"))
        verbs += [c for v in verbs for c in v.children if c.dep_ == "xcomp"]  # "began leaving Kazakhstan"
        for verb in verbs:
            if _forms(verb) & self.motion:
                for child in verb.children:
                    if child.dep_ in ("dobj", "npadvmod") and child.i > verb.i:
                        found += self.place_entities(child, types)
        return found

    def host(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Where the trigger noun is hosted: "Djibouti, home to French bases", "Djibouti hosts French bases"."""
        noun = self._phrase_head(trigger.head)
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "home":
            home = head.head
            if home.dep_ == "appos":
                return self.entities(home.head, types)
            if home.dep_ == "attr":
                subject = self.clause_subject(home.head)
                return self.entities(subject, types) if subject is not None else []
        if noun.dep_ == "dobj" and _forms(head) & self.hosting:
            subject = self.clause_subject(head)
            return self.entities(subject, types) if subject is not None else []
        return []

    def context(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The entity the paragraph is about when the trigger names none ("Chile and Peru joined
        in 2017", "the Philippines, another member, ...")."""
        verb = trigger.head
        if any(c.dep_ in ("dobj", "agent", "dative") or (c.dep_ == "prep" and c.lower_ in ("of", "in", "to", "into", "within", "at")
                                                         and not _dated(c))
               for c in verb.children):
            return []  # it names what it joined or belongs to, even if kgraph does not know it ("in 2017" is a time)
        if verb.pos_ in ("NOUN", "PROPN") and any(c.dep_ in ("poss", "compound", "amod") and c.i < verb.i
                                                 and (c.pos_ in ("PROPN", "PRON") or c.text[:1].isupper())
                                                 for head in {verb, self._noun_head(verb)} for c in head.children):
            return []  # "a NATO member", "its members": the modifier names it
        m = self.ctx.nearest_before(verb.i, types, back=1)
        start = m.end if m is not None else self.ctx.paragraph_window(verb.i, 1)
        for tok in reversed(self.doc[start : verb.i]):  # "the organisation grew out of ...; India joined in 2017"
            if tok.lower_ in self.org_anaphors and not tok.text[:1].isupper() and tok.i > 0 and self.doc[tok.i - 1].lower_ == "the":
                found = self._named(tok, types)
                if found:
                    return found
                break
        return [m] if m is not None else []

    def stationed(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The subject of the clause a place phrase "at the ..." of the trigger noun is in ("X is at
        the helm of the World Bank", "X remains at the head of the alliance"); nothing when the noun
        stands anywhere else ("Macron met the head of NATO")."""
        noun = self._phrase_head(trigger.head)
        if not (noun.dep_ == "pobj" and noun.head.lower_ == "at" and noun.head.head.pos_ in ("VERB", "AUX")):
            return []
        subject = self.clause_subject(noun.head.head)
        return self.entities(subject, types) if subject is not None else []

    def rotation(self, trigger: Trigger, types) -> list[LinkedMention]:
        """A rotating office with no organisation named is the one the paragraph is about ("as India
        holds the rotating presidency"): the nearest organisation named before it."""
        if not any(c.lower_ in self.rotation_words for c in trigger.head.children if c.dep_ in ("amod", "compound")):
            return []
        return self.context(trigger, types)

    def stated(self, trigger: Trigger, types) -> list[LinkedMention]:
        """What the same relation took as its object earlier in the sentence, for a verb that says
        its subject did the same ("India joined in 2017, and Iran followed in 2023")."""
        verb = trigger.head
        if self._relation is None or any(c.dep_ in ("dobj", "attr", "oprd") and not verb.i < c.i < trigger.end
                                         for c in verb.children):
            return []  # "Iran followed the talks": it names what it followed
        sentence = verb.sent.text.strip()
        for rel in reversed(self.ctx.relations):
            if rel.predicate == self._relation and rel.status == "asserted" and rel.object.type in types \
                    and rel.evidence.sentence == sentence:
                return [LinkedMention(verb.i, verb.i + 1, rel.object, "context")]
        return []

    def alongside(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Entities the clause adds to the trigger's own ("Egypt's accession took effect alongside
        that of Ethiopia, Iran and the UAE", "Alongside Russia, the bloc groups ...")."""
        heads = [trigger.head, self._phrase_head(trigger.head).head]
        found: list[LinkedMention] = []
        for head in heads:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in self.adders:
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        if pobj.lower_ in ("that", "those"):  # "alongside that of Ethiopia, Iran and ..."
                            pobj = next((g for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"
                                         for g in c.children if g.dep_ == "pobj"), pobj)
                        found += self.entities(pobj, types)
        return found

    def government(self, trigger: Trigger, types) -> list[LinkedMention]:
        """Whose government the trigger verb's object is ("heads Spain's coalition government")."""
        found = []
        for child in trigger.head.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in self.government_nouns:
                found += self._modifiers(child, types)
        return found

    def modified(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The place a modifying trigger describes ("Russian-occupied Crimea", "the Russian-held
        plant in southern Ukraine")."""
        head = trigger.head
        if head.dep_ not in ("amod", "compound", "acl") and not (head.i + 1 < len(self.doc) and head.head.i > head.i):
            return []
        noun = head.head
        return self.place_entities(noun, types) or self._prep_objects([noun], types, {"in", "inside", "near"})

    def itself(self, trigger: Trigger, types) -> list[LinkedMention]:
        """The trigger word ends a name ("Wagner mercenaries" as the gazetteer knows it)."""
        m = self.ctx.at(trigger.head.i)
        return [m] if m is not None and m.entity.type in types else []

    # -- shared machinery ------------------------------------------------------------
    def entities(self, tok: Token, types, *, spread: bool = True) -> list[LinkedMention]:
        """The entities ``tok`` names: its mention, the entity an anaphor stands for, and, with
        ``spread``, those of every item coordinated or listed with it."""
        found = self._named(tok, types)
        if not spread:
            return found
        for conj in sorted(tok.conjuncts, key=lambda c: c.i):
            if conj.i > tok.i:
                if conj.pos_ in ("NOUN", "VERB") and self.ctx.at(conj.i) is None and conj.lower_ not in self.pronouns \
                        and conj.lower_ not in self._anaphors(types):
                    break  # "members A and B, and fellow Gulf states C and D": a group of its own begins
                found += self._named(conj, types)
        if found:
            found += self.read_list(max(m.end for m in found), types, tok.sent.end, continuing=True)
        return _distinct(found)

    def _named(self, tok: Token, types) -> list[LinkedMention]:
        m = self.ctx.at(tok.i)
        if m is not None:
            return [m] if m.entity.type in types else []
        if self._unlinked and tok.ent_type_ == "ORG" and "Organization" in types:
            found = self._unlinked_organisation(tok)
            if found is not None:
                return [found]
        if tok.lower_ not in self.pronouns and tok.ent_type_ not in NOT_NAMES:
            for child in tok.children:  # "its neighbour Ukraine", "the pact, AUKUS, ...": the name says it
                if child.dep_ == "appos" and child.i > tok.i and self.ctx.at(child.i) is not None:
                    return self._named(child, types)
        if tok.lower_ in self._anaphors(types) and any(c.dep_ in ("det", "amod") and c.lower_ in self.indefinite
                                                        for c in tok.children):
            return []  # "any country that shares our values", "another member": no entity named before
        if tok.lower_ in self.pronouns or (tok.lower_ in self._anaphors(types) and not tok.text[:1].isupper()):
            if tok.lower_ in RELATIVE:
                gov = tok.head  # "whose accession ... took effect": through the noun to its clause
                while gov.dep_ not in ("relcl", "acl") and gov.head != gov and (gov.pos_ != "NOUN" or tok.lower_ == "whose"):
                    gov = gov.head
                if gov.dep_ in ("relcl", "acl"):
                    return self.entities(gov.head, types, spread=False)
                if tok.i > 0 and self.doc[tok.i - 1].lower_ in ("and", ",", "but"):  # "..., and which it rejoined"
                    m = self.ctx.nearest_before(tok.i, types, back=0)
                    return [m] if m is not None and m.start >= tok.sent.start else []
                return []
            if tok.lower_ not in self.pronouns:  # "the group" stands for an organisation, "the country" for a country
                types = tuple(t for t in types if (t == "Country") == (tok.lower_ in self.country_anaphors)
                              or (t in ORG_TYPES and tok.lower_ in self.org_anaphors))
            antecedent = self._antecedent(tok, types) if types else None
            if antecedent is None:
                return []
            found = [antecedent]
            if tok.lower_ in PLURAL_PRONOUNS:  # "Sweden and Finland applied together. They joined NATO ..."
                found += self.entities(self.doc[antecedent.end - 1], types)
            return [LinkedMention(tok.i, tok.i + 1, m.entity, "anaphor") for m in _distinct(found)]
        if tok.dep_ == "appos" and tok.head.i < tok.i:  # "AUKUS, the pact that unites ..." -> AUKUS
            return self._named(tok.head, types)
        return []

    def _unlinked_organisation(self, tok: Token) -> LinkedMention | None:
        """The NER's organisation around ``tok`` as an unlinked node ("the Visegrad Group" while the
        reference data does not list it): a name of capitalised words or an acronym, no outlet."""
        span = next((e for e in self.doc.ents if e.start <= tok.i < e.end and e.label_ == "ORG"), None)
        if span is None or any(self.ctx.at(i) is not None for i in range(span.start, span.end)):
            return None
        words = [t for t in span if t.lower_ not in ("the", "of", "and", "for", "'s", "-")]
        if not words or not all(t.text[:1].isupper() for t in words) or (len(words) == 1 and not _acronym(words[0].text)):
            return None
        if span.text.lower().removeprefix("the ") in self.outlets:
            return None
        try:
            entity = unlinked_org_ref(span.text, "Organization")
        except ValueError:
            return None
        return LinkedMention(span.start, span.end, entity, "unlinked")

    def _anaphors(self, types) -> frozenset[str] | set[str]:
        words: set[str] = set()
        if "Country" in types:
            words |= self.country_anaphors
        if any(t in types for t in ORG_TYPES):
            words |= self.org_anaphors
        return words

    def _antecedent(self, tok: Token, types) -> LinkedMention | None:
        """The entity of ``types`` an anaphor stands for.

        A pronoun ("it", "its", "they", "their") takes up the subject of its own clause when that
        comes first ("France pulled its troops out"), else the nearest entity named as a subject
        before it, else the nearest one; a noun ("the country", "the bloc") the nearest name.
        """
        pronoun = tok.lower_ in self.pronouns
        if pronoun:
            verb = tok.head if tok.dep_ not in ("poss",) else self._phrase_head(tok.head).head
            subject = self.clause_subject(verb) if tok.dep_ not in SUBJECT_DEPS else None
            if subject is not None and subject.i < tok.i and subject != tok:
                found = self._named(subject, types)
                if found:
                    return found[0]
            if tok.dep_ == "poss":
                governing = subject or self._nearest_subject_above(verb)
                if governing is not None and governing.i < tok.i and governing.pos_ == "NOUN" \
                        and self.ctx.at(governing.i) is None and governing.lower_ not in self._anaphors(types):
                    return None  # "Troops ... returned home after completing their missions": theirs, no state's
            back = self.lexicon.anaphor_paragraphs
            first = self.ctx.paragraph_window(tok.i, back)
            for m in reversed(self.ctx.mentions):
                if first <= m.start and m.end <= tok.i and m.entity.type in types \
                        and self.doc[m.end - 1].dep_ in SUBJECT_DEPS:
                    return m
        exclude = ()
        if not pronoun:  # "Iraq invaded its neighbour", "Russia's Africa Corps will stay on in the country":
            # a noun in the clause stands for nothing its subject's phrase names
            verb = tok
            while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            subject = self.clause_subject(verb) if tok.dep_ not in SUBJECT_DEPS else None
            if subject is not None and subject != tok:
                inside = self.ctx.within(subject.left_edge.i, subject.right_edge.i + 1)
                exclude = [m.entity.id for m in inside] + [m.entity.id for m in self._named(subject, types)]
        back = self.lexicon.anaphor_paragraphs
        if not pronoun and tok.dep_ in ACTOR_DEPS and tok.lower_ in self.country_anaphors:
            # "the country's soldiers" acts: it passes over the places named in between ("Cambodia
            # would send troops to Mali ... the country's soldiers")
            first = self.ctx.paragraph_window(tok.i, back)
            for m in reversed(self.ctx.mentions):
                if first <= m.start and m.end <= tok.i and m.entity.type in types and m.entity.id not in exclude \
                        and m.kind != "adjective":
                    root = self.doc[m.end - 1]
                    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in self.country_anaphors:
                        root = root.head.head  # "the West African nation of Mali" is where "nation" is
                    if not (root.dep_ == "pobj" and root.head.lower_ in GOAL_PREPOSITIONS):
                        return m
        return self.ctx.nearest_before(tok.i, types, back=back, nominal=not pronoun, exclude=exclude) or (
            None if pronoun else self.ctx.nearest_before(tok.i, types, back=back, exclude=exclude))

    def read_list(self, i: int, types, end: int, *, continuing: bool = False) -> list[LinkedMention]:
        """Mentions of a list at token ``i``: "A, B and C", "A as well as B", "(A, B)".

        With ``continuing`` the list has already begun: a joiner must come first.
        """
        doc = self.doc
        found: list[LinkedMention] = []
        expect_item = not continuing
        while i < end:
            if expect_item:
                if doc[i].lower_ == "the":
                    i += 1
                    continue
                m = self.ctx.at(i)
                if m is None or m.start != i:
                    break
                if m.entity.type in types:
                    found.append(m)
                elif doc[m.end - 1].dep_ != "compound":
                    break
                i = m.end
                expect_item = False
                continue
            joiner = self._joiner_at(i, end)
            if joiner == 0:
                break
            i += joiner
            expect_item = True
        return found

    def _joiner_at(self, i: int, end: int) -> int:
        doc = self.doc
        for joiner in sorted(self.joiners, key=len, reverse=True):
            n = len(joiner)
            if i + n <= end and tuple(t.lower_ for t in doc[i : i + n]) == joiner:
                while i + n < end and doc[i + n].lower_ in ("and", ","):  # ", and"
                    n += 1
                return n
        return 0

    def clause_subject(self, verb: Token) -> Token | None:
        """The subject of ``verb``'s clause, borrowed from the clauses above when it has none."""
        tok = verb
        for _ in range(5):
            subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
            if subjects and not (subjects[0].lower_ in RELATIVE and tok.dep_ == "relcl"):
                return subjects[0]
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return self._antecedent_noun(tok.head)  # "Turkey, which joined NATO", "Congo, admitted to the EAC"
            if tok.dep_ in BORROWING and tok.head != tok:
                tok = tok.head
                continue
            if tok.dep_ == "appos":
                return tok.head
            break
        return None

    def _nearest_subject_above(self, tok: Token) -> Token | None:
        """The subject of the nearest clause above ``tok`` that has one (through prepositions and
        coordinated verbs, which ``clause_subject`` does not climb)."""
        for _ in range(8):
            subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                return subjects[0]
            if tok.head == tok:
                return None
            tok = tok.head
        return None

    def _antecedent_noun(self, noun: Token) -> Token:
        """The name a relative clause's noun stands in apposition to: "Ana Ruiz, the former
        Chilean foreign minister who went on to ..." -> "Ruiz"."""
        if noun.dep_ == "appos" and self.ctx.at(noun.i) is None and noun.head.i < noun.i:
            return noun.head
        return noun

    def _verb_of(self, tok: Token) -> Token | None:
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        noun = self._phrase_head(tok)
        return noun.head if noun.head.pos_ in ("VERB", "AUX") else None

    def _noun_head(self, tok: Token) -> Token:
        """The head of the noun phrase a trigger noun sits in ("states" of "member states")."""
        while tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and self.ctx.at(tok.head.i) is None \
                and tok.head.i > tok.i:
            tok = tok.head
        return tok

    def _phrase_head(self, tok: Token) -> Token:
        """The noun that stands in the clause for a trigger noun: its phrase head, or the quantity
        it counts ("Hundreds" of "Hundreds of Russian soldiers", "one" of "one of its members")."""
        tok = self._noun_head(tok)
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and (tok.head.head.like_num
                                                                 or tok.head.head.lower_ in self.quantities):
            tok = tok.head.head
        return tok

    def _modifiers(self, head: Token, types, upto: int | None = None) -> list[LinkedMention]:
        found = []
        for tok in self.doc[head.left_edge.i : (upto if upto is not None else head.i)]:
            if not self._modifies(tok, head):
                continue
            m = self.ctx.at(tok.i)
            if m is not None and m.entity.type in types and m.end - 1 == tok.i and not self._backing(m):
                found.append(m)
            elif m is None and (tok.lower_ in self.pronouns or tok.lower_ in self._anaphors(types)) \
                    and tok.dep_ in ("poss", "compound", "nmod"):
                found += self._named(tok, types)
        return found

    def _backing(self, m: LinkedMention) -> bool:
        """"UN-backed", "Iran-sponsored": the entity supports the thing, it does not own it."""
        doc = self.doc
        k = m.end + (1 if m.end < len(doc) and doc[m.end].text == "-" else 0)
        return k < len(doc) and doc[k].lower_ in self.backing

    def _modifies(self, tok: Token, head: Token) -> bool:
        """Whether ``tok`` reaches ``head`` through noun-phrase modifier links only."""
        steps = 0
        while tok != head and steps < 6:
            if tok.dep_ not in MODIFYING + ("conj", "cc", "case", "punct", "det", "appos", "prep", "pobj"):
                return False
            if tok.dep_ in ("prep", "pobj") and tok.head.i >= head.i:
                return False
            tok = tok.head
            steps += 1
        return tok == head

    def _prep_objects(self, heads: list[Token], types, words: set[str]) -> list[LinkedMention]:
        found: list[LinkedMention] = []
        for head in heads:
            for child in head.children:
                if child.dep_ in ("prep", "dative", "agent") and child.lower_ in words and child.i > head.i - 1:
                    for pobj in child.children:
                        if pobj.dep_ in ("pobj", "pcomp") or (pobj.dep_ == "dep" and self.ctx.at(pobj.i) is not None):
                            for place in (pobj, *pobj.conjuncts):  # "at the air base and the facility in Tartus"
                                found += self.place_entities(place, types)
                        elif pobj.dep_ == "prep" and pobj.lower_ == "of":  # "out of Mali"
                            found += [m for g in pobj.children if g.dep_ == "pobj" for m in self.place_entities(g, types)]
                elif child.dep_ == "advmod" and child.lower_ in self.place_adverbs and words & PLACE_PREPOSITIONS:
                    found += self._place_antecedent(child, types)  # "its forces remain there"
        return found

    def _place_antecedent(self, tok: Token, types) -> list[LinkedMention]:
        """The place "there" stands for: the nearest entity named before it, in its paragraph or the
        anaphora reach, as the object of a place preposition ("intervened in Syria ... remain there")."""
        first = self.ctx.paragraph_window(tok.i, self.lexicon.anaphor_paragraphs)
        for m in reversed(self.ctx.mentions):
            if not (first <= m.start and m.end <= tok.i):
                continue
            root = self.doc[m.end - 1]
            if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
                if m.entity.type not in types:
                    return []  # the nearest place is of another kind: nothing to guess
                return [LinkedMention(tok.i, tok.i + 1, m.entity, "anaphor")]
        return []

    def place_entities(self, tok: Token, types) -> list[LinkedMention]:
        """Entities of a prepositional object, looking through a place noun ("Mozambique's Cabo
        Delgado province", "on Armenian territory") to the entity that names it."""
        owned = tok.lower_ in self.place_nouns and any(c.dep_ in ("poss", "amod", "compound", "nmod") for c in tok.children)
        found = [] if owned else self.entities(tok, types)  # "its soil" is its owner's, not the last country named
        if found or tok.lower_ not in self.place_nouns:
            return found
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                m = self.ctx.at(child.i)
                if m is not None and m.entity.type in types:
                    found.append(m)
                elif m is None and child.dep_ == "poss" and child.lower_ in self.pronouns:
                    found += self._named(child, types)  # "stationed on its soil"
        if not found:  # "at the Kant air base in Kyrgyzstan"
            found = self._prep_objects([tok], types, {"in", "inside", "near", "outside"})
        return found


def _dated(prep: Token) -> bool:
    """Whether a preposition's object is a time ("in 2017", "in March"), not a thing or a place."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") or o.like_num for o in objects)


def _acronym(text: str) -> bool:
    """"SADC", "G5": two or more capitals, no lower-case letter."""
    return sum(c.isupper() for c in text) >= 2 and not any(c.islower() for c in text)


def _forms(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


def _distinct(mentions: list[LinkedMention]) -> list[LinkedMention]:
    seen, out = set(), []
    for m in mentions:
        if m.entity.id not in seen:
            seen.add(m.entity.id)
            out.append(m)
    return out
