"""deployedTo on sentences written for these tests: positives, denials and the theatre rule."""


def test_deploy_force_in_country(asserted):
    found = asserted("French soldiers in Estonia took part in the exercise.")
    assert ("France", "deployedTo", "Estonia") in found


def test_deploy_troops_entered_the_country(asserted):
    found = asserted("Protests spread across Moldova. Romanian troops entered the country on Friday.")
    assert ("Romania", "deployedTo", "Moldova") in found


def test_deploy_sent_peacekeepers(asserted):
    found = asserted("Rwanda sent peacekeepers to Mozambique last year.")
    assert ("Rwanda", "deployedTo", "Mozambique") in found


def test_deploy_denial_is_negated(facts):
    found = facts("The Kremlin denied having troops in Mali.")
    assert ("Russia", "deployedTo", "Mali", "asserted") not in found


def test_deploy_not_sent_is_negated(facts):
    found = facts("Ankara has not sent troops to Niger, officials said.")
    assert not any(p == "deployedTo" and st == "asserted" for s, p, o, st in found)


def test_deploy_could_send_is_hedged(facts):
    found = facts("Poland could send troops to Ukraine, a minister said.")
    assert ("Poland", "deployedTo", "Ukraine", "asserted") not in found


def test_deploy_invasion(asserted):
    found = asserted("Sanctions followed Russia's invasion of Ukraine.", date="2023-01-10")
    assert ("Russia", "deployedTo", "Ukraine") in found


def test_deploy_forces_operating_in_country(asserted):
    found = asserted("Wagner mercenaries have been operating in Mali since 2021.")
    assert ("Wagner Group", "deployedTo", "Mali") in found


def test_deploy_maintains_troops(asserted):
    found = asserted("The United States maintains about 28,000 troops in South Korea.")
    assert ("United States", "deployedTo", "South Korea") in found


def test_deploy_considering_is_hedged(facts):
    found = facts("Japan is considering sending troops to the Philippines.")
    assert ("Japan", "deployedTo", "Philippines", "asserted") not in found


def test_deploy_denial_disputes_the_documents_other_claims(facts):
    text = ("Moscow denied having troops in Libya. Critics put the number of Russian mercenaries in Libya "
            "at about 2,000.")
    found = facts(text)
    assert not any(p == "deployedTo" and o == "Libya" and st == "asserted" for s, p, o, st in found)


def test_deploy_quantity_of_soldiers_stationed(asserted):
    found = asserted("Hundreds of Russian soldiers have been stationed at the Kant air base in Kyrgyzstan since 2003.")
    assert ("Russia", "deployedTo", "Kyrgyzstan") in found
