"""The frame engine: finds the lexicon's trigger phrases and fills their argument slots.

For each trigger found in a sentence, the frame's argument finders (arguments.py) name
the relation's subjects and objects; the modality scope (modality.py) says how the
clause states the fact; words of the relation's ``blockers`` inside the statement make
it something else ("observer", "exercises") and it is dropped. Every fact carries the
frame's id as its rule.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kgraph.annotate.linker import LinkedMention
from kgraph.reference.entities import country_of
from kgraph.extract.arguments import Arguments, Trigger
from kgraph.extract.context import DocContext
from kgraph.lexicon import Frame, Lexicon, load_lexicon
from kgraph.extract.modality import FORMER_WORDS, continues, departs, status_of, word_forms

#: Verbs whose "from" phrase says where forces come from, not where they are.
ORIGIN_VERBS = frozenset({"come", "hail", "originate"})

#: Facts whose place carries over to other forces named after them only when they are the same forces.
RECENT_EXCLUDED_RULES = ("deploy.invasion", "deploy.held")

#: Confidence of a fact that is stated, but not as current (it is kept, never asserted).
UNASSERTED_CONFIDENCE = 0.45


def extract_frames(ctx: DocContext, lexicon: Lexicon | None = None) -> None:
    """Add the relations stated by the lexicon's frames in ``ctx.doc`` to ``ctx``."""
    lexicon = lexicon or load_lexicon()
    args = Arguments(ctx, lexicon)
    for sent in ctx.doc.sents:
        for tok in sent:
            for frame, end in _triggers_at(lexicon, tok, sent):
                head = tok
                if frame.pos == "NOUN" and end - tok.i > 1 and tok.head.i == end - 1:
                    head = tok.head  # "battle groups": the phrase's noun is its last word
                _apply(ctx, args, lexicon, frame, Trigger(head, end), sent)


def _triggers_at(lexicon: Lexicon, tok: Token, sent: Span):
    """(frame, end) for every trigger phrase starting at ``tok``, longest phrases first per frame."""
    seen: set[str] = set()
    keys = {tok.lower_, tok.lemma_.lower()}
    doc = tok.doc
    if tok.text[:1].isupper() and not tok.is_sent_start and any(m.start <= tok.i < m.end for m in doc._.kg_mentions or ()):
        return  # part of a name: "the Allied Democratic Forces", "the Kosovo Force"
    for key in keys:
        for frame, words in lexicon.by_first_word.get(key, ()):
            if frame.id in seen or not _pos_fits(frame, tok):
                continue
            end = tok.i + len(words)
            if end > sent.end or any(doc[tok.i + k].lower_ != w and doc[tok.i + k].lemma_.lower() != w
                                     for k, w in enumerate(words[1:], 1)):
                continue
            seen.add(frame.id)
            yield frame, end


def _pos_fits(frame: Frame, tok: Token) -> bool:
    """Whether ``tok`` has the part of speech the frame's trigger needs.

    The small model often tags a verb after a subject as a plural noun ("The Gulf Cooperation
    Council groups ...", "the bloc unites ..."), and which it does can change with the text
    around the sentence; so a noun right after a noun or pronoun, and right before a name, a
    number or a determiner, is read as a verb too.
    """
    if frame.pos == "VERB":
        if tok.pos_ in ("VERB", "AUX") or tok.tag_ == "VBG":
            return True
        doc = tok.doc
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i == 0 or tok.i + 1 >= len(doc):
            return False
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        named_after = after.ent_type_ != "" or after.pos_ in ("DET", "NUM", "PROPN")
        return before.pos_ in ("NOUN", "PROPN", "PRON") and named_after
    if frame.pos == "NOUN":
        return tok.pos_ in ("NOUN", "PROPN") or tok.tag_ in ("NN", "NNS")
    return True


def _apply(ctx: DocContext, args: Arguments, lexicon: Lexicon, frame: Frame, trigger: Trigger, sent: Span) -> None:
    if _modifies_other_noun(lexicon, frame, trigger):
        return
    if frame.noun_role == "subject" and args._phrase_head(trigger.head).dep_ not in ("nsubj", "nsubjpass"):
        return
    spec = lexicon.relations[frame.relation]
    objects = args.find(frame.object, trigger, spec.object_types, unlinked=spec.unlinked_objects,
                        usable=lambda m: _object_entity(frame, m) is not None, relation=frame.relation)
    rule = frame.id
    if not objects:
        if not frame.recent or _names_unknown_place(trigger) or _governed_by_other_noun(args, trigger):
            return
        subjects = args.find(frame.subject, trigger, frame.subject_types or spec.subject_types)
        recent = _recent_object(ctx, frame.relation, trigger, {m.entity.id for m in subjects})
        if recent is not None and not _recent_carries_over(ctx, frame.relation, recent, subjects):
            return
        if not subjects or recent is None:
            return
        objects, rule = [LinkedMention(trigger.head.i, trigger.head.i + 1, recent, "context")], f"{frame.id}.recent"
    else:
        subjects = args.find(frame.subject, trigger, frame.subject_types or spec.subject_types,
                             exclude={m.entity.id for m in objects})
    if frame.relation == "deployedTo":
        subjects = subjects + _owners(ctx, subjects)
    if len(subjects) < frame.min_subjects:
        return
    if _blocked(ctx, spec.blockers, trigger, subjects + objects, sent):
        return
    status = _status(trigger, frame, args, objects)
    if frame.ends and status == "asserted":
        status = "former"  # "Britain left the EU": it was a member
    confidence = frame.confidence if status == "asserted" else UNASSERTED_CONFIDENCE
    for obj in objects:
        target = _object_entity(frame, obj)
        if target is None:
            continue
        for subject in subjects:
            stated = status
            if stated == "asserted" and _described_as_ended(ctx, subjects, target):
                stated, confidence = "former", UNASSERTED_CONFIDENCE
            ctx.add(subject.entity, frame.relation, target, sent, rule=rule,
                    confidence=confidence if rule == frame.id else min(confidence, 0.6), status=stated)


def _owners(ctx: DocContext, subjects: list[LinkedMention]) -> list[LinkedMention]:
    """The states that own an armed force among the subjects ("Russia's Africa Corps will stay on"):
    where the force is deployed, so are they."""
    doc = ctx.doc
    found = []
    for m in subjects:
        if m.entity.type != "ArmedForce":
            continue
        for child in doc[m.end - 1].children:
            owner = ctx.at(child.i)
            if child.dep_ == "poss" and owner is not None and owner.entity.type == "Country":
                found.append(owner)
    return [m for m in found if all(m.entity.id != s.entity.id for s in subjects)]


def _described_as_ended(ctx: DocContext, subjects: list[LinkedMention], target) -> bool:
    """An aside on the subjects says the state ended, about this object or none other:
    "Mali, Burkina Faso and Niger, all suspended by the AU, ..." (not "Britain, which left
    the EU, is a member of NATO")."""
    doc = ctx.doc
    asides = []
    for mention in subjects:
        head = doc[mention.end - 1]
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head  # the list's first item carries the aside
        asides += [list(a.subtree) for a in head.children if a.dep_ in ("appos", "acl", "relcl")]
    last = max(m.end for m in subjects)
    if last < len(doc) and doc[last].text == ",":  # the parser may hang ", all suspended by ..." elsewhere
        end = last + 1
        while end < min(len(doc), last + 5) and doc[end].text not in (",", ";", ".", ":") and not doc[end].is_sent_start:
            end += 1
        asides.append(list(doc[last + 1 : end]))
    for words in asides:
        if not any(word_forms(t) & FORMER_WORDS and t.pos_ in ("VERB", "ADJ") for t in words):
            continue
        if not any(ctx.at(t.i) is not None and ctx.at(t.i).entity.type in ("Alliance", "Organization")
                   and ctx.at(t.i).entity.id != target.id for t in words):
            return True
    return False


def _modifies_other_noun(lexicon: Lexicon, frame: Frame, trigger: Trigger) -> bool:
    """A trigger noun that only modifies another noun states nothing ("army chief", "troop cuts"),
    unless that noun is a trigger of the same frame ("peacekeeping mission", "member states")."""
    head = trigger.head
    if frame.pos != "NOUN" or head.dep_ not in ("compound", "amod", "nmod") or head.head.i < head.i:
        return False
    other = head.head
    if any(m.start <= other.i < m.end for m in head.doc._.kg_mentions or ()):
        return False  # "EU member Hungary": the noun describes the entity it modifies
    if other.ent_type_ in ("DATE", "TIME"):
        return False  # "its 193rd member days after ...": a misparsed time phrase
    return not any(f.id == frame.id for key in (other.lower_, other.lemma_.lower())
                   for f, _ in lexicon.by_first_word.get(key, ())) and other.lower_ not in lexicon.word("group_nouns")


def _recent_object(ctx: DocContext, relation: str, trigger: Trigger, exclude: set[str]):
    """The object of the document's latest asserted ``relation`` in the trigger's paragraph or the one before."""
    first = ctx.paragraph_window(trigger.head.i, 1)
    for rel in reversed(ctx.relations):
        if rel.predicate == relation and rel.status == "asserted" and rel.object.id not in exclude \
                and rel.evidence.start - ctx.offset >= ctx.doc[first].idx:
            return rel.object
    return None


def _recent_carries_over(ctx: DocContext, relation: str, recent, subjects: list[LinkedMention]) -> bool:
    """Whether the latest deployment's place is where these forces are: it was stated for the same
    forces ("Germany sent troops to Lithuania. The German troops will ..."), or as a deployment of
    forces, not as an invasion, whose place is the invader's affair ("Russia's invasion of Ukraine
    ... The German troops will form a brigade" says nothing of Ukraine)."""
    ids = {m.entity.id for m in subjects}
    for r in ctx.relations:
        if r.predicate == relation and r.status == "asserted" and r.object.id == recent.id:
            if r.subject.id in ids or not r.evidence.rule.startswith(RECENT_EXCLUDED_RULES):
                return True
    return False


def _left_later(noun: Token) -> bool:
    """A departure verb later in the sentence with no subject of its own (or with the force noun as
    its subject) and no negation: the forces left, however the parser cut the clause."""
    for verb in noun.doc[noun.i + 1 : noun.sent.end]:
        if not departs(verb) or verb.dep_ == "conj" or any(c.dep_ == "neg" for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or any(s.left_edge.i <= noun.i <= s.right_edge.i for s in subjects):
            return True
    return False


def _governed_by_other_noun(args: Arguments, trigger: Trigger) -> bool:
    """A trigger noun inside a phrase of another noun ("agreements with US and UN forces", "the end of
    the mission") states no deployment of its own for the latest place to carry over to."""
    noun = args._phrase_head(trigger.head)
    return noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN") and noun.head.lower_ != "of"


def _names_unknown_place(trigger: Trigger) -> bool:
    """The trigger's phrase or verb names a place of its own, known or not ("in eastern Congo",
    "out of Chad"), or moves the forces away: then the latest deployment is not where they are."""
    noun = trigger.head
    scope = [noun] + ([noun.head] if noun.head.pos_ == "VERB" else [])
    for head in scope:
        if head.pos_ == "VERB" and departs(head):
            return True
        for tok in head.children:  # its own place phrases, not those of asides about something else
            if tok.dep_ in ("prep", "dative") and tok.lower_ in ("in", "into", "to", "inside", "of", "from", "at", "near") \
                    and not (tok.lower_ == "from" and head.lemma_ in ORIGIN_VERBS):  # "the troops come from A and B"
                if any(c.dep_ in ("pobj", "dep") and any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC") for t in c.subtree)
                       for c in tok.children):
                    return True  # "in Mali", "to other US bases in Iraq"
    return False


def _object_entity(frame: Frame, mention: LinkedMention):
    """The object as the relation takes it: a place given as a city or region stands for its country."""
    if frame.relation == "deployedTo":
        return country_of(mention.entity)
    return mention.entity


def _blocked(ctx: DocContext, blockers: frozenset[str], trigger: Trigger, found: list[LinkedMention], sent: Span) -> bool:
    """A blocker word in the statement: from just before its first part to the end of its last."""
    if not blockers:
        return False
    inside = [m for m in found if sent.start <= m.start < sent.end]  # an antecedent elsewhere is no part of it
    start = min([trigger.head.i] + [m.start for m in inside])
    end = max([trigger.end] + [m.end for m in inside])
    while end < sent.end and end - max(m.end for m in inside or found) < 2 and ctx.doc[end].pos_ in ("NOUN", "PROPN"):
        end += 1  # the noun a modifier names the place of: "the Armenian-Azerbaijani border"
    window = ctx.doc[max(sent.start, start - 3) : min(sent.end, end)]
    # a capitalised word is part of a name ("the Non-Aligned Movement"), not a blocker
    return any((t.lower_ in blockers or t.lemma_.lower() in blockers) and not t.text[:1].isupper() for t in window)


def _inside(noun: Token, mention: LinkedMention) -> bool:
    """Whether a mention sits inside ``noun``'s own phrase ("soldiers in Lithuania")."""
    tok = noun.doc[mention.end - 1]
    for _ in range(6):
        if tok == noun:
            return True
        if tok.dep_ not in ("pobj", "prep", "compound", "amod", "conj", "appos", "poss", "nmod", "cc"):
            return False
        tok = tok.head
    return False


def _status(trigger: Trigger, frame: Frame, args: Arguments, objects: list[LinkedMention]) -> str:
    """A noun's statement is made by its clause only when the noun is the clause's predicate
    ("is a member", "joined as a member", "sent troops"); as a subject or an apposition its
    content is taken as given ("Fellow members Indonesia and Malaysia urged ...")."""
    head = trigger.head
    if frame.pos == "NOUN" or head.pos_ in ("NOUN", "PROPN"):
        noun = args._phrase_head(head)
        climb = noun.dep_ in ("attr", "oprd", "dobj", "ROOT") or frame.noun_role == "subject" or (
            noun.dep_ == "pobj" and (noun.head.lower_ in ("as", "among") or noun.head.dep_ == "agent")) or (
            frame.relation == "deployedTo" and noun.dep_ in ("nsubj", "nsubjpass", "pobj"))
        if frame.relation == "deployedTo" and noun.dep_ in ("nsubj", "nsubjpass", "pobj") and objects \
                and all(_inside(head, m) or _inside(noun, m) for m in objects):
            climb = False  # "the number of Dutch soldiers in Estonia will keep growing": they are there
        status = status_of(noun, climb=climb)
        if frame.relation == "deployedTo" and status == "asserted" and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
                and noun.head.head.pos_ == "NOUN" and status_of(noun.head.head) in ("former", "negated"):
            status = status_of(noun.head.head)  # "closes the presence of French forces in Chad"
        if frame.relation == "deployedTo" and noun.dep_ == "dobj" and status in ("planned", "hedged") \
                and not word_forms(noun.head) & (args.holding | args.hosting):
            status = status_of(noun, climb=False)  # "they will join 9,000 peacekeepers from Kenya": those are there
        verb = noun.head
        if verb.dep_ == "csubj" and verb.tag_ in ("VBG", "VBN"):
            verb = verb.head  # "all of its troops battling ... have now left": the parser makes a clause subject
        if frame.relation == "deployedTo" and status == "asserted" and _left_later(noun):
            return "former"  # the parser cut "all of its troops battling ... | have now left the country"
        if frame.relation == "deployedTo" and noun.dep_ in ("dobj", "nsubj", "nsubjpass"):
            if status == "asserted" and departs(verb):
                return "former"  # "pulled its troops out of Chad", "the troops left Mali"
            if status in ("planned", "hedged") and continues(verb):
                return "asserted"  # "Ankara would keep its soldiers in the north of Iraq"
        return status
    status = status_of(head)
    if frame.relation == "deployedTo" and status == "asserted" and departs(head):
        return "former"
    if frame.relation == "deployedTo" and status in ("planned", "hedged") and continues(head):
        return "asserted"  # "the Africa Corps will stay on in the country"
    return status
