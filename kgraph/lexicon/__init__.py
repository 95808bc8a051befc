"""The relation lexicon: frames, word classes and modality words, read from ``lexicon.toml``.

The lexicon is data; this module only reads and checks it, so a mistake in the file
(an unknown argument finder, a misspelt relation) is an error at load time that names
the frame, not a silent miss at extraction time.
"""

from __future__ import annotations

import importlib.resources
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from kgraph.errors import KGraphError
from kgraph.types import ENTITY_TYPES, PREDICATES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: Argument finders a frame may name (kgraph/extract/arguments.py implements each one).
FINDERS = frozenset({"subject", "object", "agent", "after", "before", "modifier", "predicated", "holder", "host",
                     "context", "destination", "itself", "government", "unit", "modified", "alongside",
                     "stated", "rotation", "patient", "stationed"})
_PREP = re.compile(r"^prep:[a-z]+(\|[a-z]+)*$")
POS = ("VERB", "NOUN", "ANY")
#: Entity types the lexicon may name besides the ontology's own (a city or region as a place).
_TYPES = set(ENTITY_TYPES) | {"Region"}


class LexiconError(KGraphError, ValueError):
    """The relation lexicon is malformed."""


@dataclass(frozen=True)
class Frame:
    """One way of stating a relation: trigger phrases and where the arguments sit."""

    id: str
    relation: str
    pos: str
    triggers: tuple[tuple[str, ...], ...]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    confidence: float
    min_subjects: int = 1
    #: with no object in the sentence, take the object of the latest such fact nearby
    recent: bool = False
    #: "subject": a trigger noun states the relation only as the subject of its clause, whose verb
    #: then says how ("Egypt's accession took effect", not "talks on Egypt's accession")
    noun_role: str = "any"
    #: entity types this frame's subject may have, narrower than its relation's (empty: the relation's)
    subject_types: tuple[str, ...] = ()
    #: the frame states that the relation ended: an asserted statement gives a former fact
    ends: bool = False
    #: the frame's statement always names an entity in its own sentence (a listed member, a fact
    #: stated before it): the prefilter need not keep a paragraph for its trigger words alone
    needs_name: bool = False


@dataclass(frozen=True)
class RelationSpec:
    """What a relation accepts: entity types on each side, and words that block it."""

    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    blockers: frozenset[str] = frozenset()
    #: an organisation the NER finds in the object slot is kept even when the reference data lacks it
    unlinked_objects: bool = False


@dataclass(frozen=True)
class Lexicon:
    frames: tuple[Frame, ...]
    relations: dict[str, RelationSpec]
    words: dict[str, frozenset[str]]
    modality: dict[str, frozenset[str]]
    irregular: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: office title phrases (lower-case words) and the relation each gives a country's office holder
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: titles that name a civil servant in the countries listed (``[offices.civil_service]``)
    civil_service: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    #: word classes of the office holders (``[offices.words]``) and of locations (``[locations]``)
    office_words: dict[str, frozenset[str]] = field(default_factory=dict)
    location_words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: how many paragraphs before its own an anaphor may look back
    anaphor_paragraphs: int = 2
    #: frames by the first word of a trigger (lemma or lower-case form)
    by_first_word: dict[str, tuple[tuple[Frame, tuple[str, ...]], ...]] = field(default_factory=dict)

    def word(self, name: str) -> frozenset[str]:
        """A word class of the ``[words]`` table."""
        return self.words[name]

    def trigger_words(self) -> set[str]:
        """The distinctive word of every frame trigger (its longest), with its inflections (for the
        prefilter, which has no lemmatiser); punctuation triggers have none."""
        found: set[str] = set()
        for frame in self.frames:
            if frame.needs_name:
                continue  # its statement names an entity in its own sentence, which the prefilter sees
            for trigger in frame.triggers:
                words = [w for w in trigger if w.replace("-", "").isalpha()]
                if words:
                    word = max(words, key=len)
                    found |= inflections(word, self.irregular.get(word, ()))
        return found

    def title_words(self) -> set[str]:
        """The head word of every office title: the title itself, or the first word of a longer
        one that is no portfolio word ("secretary" of "secretary general", "minister" of
        "prime minister")."""
        portfolio = self.office_words.get("portfolio", frozenset())
        heads = set()
        for title in self.titles:
            words = [w for w in title if w.replace("-", "").isalpha()]
            heads.add(next((w for w in words if w not in portfolio), words[-1]))
        return heads


def inflections(word: str, irregular: tuple[str, ...] = ()) -> set[str]:
    """``word`` and the English inflections a tokenizer may see (no lemmatiser needed)."""
    forms = {word, *irregular, word + "s", word + "ed", word + "ing", word + "d", word + "es"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # admit -> admitted, admitting
    return forms


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check the package's ``lexicon.toml`` (once per process).

    Raises:
        LexiconError: naming the frame or table that is malformed.
    """
    text = importlib.resources.files("kgraph.lexicon").joinpath("lexicon.toml").read_text(encoding="utf-8")
    return parse_lexicon(text)


def parse_lexicon(text: str) -> Lexicon:
    """Build a :class:`Lexicon` from the text of a lexicon file.

    Raises:
        LexiconError: if the text is not TOML or a frame or table is malformed.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon.toml is not valid TOML: {exc}") from exc
    if data.get("schema") != 1:
        raise LexiconError(f"lexicon.toml: unsupported schema {data.get('schema')!r} (expected 1)")
    relations = {name: _relation(name, spec) for name, spec in data.get("relations", {}).items()}
    frames = tuple(_frame(i, raw) for i, raw in enumerate(data.get("frames", [])))
    ids = [f.id for f in frames]
    if len(ids) != len(set(ids)):
        raise LexiconError(f"lexicon.toml: duplicate frame ids {sorted({i for i in ids if ids.count(i) > 1})}")
    for frame in frames:
        if frame.relation not in relations:
            raise LexiconError(f"lexicon.toml: frame {frame.id!r} names relation {frame.relation!r}, "
                               f"which has no [relations.{frame.relation}] table")
    words = {name: frozenset(_strings(f"words.{name}", value)) for name, value in data.get("words", {}).items()}
    modality = {name: frozenset(_strings(f"modality.{name}", value)) for name, value in data.get("modality", {}).items()}
    irregular = {name: tuple(_strings(f"irregular.{name}", value)) for name, value in data.get("irregular", {}).items()}
    index: dict[str, list[tuple[Frame, tuple[str, ...]]]] = {}
    for frame in frames:
        for trigger in frame.triggers:
            index.setdefault(trigger[0], []).append((frame, trigger))
    by_first = {word: tuple(sorted(entries, key=lambda e: -len(e[1]))) for word, entries in index.items()}
    offices = data.get("offices", {})
    titles = {}
    for phrase, relation in offices.get("titles", {}).items():
        if relation not in PREDICATES:
            raise LexiconError(f"lexicon.toml: offices.titles.{phrase!r} gives {relation!r}, not a kgraph predicate")
        titles[tuple(phrase.lower().split())] = relation
    civil_service = {}
    for phrase, countries in offices.get("civil_service", {}).items():
        if tuple(phrase.lower().split()) not in titles:
            raise LexiconError(f"lexicon.toml: offices.civil_service.{phrase!r} is no title of offices.titles")
        civil_service[tuple(phrase.lower().split())] = frozenset(_strings(f"offices.civil_service.{phrase}", countries))
    office_words = {name: frozenset(_strings(f"offices.words.{name}", value))
                    for name, value in offices.get("words", {}).items()}
    location_words = {name: frozenset(_strings(f"locations.{name}", value))
                      for name, value in data.get("locations", {}).items()}
    reach = data.get("reach", {}).get("anaphor_paragraphs", 2)
    if not isinstance(reach, int) or reach < 0:
        raise LexiconError(f"lexicon.toml: reach.anaphor_paragraphs must be a whole number >= 0, got {reach!r}")
    return Lexicon(frames, relations, words, modality, irregular=irregular, titles=titles, civil_service=civil_service,
                   office_words=office_words,
                   location_words=location_words, anaphor_paragraphs=reach, by_first_word=by_first)


def _relation(name: str, raw: dict) -> RelationSpec:
    if name not in PREDICATES:
        raise LexiconError(f"lexicon.toml: [relations.{name}] is not a kgraph predicate ({', '.join(PREDICATES)})")
    types = {}
    for side in ("subject_types", "object_types"):
        values = tuple(_strings(f"relations.{name}.{side}", raw.get(side)))
        unknown = set(values) - _TYPES
        if not values or unknown:
            raise LexiconError(f"lexicon.toml: relations.{name}.{side} must list entity types; unknown: {sorted(unknown)}")
        types[side] = values
    unlinked = raw.get("unlinked_objects", False)
    if not isinstance(unlinked, bool):
        raise LexiconError(f"lexicon.toml: relations.{name}.unlinked_objects must be true or false")
    return RelationSpec(types["subject_types"], types["object_types"],
                        frozenset(_strings(f"relations.{name}.blockers", raw.get("blockers", []))), unlinked)


def _frame(i: int, raw: dict) -> Frame:
    where = f"frame {raw.get('id', f'#{i + 1}')!r}"
    missing = {"id", "relation", "triggers", "subject", "object"} - set(raw)
    if missing:
        raise LexiconError(f"lexicon.toml: {where} lacks {sorted(missing)}")
    pos = raw.get("pos", "ANY")
    if pos not in POS:
        raise LexiconError(f"lexicon.toml: {where} has pos {pos!r}; expected one of {POS}")
    slots = {}
    for side in ("subject", "object"):
        finders = tuple(_strings(f"{where} {side}", raw[side]))
        bad = [f for union in finders for f in union.split("+") if f not in FINDERS and not _PREP.match(f)]
        if not finders or bad:
            raise LexiconError(f"lexicon.toml: {where} {side}: unknown argument finders {bad} "
                               f"(known: {sorted(FINDERS)} and prep:WORD|WORD)")
        slots[side] = finders
    triggers = tuple(tuple(t.lower().split()) for t in _strings(f"{where} triggers", raw["triggers"]))
    if not triggers or any(not t for t in triggers):
        raise LexiconError(f"lexicon.toml: {where} needs at least one non-empty trigger")
    confidence = raw.get("confidence", 0.8)
    if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
        raise LexiconError(f"lexicon.toml: {where} confidence must be in (0, 1], got {confidence!r}")
    return Frame(str(raw["id"]), str(raw["relation"]), pos, triggers, slots["subject"], slots["object"],
                 float(confidence), int(raw.get("min_subjects", 1)), bool(raw.get("recent", False)),
                 _choice(where, "noun_role", raw.get("noun_role", "any"), ("any", "subject")),
                 _types(where, raw.get("subject_types", [])), _flag(where, "ends", raw.get("ends", False)),
                 _flag(where, "needs_name", raw.get("needs_name", False)))


def _flag(where: str, name: str, value) -> bool:
    if not isinstance(value, bool):
        raise LexiconError(f"lexicon.toml: {where} {name} must be true or false, got {value!r}")
    return value


def _types(where: str, value) -> tuple[str, ...]:
    types = tuple(_strings(f"{where} subject_types", value))
    unknown = set(types) - _TYPES
    if unknown:
        raise LexiconError(f"lexicon.toml: {where} subject_types names unknown entity types {sorted(unknown)}")
    return types


def _choice(where: str, key: str, value, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise LexiconError(f"lexicon.toml: {where} {key} must be one of {allowed}, got {value!r}")
    return value


def _strings(where: str, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"lexicon.toml: {where} must be a list of strings")
    return value
