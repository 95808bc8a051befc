"""Write N synthetic news articles as JSONL for the benchmarks.

Usage:
    python benchmarks/corpus.py N OUT.jsonl [--seed 7]

The articles mix what a general news archive holds: about half are foreign-affairs
reports built from templates over kgraph's reference data (offices with invented
office-holders, memberships, deployments, denials, capitals) with background
paragraphs between the facts; the rest are domestic, business, weather and sport
stories that name no country or organisation of the reference data. Every sentence
was written for this generator; none comes from the evaluation set.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from kgraph.reference.tables import load_reference

FIRST = ["Amara", "Bolat", "Carmen", "Dmitri", "Elif", "Farid", "Greta", "Hamid", "Ines", "Jonas", "Kemal",
         "Leila", "Marek", "Nadia", "Oskar", "Priya", "Rustam", "Sofia", "Tomas", "Ulla", "Viktor", "Yasmin", "Zoran"]
LAST = ["Abenov", "Brandt", "Castellano", "Darvish", "Eriksen", "Fofana", "Grigoryan", "Halloran", "Ivanescu",
        "Jovanic", "Kaldor", "Lindqvist", "Moreau", "Nurlanov", "Okonkwo", "Petrosyan", "Quintero", "Rahimov",
        "Sandoval", "Tamberg", "Usmanov", "Valdes", "Wendt", "Yilmaz", "Zeller"]
TOWNS = ["Millbrook", "Harwick", "Oakridge", "Stenford", "Ashcombe", "Larkfield", "Brightwater", "Eastmere"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ALLIANCES = ["Collective Security Treaty Organization", "NATO", "European Union", "African Union", "ASEAN",
             "Shanghai Cooperation Organisation", "BRICS", "Commonwealth of Independent States", "Arab League"]

FACT_TEMPLATES = [
    "{adj} President {p1} met {adj2} Prime Minister {p2} in {cap2} on {day}. The two leaders discussed trade, "
    "energy and the security of the region, according to a statement released after the talks.",
    "{country} joined the {org} in {year}, and officials in {cap} said on {day} that membership had brought "
    "new investment. The {org} groups {c2}, {c3}, {c4} and {country} among others.",
    "{country} sent {n} troops to {country2} last week at the request of the government, the defence ministry "
    "said. The soldiers will guard airports and power stations for at least a month.",
    "{country} denied having soldiers in {country2}, calling the reports a fabrication. Its foreign ministry "
    "said the claims were meant to damage relations between the two countries.",
    "{country} is not a member of the {org}, despite years of talks, and {adj} diplomats said on {day} that "
    "no application was planned.",
    "{cap}, the capital of {country}, will host the next summit of the {org} in the autumn, "
    "Foreign Minister {p1} told reporters.",
    "Speaking in {cap2}, {adj} Foreign Minister {p1} said {adj2} forces would stay in {country} until the "
    "ceasefire held. {last1} added that talks with the {org} would resume after the elections.",
]
BACKGROUND = [
    "The talks came after months of tension over border crossings, water rights and the price of gas. "
    "Diplomats said progress had been slow but steady.",
    "\u201cWe expect a long and difficult negotiation,\u201d said {first} {last}, a researcher who has "
    "followed the region for two decades. \u201cNobody wants to be seen giving ground before the vote.\u201d",
    "Analysts noted that trade between the neighbours has doubled since 2015, driven by grain, metals and "
    "machinery, while tourism has yet to recover from the pandemic.",
    "Protesters gathered outside the parliament building on {day} evening, holding banners and chanting "
    "slogans against rising prices. The crowd dispersed peacefully before midnight.",
    "Earlier in the week, heavy rain flooded several roads in the north, and emergency services evacuated "
    "dozens of families from low-lying villages.",
]
OTHER = [
    "Shares in regional banks rose on {day} after the quarterly figures beat expectations. Trading volumes "
    "were thin ahead of the holiday, and bond yields barely moved.",
    "{first} {last} scored twice in the second half as {town} United came from behind to win 3-2, "
    "lifting the club to fourth place in the table.",
    "The city council of {town} approved a plan to build four hundred affordable homes near the old rail "
    "yard. Construction is due to begin next spring.",
    "Forecasters expect temperatures to fall sharply over the weekend, with frost likely in the valleys and "
    "snow above eight hundred metres.",
    "\u201cIt has been a hard year for small shops,\u201d said {first} {last}, who has run a bakery on the "
    "high street in {town} since 1998. \u201cBut people still come back for the bread.\u201d",
    "A new exhibition at the {town} museum brings together paintings, letters and photographs from the "
    "early twentieth century, many of them never shown in public before.",
    "Researchers at the university reported that the new battery design kept ninety percent of its "
    "capacity after a thousand charging cycles, a result they called encouraging.",
    "Train services between {town} and the coast will be reduced for three weeks while engineers "
    "replace a bridge, the operator said on {day}.",
]
HEADLINES_FACT = ["{country} and {country2} agree to deepen ties", "Troops arrive as crisis deepens",
                  "{org} summit opens amid tension", "{adj} leader heads abroad for talks"]
HEADLINES_OTHER = ["Markets edge higher", "Late goals settle derby", "Council backs housing plan",
                   "Cold snap on the way", "Museum opens new wing"]


class ArticleMaker:
    """Makes varied articles from the templates and the reference data."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        reference = load_reference()
        self.countries = [c for c in reference.countries() if c.adjectives and reference.capital_of(c.key)]
        self.capitals = {c.key: reference.capital_of(c.key).label for c in self.countries}

    def article(self, i: int) -> dict:
        """The ``i``-th article as a JSONL record (id, title, date, text)."""
        rng = self.rng
        foreign = rng.random() < 0.5
        fill = self._fill()
        if foreign:
            title = rng.choice(HEADLINES_FACT).format(**fill)
            paragraphs = [rng.choice(FACT_TEMPLATES).format(**self._fill()) for _ in range(rng.randint(1, 3))]
            for background in rng.sample(BACKGROUND, rng.randint(2, 4)):
                paragraphs.insert(rng.randint(1, len(paragraphs)), background.format(**self._fill()))
        else:
            title = rng.choice(HEADLINES_OTHER)
            paragraphs = [other.format(**self._fill()) for other in rng.sample(OTHER, rng.randint(3, 6))]
        date = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return {"id": f"synthetic-{i:07d}", "title": title, "date": date, "text": "\n\n".join([title, *paragraphs])}

    def _fill(self) -> dict:
        rng = self.rng
        a, b, c, d, e = rng.sample(self.countries, 5)
        first1, first2, first = rng.sample(FIRST, 3)
        last1, last2, last = rng.sample(LAST, 3)
        return {
            "country": a.label, "country2": b.label, "c2": c.label, "c3": d.label, "c4": e.label,
            "adj": a.adjectives[0], "adj2": b.adjectives[0], "cap": self.capitals[a.key], "cap2": self.capitals[b.key],
            "org": rng.choice(ALLIANCES), "p1": f"{first1} {last1}", "p2": f"{first2} {last2}", "last1": last1,
            "first": first, "last": last, "town": rng.choice(TOWNS), "day": rng.choice(WEEKDAYS),
            "year": rng.randint(1992, 2023), "n": rng.choice([150, 300, 500, 1200, 2500]),
        }


def articles(n: int, seed: int = 7) -> Iterator[dict]:
    """Yield ``n`` synthetic articles."""
    maker = ArticleMaker(seed)
    for i in range(n):
        yield maker.article(i)


def write_corpus(n: int, path: str | Path, seed: int = 7) -> Path:
    """Write ``n`` articles to ``path`` as JSONL and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_corpus(args.n, args.out, args.seed)
    print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
