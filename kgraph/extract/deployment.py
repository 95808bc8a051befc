"""deployedTo: a country's, organisation's or armed group's forces in another country.

* ``deploy.troops``: a force noun with an owner and a place: "Russian soldiers in
  Kazakhstan", "Russian troops entered the country", "NATO's International Security
  Assistance Force in Afghanistan", "the Russian military base stationed on Armenian
  territory", "Georgia has 1,500 troops serving ... in Afghanistan", "X sent troops to Y".
* ``deploy.invasion``: "Russia's invasion of Ukraine", "Russia invaded its neighbour".
* ``deploy.theatre``: a force with an owner and no place ("airborne troops of the CSTO
  contingent") is where the document's last deployment went.

Denials ("denied having troops in Libya", "has not sent troops") are negated; and once a
document denies that X has forces in Y, its other claims of X's forces in Y are disputed.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kgraph.annotate.linker import LinkedMention
from kgraph.entities import country_of
from kgraph.extract.context import ACTORS, COUNTRY, DocContext
from kgraph.extract.modality import status_of
from kgraph.types import EntityRef, Relation

FORCE_NOUNS = {
    "troops", "troop", "soldiers", "soldier", "forces", "force", "contingent", "contingents",
    "peacekeepers", "paratroopers", "servicemen", "brigade", "brigades", "battalion", "battalions",
    "units", "mercenaries", "mercenary", "fighters", "personnel", "base", "bases", "marines",
    "officers", "police", "policemen", "gendarmes", "instructors", "advisers", "advisors", "boots",
}
MOVE_VERBS = {"enter", "arrive", "land", "cross", "fly", "move", "pour", "deploy", "station", "base",
              "send", "dispatch", "redeploy", "return", "reach", "roll"}
HOLD_VERBS = {"have", "keep", "maintain", "send", "deploy", "station", "dispatch", "provide", "contribute", "base"}
PLACE_PREPS = {"in", "into", "to", "on", "inside", "across", "within"}
PLACE_ANAPHORS = {"country", "territory", "soil", "neighbour", "neighbor", "republic", "nation"}
#: Parts of a country: "Mozambique's Cabo Delgado province", "on Armenian territory".
PLACE_NOUNS = PLACE_ANAPHORS | {"province", "region", "regions", "district", "city", "town", "border", "borders",
                                "coast", "east", "west", "north", "south", "part", "parts", "airspace", "waters", "capital"}
INVASION = {"invasion", "occupation", "invade", "occupy"}
OWNER_TYPES = ("Country", "Alliance", "Organization", "ArmedForce")


def extract_deployments(ctx: DocContext) -> None:
    """Add deployedTo relations found in ``ctx.doc`` to ``ctx``."""
    for sent in ctx.doc.sents:
        for tok in sent:
            if tok.lower_ in FORCE_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
                _force(ctx, tok, sent)
            elif tok.lemma_.lower() in INVASION:
                _invasion(ctx, tok, sent)
    _dispute_denied(ctx)


def _force(ctx: DocContext, noun: Token, sent: Span) -> None:
    owners = _owners(ctx, noun)
    if not owners:
        return
    place, anchor = _place(ctx, noun, owners)
    rule, confidence = "deploy.troops", 0.85
    if place is None:
        if _unknown_place(ctx, noun):
            return
        place = _theatre(ctx, sent, owners)
        rule, confidence, anchor = "deploy.theatre", 0.6, noun
        if place is None:
            return
    status = status_of(anchor)
    if status == "asserted" and anchor != noun:
        status = status_of(noun, climb=False)
    for owner in owners:
        ctx.add(owner, "deployedTo", place, sent, rule=rule, confidence=confidence if status == "asserted" else 0.4, status=status)


def _owners(ctx: DocContext, noun: Token) -> list[EntityRef]:
    """Whose forces: a modifier in the noun phrase, an "of/from" phrase, or the subject of "have/send"."""
    owners: list[EntityRef] = []
    left = ctx.doc[noun.left_edge.i : noun.i]
    itself = ctx.at(noun.i)  # the force noun is part of a name: "Wagner mercenaries"
    mentions = ctx.within(left.start, left.end, OWNER_TYPES) + ([itself] if itself and itself.entity.type in OWNER_TYPES else [])
    for m in mentions:
        if m.entity not in owners:
            owners.append(m.entity)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for m in ctx.in_subtree(child, OWNER_TYPES):
                if m.entity not in owners:
                    owners.append(m.entity)
    if owners:
        return owners
    verb = noun.head
    while verb.dep_ in ("xcomp", "ccomp", "conj") and verb.lemma_.lower() not in HOLD_VERBS:
        verb = verb.head
    if noun.dep_ in ("dobj",) and verb.lemma_.lower() in HOLD_VERBS:
        gov = verb
        while True:
            subjects = [c for c in gov.children if c.dep_ in ("nsubj",)]
            if subjects or gov.dep_ not in ("xcomp", "ccomp", "pcomp", "advcl") or gov.head == gov:
                break
            gov = gov.head
        for s in subjects:
            m = ctx.at(s.i)
            if m and m.entity.type in OWNER_TYPES:
                owners.append(m.entity)
    return owners


def _place(ctx: DocContext, noun: Token, owners: list[EntityRef]) -> tuple[EntityRef | None, Token]:
    """Where the forces are: a place phrase of the noun or of the verb that moves it."""
    found = _place_in_preps(ctx, noun, owners)
    if found:
        return found, noun
    noun = _phrase_head(noun)
    verb = noun.head
    acting = noun.dep_ in ("nsubj", "nsubjpass")  # "Wagner mercenaries have been operating in Mali"
    if verb.pos_ in ("VERB", "AUX") and (acting or verb.lemma_.lower() in MOVE_VERBS | HOLD_VERBS):
        for child in verb.children:
            if child.dep_ == "dobj" and child != noun:
                place = _place_of(ctx, child, owners)
                if place:
                    return place, verb
        found = _place_in_preps(ctx, verb, owners)
        if found:
            return found, verb
    return None, noun


QUANTITY_NOUNS = {"hundreds", "thousands", "dozens", "number", "batch", "group", "contingent", "detachment",
                  "battalion", "company", "unit", "units", "some", "all", "most", "many"}


def _phrase_head(noun: Token) -> Token:
    """"Hundreds of Russian soldiers have been stationed ...": the clause hangs on "Hundreds"."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in QUANTITY_NOUNS:
        noun = noun.head.head
    return noun


def _place_in_preps(ctx: DocContext, head: Token, owners: list[EntityRef]) -> EntityRef | None:
    """The first place phrase under ``head``, leaving out appositions and parentheses (asides about other things)."""
    aside = _asides(head)
    for tok in head.subtree:
        if tok.i in aside:
            continue
        if tok.dep_ in ("prep", "dative") and tok.lower_ in PLACE_PREPS and tok.head.pos_ in ("NOUN", "PROPN", "VERB"):
            for pobj in tok.children:
                if pobj.dep_ == "pobj":
                    place = _place_of(ctx, pobj, owners)
                    if place:
                        return place
    return None


def _asides(head: Token) -> set[int]:
    """Token indices of appositions and parenthesised stretches within ``head``'s subtree."""
    aside: set[int] = set()
    depth = 0
    for tok in head.subtree:
        if tok.dep_ == "appos":
            aside.update(t.i for t in tok.subtree)
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            aside.add(tok.i)
    return aside


def _place_of(ctx: DocContext, tok: Token, owners: list[EntityRef]) -> EntityRef | None:
    """The country a place token stands for: a country, a city's country, "Armenian territory", "the country"."""
    m = ctx.at(tok.i)
    if m is None:
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss") and ctx.at(child.i) and tok.lower_ in PLACE_NOUNS:
                m = ctx.at(child.i)
                break
    if m is not None:
        return country_of(m.entity)
    if tok.lower_ in PLACE_ANAPHORS:
        prior = ctx.before(tok.i, COUNTRY, sentences=3, exclude=[o.id for o in owners])
        return prior.entity if prior else None
    return None


def _unknown_place(ctx: DocContext, noun: Token) -> bool:
    """The text says where the forces are, but with a place kgraph does not know ("in eastern Congo")."""
    scope = [noun] + ([noun.head] if noun.head.pos_ == "VERB" else [])
    for head in scope:
        for tok in head.subtree:
            if tok.dep_ in ("prep", "dative") and tok.lower_ in PLACE_PREPS:
                if any(c.dep_ == "pobj" and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "LOC")) for c in tok.children):
                    return True
    return False


def _theatre(ctx: DocContext, sent: Span, owners: list[EntityRef]) -> EntityRef | None:
    """The destination of the document's latest deployment, if recent (within three sentences)."""
    owner_ids = {o.id for o in owners}
    first = sent.start
    for _ in range(3):
        if first == 0:
            break
        first = ctx.doc[first - 1].sent.start
    for rel in reversed(ctx.relations):
        if rel.predicate == "deployedTo" and rel.status == "asserted" and rel.object.id not in owner_ids \
                and rel.evidence.start - ctx.offset >= ctx.doc[first].idx:
            return rel.object
    return None


def _invasion(ctx: DocContext, tok: Token, sent: Span) -> None:
    if tok.pos_ == "NOUN":
        owners = [m for m in ctx.within(tok.left_edge.i, tok.i, OWNER_TYPES)]
        target = None
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                for pobj in child.children:
                    target = _place_of(ctx, pobj, [o.entity for o in owners]) or target
    else:
        owners = [ctx.at(c.i) for c in tok.children if c.dep_ == "nsubj" and ctx.at(c.i)]
        target = None
        for child in tok.children:
            if child.dep_ == "dobj":
                target = _place_of(ctx, child, [o.entity for o in owners])
    owners = [m for m in owners if m and m.entity.type in OWNER_TYPES]
    if not owners or target is None:
        return
    status = status_of(tok, climb=tok.pos_ != "NOUN")
    if _dated_in_past(ctx, tok):
        status = "former"
    for m in owners:
        ctx.add(m.entity, "deployedTo", target, sent, rule="deploy.invasion", confidence=0.8 if status == "asserted" else 0.4,
                status=status)


def _dated_in_past(ctx: DocContext, tok: Token) -> bool:
    """"the 1979 invasion of Afghanistan": a year well before the document date."""
    year = (ctx.document.date or "")[:4]
    if not year.isdigit():
        return False
    for t in tok.subtree:
        if t.like_num and len(t.text) == 4 and t.text.isdigit() and int(t.text) < int(year) - 1:
            return True
    return False


def _dispute_denied(ctx: DocContext) -> None:
    """Once a document denies X's forces in Y, its other claims of forces in Y naming X are disputed."""
    denied = {(r.subject.id, r.object.id) for r in ctx.relations if r.predicate == "deployedTo" and r.status == "negated"}
    if not denied:
        return
    labels = {}
    for m in ctx.mentions:
        labels.setdefault(m.entity.id, set()).add(ctx.doc[m.start:m.end].text)
    updated = []
    for rel in ctx.relations:
        if rel.predicate == "deployedTo" and rel.status == "asserted":
            for subject_id, object_id in denied:
                names = labels.get(subject_id, set())
                if object_id == rel.object.id and (subject_id == rel.subject.id or any(n in rel.evidence.sentence for n in names)):
                    rel = Relation(rel.subject, rel.predicate, rel.object, rel.evidence, "disputed")
                    break
        updated.append(rel)
    ctx.relations[:] = updated
