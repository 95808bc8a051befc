"""Office holders on sentences written for these tests, one table a family.

Each case pins the exact set of (subject, predicate, object, status) the sentence gives,
so an extra fact, a wrong holder or a wrong status fails.
"""

from __future__ import annotations

import pytest

A = "asserted"
NATO = "North Atlantic Treaty Organization"

OFFICES = {
    # a title with its country or organisation before it, or "of Y" after the name
    "Georgian Prime Minister Irakli Kobakhidze met investors in Batumi on Monday.":
        {("Irakli Kobakhidze", "headOfGovernmentOf", "Georgia", A)},
    "Polish Foreign Minister Radoslaw Sikorski said the border would stay open.":
        {("Radoslaw Sikorski", "ministerOf", "Poland", A)},
    "NATO Secretary General Mark Rutte visited the headquarters on Tuesday.": {("Mark Rutte", "leaderOf", NATO, A)},
    "Prime Minister of Japan Shigeru Ishiba met the delegation in Tokyo.":
        {("Shigeru Ishiba", "headOfGovernmentOf", "Japan", A)},
    "The guests included Presidents Hakainde Hichilema of Zambia and Lazarus Chakwera of Malawi.":
        {("Hakainde Hichilema", "presidentOf", "Zambia", A), ("Lazarus Chakwera", "presidentOf", "Malawi", A)},
    # a list inherits the title
    "Ghana's President John Mahama, Senegal's Bassirou Diomaye Faye and Togo's Faure Gnassingbé attended the opening of the summit.":
        {("John Mahama", "presidentOf", "Ghana", A), ("Bassirou Diomaye Faye", "presidentOf", "Senegal", A),
         ("Faure Gnassingbé", "presidentOf", "Togo", A)},
    # appositions, either way round
    "Brazil's president, Luiz Inácio Lula da Silva, hosted the meeting in Belém.":
        {("Luiz Inácio Lula da Silva", "presidentOf", "Brazil", A)},
    "Emmanuel Macron, the French president, said Europe must spend more on defence.":
        {("Emmanuel Macron", "presidentOf", "France", A)},
    "Mark Rutte, NATO's secretary general, warned of new threats.": {("Mark Rutte", "leaderOf", NATO, A)},
    "Namibia's first female president, Netumbo Nandi-Ndaitwah, took office on Friday.":
        {("Netumbo Nandi-Ndaitwah", "presidentOf", "Namibia", A)},
    "NATO met in Brussels. The alliance's secretary general, Mark Rutte, spoke first.": {("Mark Rutte", "leaderOf", NATO, A)},
    # coordinated titles share their person
    "Qatar's prime minister and foreign minister, Mohammed Al Thani, said talks had made progress.":
        {("Mohammed Al Thani", "headOfGovernmentOf", "Qatar", A), ("Mohammed Al Thani", "ministerOf", "Qatar", A)},
    # copula and the verbs that confer an office; their negation, hedges and past
    "Gustavo Petro is the president of Colombia, and he spoke in Bogota on Friday.":
        {("Gustavo Petro", "presidentOf", "Colombia", A)},
    "Ulf Kristersson became the Swedish prime minister after the election.":
        {("Ulf Kristersson", "headOfGovernmentOf", "Sweden", A)},
    "Peter Pellegrini was elected president of Slovakia in April.": {("Peter Pellegrini", "presidentOf", "Slovakia", A)},
    "Karol Nawrocki was sworn in as president of Poland on Wednesday.": {("Karol Nawrocki", "presidentOf", "Poland", A)},
    "Friedrich Merz was sworn in as Germany's chancellor on Tuesday.":
        {("Friedrich Merz", "headOfGovernmentOf", "Germany", A)},
    "Gustavo Petro is not the president of Colombia, the satirical site wrote.":
        {("Gustavo Petro", "presidentOf", "Colombia", "negated")},
    "Ulf Kristersson could become the Swedish prime minister after the election.":
        {("Ulf Kristersson", "headOfGovernmentOf", "Sweden", "hedged")},
    "Boris Yeltsin was the president of Russia during the 1990s.": {("Boris Yeltsin", "presidentOf", "Russia", "former")},
    "The Kremlin is the residence of the Russian president, and Moscow is the capital of Russia.":
        {("Moscow", "locatedIn", "Russia", A)},
    # a country from the title's own clause, the clause it reports, or the clause it frames
    "President Kassym-Jomart Tokayev told Kazakh lawmakers that the unrest was over.":
        {("Kassym-Jomart Tokayev", "presidentOf", "Kazakhstan", A)},
    "Turkey will keep its ships in the Aegean, President Recep Tayyip Erdogan said.":
        {("Recep Tayyip Erdogan", "presidentOf", "Turkey", A)},
    "India completed its withdrawal by a deadline set by President Mohamed Muizzu.": set(),
    "Prime Minister Anthony Albanese said that Australia's purchase of submarines under a pact with Britain was historic.":
        {("Anthony Albanese", "headOfGovernmentOf", "Australia", A)},
    "Turkish troops entered northern Syria hours after President Recep Tayyip Erdogan announced an offensive.":
        {("Turkey", "deployedTo", "Syria", A)},
    "DHAKA: PM Sheikh Hasina promised on Monday to rebuild Bangladesh's power grid.":
        {("Sheikh Hasina", "headOfGovernmentOf", "Bangladesh", A)},
    "Ukraine's top diplomat, Andrii Sybiha, said Kyiv expected bolder decisions.": {("Andrii Sybiha", "ministerOf", "Ukraine", A)},
    "Hamas fighters stayed in Lebanon, and the group's leader, Yahya Sinwar, said they would stay.":
        {("Hamas", "deployedTo", "Lebanon", A), ("Yahya Sinwar", "leaderOf", "Hamas", A)},
    # a state noun coordinated with the titled person
    "Modi sent his best wishes to President Masoud Pezeshkian and the Iranian people.":
        {("Masoud Pezeshkian", "presidentOf", "Iran", A)},
    # a title that hangs on another noun by "of" is that noun's ("the press secretary of the President ...")
    "This was announced by the press secretary of the President of the Russian Federation Dmitry Peskov.": set(),
    # "its" read two ways (the subject, the nearest country) is too close to call
    "Russia will seek clarification from Armenia after its Prime Minister Nikol Pashinyan spoke.": set(),
    # a surname after a title takes up the full name the document gave
    "Prime Minister Nikol Pashinyan of Armenia spoke first. Later the Prime Minister of Armenia Pashinyan left.":
        {("Nikol Pashinyan", "headOfGovernmentOf", "Armenia", A)},
    # gapping: "and Y by Prime Minister X"
    "Ghana was represented by Vice President John Dramani, and Togo by Prime Minister Victoire Dogbe.":
        {("Victoire Dogbe", "headOfGovernmentOf", "Togo", A)},
    "Google president Ruth Porat told a US Senate panel that the company would cooperate.": set(),
    # a title that in the holder's country names a civil servant, not a minister
    "India's Foreign Secretary Vikram Misri briefed reporters in New Delhi.": set(),
    "Pakistan's foreign secretary, Asad Majeed Khan, met the Afghan envoy.": set(),
    "Britain's Foreign Secretary David Lammy flew to Kyiv.": {("David Lammy", "ministerOf", "United Kingdom", A)},
    # counterparts take the title of the sentence's titled person
    "Kyrgyzstan's President Sadyr Japarov and his Uzbek counterpart Shavkat Mirziyoyev signed the deal.":
        {("Sadyr Japarov", "presidentOf", "Kyrgyzstan", A), ("Shavkat Mirziyoyev", "presidentOf", "Uzbekistan", A)},
    "President Kassym-Jomart Tokayev phoned his Belarusian counterpart, Alexander Lukashenko, on Monday.":
        {("Alexander Lukashenko", "presidentOf", "Belarus", A)},
    # other offices: deputies, other bodies, past and future holders
    "Nigeria was represented by Vice President Kashim Shettima at the ceremony.": set(),
    "Deputy Foreign Minister Andrei Rudenko met the Chinese delegation in Moscow.": set(),
    "Gerard Larcher was re-elected president of France's Senate on Monday.": set(),
    "Yogi Adityanath was sworn in as chief minister of Uttar Pradesh, India's most populous state.": set(),
    "Among the guests was former Ghanaian president John Kufuor.": {("John Kufuor", "presidentOf", "Ghana", "former")},
    # a verb of ousting ends the office of its object or passive subject, not of the one who acts
    "Pakistani Prime Minister Imran Khan was ousted in a no-confidence vote.":
        {("Imran Khan", "headOfGovernmentOf", "Pakistan", "former")},
    "Sudanese President Omar al-Bashir was toppled in 2019.": {("Omar al-Bashir", "presidentOf", "Sudan", "former")},
    "Israeli Prime Minister Benjamin Netanyahu fired his defence minister on Tuesday.":
        {("Benjamin Netanyahu", "headOfGovernmentOf", "Israel", A)},
    "Tunisian President Kais Saied dismissed the prime minister.": {("Kais Saied", "presidentOf", "Tunisia", A)},
    "Japanese Prime Minister Fumio Kishida resigned in September.":
        {("Fumio Kishida", "headOfGovernmentOf", "Japan", "former")},
    "Mahmoud Ali Youssouf was elected as the next chairperson of the African Union Commission.":
        {("Mahmoud Ali Youssouf", "leaderOf", "African Union", "planned")},
    "The UN's special envoy for Libya, Hanna Tetteh, spoke to reporters.": set(),
    "In Beijing, President Vladimir Putin met the Chinese leader for three hours.": set(),
    # more ways of conferring an office: "re-elected", "took over as" in a relative clause on an apposition
    "Recep Tayyip Erdogan was re-elected president of Turkey on Sunday.": {("Recep Tayyip Erdogan", "presidentOf", "Turkey", A)},
    "Mark Rutte, the former Dutch prime minister who took over as secretary general of NATO, travelled to Kyiv.":
        {("Mark Rutte", "leaderOf", "North Atlantic Treaty Organization", A),
         ("Mark Rutte", "headOfGovernmentOf", "Netherlands", "former")},
    # an organisation's executive body: its head leads the organisation
    "The chairperson of the African Union Commission, Mahmoud Ali Youssouf, welcomed the ceasefire.":
        {("Mahmoud Ali Youssouf", "leaderOf", "African Union", A)},
    "Omar Alieu Touray, who is president of the ECOWAS Commission, lifted the sanctions.":
        {("Omar Alieu Touray", "leaderOf", "Economic Community of West African States", A)},
    # succession: the elected one is not in office yet, the one succeeded still is
    "Mark Rutte was appointed secretary general of NATO and will succeed Jens Stoltenberg in October.":
        {("Mark Rutte", "leaderOf", "North Atlantic Treaty Organization", "planned"),
         ("Jens Stoltenberg", "leaderOf", "North Atlantic Treaty Organization", A)},
    "Leaders elected Mahmoud Ali Youssouf as chairperson of the African Union Commission. He will take over from "
    "Moussa Faki Mahamat in March.": {("Mahmoud Ali Youssouf", "leaderOf", "African Union", "planned")},
    # a caretaker stays in office; an honorific is no part of the name
    "Iraq's caretaker premier Mustafa al-Kadhimi stays on until a new cabinet is approved.":
        {("Mustafa al-Kadhimi", "headOfGovernmentOf", "Iraq", A)},
    "Saudi Foreign Minister Prince Faisal bin Farhan told Washington that the kingdom would not move.":
        {("Faisal bin Farhan", "ministerOf", "Saudi Arabia", A)},
    # a past date in the clause, or a death, makes an office former
    "In 2010, Russian President Dmitry Medvedev signed the treaty in Prague.": {("Dmitry Medvedev", "presidentOf", "Russia", "former")},
    "The move followed the death of Wagner leader Yevgeny Prigozhin.": {("Yevgeny Prigozhin", "leaderOf", "Wagner Group", "former")},
    # the surname takes up the full name
    "Kazakh President Kassym-Jomart Tokayev spoke on Monday. Tokayev said order had been restored.":
        {("Kassym-Jomart Tokayev", "presidentOf", "Kazakhstan", A)},
    # an ordinal in an apposition; a single line break between title and name (a caption)
    "Joe Biden, the 46th President of the United States, spoke on Monday.":
        {("Joe Biden", "presidentOf", "United States", A)},
    "Emmanuel Macron, the 25th French president, spoke on Monday.": {("Emmanuel Macron", "presidentOf", "France", A)},
    "Chile's President\nGabriel Boric arrived in Madrid on Tuesday.": {("Gabriel Boric", "presidentOf", "Chile", A)},
    "Chilean President\n\nGabriel Boric arrived in Madrid on Tuesday.": set(),
    # a simple past stating how long it lasted is a past tenure; a present perfect goes on
    "Angela Merkel served as chancellor of Germany for 16 years.":
        {("Angela Merkel", "headOfGovernmentOf", "Germany", "former")},
    "Jens Stoltenberg, who led NATO for ten years, handed over to his successor.":
        {("Jens Stoltenberg", "leaderOf", NATO, "former")},
    "Jens Stoltenberg, who has led NATO for ten years, spoke in Brussels.": {("Jens Stoltenberg", "leaderOf", NATO, A)},
    # a commander leads a force, not the organisation whose force it is; ranks are no names
    "The attack was condemned, said UN Force Commander Lt. Gen. Aroldo Lazaro.": set(),
    # a country named in passing inside an "of" phrase is not the titled person's
    "President Ruto arrived in Accra to attend celebrations of Ghana's independence.": set(),
    "Prime Minister Pedro Sanchez promised on Monday to rebuild Spain's crumbling railways.":
        {("Pedro Sanchez", "headOfGovernmentOf", "Spain", A)},
    # forms of address before an apposed name; an abbreviation or a headline's words are no name
    "Ministers met the President of Ghana, H.E. Mr. John Dramani Mahama, in Accra.":
        {("John Dramani Mahama", "presidentOf", "Ghana", A)},
    "At the talks with the Indian President, BJP president Nadda spoke of trade.": set(),
    "Lula Meets With French Counterpart, Praises Strong Partnership\nBrazil's President Lula welcomed "
    "French President Emmanuel Macron on Tuesday.":
        {("Lula", "presidentOf", "Brazil", A), ("Emmanuel Macron", "presidentOf", "France", A)},
    # "The Secretary-General and President X": two people, the first named before
    "The UN chief flew to Cairo.\n\nThe Secretary-General and President Sisi discussed the war in Sudan.": set(),
    # a describing adjective between the country and the title; "assume office as"
    "Brazil's left-wing President Lula met Spain's Prime Minister Pedro Sanchez in Madrid.":
        {("Lula", "presidentOf", "Brazil", A), ("Pedro Sanchez", "headOfGovernmentOf", "Spain", A)},
    "Poland's former President Lech Walesa spoke in Gdansk.": {("Lech Walesa", "presidentOf", "Poland", "former")},
    "Rishi Sunak assumed office as the 57th Prime Minister of the United Kingdom in October.":
        {("Rishi Sunak", "headOfGovernmentOf", "United Kingdom", A)},
    # a name the NER took for an organisation, apposed to a title; an organisation's title before the name
    "Omar Alieu Touray, President of the ECOWAS Commission, lifted the sanctions.":
        {("Omar Alieu Touray", "leaderOf", "Economic Community of West African States", A)},
    "On Monday, Secretary General of NATO Mark Rutte spoke in Vilnius.": {("Mark Rutte", "leaderOf", NATO, A)},
    "The head of the UN Refugee Office in Chad, Ana Ruiz, spoke.": set(),
    # an item of a list with a title of its own does not inherit the first title
    "Guests included Chile's President Gabriel Boric and Spain's Prime Minister Pedro Sanchez.":
        {("Gabriel Boric", "presidentOf", "Chile", A), ("Pedro Sanchez", "headOfGovernmentOf", "Spain", A)},
    # the capacity a president acts in names the state; a country already another titled person's is theirs
    "The spokesman said President Recep Tayyip Erdogan, as commander-in-chief of the Turkish armed forces, "
    "had ordered the operation.": {("Recep Tayyip Erdogan", "presidentOf", "Turkey", A)},
    "German Chancellor Olaf Scholz, in Paris on Friday, told President Emmanuel Macron that Berlin would keep "
    "its pledges.": {("Olaf Scholz", "headOfGovernmentOf", "Germany", A)},
    # a capital acting as the state's possessor in the titled person's clause
    "Foreign Minister Elina Valtonen handed Helsinki's ratification papers to the depositary.":
        {("Elina Valtonen", "ministerOf", "Finland", A)},
    # entering the seat of government as the office holder
    "David Cameron returned to Downing Street as prime minister after the vote.": {("David Cameron", "headOfGovernmentOf", "United Kingdom", A)},
    "Rishi Sunak entered Downing Street as a young adviser.": set(),
    # the end of a term: resignation, ouster, killing; the last holder
    "The resignation of Peruvian Prime Minister, Alberto Otarola, opened the way for a new cabinet.":
        {("Alberto Otarola", "headOfGovernmentOf", "Peru", "former")},
    "Niger's last elected president, Mohamed Bazoum, remains in detention.":
        {("Mohamed Bazoum", "presidentOf", "Niger", "former")},
    # a title followed by another person's name is that person's, an item of a list
    "Oman's Sultan Haitham bin Tarik, Qatar's Prime Minister and Foreign Minister Mohammed bin Abdulrahman Al Thani "
    "and others attended.": {("Mohammed bin Abdulrahman Al Thani", "headOfGovernmentOf", "Qatar", A),
                            ("Mohammed bin Abdulrahman Al Thani", "ministerOf", "Qatar", A)},
    "Guests included Kenyan President William Ruto, Nigeria's Vice President and former governor Kashim Shettima "
    "and others.": {("William Ruto", "presidentOf", "Kenya", A)},
    # the title as the subject of a present "be"; "until recently" ends, "until now" does not
    "The new prime minister of Poland is Donald Tusk.": {("Donald Tusk", "headOfGovernmentOf", "Poland", A)},
    "The prime minister of Poland was Mateusz Morawiecki.": set(),
    "Until recently, Mateusz Morawiecki was Poland's prime minister.":
        {("Mateusz Morawiecki", "headOfGovernmentOf", "Poland", "former")},
    "South Korean President Yoon Suk Yeol was impeached by parliament on Saturday.":
        {("Yoon Suk Yeol", "presidentOf", "South Korea", A)},
    "Finland was welcomed into NATO last Tuesday by U.S. Secretary of State Antony Blinken.":
        {("Antony Blinken", "ministerOf", "United States", A), ("Finland", "memberOf", NATO, A)},
    # another person's title words say nothing of this one's; a third party's country in the clause
    "President-elect Lee Jae-myung met President Yoon Suk Yeol as South Korea prepared for the handover.":
        {("Yoon Suk Yeol", "presidentOf", "South Korea", A)},
    "President William Ruto received Ugandan President Yoweri Museveni in Nairobi and said Kenya would reopen "
    "the border.": {("William Ruto", "presidentOf", "Kenya", A), ("Yoweri Museveni", "presidentOf", "Uganda", A)},
    # a stance is no country ("pro-China"); a monarch is no president; forms of address before a name
    "Voters backed the pro-Western President Maia Sandu in the runoff.": set(),
    "Crowds cheered King Charles, who is Canada's head of state, as Mr Carney took the oath.": set(),
    "The Prime Minister of Fiji, Hon. Sitiveni Rabuka, opened the forum.":
        {("Sitiveni Rabuka", "headOfGovernmentOf", "Fiji", A)},
    # a title in apposition to the person before it: the name after it is the next item of a list
    "Guests included Paul Biya, the President of Cameroon, Denis Sassou Nguesso of Congo, and others.":
        {("Paul Biya", "presidentOf", "Cameroon", A)},
    # taking up or holding the post of a title; succeeding someone as the holder
    "Omar Alieu Touray has taken up the post of President of the ECOWAS Commission.":
        {("Omar Alieu Touray", "leaderOf", "Economic Community of West African States", A)},
    "Antonio Guterres replaced Ban Ki-moon as Secretary-General of the United Nations.":
        {("Antonio Guterres", "leaderOf", "United Nations", A)},
    # the subject's apposed name holds the office; a parliament approving a minister
    "Former Kaduna Governor, Nasir El-Rufai, has been sworn in as the President of Nigeria.":
        {("Nasir El-Rufai", "presidentOf", "Nigeria", A)},
    "Moldova's parliament approved Mihai Popsoi as foreign minister.": {("Mihai Popsoi", "ministerOf", "Moldova", A)},
    # the oath of office taken in the one country the sentence names
    "President Bola Tinubu was sworn in at Eagle Square in Abuja on Monday.": {("Bola Tinubu", "presidentOf", "Nigeria", A)},
    "Crowds filled a stadium in the Ghanaian capital to watch President John Mahama take the oath.":
        {("John Mahama", "presidentOf", "Ghana", A)},
    "The opposition leader took the oath as president at the Liberian embassy in Accra.": set(),
    "President Ruto flew to Accra for the ceremony where President John Mahama was sworn in.":
        {("John Mahama", "presidentOf", "Ghana", A)},
}

@pytest.mark.parametrize("text", list(OFFICES))
def test_office_finds_exactly(facts, text):
    assert facts(text) == OFFICES[text]
