"""locatedIn on sentences written for these tests."""


def test_location_capital_phrase(asserted):
    found = asserted("Talks opened in the Ethiopian capital, Addis Ababa, on Sunday.")
    assert any(s == "Addis Ababa" and p == "locatedIn" and o == "Ethiopia" for s, p, o in found)


def test_location_city_comma_country(asserted):
    found = asserted("The convoy reached Goma, Democratic Republic of the Congo, at dawn.")
    assert any(s == "Goma" and p == "locatedIn" for s, p, o in found)


def test_location_list_is_not_a_location(asserted):
    found = asserted("Delegations from Moscow, Kazakhstan and Belarus arrived on Monday.")
    assert not any(p == "locatedIn" for s, p, o in found)
