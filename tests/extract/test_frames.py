"""The frame engine on sentences written for these tests, one or more per frame of the lexicon.

Each case pins the exact set of (subject, predicate, object, status) found in its
sentence, so an extra fact, a wrong object or a wrong status fails, and a trap passes
only when the fact is kept with the right status (or, for blocked statements, not at all).
"""

from __future__ import annotations

import pytest

from kgraph.lexicon import load_lexicon

NATO = "North Atlantic Treaty Organization"
EU = "European Union"
SCO = "Shanghai Cooperation Organisation"
CSTO = "Collective Security Treaty Organization"
A = "asserted"


def members(group: str, *countries: str, status: str = A) -> set[tuple[str, str, str, str]]:
    return {(c, "memberOf", group, status) for c in countries}


CASES = {
    # member.composition: "Y consists of / comprises / is made up of / brings together / includes A, B and C"
    "BRICS consists of Brazil, Russia, India, China and South Africa.":
        members("BRICS", "Brazil", "Russia", "India", "China", "South Africa"),
    "The Eurasian Economic Union comprises Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia.":
        members("Eurasian Economic Union", "Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia"),
    "The Gulf Cooperation Council is made up of Bahrain, Kuwait, Oman, Qatar, Saudi Arabia and the United Arab Emirates.":
        members("Gulf Cooperation Council", "Bahrain", "Kuwait", "Oman", "Qatar", "Saudi Arabia", "United Arab Emirates"),
    "The East African Community brings together Kenya, Uganda, Tanzania and Rwanda.":
        members("East African Community", "Kenya", "Uganda", "Tanzania", "Rwanda"),
    "NATO includes Norway as well as Denmark and Iceland.": members(NATO, "Norway", "Denmark", "Iceland"),
    "The Gulf Cooperation Council unites Kuwait, Bahrain and Qatar in a customs union.":
        members("Gulf Cooperation Council", "Kuwait", "Bahrain", "Qatar"),
    "The Southern African Development Community, which groups 16 states including Malawi, Zambia and Namibia, met on Monday.":
        members("Southern African Development Community", "Malawi", "Zambia", "Namibia"),
    "The talks included Russia and China.": set(),
    "The Nordic Council takes in Denmark, Finland, Iceland, Norway and Sweden.":
        members("Nordic Council", "Denmark", "Finland", "Iceland", "Norway", "Sweden"),
    # member.constitution: "A, B and C make up Y", "Y was founded by A, B and C"
    "Japan, India, Australia and the United States make up the Quad.":
        members("Quadrilateral Security Dialogue", "Japan", "India", "Australia", "United States"),
    "Mercosur was founded by Argentina, Brazil, Paraguay and Uruguay in 1991.":
        members("Mercosur", "Argentina", "Brazil", "Paraguay", "Uruguay"),
    # member.parenthesis: "Y (A, B, C)"
    "The Gulf Cooperation Council (Saudi Arabia, Kuwait, Qatar and Oman) met in Riyadh.":
        members("Gulf Cooperation Council", "Saudi Arabia", "Kuwait", "Qatar", "Oman"),
    "NATO (the alliance) met in Brussels.": set(),
    # member.noun: copula, apposition, "one of its members", "Y's members are A and B"
    "Lithuania is a member of the European Union.": members(EU, "Lithuania"),
    "Greece, a NATO member, bought new frigates.": members(NATO, "Greece"),
    "NATO met on Monday. The alliance had not honoured its obligations toward Albania, a member state.":
        members(NATO, "Albania"),
    "The CSTO's members are Russia, Belarus and Armenia.": members(CSTO, "Russia", "Belarus", "Armenia"),
    "Algeria is one of the African Union's 55 member states.": members("African Union", "Algeria"),
    "Switzerland has never been a member of the European Union.": members(EU, "Switzerland", status="negated"),
    "Afghanistan, an observer at the Shanghai Cooperation Organisation, sent its envoy.": set(),
    "Nicaragua is no longer a member of the Organization of American States.":
        members("Organization of American States", "Nicaragua", status="former"),
    "OPEC member Nigeria raised its output.": members("Organization of the Petroleum Exporting Countries", "Nigeria"),
    "The Arab League met in Cairo. Tunisia, another member, sent its foreign minister.": members("Arab League", "Tunisia"),
    # member.accession: only as the subject of its clause, which says how
    "Ethiopia's accession to BRICS was completed in January.": members("BRICS", "Ethiopia"),
    "Finland's NATO membership has changed its security.": members(NATO, "Finland"),
    "Egypt's accession to BRICS took effect in January, alongside that of Ethiopia and Iran.":
        members("BRICS", "Egypt", "Ethiopia", "Iran"),
    "Talks on Georgia's accession to the European Union stalled.": set(),
    "Bulgaria, whose accession to the European Union came in 2007, later adopted the euro.": members(EU, "Bulgaria"),
    # a coordinated clause states its own fact
    "Cuba and Nicaragua turned away from the OAS and now sit together in the Bolivarian Alliance for the Peoples of Our America.":
        members("Bolivarian Alliance for the Peoples of Our America", "Cuba", "Nicaragua"),
    "Portugal has stayed a loyal member of the Atlantic alliance.": members(NATO, "Portugal"),
    # member.join and member.admission
    "Finland joined NATO in April 2023.": members(NATO, "Finland"),
    "Serbia hopes to join the European Union.": members(EU, "Serbia", status="hedged"),
    "Argentina and Ethiopia are set to join BRICS next year.": members("BRICS", "Argentina", "Ethiopia", status="planned"),
    "Bosnia is due to join the Council of Europe.": members("Council of Europe", "Bosnia and Herzegovina", status="planned"),
    "Iran was admitted to the Shanghai Cooperation Organisation as a full member.": members(SCO, "Iran"),
    "The African Union admitted Morocco back into the organisation in 2017.": members("African Union", "Morocco"),
    "Latvia, which joined NATO in 2004, has pledged more aid to Ukraine.": members(NATO, "Latvia"),
    # member.chair: a country that chairs an organisation is a member
    "The Association of Southeast Asian Nations met in Vientiane. Laos, which chairs the bloc this year, set the agenda.":
        members("Association of Southeast Asian Nations", "Laos"),
    "Eritrea was admitted as the African Union's newest member days after it won independence.":
        members("African Union", "Eritrea"),
    # member.chair_noun: so is one that holds its chair or presidency; a presidency of no organisation gives nothing
    "Angola, the African Union's current chair, hosted the summit.": members("African Union", "Angola"),
    "Laos took over the rotating chairmanship of ASEAN in January.": members("Association of Southeast Asian Nations", "Laos"),
    "Brazil, which holds the G20's rotating presidency, hosted the talks.": members("Group of Twenty", "Brazil"),
    "Ukraine hopes to hold the rotating presidency of the European Union one day.":
        members(EU, "Ukraine", status="hedged"),
    "Kenya's presidency said the talks would go on.": set(),
    "Observers praised Chile's record as APEC chair.": members("Asia-Pacific Economic Cooperation", "Chile"),
    "The EU met in Brussels. Poland took over the rotating presidency in January.": members(EU, "Poland"),
    "The G20 met in Rio.\n\nPresident Lula, who chaired the group's summit as Brazil holds the rotating presidency, "
    "spoke first.": members("Group of Twenty", "Brazil"),
    # member.belong
    "Austria belongs to the European Union.": members(EU, "Austria"),
    "Armenia, Belarus and Kazakhstan now sit together in the Eurasian Economic Union.":
        members("Eurasian Economic Union", "Armenia", "Belarus", "Kazakhstan"),
    # a relative pronoun stands for its antecedent
    "Syria returned to the Arab League, which Damascus had left in 2011, and which it formally rejoined in May.":
        members("Arab League", "Syria") | members("Arab League", "Syria", status="former"),
    # member.addition: "(in addition to A and B are C, D ...)" about the organisation just named
    "The Collective Security Treaty Organization was set up by six republics (in addition to Russia and "
    "Kazakhstan are Belarus, Armenia, Tajikistan and Kyrgyzstan).":
        members(CSTO, "Russia", "Kazakhstan", "Belarus", "Armenia", "Tajikistan", "Kyrgyzstan"),
    # deploy.troops: owner on the noun or the holder; place on the noun, its verb or the verb's object
    "Russian troops are stationed in Armenia.": {("Russia", "deployedTo", "Armenia", A)},
    "France has about 1,500 soldiers in Djibouti.": {("France", "deployedTo", "Djibouti", A)},
    "Turkish troops entered northern Syria on Wednesday.": {("Turkey", "deployedTo", "Syria", A)},
    "Rwandan troops arrived in Mozambique's Cabo Delgado province last year.": {("Rwanda", "deployedTo", "Mozambique", A)},
    "A contingent of Rwandan soldiers landed in the Mozambican capital.": {("Rwanda", "deployedTo", "Mozambique", A)},
    "Russia could send troops to Belarus, officials warned.": {("Russia", "deployedTo", "Belarus", "hedged")},
    "Germany denied having troops in Ukraine.": {("Germany", "deployedTo", "Ukraine", "negated")},
    "Spanish troops took part in exercises in Latvia.": set(),
    "Pakistan's army chief had lunch with the US president at the White House.": set(),
    # deploy.base
    "Russia keeps a naval base in Syria.": {("Russia", "deployedTo", "Syria", A)},
    # deploy.send
    "India deployed peacekeepers to South Sudan.": {("India", "deployedTo", "South Sudan", A)},
    "Chad sent 1,000 soldiers to Mali.": {("Chad", "deployedTo", "Mali", A)},
    # deploy.invasion
    "Russia invaded Ukraine in February 2022.": {("Russia", "deployedTo", "Ukraine", A)},
    "The first Dutch soldiers of a new NATO battlegroup reached Slovakia.":
        {("Netherlands", "deployedTo", "Slovakia", A), ("North Atlantic Treaty Organization", "deployedTo", "Slovakia", A)},
    "Nigerian troops crossed into Gambia under an ECOWAS mandate.":
        {("Nigeria", "deployedTo", "Gambia", A), ("Economic Community of West African States", "deployedTo", "Gambia", A)},
    "Turkish troops have been stationed on its soil since 2015, Qatar said.": set(),
    "Japan has had American troops stationed on its soil since 1945.": {("United States", "deployedTo", "Japan", A)},
    "Djibouti, which hosts a French air base, has had Japanese troops stationed on its soil since 2011.":
        {("Japan", "deployedTo", "Djibouti", A), ("France", "deployedTo", "Djibouti", A)},
    # continuation under "will/would" holds now; a departure still to come or under way does not end it
    "Paris said France would keep its soldiers in Chad until the new government asked them to go.":
        {("France", "deployedTo", "Chad", A)},
    "The Russian contingent will stay on in Mali after the others leave.": {("Russia", "deployedTo", "Mali", A)},
    "ECOWAS met on Monday. The bloc's peacekeepers had begun leaving Gambia.":
        {("Economic Community of West African States", "deployedTo", "Gambia", A)},
    "The Belgian troops left Mali in December.": {("Belgium", "deployedTo", "Mali", "former")},
    # owners by a participle's agent; places near a city and in a coordinated phrase
    "Syria hosts military bases run by Russia and Iran.":
        {("Russia", "deployedTo", "Syria", A), ("Iran", "deployedTo", "Syria", A)},
    "South African soldiers were killed near Goma on Sunday.": {("South Africa", "deployedTo", "Democratic Republic of the Congo", A)},
    "Russian troops remain at the airfield and the naval facility in Latakia.": {("Russia", "deployedTo", "Syria", A)},
    "Parliament voted to end the presence of French troops in Niger.": {("France", "deployedTo", "Niger", A)},
    # a capitalised "Group" or "Force" is part of a name, no anaphor
    "The UN Security Council met. Police units drawn from the Rapid Deployment Force and Special Operations Group "
    "arrived in Haiti.": set(),
    # a denied accusation, and a sentence under "..., it alleged"
    "Rwanda has denied accusations that it has sent troops into Congo's North Kivu province.":
        {("Rwanda", "deployedTo", "Democratic Republic of the Congo", "negated")},
    "Ugandan troops crossed into South Sudan on Monday, the report alleged.":
        {("Uganda", "deployedTo", "South Sudan", "hedged")},
    # deploy.operates: an armed group or a mission where it stays or operates
    "Wagner is leaving Mali, but the Africa Corps will stay on in the country.":
        {("Africa Corps", "deployedTo", "Mali", A)},
    "Wagner is leaving Mali, but Russia's Africa Corps, run from Moscow, will stay on in the country.":
        {("Africa Corps", "deployedTo", "Mali", A), ("Russia", "deployedTo", "Mali", A)},
    # a place anywhere in the soldiers' own clause; hearsay in the passive hedges
    "Three Kenyan soldiers were killed in fighting with rebels near Goma on Sunday.":
        {("Kenya", "deployedTo", "Democratic Republic of the Congo", A)},
    "Russian soldiers are reported to be operating from a base in Libya.":
        {("Russia", "deployedTo", "Libya", "hedged")},
    # deploy.presence
    "The US military presence in Iraq has come under attack.": {("United States", "deployedTo", "Iraq", A)},
    # deploy.held and invasion-like nouns
    "Inspectors entered the Russian-held nuclear plant in southern Ukraine.": {("Russia", "deployedTo", "Ukraine", A)},
    "Minsk denied that its soldiers had a role in Russia's offensive in Ukraine.":
        {("Belarus", "deployedTo", "Ukraine", "negated"), ("Russia", "deployedTo", "Ukraine", A)},
    # a departure ends a deployment; a date is no name for what follows it
    "Belgium pulled its troops out of Mali on Friday, Niger.": {("Belgium", "deployedTo", "Mali", "former")},
    "Russia took its troops out of Syria in December.": {("Russia", "deployedTo", "Syria", "former")},
    # office.heads_government and office.heads_organisation
    "Keir Starmer, who heads Britain's Labour government, spoke in London.":
        {("Keir Starmer", "headOfGovernmentOf", "United Kingdom", A)},
    "Tedros Adhanom Ghebreyesus, who heads the World Health Organization, warned of a new outbreak.":
        {("Tedros Adhanom Ghebreyesus", "leaderOf", "World Health Organization", A)},
    "The International Monetary Fund is headed by Kristalina Georgieva.":
        {("Kristalina Georgieva", "leaderOf", "International Monetary Fund", A)},
    # further phrasings of each family
    "Montenegro formally joined NATO in June 2017, becoming its 29th member.": members(NATO, "Montenegro"),
    "Egypt was admitted as a full member of BRICS at the start of the year.": members("BRICS", "Egypt"),
    "Hungary, a NATO member, has kept close ties with Moscow.": members(NATO, "Hungary"),
    "Switzerland will not join NATO, the defence minister said.": members(NATO, "Switzerland", status="negated"),
    "Mongolia remains an observer of the Shanghai Cooperation Organisation.": set(),
    "The treaty was signed by five republics led by Moscow (in addition to Russia are Belarus, Kazakhstan, "
    "Kyrgyzstan and Armenia) and created the Eurasian Economic Union.": set(),
    "The Gulf Cooperation Council met in Riyadh. The bloc's six members, Saudi Arabia, Kuwait, Bahrain, Qatar, Oman "
    "and the United Arab Emirates, sent their foreign ministers.":
        members("Gulf Cooperation Council", "Saudi Arabia", "Kuwait", "Bahrain", "Qatar", "Oman", "United Arab Emirates"),
    "Moldova is not a member of NATO.": members(NATO, "Moldova", status="negated"),
    "Finland and Sweden applied to join NATO in May 2022.": members(NATO, "Finland", "Sweden", status="hedged"),
    "Ethiopia and Iran became members of BRICS at the start of 2024.": members("BRICS", "Ethiopia", "Iran"),
    "NATO troops trained alongside Moldova and Georgia last summer.": set(),
    "The Gulf Cooperation Council met on Monday. Alongside Saudi Arabia, the bloc groups Kuwait, Bahrain, Qatar, Oman "
    "and the United Arab Emirates.":
        members("Gulf Cooperation Council", "Saudi Arabia", "Kuwait", "Bahrain", "Qatar", "Oman", "United Arab Emirates"),
    "Turkey, which joined NATO in 1952, has the alliance's second-largest army.": members(NATO, "Turkey"),
    "India is a founding member of the Non-Aligned Movement and a member of the G20.":
        members("Group of Twenty", "India") | members("Non-Aligned Movement", "India"),
    "French soldiers in Estonia took part in the exercise.": {("France", "deployedTo", "Estonia", A)},
    "Protests spread across Moldova. Romanian troops entered the country on Friday.": {("Romania", "deployedTo", "Moldova", A)},
    "Rwanda sent peacekeepers to Mozambique last year.": {("Rwanda", "deployedTo", "Mozambique", A)},
    "The Kremlin denied having troops in Mali.": {("Russia", "deployedTo", "Mali", "negated")},
    "Ankara has not sent troops to Niger, officials said.": {("Turkey", "deployedTo", "Niger", "negated")},
    "Sanctions followed Russia's invasion of Ukraine.": {("Russia", "deployedTo", "Ukraine", A)},
    "Wagner mercenaries have been operating in Mali since 2021.": {("Wagner Group", "deployedTo", "Mali", A)},
    "The United States maintains about 28,000 troops in South Korea.": {("United States", "deployedTo", "South Korea", A)},
    "Japan is considering sending troops to the Philippines.": {("Japan", "deployedTo", "Philippines", "hedged")},
    "Moscow denied having troops in Libya. Critics put the number of Russian mercenaries in Libya at about 2,000.":
        {("Russia", "deployedTo", "Libya", "negated"), ("Russia", "deployedTo", "Libya", "disputed")},
    "Hundreds of Russian soldiers have been stationed at the Kant air base in Kyrgyzstan since 2003.":
        {("Russia", "deployedTo", "Kyrgyzstan", A)},
    "The number of German soldiers in Lithuania keeps rising.": {("Germany", "deployedTo", "Lithuania", A)},
    "Georgia has 1,500 troops serving with the International Security Assistance Force in Afghanistan.":
        {("Georgia", "deployedTo", "Afghanistan", A)},
    "Russia invaded its neighbour Ukraine in 2022.": {("Russia", "deployedTo", "Ukraine", A)},
    "Kenyan police officers joined a UN-backed mission in Haiti.": {("Kenya", "deployedTo", "Haiti", A)},
    "The African Union met in Addis Ababa. Among the member states barred from the summit were Mali and Niger, "
    "all suspended by the bloc.": members("African Union", "Mali", "Niger", status="former"),
    # a state compared with the subject ("like") does what the subject does; "unlike" compares nothing
    "Haiti, which like Jamaica belongs to the Caribbean Community, asked for help.":
        members("Caribbean Community", "Haiti", "Jamaica"),
    "Like Finland, Sweden joined NATO after decades of non-alignment.": members(NATO, "Sweden", "Finland"),
    "Unlike Norway, Denmark is a member of the European Union.": members(EU, "Denmark"),
    "Like his predecessor Boris Johnson, Rishi Sunak heads the Conservative party.": set(),
    # a group noun that names its members by example
    "Countries like Hungary and Slovakia joined the EU in 2004.": members(EU, "Hungary", "Slovakia"),
    "Several countries, including Hungary and Slovakia, joined the EU in 2004.": members(EU, "Hungary", "Slovakia"),
    "Countries such as Ukraine hope to join NATO.": members(NATO, "Ukraine", status="hedged"),
    # verbs of refusal negate what they govern; a fact in an aside keeps its own status
    "Nations such as Norway have refused to join the EU.": members(EU, "Norway", status="negated"),
    "Iceland declined to join the European Union.": members(EU, "Iceland", status="negated"),
    "Poland, a NATO member, refused to send troops to Ukraine.":
        members(NATO, "Poland") | {("Poland", "deployedTo", "Ukraine", "negated")},
    "Turkey, which has troops in Syria, declined to comment.": {("Turkey", "deployedTo", "Syria", A)},
    # "there" stands for the place named last; nothing when that place was no place phrase
    "Russia intervened in Syria in 2015, and its forces remain there.": {("Russia", "deployedTo", "Syria", A)},
    "Britain keeps a garrison in Cyprus, and 2,500 of its troops are based there.":
        {("United Kingdom", "deployedTo", "Cyprus", A)},
    "French troops left Mali last year; Russian mercenaries remain there.": {("France", "deployedTo", "Mali", "former")},
    # a dated join with no object joined what the sentence or paragraph is about; "follow" repeats
    # the relation stated before it in the sentence, for another subject
    "Mercosur was founded by Argentina, Brazil, Paraguay and Uruguay; Bolivia joined in 2024.":
        members("Mercosur", "Argentina", "Brazil", "Paraguay", "Uruguay", "Bolivia"),
    "The EU met in Brussels. Croatia joined in 2013, and Bulgaria and Romania followed in 2007.":
        members(EU, "Croatia", "Bulgaria", "Romania"),
    "Chad sent troops to Mali; Niger followed suit a year later.":
        {("Chad", "deployedTo", "Mali", A), ("Niger", "deployedTo", "Mali", A)},
    "Estonia joined NATO in 2004. Latvia followed the debate closely.": members(NATO, "Estonia"),
    "Estonia joined NATO in 2004, and protests followed in Moscow.": members(NATO, "Estonia"),
    # "they" stands for every item of the list it takes up
    "Bulgaria and Romania applied together. They joined the EU in 2007.": members(EU, "Bulgaria", "Romania"),
    # a membership to come: the passive's agent, "look forward to", verbs of decision
    "BRICS will be joined by new members Egypt and Ethiopia in January.":
        members("BRICS", "Egypt", "Ethiopia", status="planned"),
    "Ministers said they looked forward to welcoming Ukraine as an EU member as soon as possible.":
        members(EU, "Ukraine", status="planned"),
    "Germany has decided to send 300 more troops to Lithuania.": {("Germany", "deployedTo", "Lithuania", "planned")},
    # a list ends where a group of its own begins; "OPEC+" is not OPEC
    "OPEC members Kuwait and Iraq, and fellow Gulf states Oman and Bahrain, have cut output.":
        members("Organization of the Petroleum Exporting Countries", "Kuwait", "Iraq"),
    "OPEC met in Vienna.\n\nOpec+ members Russia and Kazakhstan agreed to cut output.": set(),
    # "the country's" acting takes up the country named as an actor, not the last place named
    "Prime Minister Hun Sen said Cambodia would send troops to Mali. He added that the country's soldiers are "
    "already present in Lebanon.": {("Hun Sen", "headOfGovernmentOf", "Cambodia", A),
                                    ("Cambodia", "deployedTo", "Mali", "hedged"), ("Cambodia", "deployedTo", "Lebanon", A)},
    "Protests spread across Moldova. Romanian troops entered the country on Friday.": {("Romania", "deployedTo", "Moldova", A)},
    # an indefinite noun names no entity
    "Kazakhstan hosted the summit. We would welcome any country that shares our values to join the SCO.": set(),
    "Vietnam will send troops to the Central African nation of Chad, Prime Minister Pham Minh Chinh said. He added "
    "that the country's soldiers are already serving in South Sudan.":
        {("Pham Minh Chinh", "headOfGovernmentOf", "Vietnam", A), ("Vietnam", "deployedTo", "South Sudan", A)},
    "OPEC met in Vienna (Opec). The quotas were cut for five of the 23 Opec+ member countries: Russia, Oman and Brunei.":
        set(),
    # member.grouping: an organisation described as a group of the states it lists
    "Mercosur is a trade bloc of Argentina, Brazil, Paraguay and Uruguay.":
        members("Mercosur", "Argentina", "Brazil", "Paraguay", "Uruguay"),
    "AUKUS, a security pact of Australia, Britain and the United States, was signed in 2021.":
        members("AUKUS", "Australia", "United Kingdom", "United States"),
    "NATO is an alliance of 32 countries.": set(),
    "A coalition of Saudi Arabia and the United Arab Emirates attacked Yemen.": set(),
    # member.exit and member.expulsion: the membership was, and is no longer
    "Britain left the European Union in 2020.": members(EU, "United Kingdom", status="former"),
    "Niger, Mali and Burkina Faso announced their withdrawal from the Economic Community of West African States.":
        members("Economic Community of West African States", "Niger", "Mali", "Burkina Faso", status="former"),
    "Russia was expelled from the Council of Europe in 2022.": members("Council of Europe", "Russia", status="former"),
    "The African Union suspended Guinea after the coup.": members("African Union", "Guinea", status="former"),
    "Wagner is leaving Mali.": set(),
    # the latest deployment's place carries over to other forces only from a deployment, not an invasion
    "Russia's invasion of Ukraine changed Europe. The 200 Dutch troops will form a new battalion.":
        {("Russia", "deployedTo", "Ukraine", A)},
    "Norway sent 200 troops to Lithuania in May. The Norwegian troops will form a new battalion.":
        {("Norway", "deployedTo", "Lithuania", A)},
    # admission acts on its object or passive subject, never on the one who welcomes
    "EU and Georgian officials welcomed the delegation.": set(),
    "NATO welcomed Sweden as its 32nd member.": members(NATO, "Sweden"),
    # "did not deny" neither states nor denies; a relative after "and" takes up the name before it
    "The minister did not deny that Eritrean troops were in Tigray, Ethiopia.":
        {("Eritrea", "deployedTo", "Ethiopia", "hedged")},
    "Morocco returned to the African Union, which Rabat had left in 1984, and which it rejoined in 2017.":
        members("African Union", "Morocco") | members("African Union", "Morocco", status="former"),
    # joining people is no membership of the organisation named before
    "Chad will send 600 soldiers to an African Union mission in Somalia. They will join about 9,000 peacekeepers "
    "from Kenya and Ethiopia.": {("African Union", "deployedTo", "Somalia", A)},
    # "until now" lasts to the present; "until recently" ended; a future "until" ends nothing yet
    "Mercosur until now comprised Brazil, Argentina, Paraguay and Uruguay.":
        members("Mercosur", "Brazil", "Argentina", "Paraguay", "Uruguay"),
    "Until recently, Indonesia was a member of OPEC.":
        members("Organization of the Petroleum Exporting Countries", "Indonesia", status="former"),
    "Rwandan troops in Mozambique would stay in their positions until a decision on the mandate.":
        {("Rwanda", "deployedTo", "Mozambique", A)},
    # a two-word trigger noun ("battle groups")
    "Two NATO battle groups are stationed in Romania and Bulgaria.":
        {("North Atlantic Treaty Organization", "deployedTo", "Romania", A),
         ("North Atlantic Treaty Organization", "deployedTo", "Bulgaria", A)},
    # a stance named after a country ("pro-Russian") is no force of that country
    "Pro-Russian separatists in eastern Ukraine shelled the town.": set(),
    # troops the parser makes a clause subject of a departure have left
    "Canada said that all of its soldiers deployed in Latvia since 2017 have now left the country.":
        {("Canada", "deployedTo", "Latvia", "former")},
    # however the parser cuts the clause, forces that have left are no longer deployed
    "Belgium said on Monday that all of its troops fighting jihadists in Niger since 2018 have now left the country.":
        {("Belgium", "deployedTo", "Niger", "former")},
    "French troops remain in Chad and have not left.": {("France", "deployedTo", "Chad", A)},
    # a headline's infinitive is a plan
    "Ghana to send 140 peacekeepers to Mali": {("Ghana", "deployedTo", "Mali", "planned")},
    # the states a new member joins in an organisation are its members
    "Ecuador joins Peru, Colombia and Bolivia in the Andean Community.":
        members("Andean Community", "Ecuador", "Peru", "Colombia", "Bolivia"),
    # contributors named where the troops come from; forces another actor will join are there already
    "The UN mission has 12,000 troops in South Sudan. The troops come from Rwanda, Nepal and India.":
        {("United Nations", "deployedTo", "South Sudan", A), ("Rwanda", "deployedTo", "South Sudan", A),
         ("Nepal", "deployedTo", "South Sudan", A), ("India", "deployedTo", "South Sudan", A)},
    "Benin will send troops to Haiti, where they will join Kenyan police officers in Haiti.":
        {("Benin", "deployedTo", "Haiti", "planned"), ("Kenya", "deployedTo", "Haiti", A)},
    # forces to be expelled or withdrawn later are there now
    "Mali will expel the French troops stationed in Mali by the end of the year.": {("France", "deployedTo", "Mali", A)},
    # ending what the object names; handing bases back; a body based somewhere is no force deployed there
    "The ceremony formally closes the presence of Danish forces in Mali.": {("Denmark", "deployedTo", "Mali", "former")},
    "Russian troops closed the road in Ukraine.": {("Russia", "deployedTo", "Ukraine", A)},
    "Britain handed back its last military base in Libya on Monday.": {("United Kingdom", "deployedTo", "Libya", "former")},
    "The tribunal, an international body based in the Netherlands, issued a ruling.": set(),
    # office.at_helm: the subject of a clause that puts it at an organisation's helm or head
    "Ngozi Okonjo-Iweala, who is at the helm of the World Trade Organization, spoke in Geneva.":
        {("Ngozi Okonjo-Iweala", "leaderOf", "World Trade Organization", A)},
    "Kristalina Georgieva remains at the head of the International Monetary Fund.":
        {("Kristalina Georgieva", "leaderOf", "International Monetary Fund", A)},
    "Lula met the head of the International Monetary Fund in Brasilia.": set(),
    # a place told by a clause of the same incident; contributors given as "most of them from"
    "A Fijian peacekeeper was killed when his patrol came under fire in southern Lebanon on Sunday.":
        {("Fiji", "deployedTo", "Lebanon", A)},
    "The regional force in Somalia has about 3,000 troops in Jubaland, most of them from Kenya and Ethiopia.":
        {("Kenya", "deployedTo", "Somalia", A), ("Ethiopia", "deployedTo", "Somalia", A)},
    # "their" after a subject that is no entity is that subject's, not the last state named
    "France has 1,000 troops in Chad.\n\nThe soldiers were flown to other bases in Niger or went home after completing their "
    "missions.": {("France", "deployedTo", "Chad", A)},
}


@pytest.mark.parametrize("text", list(CASES))
def test_frame_finds_exactly(facts, text):
    assert facts(text) == CASES[text]


def test_lexicon_every_frame_is_exercised_by_a_test_sentence(nlp):
    """Each frame of the lexicon fires on at least one sentence above (no dead entries)."""
    from kgraph.extract.arguments import Arguments  # noqa: F401  (the engine the frames run in)
    from kgraph.extract.context import DocContext
    from kgraph.extract.frames import _triggers_at

    lexicon = load_lexicon()
    fired: set[str] = set()
    for doc in nlp.pipe(CASES):
        for sent in DocContext(doc).doc.sents:
            for tok in sent:
                fired |= {frame.id for frame, _ in _triggers_at(lexicon, tok, sent)}
    assert {f.id for f in lexicon.frames} - fired == set()


def test_frame_keeps_an_organisation_the_reference_data_lacks_as_an_unlinked_node(nlp):
    """The NER's organisation in the object slot becomes a node without QID, marked unlinked."""
    from kgraph.engine.run import annotate_documents
    from kgraph.types import Document

    [result] = annotate_documents(nlp, [Document(id="u", text="Slovakia is a member of the Central European Defence "
                                                             "Cooperation.", date="2024-06-01")])
    [rel] = result.relations
    assert (rel.subject.label, rel.predicate, rel.object.label, rel.status) == (
        "Slovakia", "memberOf", "Central European Defence Cooperation", "asserted")
    assert rel.object.unlinked and rel.object.wikidata is None and rel.object.type == "Organization"
    assert not rel.subject.unlinked and rel.subject.wikidata == "Q214"
