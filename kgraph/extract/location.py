"""locatedIn: a named city placed in a country by the text.

* ``location.apposition``: "Port-au-Prince, Haiti" (the city's country must agree with
  reference data, so "Moscow, Kazakhstan and Belarus" in a list is not read as a place).
* ``location.capital``: "the Ethiopian capital, Addis Ababa", "Lima, the Peruvian
  capital", "the Chilean capital Santiago", "Arequipa, Peru's second-largest city",
  "Tashkent is the capital city of Uzbekistan", "the eastern Ukrainian city of Kramatorsk".
* ``location.in``: "Goma in eastern Congo" (a region stands in its country).
* ``location.possessive``: "China's Hangzhou" (the reference data must agree).

A dateline ("LIMA, March 3 (Agency) -") is not a statement of the article.
"""

from __future__ import annotations

from spacy.tokens import Span

from kgraph.annotate.linker import LinkedMention
from kgraph.reference.entities import country_of, reference_entity, reference_ref
from kgraph.extract.context import COUNTRY, DocContext
from kgraph.lexicon import load_lexicon
from kgraph.reference.tables import load_reference

#: Nouns that place a named city in a country (lexicon.toml [locations]); their last word is matched.
CITY_NOUNS = {phrase.split()[-1] for phrase in load_lexicon().location_words["city_nouns"]}
#: Places a city may be said to lie in.
PLACES = ("Country", "Region")


def extract_locations(ctx: DocContext) -> None:
    """Add locatedIn relations found in ``ctx.doc`` to ``ctx``."""
    _capital_anaphors(ctx)
    doc = ctx.doc
    for m in ctx.mentions:
        if m.entity.type != "City" or _is_dateline(ctx, m):
            continue
        sent = doc[m.start].sent
        country = _apposed_country(ctx, m)
        if country is not None:
            ctx.add(m.entity, "locatedIn", country.entity, sent, rule="location.apposition", confidence=0.85)
            continue
        country = _capital_phrase(ctx, m, sent)
        if country is not None:
            ctx.add(m.entity, "locatedIn", country.entity, sent, rule="location.capital", confidence=0.85)
            continue
        country = _placed_in(ctx, m)
        if country is not None:
            ctx.add(m.entity, "locatedIn", country, sent, rule="location.in", confidence=0.75)
            continue
        country = _possessed_city(ctx, m)
        if country is not None:
            ctx.add(m.entity, "locatedIn", country.entity, sent, rule="location.possessive", confidence=0.8)


def _placed_in(ctx: DocContext, m: LinkedMention):
    """"Goma in eastern Congo", "Naqoura in southern Lebanon": a city with its own "in" phrase
    naming a country or a region, whose country agrees with the reference data."""
    doc = ctx.doc
    city = doc[m.end - 1]
    if m.end + 1 < len(doc) and doc[m.end].lower_ == "in":  # the parser may hang "in" elsewhere
        place = ctx.starting_at(m.end + 1, PLACES)
        if place is not None and doc[m.end + 1 : place.start].text.lower() in ("", "the"):
            country, expected = country_of(place.entity), country_of(m.entity)
            if country is not None and (expected is None or expected == country):
                return country
    for prep in city.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for pobj in prep.children:
            place = ctx.at(pobj.i)
            if pobj.dep_ != "pobj" or place is None or place.entity.type not in PLACES:
                continue
            country = country_of(place.entity)
            expected = country_of(m.entity)
            if country is not None and (expected is None or expected == country):
                return country
    return None


def _capital_anaphors(ctx: DocContext) -> None:
    """"talks in Lima ... held in the Peruvian capital": the capital named elsewhere in the text."""
    doc = ctx.doc
    reference = load_reference()
    cities = {m.entity.id: m for m in ctx.mentions if m.entity.type == "City" and not _is_dateline(ctx, m)}
    for m in ctx.mentions:
        if m.entity.type != "Country" or m.kind != "adjective" or m.end >= len(doc) or doc[m.end].lower_ != "capital":
            continue
        if m.start == 0 or doc[m.start - 1].lower_ != "the" or _city_follows(ctx, m.end + 1):
            continue  # "the Ethiopian capital, Addis Ababa" is handled as an apposition
        capital = reference.capital_of(reference_entity(m.entity).key)
        if capital is None:
            continue
        named = cities.get(reference_ref(capital).id)
        if named is not None:
            ctx.add(named.entity, "locatedIn", m.entity, doc[m.start].sent, rule="location.capital_anaphor", confidence=0.7)


def _city_follows(ctx: DocContext, i: int) -> bool:
    doc = ctx.doc
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return ctx.starting_at(i, ("City",)) is not None


def _is_dateline(ctx: DocContext, m: LinkedMention) -> bool:
    doc = ctx.doc
    line_start = doc.text.rfind("\n", 0, doc[m.start].idx) + 1
    if doc[m.start].idx != line_start or m.start != doc[m.start].sent.start:
        return False
    nxt = doc[m.end] if m.end < len(doc) else None
    after = doc[m.end + 1] if m.end + 1 < len(doc) else None
    return doc[m.start].text.isupper() or (nxt is not None and nxt.text in ("[", "(")) or (
        nxt is not None and nxt.text == "," and after is not None and after.ent_type_ in ("DATE", "TIME"))


def _apposed_country(ctx: DocContext, m: LinkedMention) -> LinkedMention | None:
    doc = ctx.doc
    if m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return None
    country = ctx.starting_at(m.end + 1, COUNTRY)
    if country is None or country.kind != "name":
        return None
    expected = country_of(m.entity)
    if expected is not None and expected != country.entity:
        return None
    nxt = doc[country.end].lower_ if country.end < len(doc) else "."
    listed = ctx.starting_at(country.end + 1, COUNTRY)
    if nxt in ("and", "or") or (listed is not None and listed.kind != "metonym" and nxt == ","):
        return None  # "Moscow, Kazakhstan, Belarus": a list ("Vientiane, Laos, the White House said" is none)
    return country


def _possessed_city(ctx: DocContext, m: LinkedMention) -> LinkedMention | None:
    """"China's Hangzhou": a country owning the city's name, where the reference data agrees."""
    doc = ctx.doc
    if m.start < 2 or doc[m.start - 1].lower_ not in ("'s", "’s"):
        return None
    country = ctx.ending_at(m.start - 1, COUNTRY)
    if country is None or country.kind == "adjective":
        return None
    expected = country_of(m.entity)
    return country if expected is not None and expected == country.entity else None


def _capital_phrase(ctx: DocContext, m: LinkedMention, sent: Span) -> LinkedMention | None:
    doc = ctx.doc
    # "the Ethiopian capital, Addis Ababa" / "the Chilean capital Santiago" / "Peru's capital, Lima"
    i = m.start - 1
    if i >= sent.start and doc[i].text == ",":
        i -= 1
    if i >= sent.start and doc[i].lower_ in CITY_NOUNS:
        j = i - 1
        if j >= sent.start and doc[j].lower_ in ("'s", "’s"):
            j -= 1
        country = ctx.ending_at(j + 1, COUNTRY)
        if country is not None:
            return country
    # "the eastern Ukrainian city of Bakhmut", "the Syrian port of Tartus"
    if i >= sent.start + 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in CITY_NOUNS:
        noun = doc[i - 1]
        window = ctx.within(max(sent.start, noun.left_edge.i), noun.i, COUNTRY)
        if window:
            return window[-1]
    # "Lima, the Peruvian capital" / "Arequipa, Peru's second-largest city"
    if m.end < sent.end and doc[m.end].text == ",":
        for k in range(m.end + 1, min(sent.end, m.end + 7)):
            if doc[k].lower_ in CITY_NOUNS:
                return _country_of_city_noun(ctx, m.end + 1, k, sent)
            if doc[k].text in (",", ";", "."):
                break
    # "Moscow is the capital of Russia", "Tashkent is the capital city of Uzbekistan", "Kigali is Rwanda's capital"
    root = doc[m.end - 1]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for attr in root.head.children:
            if attr.dep_ == "attr" and attr.lower_ in CITY_NOUNS:
                return _country_of_city_noun(ctx, attr.left_edge.i, attr.i, sent)
    return None


def _country_of_city_noun(ctx: DocContext, start: int, k: int, sent: Span) -> LinkedMention | None:
    """The country of a city noun at token ``k`` whose phrase starts at ``start``: named before it
    ("the Cambodian capital", "Tajikistan's second-largest city") or after it ("the capital (city) of Belarus")."""
    doc = ctx.doc
    window = ctx.within(start, k, COUNTRY)
    if window:
        return window[-1]
    while k + 1 < sent.end and doc[k + 1].lower_ in CITY_NOUNS:
        k += 1  # "the capital city of"
    if k + 1 < sent.end and doc[k + 1].lower_ in ("of", "in"):  # "the capital of Belarus", "the largest city in eastern Congo"
        found = ctx.starting_at(k + 2, COUNTRY)
        if found is not None:
            return found
        # "the capital of Congo's Ituri province": a region stands in its country
        pobj = next((c for c in doc[k + 1].children if c.dep_ == "pobj"), None)
        for place in ctx.within(k + 2, pobj.i + 1, ("Region",)) if pobj is not None else ():
            country = country_of(place.entity)
            if country is not None:
                return LinkedMention(place.start, place.end, country, "region")
    return None
