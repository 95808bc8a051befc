"""How a sentence states a fact: asserted, or negated, hedged, former, planned or disputed.

Relations whose anchor sits under a negation, a denial, a modal or a wish ("could
send", "hopes to join", "denied having troops") are never asserted as current facts.
"""

from __future__ import annotations

from spacy.tokens import Token

from kgraph.lexicon import load_lexicon

_WORDS = load_lexicon().modality
NEGATORS = _WORDS["negators"]
DENIAL = _WORDS["denial"]
HEDGE_AUX = _WORDS["hedge_aux"]
HEDGE_WORDS = _WORDS["hedge"]
PLANNED_WORDS = _WORDS["planned"]
FORMER_WORDS = _WORDS["former"]
FORMER_PHRASES = tuple(tuple(p.split()) for p in _WORDS["former_phrases"])
PRESUPPOSING = _WORDS["presupposing"]
CONDITIONAL = _WORDS["conditional"]
ENDING_VERBS = _WORDS["ending"]
OUSTING_VERBS = _WORDS["ousting"]
ENDING_PHRASES = tuple(tuple(p.split()) for p in _WORDS["ending_phrases"])
DEPARTURE = _WORDS["departure"]
CONTINUATION = _WORDS["continuation"]
HEARSAY = _WORDS["hearsay"]
CONTENT_NOUNS = _WORDS["content_nouns"]
INCEPTIVE = _WORDS["inceptive"]
FUTURE_AUX = _WORDS["future_aux"]
DEPARTURE_PHRASES = tuple(tuple(p.split()) for p in _WORDS["departure_phrases"])
ENDING_OBJECTS = _WORDS["ending_objects"]
PLANNED_PHRASES = tuple(tuple(p.split()) for p in _WORDS["planned_phrases"])
DURATIONS = _WORDS["durations"]
#: Words of the present after "until": the state lasts to now ("the G20 until now comprised ...").
PRESENT_WORDS = frozenset({"now", "today", "present"})

#: Dependency labels through which a governing clause's modality reaches the anchor.
CLAUSAL = {"xcomp", "ccomp", "dobj", "nsubj", "nsubjpass", "conj", "advcl", "attr", "pcomp", "ROOT", "aux", "auxpass", "prep", "pobj", "agent", "oprd"}


def status_of(anchor: Token, *, climb: bool = True) -> str:
    """The status of a fact whose wording hangs on ``anchor``.

    Looks at the anchor and, when ``climb`` is true, at the clauses that govern it,
    stopping at appositions and noun modifiers (an apposition's content is presupposed:
    "toward Albania, one of its members" is not negated by "had not honoured").
    """
    statuses = set()
    chain = _governors(anchor, climb)
    for below, gov in zip([None, *chain], chain):
        statuses |= _marks(gov, is_anchor=gov == anchor, via=below)
    if climb:
        statuses |= _reported(anchor)
    window = _left_window(anchor)
    for word in window:
        if word.lower_ in FORMER_WORDS and not _until_now(word) and word.pos_ not in ("VERB", "AUX"):
            statuses.add("former")  # "former", "ex-", "outgoing" before it; a verb speaks through the chain
        if word.lower_ in NEGATORS:
            statuses.add("negated")
    if _former_phrase(anchor):
        return "former"  # "is no longer a member": it was one
    for status in ("negated", "disputed", "former", "hedged", "planned"):
        if status in statuses:
            return status
    return "asserted"


def _governors(anchor: Token, climb: bool) -> list[Token]:
    chain = [anchor]
    tok = anchor
    while climb and tok.head != tok and (tok.dep_ in CLAUSAL or _content_clause(tok)):
        if tok.dep_ == "pobj" and tok.pos_ in ("NOUN", "PROPN") and tok.head.lower_ != "as" and tok.head.dep_ != "agent":
            break  # a noun inside a prepositional phrase: its content is presupposed (not a passive's agent)
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in PRESUPPOSING for c in tok.children):
            break  # "since Russia invaded ...": a temporal or causal clause is taken as given
        tok = tok.head
        chain.append(tok)
        if tok.dep_ in ("appos",):
            break
    return chain


def _content_clause(tok: Token) -> bool:
    """A clause that is the content of a noun of saying or doubting ("accusations that it has sent
    troops", "reports that ..."): the noun's own modality (and its verb's, "denied accusations")
    reaches it."""
    return tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" and _content_noun(tok.head)


def _reported(anchor: Token) -> set[str]:
    """What the sentence's reporting verb says of everything it reports ("..., it alleged",
    "X denied that ..."), presupposed clauses included."""
    root = anchor.sent.root
    forms = word_forms(root)
    if root != anchor and forms & (HEDGE_WORDS | DENIAL):
        reported = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "dobj" and _content_noun(c))]
        if any(anchor.i in range(c.left_edge.i, c.right_edge.i + 1) for c in reported):
            denied = forms & DENIAL and not any(c.dep_ == "neg" for c in root.children)  # "did not deny that ..."
            return {"negated"} if denied else {"hedged"}
    for aside in root.children:  # "M23 fighters and Rwandan troops attacked the site ..., it alleged."
        if aside.dep_ == "parataxis" and word_forms(aside) & (HEDGE_WORDS | DENIAL) \
                and not anchor.i in range(aside.left_edge.i, aside.right_edge.i + 1):
            return {"negated"} if word_forms(aside) & DENIAL else {"hedged"}
    return set()


def _content_noun(tok: Token) -> bool:
    """A noun of saying or doubting whose clause is its content ("accusations that ...")."""
    return bool(word_forms(tok) & CONTENT_NOUNS)


def _marks(gov: Token, *, is_anchor: bool, via: Token | None = None) -> set[str]:
    """What ``gov`` says of the fact below it (``via`` is the token of the chain just below)."""
    found = set()
    forms = word_forms(gov)
    # A verb coordinated with another states its own fact: "left ECOWAS and now sit in the AES"
    # is no former membership of the AES. Only what the two share (auxiliaries, negation) reaches it.
    if not is_anchor and not (via is not None and via.dep_ == "conj"):
        if forms & DENIAL:  # "did not deny that ...": neither stated nor denied
            found.add("hedged" if any(c.dep_ == "neg" for c in gov.children) else "negated")
        elif forms & HEDGE_WORDS:
            found.add("hedged")
        elif forms & (FORMER_WORDS - {"late", "once"}):
            if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in gov.children):
                found.add("former")  # "will expel the troops stationed there": they are there until then
        elif forms & ENDING_OBJECTS and via is not None and via.dep_ == "dobj" \
                and not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in gov.children):
            found.add("former")  # "closes the presence of French forces in Chad"
        elif forms & PLANNED_WORDS and via is not None and via.dep_ == "xcomp":
            found.add("planned")  # "are set to join", "is due to join", "pledged to send" (not "set up")
        elif any(gov.lemma_.lower() == verb and any(c.lower_ == particle for c in gov.children)
                 for verb, particle in PLANNED_PHRASES):
            found.add("planned")  # "looked forward to welcoming X as a member"
        elif forms & HEARSAY and via is not None and any(c.dep_ == "auxpass" for c in gov.children) and (
                via.dep_ == "xcomp" or (via.dep_ == "nsubjpass" and any(c.dep_ == "xcomp" for c in gov.children))):
            found.add("hedged")  # "troops are reported to be operating", "X is said to have joined"
    if _over_period(gov):
        found.add("former")
    for child in gov.children:
        word = child.lower_
        if child.dep_ == "mark" and word in CONDITIONAL:
            found.add("hedged")
        elif child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and word in NEGATORS):
            if child.dep_ == "neg" and not is_anchor and forms & DENIAL:
                continue  # "did not deny that ...": the negation is the denial's, which then hedges
            found.add("negated")
        elif child.dep_ in ("aux", "auxpass", "advmod", "amod") and word in HEDGE_AUX | HEDGE_WORDS:
            found.add("hedged")
        elif child.dep_ in ("aux", "auxpass") and word in PLANNED_WORDS:
            found.add("planned")
        elif child.dep_ == "aux" and word == "to" and gov.dep_ == "ROOT" and child.i < gov.i:
            found.add("planned")  # a headline's infinitive: "Rwanda to send 140 peacekeepers to Mali"
        elif child.dep_ in ("amod", "advmod") and word in FORMER_WORDS and not _until_now(child):
            found.add("former")
        elif child.dep_ == "prep" and word == "until" and _ended_until(gov, child):
            found.add("former")  # "until recently, X was a member", "was its president until 2019"
    return found


def _over_period(verb: Token) -> bool:
    """A simple past stating how long it lasted: "served as prime minister for 14 years", "led the
    alliance for a decade" (not "has led it for a decade", which goes on)."""
    if verb.tag_ != "VBD":
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            if any(c.dep_ == "pobj" and c.lower_ in DURATIONS for c in prep.children):
                return True
    return False


def ended_by_clause(token: Token) -> bool:
    """Whether the clause ``token`` belongs to ends its state: "Prime Minister X resigned", "was ousted"
    (not "Prime Minister X fired his minister")."""
    chain = _governors(token, climb=True)
    for below, gov in zip(chain[:2], chain[1:3]):
        forms = word_forms(gov)
        if forms & ENDING_VERBS or (forms & OUSTING_VERBS and below.dep_ != "nsubj"):
            return True
        if any(gov.lemma_.lower() == verb and any(c.lower_ == particle for c in gov.children)
               for verb, particle in ENDING_PHRASES):
            return True
    return False


def word_forms(token: Token) -> set[str]:
    """The lemma and the lower-cased word with common inflections stripped.

    en_core_web_sm's lemmatizer sometimes errs ("hopes" -> "hop"), so both are checked.
    """
    word = token.lower_
    forms = {token.lemma_.lower(), word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.add(word[: -len(suffix)])
    return forms


def _ended_until(verb: Token, until: Token) -> bool:
    """"until recently", or a past verb "until 2019": the state ended (not "would stay until a decision")."""
    for pobj in (c for c in until.children if c.dep_ in ("pobj", "pcomp", "advmod")):
        if pobj.lower_ in ("recently", "lately", "then"):
            return True
        if verb.tag_ == "VBD" and (pobj.ent_type_ == "DATE" or pobj.like_num):
            return True
    return False


def _until_now(token: Token) -> bool:
    """"until now", "up until today": a state that lasts to the present, not one that ended."""
    doc = token.doc
    return token.lower_ == "until" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in PRESENT_WORDS


def _left_window(anchor: Token, size: int = 3) -> list[Token]:
    doc = anchor.doc
    start = max(anchor.sent.start, anchor.i - size)
    return [t for t in doc[start : anchor.i] if not t.is_punct]


def _former_phrase(anchor: Token) -> bool:
    """A phrase of ``former_phrases`` ("no longer") in the anchor's clause, before the anchor."""
    doc = anchor.doc
    words = [t.lower_ for t in doc[anchor.sent.start : anchor.i]]
    return any(tuple(words[i : i + len(p)]) == p for p in FORMER_PHRASES for i in range(len(words)))


def departs(verb: Token) -> bool:
    """Whether ``verb`` has moved its forces away: "left", "withdrew", "pulled out", "took off for
    home"; not a departure still to come or under way ("will withdraw", "began leaving")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    leaving = bool(word_forms(verb) & DEPARTURE) or any(
        verb.lemma_.lower() == v and any(c.lower_ == particle for c in verb.children) for v, particle in DEPARTURE_PHRASES)
    if not leaving:
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children) or verb.tag_ == "VBG" \
            or (verb.dep_ == "xcomp" and word_forms(verb.head) & INCEPTIVE):
        return False
    return True


def continues(verb: Token) -> bool:
    """Whether ``verb`` says a state goes on ("would keep its troops", "will stay on"): its future
    or conditional then speaks of the continuation, not of the state, which holds now."""
    return verb.pos_ in ("VERB", "AUX") and bool(word_forms(verb) & CONTINUATION) and not any(
        c.dep_ == "neg" or c.lower_ in NEGATORS for c in verb.children) and all(
        c.lower_ in FUTURE_AUX for c in verb.children if c.dep_ == "aux")
