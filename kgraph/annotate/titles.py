"""Office titles that introduce a named person ("Chilean President Gabriel Boric").

Shared by the linker (a title makes the following proper name a person) and by the
office extractors (the title says which relation the person holds).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from kgraph.lexicon import load_lexicon

_LEXICON = load_lexicon()
#: Title phrases (lower-case token sequences) and the relation they signal: lexicon.toml [offices.titles].
TITLE_PHRASES: dict[tuple[str, ...], str] = _LEXICON.titles
#: Titles that name a civil servant in the countries listed: lexicon.toml [offices.civil_service].
CIVIL_SERVICE: dict[tuple[str, ...], frozenset[str]] = _LEXICON.civil_service

#: Words in front of a title that make it a different (lesser or past) office, and words of
#: past and future offices; leadership words that need an organisation named before them.
NOT_THE_OFFICE = _LEXICON.office_words["not_the_office"]
FORMER = _LEXICON.office_words["former"]
FUTURE = _LEXICON.office_words["future"]
NEEDS_ORG = _LEXICON.office_words["needs_org"]

_MAX_TITLE = max(len(k) for k in TITLE_PHRASES)
_FIRST_WORDS = frozenset(k[0] for k in TITLE_PHRASES)


@dataclass(frozen=True)
class TitleMatch:
    start: int  # token index of the first title word
    end: int  # token index after the last title word
    relation: str


def find_titles(doc: Doc, start: int = 0, end: int | None = None) -> list[TitleMatch]:
    """Return the longest title phrases in ``doc[start:end]``, left to right."""
    end = len(doc) if end is None else end
    found: list[TitleMatch] = []
    i = start
    while i < end:
        match = None
        if doc[i].lower_ in _FIRST_WORDS:
            for n in range(min(_MAX_TITLE, end - i), 0, -1):
                key = tuple(t.lower_ for t in doc[i : i + n])
                if key in TITLE_PHRASES:
                    match = TitleMatch(i, i + n, TITLE_PHRASES[key])
                    break
        if match:
            found.append(match)
            i = match.end
        else:
            i += 1
    return found


_NOT_NAMES = {"The", "On", "In", "At", "Of", "And", "But", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

#: Lower-case particles inside a name: "Ursula von der Leyen", "Bashar al-Assad",
#: "Mohammed bin Salman", "Luiz Inacio Lula da Silva", "Marine le Pen".
_PARTICLES = {
    "de", "da", "das", "do", "dos", "du", "van", "von", "der", "den", "ter", "zu",
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "la", "le",
}

#: A name token with a wire credit glued to it: "Jinping.-Xinhua", "Erdogan.-AA".
GLUED_CREDIT = re.compile(r"^([^\W\d_][\w'’]*?)[.,;:]+[-–—/|]+\S*$")

_HYPHENS = {"-", "‐", "‑"}


def name_after(doc: Doc, i: int, limit: int = 5) -> int:
    """Return the end of a proper name starting at token ``i`` (``i`` when there is none).

    A name is a run of capitalised words, joined by hyphens written without spaces
    ("Kassym-Jomart", "Lai Ching-te", "al-Assad") and lower-case particles ("Ursula von
    der Leyen", "Mohammed bin Salman"). A last word with a wire credit glued to it
    ("Jinping.-Xinhua") ends the name and is part of the span; the person's label drops
    the credit (:func:`name_text`).
    """
    j = i
    words = 0
    while j < len(doc) and words < limit:
        text = doc[j].text
        if _is_name_word(text) and text[:1].isupper() and text not in _NOT_NAMES:
            words += 1
            j += 1
        elif (
            text in _HYPHENS
            and j > i
            and not doc[j - 1].whitespace_
            and not doc[j].whitespace_
            and j + 1 < len(doc)
            and _is_name_word(doc[j + 1].text)
        ):
            j += 2  # the hyphen and the word after it, whatever its case ("Ching-te")
        elif text.lower() in _PARTICLES and text[:1].islower() and j > i and _particle_continues(doc, j):
            j += 1
        elif words and text[:1].isupper() and GLUED_CREDIT.match(text):
            j += 1
            break
        else:
            break
    # A name never ends on a joiner.
    while j > i and (doc[j - 1].text in _HYPHENS or doc[j - 1].text in _PARTICLES):
        j -= 1
    return j


def name_text(doc: Doc, start: int, end: int) -> str:
    """The text of the name ``doc[start:end]`` without a glued wire credit or trailing punctuation."""
    parts = []
    for tok in doc[start:end]:
        text = tok.text
        match = GLUED_CREDIT.match(text)
        if match and tok.i == end - 1:
            parts.append(match.group(1))
            break
        parts.append(text + tok.whitespace_)
    return "".join(parts).strip().rstrip(".,;:")


def _particle_continues(doc: Doc, j: int) -> bool:
    """Tell whether the particle at ``j`` leads, through more particles or a hyphen, to a capitalised word."""
    k = j + 1
    while k < len(doc) and (doc[k].text in _PARTICLES or doc[k].text in _HYPHENS):
        if doc[k].text in _HYPHENS and (doc[k - 1].whitespace_ or doc[k].whitespace_):
            return False
        k += 1
    return k < len(doc) and doc[k].text[:1].isupper() and _is_name_word(doc[k].text)


def _is_name_word(text: str) -> bool:
    core = text.replace("'", "").replace("’", "").replace(".", "")
    return bool(core) and core.isalpha()
