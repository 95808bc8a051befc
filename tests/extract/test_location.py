"""locatedIn on sentences written for these tests."""


def test_location_capital_phrase(asserted):
    found = asserted("Talks opened in the Ethiopian capital, Addis Ababa, on Sunday.")
    assert ("Addis Ababa", "locatedIn", "Ethiopia") in found


def test_location_city_comma_country(asserted):
    found = asserted("The convoy reached Goma, Democratic Republic of the Congo, at dawn.")
    assert ("Goma", "locatedIn", "Democratic Republic of the Congo") in found


def test_location_list_is_not_a_location(asserted):
    found = asserted("Delegations from Moscow, Kazakhstan and Belarus arrived on Monday.")
    assert not any(p == "locatedIn" for s, p, o in found)


def test_location_city_the_capital_of_country(asserted):
    found = asserted("Leaders met in Minsk, the capital of Belarus, for the summit.")
    assert ("Minsk", "locatedIn", "Belarus") in found


def test_location_city_apposed_capital_at_sentence_start_is_not_a_dateline(asserted):
    found = asserted("Talks ended on Monday.\n\nBishkek, Kyrgyzstan's capital, hosted the talks.")
    assert ("Bishkek", "locatedIn", "Kyrgyzstan") in found


def test_location_dateline_is_not_a_statement(asserted):
    found = asserted("NEW DELHI, July 4 (ANI): India hosted the summit of the SCO.")
    assert not any(p == "locatedIn" for s, p, o in found)
