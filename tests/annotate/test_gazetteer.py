"""The gazetteer ruler and linker on news spellings: alias classes, regions, capitals as actors."""

from __future__ import annotations

import pytest


def linked(nlp, text: str) -> list[tuple[str, str, str]]:
    """(text, canonical label, type) of every linked mention of ``text``."""
    doc = nlp(text)
    return [(m.span(doc).text, m.entity.label, m.entity.type) for m in doc._.kg_mentions]


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Aukus partners met in San Diego.", "Aukus", "AUKUS"),
        ("Nato allies met in Brussels.", "Nato", "North Atlantic Treaty Organization"),
        ("The summit reviewed Asean policy.", "Asean", "Association of Southeast Asian Nations"),
        ("Officials said Caricom leaders would meet.", "Caricom", "Caribbean Community"),
    ],
)
def test_acronyms_of_four_or_more_letters_match_in_any_case(nlp, text, surface, label):
    assert (surface, label) in [(s, lab) for s, lab, _ in linked(nlp, text)]


def test_short_acronyms_and_lower_case_words_stay_case_sensitive(nlp):
    # "who" the pronoun is not the World Health Organization; "interpol" in prose is not a name.
    assert linked(nlp, "The minister, who arrived on Monday, left.") == []
    assert linked(nlp, "Officers asked whether to interpol the data.") == []


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Timor Leste applied to join.", "Timor Leste", "East Timor"),
        ("Ships docked in Guinea Bissau on Monday.", "Guinea Bissau", "Guinea-Bissau"),
        ("Fighting resumed in Nagorno Karabakh.", "Nagorno Karabakh", "Nagorno-Karabakh"),
    ],
)
def test_a_hyphen_between_words_may_be_written_as_a_space(nlp, text, surface, label):
    assert (surface, label) in [(s, lab) for s, lab, _ in linked(nlp, text)]


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("The African corps replaced Wagner in Mali.", "African corps", "Africa Corps"),
        ("Leaders of the Twenty-Seven met in Brussels.", "the Twenty-Seven", "European Union"),
        ("The Twenty-Seven agreed on sanctions.", "The Twenty-Seven", "European Union"),
        ("The ODKB held drills in Tajikistan.", "ODKB", "Collective Security Treaty Organization"),
        ("The OTSC held drills in Tajikistan.", "OTSC", "Collective Security Treaty Organization"),
    ],
)
def test_spelling_and_translation_variants(nlp, text, surface, label):
    assert (surface, label) in [(s, lab) for s, lab, _ in linked(nlp, text)]


def test_a_capital_that_acts_is_its_country_and_a_capital_as_a_place_is_the_city(nlp):
    acting = linked(nlp, "Pyongyang said the test was a success.")
    assert ("Pyongyang", "North Korea", "Country") in acting
    place = linked(nlp, "The delegation arrived in Pyongyang on Monday.")
    assert ("Pyongyang", "Pyongyang", "City") in place


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Fighting continued in the Kursk region.", "Kursk region", "Kursk Oblast"),
        ("Shelling hit the Donetsk Oblast overnight.", "Donetsk Oblast", "Donetsk Oblast"),
        ("Insurgents attacked villages in Cabo Delgado.", "Cabo Delgado", "Cabo Delgado"),
        ("Rebels advanced in North Kivu.", "North Kivu", "North Kivu"),
        ("Aid reached the Gaza Strip on Monday.", "Gaza Strip", "Gaza Strip"),
    ],
)
def test_regions_are_linked_as_regions(nlp, text, surface, label):
    assert (surface, label, "Region") in linked(nlp, text)


def test_a_city_named_like_its_region_stays_a_city(nlp):
    assert ("Kursk", "Kursk", "City") in linked(nlp, "A drone struck Kursk on Tuesday.")


def test_troops_sent_to_a_region_are_deployed_to_its_country(asserted):
    found = asserted("North Korean troops have been deployed to the Kursk region.")
    assert ("North Korea", "deployedTo", "Russia") in found


def test_troops_in_a_congolese_province_are_deployed_to_the_drc(asserted):
    found = asserted("Ugandan soldiers are deployed in North Kivu.")
    assert ("Uganda", "deployedTo", "Democratic Republic of the Congo") in found


def test_a_region_across_borders_gives_no_deployment(asserted):
    found = asserted("French troops were deployed to the Sahel in 2014.")
    assert not any(p == "deployedTo" for _, p, _ in found)


def test_membership_of_a_newly_listed_organisation(asserted):
    assert ("Hungary", "memberOf", "Visegrád Group") in asserted("Hungary is a member of the Visegrad Group.")


@pytest.mark.parametrize(
    "mention",
    [
        "Aukus",
        "Nato",
        "Timor Leste",
        "Nagorno Karabakh",
        "Kursk region",
        "North Kivu",
        "the Twenty-Seven",
        "the Commonwealth",
        "OTSC",
    ],
)
def test_the_prefilter_keeps_what_the_ruler_finds(nlp, mention):
    from kgraph.annotate.prefilter import prefilter_for

    filler = "Markets were calm on Monday as traders waited for the quarterly figures."
    text = f"{filler}\n\nDiplomats spoke about {mention} on Monday.\n\n{filler}"
    kept = prefilter_for(nlp).select(text)
    assert mention in kept
    assert any(m.span(nlp(kept)).text == mention for m in nlp(kept)._.kg_mentions)
