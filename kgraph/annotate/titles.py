"""Office titles that introduce a named person ("Kazakh President Kassym-Jomart Tokayev").

Shared by the linker (a title makes the following proper name a person) and by the
office extractors (the title says which relation the person holds).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kgraph.lexicon import load_lexicon

_LEXICON = load_lexicon()
#: Title phrases (lower-case token sequences) and the relation they signal: lexicon.toml [offices.titles].
TITLE_PHRASES: dict[tuple[str, ...], str] = _LEXICON.titles

#: Words in front of a title that make it a different (lesser or past) office, and words of
#: past and future offices; leadership words that need an organisation named before them.
NOT_THE_OFFICE = _LEXICON.office_words["not_the_office"]
FORMER = _LEXICON.office_words["former"]
FUTURE = _LEXICON.office_words["future"]
NEEDS_ORG = _LEXICON.office_words["needs_org"]

_MAX_TITLE = max(len(k) for k in TITLE_PHRASES)


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
_PARTICLES = {"de", "da", "van", "von", "der", "al", "el", "bin", "ibn", "la", "le", "dos", "du"}


def name_after(doc: Doc, i: int, limit: int = 5) -> int:
    """Return the end of a proper name starting at token ``i`` (``i`` when there is none).

    A name is a run of capitalised words, joined by hyphens written without spaces
    ("Kassym-Jomart") and lower-case particles ("Ursula von der Leyen").
    """
    j = i
    words = 0
    while j < len(doc) and words < limit:
        tok = doc[j]
        text = tok.text
        if _is_name_word(text) and text[:1].isupper() and text not in _NOT_NAMES:
            words += 1
            j += 1
        elif text == "-" and j > i and not doc[j - 1].whitespace_ and j + 1 < len(doc) and _is_name_word(doc[j + 1].text):
            j += 1
        elif text.lower() in _PARTICLES and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
        else:
            break
    # A name never ends on a joiner.
    while j > i and (doc[j - 1].text == "-" or doc[j - 1].text.lower() in _PARTICLES):
        j -= 1
    return j


def _is_name_word(text: str) -> bool:
    core = text.replace("'", "").replace("’", "").replace(".", "")
    return bool(core) and core.isalpha()
