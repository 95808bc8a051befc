"""Office holders on sentences written for these tests."""


def test_office_country_adjective_before_title(asserted):
    found = asserted("Georgian Prime Minister Irakli Kobakhidze met investors in Batumi on Monday.")
    assert ("Irakli Kobakhidze", "headOfGovernmentOf", "Georgia") in found


def test_office_possessive_country_and_list_inherits_title(asserted):
    text = ("Ghana's President John Mahama, Senegal's Bassirou Diomaye Faye and Togo's Faure Gnassingbé "
            "attended the opening of the summit.")
    found = asserted(text)
    assert ("John Mahama", "presidentOf", "Ghana") in found
    assert ("Bassirou Diomaye Faye", "presidentOf", "Senegal") in found


def test_office_plural_title_with_of_country(asserted):
    found = asserted("The guests included Presidents Hakainde Hichilema of Zambia and Lazarus Chakwera of Malawi.")
    assert ("Hakainde Hichilema", "presidentOf", "Zambia") in found
    assert ("Lazarus Chakwera", "presidentOf", "Malawi") in found


def test_office_minister_with_portfolio(asserted):
    found = asserted("Polish Foreign Minister Radoslaw Sikorski said the border would stay open.")
    assert ("Radoslaw Sikorski", "ministerOf", "Poland") in found


def test_office_secretary_general_of_alliance(asserted):
    found = asserted("NATO Secretary General Mark Rutte visited the headquarters on Tuesday.")
    assert ("Mark Rutte", "leaderOf", "North Atlantic Treaty Organization") in found


def test_office_surname_resolves_to_full_name(facts):
    found = facts("Kazakh President Kassym-Jomart Tokayev spoke on Monday. Tokayev said order had been restored.")
    people = {s for s, p, o, st in found if p == "presidentOf"}
    assert people == {"Kassym-Jomart Tokayev"}


def test_office_vice_president_is_not_president(asserted):
    found = asserted("Nigeria was represented by Vice President Kashim Shettima at the ceremony.")
    assert not any(p == "presidentOf" for s, p, o in found)


def test_office_former_holder_is_not_current(facts):
    found = facts("Among the guests was former Ghanaian president John Kufuor.")
    assert ("John Kufuor", "presidentOf", "Ghana", "asserted") not in found
    assert ("John Kufuor", "presidentOf", "Ghana", "former") in found


def test_office_deputy_minister_is_not_minister(asserted):
    found = asserted("Deputy Foreign Minister Andrei Rudenko met the Chinese delegation in Moscow.")
    assert not any(p == "ministerOf" for s, p, o in found)


def test_office_title_then_comma_name(asserted):
    found = asserted("Brazil's president, Luiz Inácio Lula da Silva, hosted the meeting in Belém.")
    assert ("Luiz Inácio Lula da Silva", "presidentOf", "Brazil") in found


def test_office_person_then_apposed_title(asserted):
    found = asserted("Emmanuel Macron, the French president, said Europe must spend more on defence.")
    assert ("Emmanuel Macron", "presidentOf", "France") in found


def test_office_title_of_country_then_name(asserted):
    found = asserted("Prime Minister of Japan Shigeru Ishiba met the delegation in Tokyo.")
    assert ("Shigeru Ishiba", "headOfGovernmentOf", "Japan") in found


def test_office_leader_by_apposition(asserted):
    found = asserted("Mark Rutte, NATO's secretary general, warned of new threats.")
    assert ("Mark Rutte", "leaderOf", "North Atlantic Treaty Organization") in found


def test_office_head_of_a_sub_office_is_not_the_organisations_leader(asserted):
    found = asserted("The head of the UN Integrated Office in Libya, Hanna Tetteh, briefed reporters.")
    assert not any(p == "leaderOf" for s, p, o in found)


def test_office_holder_who_resigned_is_former(facts):
    found = facts("Japanese Prime Minister Fumio Kishida resigned in September.")
    assert ("Fumio Kishida", "headOfGovernmentOf", "Japan", "former") in found
    assert ("Fumio Kishida", "headOfGovernmentOf", "Japan", "asserted") not in found


def test_office_counterpart_takes_the_title(asserted):
    found = asserted("Kyrgyzstan's President Sadyr Japarov and his Uzbek counterpart Shavkat Mirziyoyev signed the deal.")
    assert ("Shavkat Mirziyoyev", "presidentOf", "Uzbekistan") in found


def test_office_leader_noun_as_object_is_someone_else(asserted):
    found = asserted("In Beijing, President Vladimir Putin met the Chinese leader for three hours.")
    assert ("Vladimir Putin", "presidentOf", "China") not in found


def test_office_as_complement_of_be_become_or_elect(asserted):
    assert ("Gustavo Petro", "presidentOf", "Colombia") in asserted(
        "Gustavo Petro is the president of Colombia, and he spoke in Bogota on Friday.")
    assert ("Ulf Kristersson", "headOfGovernmentOf", "Sweden") in asserted(
        "Ulf Kristersson became the Swedish prime minister after the election.")
    assert ("Peter Pellegrini", "presidentOf", "Slovakia") in asserted(
        "Peter Pellegrini was elected president of Slovakia in April.")


def test_office_complement_keeps_negation_hedges_and_the_past(facts):
    assert ("Gustavo Petro", "presidentOf", "Colombia", "negated") in facts(
        "Gustavo Petro is not the president of Colombia, the satirical site wrote.")
    assert ("Ulf Kristersson", "headOfGovernmentOf", "Sweden", "hedged") in facts(
        "Ulf Kristersson could become the Swedish prime minister after the election.")
    assert ("Boris Yeltsin", "presidentOf", "Russia", "former") in facts(
        "Boris Yeltsin was the president of Russia during the 1990s.")


def test_office_complement_needs_a_person_as_subject(facts):
    found = facts("The Kremlin is the residence of the Russian president, and Moscow is the capital of Russia.")
    assert not {f for f in found if f[1] == "presidentOf"}
