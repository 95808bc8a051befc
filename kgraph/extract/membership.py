"""memberOf: countries and organisations that are members of alliances and organisations.

* ``member.join``: "Finland formally joined NATO", "Iran has been admitted to the SCO as
  a full member", "Belarus became the bloc's tenth member", "India and Pakistan joined
  in 2017" (the organisation the text is about).
* ``member.noun``: "Turkey, a NATO member for decades", "Armenia, one of its member
  states", "X is a member of Y".
* ``member.enumeration``: "ASEAN currently groups Brunei, Cambodia, ...", "Alongside
  Russia, the organisation groups Belarus, ...", and parenthetical lists after the
  organisation's member states "(in addition to Kazakhstan and the Russian Federation
  are Belarus, Armenia, Tajikistan and Kyrgyzstan)".

"hopes to join", "could follow", "has no need to join", "observer", "dialogue partner",
"outside the alliance" and "non-member" never give an asserted membership.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kgraph.annotate.linker import LinkedMention
from kgraph.extract.context import DocContext, conjuncts, mentions_of
from kgraph.extract.modality import status_of

MEMBER_TYPES = ("Country", "Organization", "Alliance")
GROUP_TYPES = ("Alliance", "Organization")
JOIN_VERBS = {"join", "accede", "admit", "rejoin"}
MEMBER_NOUNS = {"member", "members", "memberstate"}
NOT_FULL = {"non", "non-member", "observer", "observers", "partner", "partners", "candidate", "aspiring",
            "associate", "prospective", "would-be", "future", "former", "ex", "outside", "applicant"}
ENUMERATION_CUES = {"groups", "group", "includes", "include", "including", "comprises", "comprise",
                    "consists", "unites", "brings", "gathers", "encompasses", "counts"}
GROUP_NOUNS = {"members", "states", "countries", "nations", "republics", "signatories"}
#: How many sentences back "the bloc" or "the organisation" may find the organisation it stands for.
ANAPHOR_REACH = 8
ANAPHORS = {"alliance", "bloc", "organisation", "organization", "grouping", "group", "union", "its", "it", "club", "pact"}


def extract_membership(ctx: DocContext) -> None:
    """Add memberOf relations found in ``ctx.doc`` to ``ctx``."""
    for sent in ctx.doc.sents:
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in JOIN_VERBS | {"become"}:
                _join(ctx, tok, sent)
            elif tok.lower_ in MEMBER_NOUNS:
                _member_noun(ctx, tok, sent)
        _enumeration(ctx, sent)


# -- "X joined Y" --------------------------------------------------------------
def _join(ctx: DocContext, verb: Token, sent: Span) -> None:
    lemma = verb.lemma_.lower()
    if lemma == "become" and not any(c.lower_ in MEMBER_NOUNS for c in verb.subtree):
        return
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("conj", "xcomp", "advcl"):
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "acl":  # "Congo, admitted to the East African Community in March"
        subjects = [verb.head]
    if verb.dep_ == "relcl" and any(s.lower_ in ("which", "that", "who") for s in subjects):
        subjects = [verb.head]  # "Turkey, which joined NATO in 1952, ..."
    members = mentions_of(ctx, [t for s in subjects for t in conjuncts(s)], MEMBER_TYPES)
    if not members:
        return
    group = _group_in(ctx, verb, sent)
    if group is None:
        return
    status = status_of(verb)
    if _not_full(verb):
        status = "hedged" if status == "asserted" else status
    for m in members:
        ctx.add(m.entity, "memberOf", group.entity, sent, rule="member.join", confidence=0.9 if status == "asserted" else 0.5,
                status=status)


def _group_in(ctx: DocContext, verb: Token, sent: Span) -> LinkedMention | None:
    """The organisation joined: named in the verb's object or "as member of" phrase, or by anaphor."""
    for child in verb.subtree:
        if child.i < verb.i and child.dep_ not in ("dobj",):
            continue
        m = ctx.at(child.i)
        if m and m.entity.type in GROUP_TYPES:
            return m
    for child in verb.subtree:
        if child.i > verb.i and child.lower_ in ANAPHORS:
            return ctx.before(sent.start if child.lower_ in ("its", "it") else child.i, GROUP_TYPES, sentences=ANAPHOR_REACH)
    if not any(c.dep_ in ("dobj", "pobj") for c in verb.children if c.i > verb.i and ctx.at(c.i) is None and c.pos_ in ("PROPN",)):
        return ctx.before(sent.start, GROUP_TYPES, sentences=2)
    return None


def _not_full(token: Token) -> bool:
    return any(t.lower_ in NOT_FULL for t in token.subtree)


# -- "Turkey, a NATO member" ----------------------------------------------------
def _member_noun(ctx: DocContext, noun: Token, sent: Span) -> None:
    head = noun if noun.dep_ != "compound" else noun.head  # "member states"
    if head.head.lemma_.lower() == "become":
        return  # handled by _join
    members = _noun_members(ctx, head) or _listed_after(ctx, noun, sent)
    if not members:
        return
    group = _noun_group(ctx, noun, head, sent)
    if group is None:
        return
    modifiers = {t.lower_ for t in head.subtree if t.i < noun.i} | {t.lower_ for t in ctx.doc[max(sent.start, noun.i - 3): noun.i]}
    if modifiers & NOT_FULL or noun.lower_.startswith("non"):
        return
    status = status_of(head, climb=head.dep_ in ("attr", "oprd", "pobj"))
    for m in members:
        ctx.add(m.entity, "memberOf", group.entity, sent, rule="member.noun", confidence=0.85 if status == "asserted" else 0.5,
                status=status)


def _noun_members(ctx: DocContext, head: Token) -> list[LinkedMention]:
    while head.dep_ == "conj" and head.head.lower_ in MEMBER_NOUNS:
        head = head.head  # "a founding member of X and a member of the G20"
    if head.dep_ == "appos":
        return mentions_of(ctx, conjuncts(head.head), MEMBER_TYPES)
    if head.dep_ in ("attr",):
        verb = head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return mentions_of(ctx, [t for s in subjects for t in conjuncts(s)], MEMBER_TYPES)
    if head.dep_ == "pobj" and head.head.lower_ == "as":
        verb = head.head.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        return mentions_of(ctx, [t for s in subjects for t in conjuncts(s)], MEMBER_TYPES)
    # "one of its member states" in apposition: "Armenia, one of its member states"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ == "one" and head.head.head.dep_ == "appos":
        return mentions_of(ctx, conjuncts(head.head.head.head), MEMBER_TYPES)
    return []


def _listed_after(ctx: DocContext, noun: Token, sent: Span) -> list[LinkedMention]:
    """"The organisation's six members, Armenia, Belarus, ...", "has nine members: China, Russia, ..."."""
    if noun.lower_ != "members" and not (noun.dep_ == "compound" and noun.head.lower_ in ("states", "countries")):
        return []
    doc = ctx.doc
    i = (noun.head.i if noun.dep_ == "compound" else noun.i) + 1
    while i < sent.end and doc[i].lower_ in (",", ":", "—", "–", "-", "are", "were", "include", "including", "namely"):
        i += 1
    items = _list_plain(ctx, i, sent) if ctx.starting_at(i, ("Country",)) is not None else []
    return items if len(items) >= 2 else []


def _noun_group(ctx: DocContext, noun: Token, head: Token, sent: Span) -> LinkedMention | None:
    left = ctx.doc[max(sent.start, head.left_edge.i) : noun.i]
    for tok in reversed(list(left)):
        m = ctx.at(tok.i)
        if m and m.entity.type in GROUP_TYPES:
            return m
        if tok.lower_ in ANAPHORS:
            return ctx.before(sent.start if tok.lower_ in ("its", "it") else tok.i, GROUP_TYPES, sentences=ANAPHOR_REACH)
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for pobj in child.children:
                m = ctx.at(pobj.i)
                if m and m.entity.type in GROUP_TYPES:
                    return m
                if pobj.lower_ in ANAPHORS:  # "a fellow member of the bloc"
                    return ctx.before(pobj.i, GROUP_TYPES, sentences=ANAPHOR_REACH)
    if head.dep_ == "dobj" and head.head.lemma_ in ("have", "count", "number"):
        for subject in (c for c in head.head.children if c.dep_ == "nsubj"):
            m = ctx.at(subject.i)
            if m and m.entity.type in GROUP_TYPES:
                return m
            if subject.lower_ in ANAPHORS:
                return ctx.before(sent.start, GROUP_TYPES, sentences=ANAPHOR_REACH) or ctx.before(subject.i, GROUP_TYPES, sentences=0)
    return None


# -- "ASEAN groups Brunei, Cambodia, ..." -----------------------------------------
def _enumeration(ctx: DocContext, sent: Span) -> None:
    doc = ctx.doc
    for tok in sent:
        cue = tok.lower_ in ENUMERATION_CUES or (tok.lower_ == "addition" and tok.i > 0 and doc[tok.i - 1].lower_ == "in")
        if not cue:
            continue
        group = _enumeration_group(ctx, tok, sent)
        if group is None:
            continue
        items = _list_after(ctx, tok.i + 1 + (1 if tok.lower_ == "addition" else 0), sent)
        if tok.lower_ == "addition":
            items += _list_after(ctx, _skip_list(ctx, tok.i + 2, sent), sent, lead={"are", "is", "were"})
        if len(items) < 2:
            continue
        region = doc[max(sent.start, tok.i - 3) : max(m.end for m in items)]
        if any(t.lower_ in NOT_FULL for t in region):
            continue
        status = status_of(tok, climb=tok.pos_ in ("VERB", "AUX"))
        for m in items:
            ctx.add(m.entity, "memberOf", group.entity, sent, rule="member.enumeration",
                    confidence=0.85 if status == "asserted" else 0.5, status=status)


def _enumeration_group(ctx: DocContext, cue: Token, sent: Span) -> LinkedMention | None:
    if cue.lower_ == "addition" and not _after_group_noun(cue, sent):
        return None  # "(in addition to X are Y, Z)" lists members only right after "member states", "republics" ...
    prior = [m for m in ctx.within(sent.start, cue.i, GROUP_TYPES)]
    if prior:
        return prior[-1]
    for tok in sent[: cue.i - sent.start]:
        if tok.lower_ in ANAPHORS:
            return ctx.before(sent.start, GROUP_TYPES, sentences=ANAPHOR_REACH)
    return None


def _after_group_noun(cue: Token, sent: Span) -> bool:
    window = cue.doc[max(sent.start, cue.i - 14) : cue.i]
    return any(t.lower_ in GROUP_NOUNS for t in window)


def _list_after(ctx: DocContext, i: int, sent: Span, lead: set[str] | None = None) -> list[LinkedMention]:
    """Country mentions of a comma/"and" list starting at token ``i``, plus "Alongside X," before the cue."""
    doc = ctx.doc
    if lead:
        while i < sent.end and doc[i].lower_ in lead:
            i += 1
    while i < sent.end and doc[i].lower_ in ("to", "the", "currently", "now", "today"):
        i += 1
    items = _list_plain(ctx, i, sent)
    if items and not lead:
        items += _alongside(ctx, sent)
    return items


def _list_plain(ctx: DocContext, i: int, sent: Span) -> list[LinkedMention]:
    """Country mentions of a comma/"and" list starting at token ``i``."""
    doc = ctx.doc
    items = []
    while i < sent.end:
        m = ctx.starting_at(i, ("Country",))
        if m is None:
            break
        items.append(m)
        i = m.end
        while i < sent.end and doc[i].lower_ in (",", "and"):
            i += 1
    return items


def _skip_list(ctx: DocContext, i: int, sent: Span) -> int:
    doc = ctx.doc
    while i < sent.end:
        m = ctx.starting_at(i, ("Country",))
        if m is not None:
            i = m.end
        elif doc[i].lower_ in (",", "and", "the", "to"):
            i += 1
        else:
            break
    return i


def _alongside(ctx: DocContext, sent: Span) -> list[LinkedMention]:
    for tok in sent:
        if tok.lower_ == "alongside":
            return _list_plain(ctx, tok.i + 1, sent)
    return []
