"""locatedIn (and datelines) on sentences written for these tests: the exact facts of each."""

from __future__ import annotations

import pytest

A = "asserted"

PLACES = {
    "Talks opened in the Ethiopian capital, Addis Ababa, on Sunday.": {("Addis Ababa", "locatedIn", "Ethiopia", A)},
    "The convoy reached Goma, Democratic Republic of the Congo, at dawn.":
        {("Goma", "locatedIn", "Democratic Republic of the Congo", A)},
    "Delegations from Moscow, Kazakhstan and Belarus arrived on Monday.": set(),
    # a country owning the city's name; an apposed country followed by a speaker is no list
    "The summit opened in India's Bengaluru on Friday.": {("Bengaluru", "locatedIn", "India", A)},
    "The talks took place in Hanoi, Vietnam, the White House said on Monday.": {("Hanoi", "locatedIn", "Vietnam", A)},
    "France's Berlin embassy issued a statement.": set(),
    "Leaders met in Minsk, the capital of Belarus, for the summit.": {("Minsk", "locatedIn", "Belarus", A)},
    "Leaders met in Minsk, the capital city of Belarus, for the summit.": {("Minsk", "locatedIn", "Belarus", A)},
    "Tashkent is the capital city of Uzbekistan.": {("Tashkent", "locatedIn", "Uzbekistan", A)},
    "Talks ended on Monday.\n\nBishkek, Kyrgyzstan's capital, hosted the talks.": {("Bishkek", "locatedIn", "Kyrgyzstan", A)},
    # a city in a region or a country, or the city of an adjective's country
    "Fighting broke out near Goma in eastern Congo on Sunday.": {("Goma", "locatedIn", "Democratic Republic of the Congo", A)},
    "The rebels captured Bukavu, the biggest city in eastern Congo.": {("Bukavu", "locatedIn", "Democratic Republic of the Congo", A)},
    "Burundian troops reached Uvira, a city in Congo's South Kivu province.":
        {("Uvira", "locatedIn", "Democratic Republic of the Congo", A),
         ("Burundi", "deployedTo", "Democratic Republic of the Congo", A)},
    "Shells hit the eastern Ukrainian city of Kramatorsk overnight.": {("Kramatorsk", "locatedIn", "Ukraine", A)},
    "Delegates from Kigali in Uganda arrived.": set(),
    # a dateline is not a statement of the article
    "NEW DELHI, July 4 (ANI): India hosted the summit of the SCO.": set(),
    "MAPUTO, Aug 2 - Rwandan soldiers landed in the Mozambican capital on Friday.":
        {("Rwanda", "deployedTo", "Mozambique", A)},
}



@pytest.mark.parametrize("text", list(PLACES))
def test_place_finds_exactly(facts, text):
    assert facts(text) == PLACES[text]
