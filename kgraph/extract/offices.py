"""Office holders: presidentOf, headOfGovernmentOf, ministerOf, leaderOf.

The titles and their words are in the lexicon (``[offices]``); this module finds, for each
title in the text, who holds it and of what:

* ``office.title_name``: a title followed by a name, with the country or organisation
  named right before it ("Chilean President Gabriel Boric", "Ghana's President John
  Mahama", "WHO Director-General Tedros Adhanom Ghebreyesus") or after the name
  ("Presidents Hakainde Hichilema of Zambia and Lazarus Chakwera of Malawi").
* ``office.title_list``: further list items inherit the title ("Ghana's President John
  Mahama, Senegal's Bassirou Diomaye Faye and Togo's Faure Gnassingbé").
* ``office.title_of``: "Prime Minister of Japan Shigeru Ishiba".
* ``office.apposition``: "Mark Rutte, NATO's secretary general"; the title first ("Brazil's
  president, Lula,") or the title's "of" phrase first ("the chairperson of the African
  Union Commission, X,").
* ``office.copula``: "Gustavo Petro is the president of Colombia", "X was sworn in as
  president of Taiwan" ("was the president of" alone is a former office).
* ``office.context``: a title and name with no holder beside them take the one country
  their own clause, or the clause they report or frame, names as an actor ("President X
  told the Kenyan parliament"); never one from another sentence.
* ``office.coreferent``: "President X" where the document names X's office elsewhere.
* ``office.counterpart``: "his Uzbek counterpart Y" takes the sentence's title.
* ``office.succession``: "X will succeed Y": Y still holds the office, X not yet.

"Vice", "Deputy", "acting" and other bodies ("Senate President") make it another office;
"former" and "outgoing" make the fact former, "incoming" and "-elect" planned.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kgraph.annotate.linker import LinkedMention
from kgraph.reference.entities import country_of, person_ref
from kgraph.annotate.people import acronyms_only, headline_cut, is_honorific, title_case_line
from kgraph.annotate.titles import (_PARTICLES, CIVIL_SERVICE, FORMER, FUTURE, NOT_THE_OFFICE, TitleMatch, find_titles,
                                    name_after, name_text)
from kgraph.extract.arguments import Arguments
from kgraph.extract.context import ACTORS, COUNTRY, ORGS, DocContext
from kgraph.extract.modality import ended_by_clause, status_of, word_forms
from kgraph.lexicon import load_lexicon
from kgraph.types import EntityRef

_WORDS = load_lexicon().office_words
#: Words that may stand between a country and its office title ("Russian Defence Minister").
PORTFOLIO = _WORDS["portfolio"]
#: Nouns after a country mention that bind it ("the Polish Defence Ministry", "his Uzbek counterpart").
BINDING_NOUNS = _WORDS["binding_nouns"]
#: Nouns that a country adjective may modify and still name the state ("the Kazakh government").
STATE_NOUNS = _WORDS["state_nouns"]
#: Nominal references to a state's leader: "the Russian leader" is the titled person named nearby.
LEADER_NOUNS = _WORDS["leader_nouns"]
#: Prepositions that make a country a place, not the holder of an office ("the fighting in Sudan").
PLACE_PREPS = _WORDS["place_preps"]
#: Verbs whose complement is an office their subject holds ("is", "became", "was elected").
OFFICE_VERBS = _WORDS["office_verbs"]
#: Bodies whose president or chair is no head of state or government ("the Senate President").
OTHER_BODIES = _WORDS["other_bodies"]
#: An organisation's executive body, whose head leads the organisation ("AU Commission chair").
EXECUTIVES = _WORDS["executive_bodies"]
#: Verbs by which a person takes over another's office ("will succeed X", "took over from X").
SUCCESSION = _WORDS["succession_verbs"]
#: Nouns that make the office of the person named after them past ("the death of leader X").
FORMER_OF = _WORDS["former_of"]
COUNTRY_OFFICES = ("presidentOf", "headOfGovernmentOf", "ministerOf")
#: Titles of a military command: they lead an armed force only.
FORCE_TITLES = _WORDS["force_titles"]
#: Military ranks between a title and a name ("Force Commander Lt. Gen. X").
RANKS = _WORDS["ranks"]
#: Nouns of an office taken or held, and the verbs that take or hold it ("took up the post of").
OFFICE_POSTS = _WORDS["office_posts"]
POST_VERBS = _WORDS["post_verbs"]
#: Words of a monarch's name: a head of state who is no president ("King Charles", "Emir Tamim").
ROYALS = _WORDS["royals"]
#: Verbs of entering a seat of government ("entered Downing Street as prime minister").
SEAT_VERBS = _WORDS["seat_verbs"]
#: The capacity in which a head of state acts, and what of ("as commander-in-chief of the Turkish armed forces").
CAPACITY_NOUNS = _WORDS["capacity_nouns"]
CAPACITY_BODIES = _WORDS["capacity_bodies"]
#: Words of a body's or a thing's name, never of a person's.
NAMELESS = frozenset({"ministry", "office", "agency", "bank", "fund", "force", "forces", "army", "department", "embassy",
                      "news", "times", "post", "press", "group", "institute", "centre", "center", "organisation",
                      "organization", "the", "of"})
#: An ordinal written in figures ("the 47th president").
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def extract_offices(ctx: DocContext) -> None:
    """Add office relations found in ``ctx.doc`` to ``ctx``."""
    doc = ctx.doc
    titles = _titles(ctx)
    bound = _bound_countries(ctx, titles)
    named = {title: _named_holder(ctx, title, coordinated=k > 0 and _coordinated(ctx, titles[k - 1], title))
             for k, title in enumerate(titles)}
    for k, title in enumerate(titles):
        if _is_other_office(ctx, title):
            continue
        person = named[title]
        if person is None and k + 1 < len(titles) and _coordinated(ctx, title, titles[k + 1]):
            after = named[titles[k + 1]]  # "Oman's prime minister and finance minister, X"
            person = LinkedMention(title.end, after.end, after.entity, after.kind) if after is not None else None
        status = _title_status(doc, title)
        found_before = len(ctx.relations)
        shared = _holder_before(ctx, titles[k - 1]) if k > 0 and _coordinated(ctx, titles[k - 1], title) else None
        if person is not None and person.start == title.end:
            _office_with_name(ctx, title, person, status, bound, shared_holder=shared)
        else:
            _office_of_country_name(ctx, title, status) or _office_apposition(ctx, title, status) \
                or _office_copula(ctx, title, status)
        _drop_civil_service(ctx, title, found_before)
    _coreferent_titles(ctx)
    _counterparts(ctx)


def _drop_civil_service(ctx: DocContext, title: TitleMatch, first: int) -> None:
    """Take back what ``title`` gave from ``ctx.relations[first:]`` where, in the holder's country,
    the title names a civil servant ("India's Foreign Secretary X" is no minister)."""
    words = tuple(t.lower_ for t in ctx.doc[title.start:title.end])
    countries = CIVIL_SERVICE.get(words)
    if countries:
        ctx.relations[first:] = [r for r in ctx.relations[first:] if r.object.label not in countries]


def _titles(ctx: DocContext) -> list[TitleMatch]:
    """The office titles of the Doc, found once."""
    if ctx.titles is None:
        ctx.titles = find_titles(ctx.doc)
    return ctx.titles


def _named_holder(ctx: DocContext, title: TitleMatch, *, coordinated: bool = False) -> LinkedMention | None:
    """The person named right after a title ("President X"), or after a comma when the title has
    its country before it, itself or through the title it is coordinated with ("Brazil's
    president, Luiz Inácio Lula da Silva,", "Oman's prime minister and finance minister,
    Sheikh X"); the mention spans from the title's end."""
    doc = ctx.doc
    person = ctx.starting_at(title.end, ("Person",)) if title.end < len(doc) else None
    if person is None and title.end + 1 < len(doc) and doc[title.end].is_space and doc[title.end].text.count("\n") == 1:
        named = ctx.starting_at(title.end + 1, ("Person",))  # a line break between title and name (a caption)
        person = LinkedMention(title.end, named.end, named.entity, named.kind) if named is not None else None
    if person is None and title.end + 1 < len(doc) and doc[title.end].text[:1].isupper() and ctx.at(title.end) is None:
        named = ctx.starting_at(title.end + 1, ("Person",))  # "Foreign Minister Prince Faisal bin Farhan"
        person = LinkedMention(title.end, named.end, named.entity, named.kind) if named is not None else None
    if person is None and doc[title.end : title.end + 1].text.lower() in RANKS:  # "Force Commander Lt. Gen. X"
        k = title.end
        while k < len(doc) and (doc[k].lower_ in RANKS or (doc[k].text == "." and doc[k - 1].lower_ in RANKS)):
            k += 1
        named = ctx.starting_at(k, ("Person",)) if k < len(doc) else None
        person = LinkedMention(title.end, named.end, named.entity, named.kind) if named is not None else None
    if person is None and title.end + 1 < len(doc) and doc[title.end].text == "," \
            and (coordinated or _holder_before(ctx, title)) \
            and doc[title.start : title.end].root.dep_ not in ("attr", "oprd"):  # "who is Canada's head of state, X"
        person = _person_at(ctx, title.end + 1)
        if person is not None:
            person = LinkedMention(title.end, person.end, person.entity, person.kind)
    holder = _of_after(ctx, title.end) if person is None and not _apposed_to_person(ctx, title) else None
    if holder is not None:  # "the Secretary General of the Arab League, Ahmed Aboul Gheit,"
        k = holder.end + (1 if holder.end < len(doc) and doc[holder.end].lower_ in EXECUTIVES else 0)
        if k + 1 < len(doc) and doc[k].text == ",":
            named = _person_at(ctx, k + 1)
            if named is not None:
                person = LinkedMention(title.end, named.end, named.entity, named.kind)
    return person


def _coordinated(ctx: DocContext, title: TitleMatch, following: TitleMatch) -> bool:
    """Whether ``title`` is coordinated with the next title ("AU chairman and Comoros President X")."""
    doc = ctx.doc
    if title.end >= len(doc) or doc[title.end].lower_ != "and":
        return False
    if title.start > 0 and doc[title.start - 1].lower_ == "the":
        return False  # "The Secretary-General and President X": two people, one of them named before
    between = range(title.end + 1, following.start)
    return len(between) <= 3 and all(ctx.at(i) is not None or doc[i].lower_ in PORTFOLIO or doc[i].lower_ == "the"
                                     for i in between)


def _coreferent_titles(ctx: DocContext) -> None:
    """"President Tokayev" with no country beside it holds the office the document states for
    the same person with the same title elsewhere ("Chilean President Gabriel Boric")."""
    stated: dict[tuple[str, str], set] = {}
    for rel in ctx.relations:
        if rel.status == "asserted" and rel.predicate in COUNTRY_OFFICES + ("leaderOf",):
            stated.setdefault((rel.subject.id, rel.predicate), set()).add(rel.object)
    for title, person, status in ctx.unplaced_titles:
        relation = title.relation
        holders = stated.get((person.entity.id, relation), set())
        if len(holders) == 1:
            ctx.add(person.entity, relation, next(iter(holders)), ctx.doc[title.start].sent, rule="office.coreferent",
                    confidence=0.7, status=status)


def _is_other_office(ctx: DocContext, title: TitleMatch) -> bool:
    """A deputy's, an acting or a shadow office, or the office of a body that is no state's executive
    ("Senate President", "the president of the National Assembly")."""
    doc = ctx.doc
    for tok in doc[max(0, title.start - 2) : title.start]:
        if tok.lower_ in NOT_THE_OFFICE:
            return True
        if tok.lower_ in OTHER_BODIES and ctx.at(tok.i) is None and title.relation in COUNTRY_OFFICES:
            return True
    end = title.end
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        k = end + 1
        while k < len(doc) and (doc[k].lower_ in ("the", "'s", "’s") or ctx.at(k) is not None and doc[k].dep_ == "poss"
                                or (ctx.at(k) is not None and k + 1 < len(doc) and doc[k + 1].lower_ in ("'s", "’s"))):
            k += 1
        if k < len(doc) and doc[k].lower_ in OTHER_BODIES and ctx.at(k) is None:
            return True
    return False


def _title_status(doc: Doc, title: TitleMatch) -> str:
    start = max(doc[title.start].sent.start, title.start - 4)
    for k in range(title.start - 1, start - 1, -1):
        if doc[k].ent_type_ == "PERSON" or doc[k].lower_ in ("met", "and", ","):
            start = k + 1  # the words of another person's title ("President-elect X met President Y")
            break
    window = doc[start : title.end + 1]
    # "last Thursday" dates, "the last summit for Secretary General X" is the summit's: "last" counts
    # only on the title ("Niger's last elected president")
    words = {t.lower_ for t in window if t.ent_type_ not in ("DATE", "TIME")
             and (t.lower_ != "last" or title.start <= t.head.i < title.end)}
    if words & FORMER:
        return "former"
    if any(t.lower_ in FORMER_OF and t.i + 1 < title.start and doc[t.i + 1].lower_ == "of" for t in window):
        return "former"  # "the death of Wagner leader X"
    if words & FUTURE or any(t.lower_.endswith("-elect") for t in window):
        return "planned"
    return "asserted"


def _dated_past(ctx: DocContext, tok) -> bool:
    """Whether the past-tense clause ``tok`` belongs to is dated a year or more before the document
    ("In 1974, President X signed ...", "X, then president, said in 2015 ...")."""
    year = (ctx.document.date or "")[:4]
    if not year.isdigit():
        return False
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    if verb.tag_ not in ("VBD", "VBN"):
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                for tok in (pobj, *(c for c in pobj.children if c.dep_ in ("nummod", "compound", "npadvmod"))):
                    if tok.text.isdigit() and len(tok.text) == 4 and int(tok.text) < int(year) - 1 \
                            and tok.ent_type_ == "DATE":
                        return True  # "in 1974", "in March 2010"; not "in office since October 2022"
    return False


def _office_with_name(ctx: DocContext, title: TitleMatch, person: LinkedMention, status: str,
                      bound: set[int], *, shared_holder: LinkedMention | None = None) -> None:
    doc = ctx.doc
    sent = doc[title.start].sent
    holder = _holder_before(ctx, title) or shared_holder or _of_after(ctx, title.end)
    rule, confidence = "office.title_name", 0.9
    if holder is None:
        holder = _of_after(ctx, person.end)
        confidence = 0.85
    possessed = title.start > 0 and doc[title.start - 1].lower_ in ("its", "their", "his", "her")
    if holder is None and title.relation != "leaderOf" and not _title_of_other_body(ctx, title) and not possessed:
        holder, rule, confidence = _country_from_context(ctx, title, bound, anchor=person.start)
    if holder is None and title.relation == "leaderOf":
        holder = ctx.nearest_before(title.start, ORGS, back=0)
        rule, confidence = "office.context", 0.6
        if holder is None:
            return
    if holder is None:
        ctx.unplaced_titles.append((title, person, status))
        return
    relation = _relation_for(title, holder.entity, doc)
    if relation is None:
        return
    if status == "asserted" and ended_by_clause(doc[person.end - 1]):
        status = "former"  # "Japanese Prime Minister Fumio Kishida resigned in September"
    if status == "asserted" and _dated_past(ctx, doc[person.end - 1]):
        status = "former"  # "In 1974, President X signed ...": a past date in the clause
    ctx.add(person.entity, relation, holder.entity, sent, rule=rule, confidence=confidence, status=status)
    _list_items(ctx, max(person.end, holder.end), relation, status, sent)


def _title_of_other_body(ctx: DocContext, title: TitleMatch) -> bool:
    """A capitalised name right before the title that kgraph does not know names the body whose
    office it is ("Microsoft president Brad Smith"): no country can be read from the context."""
    i = title.start - 1
    if i < 0:
        return False
    tok = ctx.doc[i]
    return tok.text[:1].isupper() and ctx.at(i) is None and tok.lower_ not in PORTFOLIO \
        and (tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not tok.is_sent_start))


def _relation_for(title: TitleMatch, holder: EntityRef, doc: Doc) -> str | None:
    """A president of an organisation leads it; a country has no "secretary general"; a commander
    leads an armed force, not the organisation whose force it is ("the UN force commander")."""
    title_relation = title.relation
    if doc[title.end - 1].lower_ in FORCE_TITLES and holder.type != "ArmedForce":
        return None
    if holder.type == "Country":
        return title_relation if title_relation in COUNTRY_OFFICES else None
    if holder.type in ORGS + ("ArmedForce",):
        return "leaderOf" if title_relation in ("leaderOf", "presidentOf") else None
    return None


def _holder_before(ctx: DocContext, title: TitleMatch) -> LinkedMention | None:
    """The country or organisation named just before the title, across portfolio words."""
    doc = ctx.doc
    i = title.start
    steps = 0
    named_body = False  # skipped a capitalised word that is no portfolio ("African Union Commission chair")
    while i > 0 and steps < 5 and (doc[i - 1].lower_ in PORTFOLIO | FORMER | FUTURE or _portfolio_word(ctx, i - 1)
                                   or _describing_word(doc, i - 1)):
        named_body = named_body or doc[i - 1].lower_ not in PORTFOLIO | EXECUTIVES
        i -= 1
        steps += 1
    m = ctx.ending_at(i, ACTORS)
    if m is None and i == title.start and i > 1 and doc[i - 1].lower_ == "by":
        m = ctx.ending_at(i - 1, COUNTRY)  # gapping: "..., and Togo by Prime Minister X"
    if m is None and i > 0 and doc[i - 1].lower_ in ("'s", "’s", "'"):
        m = ctx.ending_at(i - 1, ACTORS) or _anaphor_at(ctx, i - 2)
    if m is None and i > 0 and doc[i - 1].lower_ in ("its", "their"):
        m = _anaphor_at(ctx, i - 1)  # "its foreign minister, X"
    if m is None and i > 0 and i < len(doc) and doc[i].lower_ in ("'s", "’s"):
        m = _anaphor_at(ctx, i - 1)  # "the alliance's secretary general", the "'s" skipped as a portfolio word
    if m is not None and named_body and m.entity.type != "Country":
        return None
    return m


def _describing_word(doc: Doc, i: int) -> bool:
    """A lower-case adjective describing the holder between a country and its title ("Argentina's
    hard-right President X", "Hungary's nationalist prime minister"); not one that makes it another
    office ("former", "deputy", "incoming")."""
    tok = doc[i]
    glued = 0 < i and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
    if tok.text == "-" and 0 < i and not tok.whitespace_ and not doc[i - 1].whitespace_:
        return doc[i - 1].text.islower()
    return tok.text.isalpha() and tok.text.islower() and (glued or tok.tag_ in ("JJ", "VBN")) \
        and tok.lower_ not in FORMER | FUTURE | NOT_THE_OFFICE


def _anaphor_at(ctx: DocContext, i: int) -> LinkedMention | None:
    """The entity an anaphor at token ``i`` stands for ("the alliance's", "the country's", "its")."""
    if i < 0 or ctx.at(i) is not None:
        return None
    tok = ctx.doc[i]
    found = _arguments(ctx)._named(tok, ACTORS)
    if found and tok.lower_ in ("its", "their"):
        # "Russia will seek clarification from Armenia after its Prime Minister X said": a
        # possessive pronoun whose subject reading and nearest reading differ is too close to call
        nearest = ctx.nearest_before(i, (found[0].entity.type,), back=0)
        if nearest is not None and nearest.entity.id != found[0].entity.id:
            return None
    return found[0] if found else None


def _arguments(ctx: DocContext) -> Arguments:
    if ctx.arguments is None:
        ctx.arguments = Arguments(ctx, load_lexicon())
    return ctx.arguments


def _portfolio_word(ctx: DocContext, i: int) -> bool:
    """A capitalised department word between a country and its title ("Indian External Affairs Minister")."""
    tok = ctx.doc[i]
    return tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ") and ctx.at(i) is None and not tok.is_sent_start


def _of_after(ctx: DocContext, i: int, *, name_follows: bool = False) -> LinkedMention | None:
    """"... of COUNTRY" at token ``i``, the mention being the whole object.

    "head of the UN Refugee Office" is not "head of the UN": a capitalised word after
    the mention means it only modifies a longer name, unless ``name_follows`` (a person's
    name comes next: "President of Iran Ebrahim Raisi").
    """
    doc = ctx.doc
    if i < len(doc) and doc[i].lower_ == "of":
        m = ctx.starting_at(i + 1, ACTORS)
        if m is not None and m.end < len(doc) and doc[m.end].lower_ in ("'s", "’s"):
            return None  # "president of Nigeria's Senate": the office is the Senate's
        if m is not None and m.entity.type != "Country" and m.end < len(doc) and doc[m.end].lower_ in EXECUTIVES:
            return m  # "president of the ECOWAS Commission": the organisation's executive is the organisation
        if m is not None and (name_follows or m.end >= len(doc) or not doc[m.end].text[:1].isupper()):
            return m
    return None


def _country_from_context(ctx: DocContext, title: TitleMatch, bound: set[int], anchor: int | None = None):
    """The country an office title without a country refers to, with the rule and a confidence.

    Only a link the sentence states: "the Russian leader" taking up the titled person, or
    the one country the sentence names as a state ("Kazakhstan said", "the Kazakh
    parliament", "Finland's parliament") in the title's own clause, the clause it reports
    ("Turkey has begun ..., President Erdogan said") or the clause it is a circumstance of
    ("Sweden joined NATO when Prime Minister X handed ..."), not bound to another office or
    institution and not used as a place; or the capacity the person acts in ("as commander-in-chief
    of the Turkish armed forces"), or an oath of office taken in the one country the sentence
    names. Two candidates, or none, give nothing: a person never takes a country from other
    sentences or from what the document talks about most.
    """
    anchor = title.start if anchor is None else anchor  # the person's token: the parser may cut "PM | X vowed ..."
    sent = ctx.doc[anchor].sent
    for link, rule, confidence in ((_capacity_country, "office.capacity", 0.75),
                                   (_inauguration_country, "office.inauguration", 0.7),
                                   (lambda c, a: _leader_noun_country(c, sent), "office.context", 0.75),
                                   (_coordinated_state, "office.context", 0.7)):
        found = link(ctx, anchor)
        if found is not None:
            return found, rule, confidence
    clause = _clause_of(ctx.doc[anchor])
    candidates = {m.entity.id: m for m in ctx.within(sent.start, sent.end, COUNTRY)
                  if m.start not in bound and (m.kind != "metonym" or ctx.doc[m.end - 1].dep_ in ("nsubj", "poss"))
                  and _acts_as_state(ctx, m)
                  and _linked_clauses(clause, _clause_of(ctx.doc[m.end - 1]))}
    titled = {h.entity.id for t in _titles(ctx) if sent.start <= t.start < sent.end and t != title
              and _linked_clauses(clause, _clause_of(ctx.doc[t.start]))
              for h in [_holder_before(ctx, t) or _of_after(ctx, t.end)] if h is not None and h.entity.type == "Country"}
    # a country whose office another person of the clause holds is theirs: "Polish Prime Minister X
    # promised President Y that Warsaw would ..." says nothing of Y's country
    candidates = {k: m for k, m in candidates.items() if k not in titled}
    same = {k: m for k, m in candidates.items() if _clause_of(ctx.doc[m.end - 1]) == clause}
    for pool in (same, candidates):
        if len(pool) > 1:  # the one named as the topic: a subject or a possessor ("Australia's purchase")
            pool = {k: m for k, m in pool.items() if ctx.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass", "poss")}
        if len(pool) == 1:
            return next(iter(pool.values())), "office.context", 0.65
        if pool:
            break
    return None, "", 0.0


def _inauguration_country(ctx: DocContext, anchor: int):
    """"President X was sworn in in Nairobi", "to watch President X take the oath in the Rwandan
    capital": the titled person takes the oath of office, and the sentence names one country only,
    as the place or through its cities. (Sworn in "at the Gambian embassy in Dakar" names two.)"""
    doc = ctx.doc
    person = doc[anchor]
    while person.dep_ == "compound" and person.head.i > person.i:
        person = person.head
    verb = person.head
    if person.dep_ not in ("nsubj", "nsubjpass") or not _takes_oath(verb):
        return None
    sent = person.sent
    countries = {}
    for m in ctx.within(sent.start, sent.end):
        country = country_of(m.entity) if m.entity.type in ("City", "Region") else (m.entity if m.entity.type == "Country" else None)
        if country is not None:
            countries.setdefault(country.id, (m, country))
        elif m.entity.type in ORGS:
            return None  # an organisation's ceremony may be anywhere
    if len(countries) != 1:
        return None
    m, country = next(iter(countries.values()))
    return m if m.entity.type == "Country" else LinkedMention(m.start, m.end, country, m.kind)


def _takes_oath(verb) -> bool:
    """Whether ``verb`` is the taking of an oath of office: "sworn in", "took the oath", "was inaugurated"."""
    forms = word_forms(verb)
    if forms & {"inaugurate"}:
        return True
    if "swear" in forms and any(c.dep_ == "prt" and c.lower_ == "in" for c in verb.children):
        return True
    return bool(forms & {"take"}) and any(c.dep_ == "dobj" and c.lower_ == "oath" for c in verb.children)


def _seat_entered(ctx: DocContext, verb) -> LinkedMention | None:
    """"X entered Downing Street as prime minister", "moved into the Kremlin as president": the seat
    of government entered (a metonym of the reference data) names the country."""
    if not word_forms(verb) & SEAT_VERBS:
        return None
    places = [c for c in verb.children if c.dep_ == "dobj"]
    places += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("into", "to") for g in c.children if g.dep_ == "pobj"]
    for place in places:
        m = ctx.at(place.i)
        if m is not None and m.kind == "metonym" and m.entity.type == "Country":
            return m
    return None


def _capacity_country(ctx: DocContext, anchor: int) -> LinkedMention | None:
    """"President X, as commander-in-chief of the Turkish armed forces, ...": the capacity the
    person acts in names the state ("as head of the French armed forces", "as head of the Kenyan state")."""
    doc = ctx.doc
    person = doc[anchor]
    while person.dep_ == "compound" and person.head.i > person.i:
        person = person.head
    for prep in (*person.children, *person.head.children):  # the parser hangs "as" on the person or its verb
        if prep.dep_ != "prep" or prep.lower_ != "as" or prep.i < person.i or prep.i - person.i > 2:
            continue
        for role in (c for c in prep.children if c.dep_ == "pobj" and c.lower_ in CAPACITY_NOUNS):
            for of in (c for c in role.children if c.dep_ == "prep" and c.lower_ == "of"):
                for body in (c for c in of.children if c.dep_ == "pobj" and c.lower_ in CAPACITY_BODIES):
                    owners = [m for k in range(body.left_edge.i, body.i) for m in [ctx.at(k)]
                              if m is not None and m.entity.type == "Country"]
                    if len({m.entity.id for m in owners}) == 1:
                        return owners[0]
    return None


#: Dependency labels that start a clause of their own.
CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj")


def _clause_of(tok):
    """The head of the clause ``tok`` belongs to (a verb joined by "and" heads a clause too)."""
    while tok.dep_ not in CLAUSE_DEPS and not (tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX")) and tok.head != tok:
        tok = tok.head
    return tok


def _linked_clauses(a, b) -> bool:
    """Whether clause heads ``a`` and ``b`` are one clause, or one reports or frames the other
    ("Turkey has begun ..., President X said", "Sweden joined NATO when Prime Minister X ...")."""
    a, b = _sharing_subject(a), _sharing_subject(b)
    if a == b:
        return True
    return any(_sharing_subject(x.head) == y and x.dep_ in ("ccomp", "advcl") for x, y in ((a, b), (b, a)))


def _sharing_subject(verb):
    """The clause a coordinated verb without a subject of its own shares it with ("X received Y and said
    that ...": "said" is X's clause)."""
    while verb.dep_ == "conj" and verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                         for c in verb.children):
        verb = verb.head
    return verb


def _coordinated_state(ctx: DocContext, anchor: int) -> LinkedMention | None:
    """"President X and the Chilean people": a state noun coordinated with the titled person names
    the person's country."""
    doc = ctx.doc
    person = doc[anchor]
    while person.dep_ == "compound" and person.head.i > person.i:
        person = person.head
    for other in (*person.conjuncts,):
        if other.lower_ in STATE_NOUNS:
            for child in other.children:
                m = ctx.at(child.i)
                if child.dep_ in ("amod", "poss", "compound") and m is not None and m.entity.type == "Country":
                    return m
    return None


def _acts_as_state(ctx: DocContext, m: LinkedMention) -> bool:
    """A country the clause is about as an actor: its subject, a possessor ("Finland's parliament",
    "Pakistan's economy") or the country of a state noun ("the Kazakh parliament"); not a place
    or a goal ("entered Syria", "support for Ukraine")."""
    root = ctx.doc[m.end - 1]
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ == "poss":  # "revived Pakistan's economy"; not "celebrations of Ghana's independence"
        owned = root.head
        return not (owned.dep_ == "pobj" and owned.head.lower_ != "as") or owned.lower_ in STATE_NOUNS
    return root.dep_ in ("amod", "compound", "nmod") and root.head.lower_ in STATE_NOUNS


def _leader_noun_country(ctx: DocContext, sent) -> LinkedMention | None:
    """"the Russian leader" as the subject of a clause: it takes up the titled person named before.

    As an object ("President Putin met the Chinese leader") it is somebody else.
    """
    doc = ctx.doc
    for m in ctx.within(sent.start, sent.end, COUNTRY):
        if m.kind == "adjective" and m.start > 0 and doc[m.start - 1].lower_ == "the" and m.end < sent.end \
                and doc[m.end].lower_ in LEADER_NOUNS and doc[m.end].dep_ in ("nsubj", "nsubjpass") \
                and not (m.end + 1 < len(doc) and doc[m.end + 1].text[:1].isupper()):
            return m  # "President X spoke first; the Chilean leader then left"
    return None


def _bound_countries(ctx: DocContext, titles: list[TitleMatch]) -> set[int]:
    """Start tokens of country mentions already attached to an office or an institution."""
    bound = set()
    for title in titles:
        m = _holder_before(ctx, title)
        if m is not None:
            bound.add(m.start)
    doc = ctx.doc
    for m in ctx.mentions:
        if m.entity.type != "Country":
            continue
        j = m.end
        while j < len(doc) and doc[j].lower_ in PORTFOLIO:
            j += 1
        if j < len(doc) and doc[j].lower_ in BINDING_NOUNS:
            bound.add(m.start)
    return bound


def _list_items(ctx: DocContext, i: int, relation: str, status: str, sent) -> None:
    """Further "COUNTRY's NAME" or "NAME of COUNTRY" items of a list inherit the title."""
    doc = ctx.doc
    while i < sent.end:
        j = i
        while j < sent.end and doc[j].lower_ in (",", "and"):
            j += 1
        if j == i:
            return
        holder = ctx.starting_at(j, COUNTRY)
        if holder is not None:
            k = holder.end
            if k < len(doc) and doc[k].lower_ in ("'s", "’s", "'"):
                person = _person_at(ctx, k + 1)
                if person is None:
                    return
                ctx.add(person.entity, relation, holder.entity, sent, rule="office.title_list", confidence=0.8, status=status)
                i = person.end
                continue
            return
        person = _person_at(ctx, j)
        if person is None:
            return
        holder = _of_after(ctx, person.end)
        if holder is None:
            return
        ctx.add(person.entity, relation, holder.entity, sent, rule="office.title_list", confidence=0.8, status=status)
        i = holder.end


def _office_of_country_name(ctx: DocContext, title: TitleMatch, status: str) -> bool:
    """"President of the Islamic Republic of Iran Seyyed Ebrahim Raisi", "Secretary General of NATO Mark Rutte"."""
    holder = _of_after(ctx, title.end, name_follows=True)
    relation = _relation_for(title, holder.entity, ctx.doc) if holder is not None else None
    if relation is None:
        return False
    if _governed_by_noun(ctx.doc, title):
        return False  # "the press secretary of the President of Russia Dmitry Peskov": the name is the secretary's
    k = holder.end + (1 if holder.end < len(ctx.doc) and ctx.doc[holder.end].lower_ in EXECUTIVES else 0)
    person = _person_at(ctx, k) if k < len(ctx.doc) and ctx.doc[k].lower_ not in NAMELESS | OTHER_BODIES else None
    if person is None or (holder.entity.type != "Country" and ctx.starting_at(k, ("Person",)) is None):
        return False  # an organisation's office: only a name the linker knows as a person ("of the UN Integrated Office")
    ctx.add(person.entity, relation, holder.entity, ctx.doc[title.start].sent, rule="office.title_of", confidence=0.85,
            status=status)
    return True


def _governed_by_noun(doc, title: TitleMatch) -> bool:
    """Whether the title hangs on another noun by "of" ("the press secretary of the President ...")."""
    i = title.start
    while i > 0 and doc[i - 1].lower_ in ("the", "a", "an"):
        i -= 1
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].pos_ in ("NOUN", "PROPN")


def _office_apposition(ctx: DocContext, title: TitleMatch, status: str) -> bool:
    """"Mahmoud Ali Youssouf, Djibouti's foreign minister", "Mark Rutte, NATO's secretary general"."""
    doc = ctx.doc
    holder = _holder_before(ctx, title) or _of_after(ctx, title.end)
    if holder is None:
        return False
    relation = _relation_for(title, holder.entity, doc)
    if relation is None:
        return False
    i = min(holder.start, title.start)
    while i > 0 and (doc[i - 1].lower_ in {"a", "an", "the", "then"} | FORMER | FUTURE | PORTFOLIO
                     or ORDINAL.fullmatch(doc[i - 1].lower_)):  # "X, the 47th president of Y"
        i -= 1
    if i < 2 or doc[i - 1].text != ",":
        return False
    person = ctx.ending_at(i - 1, ("Person",)) or _name_before(ctx, i - 1)
    if person is None or _names_another_person(ctx, max(title.end, holder.end)):
        return False
    ctx.add(person.entity, relation, holder.entity, doc[title.start].sent, rule="office.apposition", confidence=0.85,
            status=status)
    return True


def _apposed_to_person(ctx: DocContext, title: TitleMatch) -> bool:
    """Whether the title phrase stands in apposition to a person named before it ("X, the President
    of Chad, Y of the Gambia, ...": the name after it is the next item of a list, not the holder)."""
    doc = ctx.doc
    i = title.start
    while i > 0 and (doc[i - 1].lower_ in {"a", "an", "the"} | FORMER | FUTURE | PORTFOLIO
                     or (doc[i - 1].text[:1].isupper() and ctx.at(i - 1) is None and doc[i - 1].pos_ == "ADJ")):
        i -= 1
    return i > 1 and doc[i - 1].text == "," and ctx.ending_at(i - 1, ("Person",)) is not None


def _names_another_person(ctx: DocContext, i: int) -> bool:
    """Whether a person is named after the title before the phrase ends: then the title is that
    person's, an item of a list ("Emir X, the UAE's Prime Minister and Dubai ruler Y and ...")."""
    doc = ctx.doc
    for k in range(i, min(len(doc), i + 8)):
        if doc[k].text in (",", ";", ".", ")") or doc[k].is_sent_start:
            return False
        m = ctx.at(k)
        if m is not None and m.entity.type == "Person":
            return True
    return False


def _name_before(ctx: DocContext, comma: int) -> LinkedMention | None:
    """A person's name right before the comma of an apposed title that the NER took for something
    else ("Moussa Faki Mahamat, Chairperson of the African Union"): two to five capitalised words
    starting the sentence or a clause, holding no entity kgraph knows, none of them a body's word."""
    doc = ctx.doc
    start = comma
    while start > doc[comma].sent.start and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in _PARTICLES):
        start -= 1
    if start < comma and doc[start].lower_ in _PARTICLES:
        return None
    words = doc[start:comma]
    if not 2 <= len(words) <= 5 or name_after(doc, start) != comma or title_case_line(doc, start):
        return None
    if start > words.sent.start and doc[start - 1].text not in (",", ";", ":", "(", "—", "–", "-"):
        return None  # the name must begin the sentence or a clause, not end a phrase ("met Foreign Minister X")
    if any(ctx.at(k) is not None for k in range(start, comma)) or any(t.lower_ in OTHER_BODIES | NAMELESS for t in words):
        return None
    if any(t.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE") for t in words):
        return None
    return LinkedMention(start, comma, person_ref(name_text(doc, start, comma)), "person")


def _office_copula(ctx: DocContext, title: TitleMatch, status: str) -> bool:
    """"Vladimir Putin is the president of Russia", "Tokayev was elected Kazakhstan's president",
    "X was sworn in as president of Taiwan", "parliament elected X as president".

    The title is the complement of "be", "become", "remain" or of a verb that confers the
    office ("elect", "appoint", "name", "swear in as", "take over as"), whose subject (or,
    for an active verb of choosing, its object) is a person. A plain past "was the
    president of" is a former office; negation, hedges and plans are read off the verb.
    """
    doc = ctx.doc
    noun = doc[title.start : title.end].root
    verb = noun.head
    via_as = noun.dep_ == "pobj" and verb.lower_ == "as"
    if via_as:
        verb = verb.head
    post = verb.head if noun.dep_ == "pobj" and verb.lower_ == "of" and verb.head.lower_ in OFFICE_POSTS else None
    if post is not None and post.dep_ == "dobj" and word_forms(post.head) & POST_VERBS:
        verb, via_as = post.head, True  # "has taken up the position of ASEAN Secretary-General"
    if noun.dep_ == "nsubj" and verb.lemma_ == "be":  # "Japan's new foreign minister is X"
        return _office_inverted(ctx, title, noun, verb, status)
    if not (via_as or noun.dep_ in ("attr", "oprd", "acomp")) \
            or word_forms(verb).isdisjoint(OFFICE_VERBS | (SUCCESSION | POST_VERBS if via_as else set())):
        return False  # "X replaces Y as secretary-general", "X took up the post of ..."
    person = None
    if verb.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in verb.children) \
            and word_forms(verb).isdisjoint(SUCCESSION | POST_VERBS):  # "X replaces Y as ...": X holds it
        chosen = next((c for c in verb.children if c.dep_ == "dobj"), None)  # "parliament elected X as president"
        person = _subject_person(ctx, chosen) if chosen is not None and chosen.i < title.start else None
    if person is None:
        subject = _arguments(ctx).clause_subject(verb)
        person = _subject_person(ctx, subject) if subject is not None else None
    if person is None:
        return False
    holder = _holder_before(ctx, title) or _of_after(ctx, title.end)
    rule = "office.copula"
    if holder is None and title.relation in COUNTRY_OFFICES and via_as:
        holder = _seat_entered(ctx, verb)
        rule = "office.seat"
    if holder is None and title.relation in COUNTRY_OFFICES:
        holder, _, _ = _country_from_context(ctx, title, _bound_countries(ctx, _titles(ctx)))
        rule = "office.as_context"
    relation = _relation_for(title, holder.entity, doc) if holder is not None else None
    if relation is None:
        return False
    if relation == "presidentOf" and person.label.split()[0].lower() in ROYALS:
        return False  # "King Charles, who is Canada's head of state": a monarch is no president
    stated = status_of(verb, climb=True)
    conferred = any(word_forms(t) & OFFICE_VERBS - {"be"} for t in doc[verb.i + 1 : noun.i])  # "was re-elected president"
    if stated == "asserted" and verb.lemma_ == "be" and verb.tag_ == "VBD" and not conferred:
        stated = "former"
    if stated == "asserted" and ended_by_clause(verb):
        stated = "former"
    succession = _succession(ctx, verb)
    if succession is not None:
        predecessor, future = succession
        if future and stated == "asserted":
            stated = "planned"  # "was elected chairperson ... and will take over from X": not yet in office
        if predecessor is not None:
            ctx.add(predecessor, relation, holder.entity, noun.sent, rule="office.succession", confidence=0.7,
                    status="asserted" if future else "former")
    ctx.add(person, relation, holder.entity, noun.sent, rule=rule, confidence=0.85 if rule == "office.copula" else 0.65,
            status=status if status != "asserted" else stated)
    return True


def _succession(ctx: DocContext, verb) -> tuple[EntityRef | None, bool] | None:
    """Whether the clause's subject takes over another's office ("will succeed X", "took over
    from X", "replacing X"): the predecessor when the text names a person, and whether the
    handover is still to come."""
    candidates = [verb, *verb.children] + ([verb.head] if verb.dep_ == "conj" else [])
    sent = verb.sent
    if sent.end < len(verb.doc):  # "X was elected chairperson ... . He will take over from Y"
        following = verb.doc[sent.end].sent.root
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she") for c in following.children):
            candidates.append(following)
    for tok in candidates:
        if tok.pos_ != "VERB" or not _succeeds(tok):
            continue
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll", "to") for c in tok.children) \
            or tok.dep_ == "xcomp"
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children
                    if p.dep_ == "pobj"]
        people = [ctx.at(o.i) for o in objects if ctx.at(o.i) is not None and ctx.at(o.i).entity.type == "Person"]
        return (people[0].entity if people else None), future
    return None


def _succeeds(tok) -> bool:
    """A verb of succession: "succeed", "replace", or a verb with its particle ("take over")."""
    for phrase in SUCCESSION:
        words = phrase.split()
        if tok.lemma_.lower() == words[0] and all(any(c.lower_ == w for c in tok.children) for w in words[1:]):
            return True
    return False


def _office_inverted(ctx: DocContext, title: TitleMatch, noun, verb, status: str) -> bool:
    """"The new prime minister of Thailand is X", "Japan's foreign minister is X": the title is the
    subject and the person the complement of a present "be"."""
    if verb.tag_ not in ("VBZ", "VBP"):
        return False  # "the president was X" may be any past holder
    complement = next((c for c in verb.children if c.dep_ == "attr" and c.i > noun.i), None)
    person = _subject_person(ctx, complement) if complement is not None else None
    holder = _holder_before(ctx, title) or _of_after(ctx, title.end)
    relation = _relation_for(title, holder.entity, ctx.doc) if holder is not None else None
    if person is None or relation is None:
        return False
    stated = status_of(verb, climb=True)
    ctx.add(person, relation, holder.entity, noun.sent, rule="office.copula", confidence=0.8,
            status=status if status != "asserted" else stated)
    return True


def _subject_person(ctx: DocContext, subject) -> EntityRef | None:
    """The person a clause's subject names: the linker's mention, or a full name the NER missed.

    A name the NER missed counts only when it has two or more words, all proper nouns that
    no other entity covers ("Bassirou Diomaye Faye", not "the Kremlin").
    """
    known = ctx.at(subject.i)
    if known is not None:
        return known.entity if known.entity.type == "Person" else None
    for appos in (c for c in subject.children if c.dep_ == "appos"):  # "Former Lagos Governor, Bola Tinubu, has ..."
        named = ctx.at(appos.i)
        if named is not None and named.entity.type == "Person":
            return named.entity
    words = [t for t in ctx.doc[subject.left_edge.i : subject.i + 1] if t.tag_ != "HYPH"]
    if len(words) < 2 or any(t.pos_ != "PROPN" or ctx.at(t.i) is not None or not t.text[:1].isupper() for t in words):
        return None
    return person_ref(ctx.doc[subject.left_edge.i : subject.i + 1].text)


def _person_at(ctx: DocContext, i: int) -> LinkedMention | None:
    """The person named at token ``i`` of a list: the linker's mention, or a proper name the NER missed."""
    doc = ctx.doc
    if i >= len(doc) or doc[i].lower_ == "the" or any(t.start == i for t in _titles(ctx)) \
            or doc[i].lower_ in NOT_THE_OFFICE:
        return None  # a title of its own begins there ("..., and Italy's Prime Minister X", "Vice President")
    known = ctx.starting_at(i, ("Person",))
    if known is None and i + 1 < len(doc) and doc[i].text[:1].isupper() and ctx.at(i) is None:
        known = ctx.starting_at(i + 1, ("Person",))  # "Sheikh Mohammed ...", "Prince Faisal ...": the linker's name
    if known is not None:
        return LinkedMention(i, known.end, known.entity, known.kind)
    first = i
    while first + 1 < len(doc) and is_honorific(doc, first):
        nxt = first + 2 if doc[first + 1].text == "." and first + 2 < len(doc) else first + 1
        if not doc[nxt].text[:1].isupper():
            break
        first = nxt  # "H.E. Mr. Abdel Fattah al-Sisi", "Hon. X": forms of address are no part of the name
    if first > i:
        known = ctx.starting_at(first, ("Person",))
        if known is not None:
            return LinkedMention(i, known.end, known.entity, known.kind)
    end = headline_cut(doc, i, name_after(doc, i))
    if end > i and (acronyms_only(doc[i:end].text) or title_case_line(doc, i)):
        return None  # "NC president X" (a party), "Top Diplomat, Discusses Bilateral Relations" (a headline)
    if end > i and not any(ctx.at(k) and ctx.at(k).entity.type != "Person" for k in range(i, end)):
        name = doc[i:end].text
        full = {m.entity for m in ctx.mentions if m.entity.type == "Person" and m.entity.label != name
                and m.entity.label.split()[-1] == name.split()[-1] and len(m.entity.label.split()) > len(name.split())}
        if len(full) == 1:  # "Pashinyan" after "Nikol Pashinyan" earlier in the document
            return LinkedMention(i, end, next(iter(full)), "person")
        return LinkedMention(i, end, person_ref(name), "person")
    return None


def _counterparts(ctx: DocContext) -> None:
    """"his Uzbek counterpart Shavkat Mirziyoyev" takes the office of the sentence's titled subject."""
    doc = ctx.doc
    offices_by_sentence: dict[int, set[str]] = {}
    for rel in ctx.relations:
        offices_by_sentence.setdefault(rel.evidence.start, set()).add(rel.predicate)
    for tok in doc:
        if tok.lower_ != "counterpart":
            continue
        person = ctx.starting_at(tok.i + 1, ("Person",)) or (
            ctx.starting_at(tok.i + 2, ("Person",)) if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "," else None)
        country = ctx.ending_at(tok.i, COUNTRY)
        sent = tok.sent
        offices = offices_by_sentence.get(ctx.offset + sent.start_char, set())
        if not offices:  # "President X met his Uzbek counterpart": the title says the office
            offices = {t.relation for t in _titles(ctx) if sent.start <= t.start < tok.i and t.relation in COUNTRY_OFFICES}
        if person is None or country is None or len(offices) != 1:
            continue
        relation = next(iter(offices))
        if relation in COUNTRY_OFFICES:
            ctx.add(person.entity, relation, country.entity, sent, rule="office.counterpart", confidence=0.7)
