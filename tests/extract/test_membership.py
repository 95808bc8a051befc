"""memberOf on sentences written for these tests: positives and the traps around them."""


def test_member_join_verb(asserted):
    found = asserted("Montenegro formally joined NATO in June 2017, becoming its 29th member.")
    assert ("Montenegro", "memberOf", "North Atlantic Treaty Organization") in found


def test_member_admitted_as_full_member(asserted):
    found = asserted("Egypt was admitted as a full member of BRICS at the start of the year.")
    assert ("Egypt", "memberOf", "BRICS") in found


def test_member_enumeration_after_group_verb(asserted):
    found = asserted("The Eurasian Economic Union groups Russia, Belarus, Kazakhstan, Kyrgyzstan and Armenia.")
    members = {s for s, p, o in found if p == "memberOf"}
    assert members == {"Russia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Armenia"}


def test_member_apposition(asserted):
    found = asserted("Hungary, a NATO member, has kept close ties with Moscow.")
    assert ("Hungary", "memberOf", "North Atlantic Treaty Organization") in found


def test_member_hope_to_join_is_not_asserted(asserted):
    found = asserted("Serbia hopes to join the European Union by the end of the decade.")
    assert not any(p == "memberOf" for s, p, o in found)


def test_member_negated_join_is_not_asserted(facts):
    found = facts("Switzerland will not join NATO, the defence minister said.")
    assert not any(p == "memberOf" and st == "asserted" for s, p, o, st in found)


def test_member_observer_is_not_member(asserted):
    found = asserted("Mongolia remains an observer of the Shanghai Cooperation Organisation.")
    assert not any(p == "memberOf" for s, p, o in found)


def test_member_capital_is_not_a_member(asserted):
    text = ("The treaty was signed by five republics led by Moscow (in addition to Russia are Belarus, "
            "Kazakhstan, Kyrgyzstan and Armenia) and created the Eurasian Economic Union.")
    found = asserted(text)
    assert not any(s == "Moscow" for s, p, o in found)


def test_member_list_after_members_noun(asserted):
    text = ("The Gulf Cooperation Council met in Riyadh. The bloc's six members, Saudi Arabia, Kuwait, "
            "Bahrain, Qatar, Oman and the United Arab Emirates, sent their foreign ministers.")
    members = {s for s, p, o in asserted(text) if p == "memberOf"}
    assert members == {"Saudi Arabia", "Kuwait", "Bahrain", "Qatar", "Oman", "United Arab Emirates"}


def test_member_not_a_member_is_negated(asserted):
    assert not any(p == "memberOf" for s, p, o in asserted("Moldova is not a member of NATO."))


def test_member_applied_to_join_is_not_asserted(asserted):
    assert not any(p == "memberOf" for s, p, o in asserted("Finland and Sweden applied to join NATO in May 2022."))


def test_member_became_members(asserted):
    found = asserted("Ethiopia and Iran became members of BRICS at the start of 2024.")
    assert {s for s, p, o in found if p == "memberOf"} == {"Ethiopia", "Iran"}


def test_member_alongside_without_membership_cue_is_no_membership(asserted):
    found = asserted("NATO troops trained alongside Moldova and Georgia last summer.")
    assert not any(p == "memberOf" for s, p, o in found)


def test_member_alongside_joins_the_enumeration(asserted):
    found = asserted("The Gulf Cooperation Council met on Monday. Alongside Saudi Arabia, the bloc groups Kuwait, Bahrain, Qatar, Oman and the United Arab Emirates.")
    assert ("Saudi Arabia", "memberOf", "Gulf Cooperation Council") in found


def test_member_relative_clause(asserted):
    found = asserted("Turkey, which joined NATO in 1952, has the alliance's second-largest army.")
    assert ("Turkey", "memberOf", "North Atlantic Treaty Organization") in found


def test_member_coordinated_member_nouns(asserted):
    found = asserted("India is a founding member of the Non-Aligned Movement and a member of the G20.")
    assert ("India", "memberOf", "Group of Twenty") in found
