"""A cheap first pass that spends the statistical pipeline only where a relation can be.

The parser, tagger and NER cost nearly all of a build's time, yet most paragraphs of a
news archive (background, quotes, markets, sport) hold nothing kgraph can extract.
The prefilter tokenises a text (``nlp.make_doc``, no model), looks for candidate entity
mentions (every reference name, adjective and metonym, matched case-insensitively, so
it finds at least what the gazetteer ruler and the linker's reference lookup find) and
for the trigger words of the lexicon (office titles, and the distinctive word of every
frame trigger: force nouns, joining verbs, member nouns, ...), and keeps:

* every paragraph with a candidate mention or an office title;
* every paragraph with a frame trigger word and an anaphor ("its", "the bloc", "the
  country") that lies within the anaphora reach of a paragraph with a candidate mention
  (up to ``reach.anaphor_paragraphs`` before): a frame needs entities on both sides, and
  without a mention of its own a paragraph can only take them up from there, through
  an anaphor (office titles that need an organisation named before them, "chief",
  "head", need a mention of their own);
* every paragraph sharing a surname with a kept one (a full name there, the surname
  here, or the other way round), so that "Tokayev" still links to "Kassym-Jomart Tokayev";
* a short paragraph (a headline, a kicker) right before a kept one, since the model's
  view of a sentence reaches a few tokens across a paragraph break;
* nothing at all when the text has no candidate mention: every relation's object is a
  reference entity, so such a text cannot yield a relation and is not parsed.

Skipped paragraphs are blanked (a lone full stop, then spaces; line breaks stay), so the
text handed to spaCy has the length of the original: token and sentence offsets, and
hence evidence offsets, are those of the original document, and a blanked paragraph
costs two tokens. Paragraphs are kept whole, so the sentences the extractors
look back over (anaphora, the deployment theatre) keep their mentions.

What changes with the prefilter (the price of the speed): a person found only by the
statistical NER in a skipped paragraph (no reference name, no title, no trigger word,
surname not reused) is not a node of the graph. The extractors look back by paragraphs,
which blanking keeps, so their reach is the same with and without the prefilter.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kgraph.annotate.phrase_cache import phrase_keys
from kgraph.annotate.pipeline import fingerprint_of
from kgraph.lexicon import load_lexicon
from kgraph.reference.tables import Reference, fold_diacritics, load_reference

#: A blank line ends a paragraph (as in :mod:`kgraph.annotate.segmentation`).
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

#: A paragraph of at most this many tokens right before a kept one is kept too.
SHORT_PARAGRAPH = 20

_LEXICON = load_lexicon()
#: Words that make a paragraph worth the full pipeline even without a named entity: a title
#: introduces a person whose office another paragraph may state.
TITLE_WORDS: frozenset[str] = frozenset(
    (_LEXICON.title_words() - _LEXICON.office_words["needs_org"]) | {"counterpart", "counterparts"})
#: Words through which a paragraph without a mention of its own takes up an entity named before.
ANAPHORS: frozenset[str] = frozenset(
    _LEXICON.word("pronouns") | _LEXICON.word("country_anaphors") | _LEXICON.word("org_anaphors"))
#: Words that make a paragraph near a named entity worth the full pipeline.
FRAME_WORDS: frozenset[str] = frozenset(_LEXICON.trigger_words())


@dataclass
class PrefilterStats:
    """What the prefilter let through, in characters and texts."""

    texts: int = 0
    texts_parsed: int = 0
    chars: int = 0
    chars_parsed: int = 0


class Prefilter:
    """Pick the paragraphs of a text that the full pipeline must see.

    Args:
        nlp: the kgraph pipeline; only its tokenizer is used. Made by
            :func:`kgraph.annotate.load_pipeline`, the tokenized names come from the
            phrase cache (:mod:`kgraph.annotate.phrase_cache`) after the first start.
        reference: the gazetteer data (default: kgraph's reference).
    """

    def __init__(self, nlp: Language, reference: Reference | None = None) -> None:
        self.nlp = nlp
        self.stats = PrefilterStats()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        reference = reference or load_reference()
        surfaces: set[str] = set()
        for entity in reference.entities.values():
            for surface in entity.surfaces():
                surface = surface.strip()
                if surface:
                    surfaces |= {surface.lower(), fold_diacritics(surface).lower(), surface.lower().replace("'", "’")}
                    if "." in surface:
                        # The tokenizer splits "U.S." and "u.s." differently, and matching is on the
                        # tokens' lower case: abbreviations keep a pattern in their own spelling too.
                        surfaces.add(surface)
        self.matcher.add("CANDIDATE", phrase_keys(nlp, "prefilter", sorted(surfaces), "LOWER", fingerprint_of(nlp)))

    def select(self, text: str) -> str:
        """Return ``text`` with the paragraphs that cannot hold a relation blanked out.

        The result has the length of ``text`` (offsets stay valid); it is empty when
        ``text`` has no candidate entity mention at all.
        """
        self.stats.texts += 1
        self.stats.chars += len(text)
        keep = self.paragraphs_to_keep(text)
        if not keep:
            return ""
        parts = []
        for start, end, kept in _paragraphs(text, keep):
            parts.append(text[start:end] if kept else blank(text[start:end]))
            if kept:
                self.stats.chars_parsed += end - start
        self.stats.texts_parsed += 1
        return "".join(parts)

    def paragraphs_to_keep(self, text: str) -> set[int]:
        """Indices of the paragraphs of ``text`` to run the full pipeline on (empty: none)."""
        doc = self.nlp.make_doc(text)
        starts = paragraph_starts(text)
        def para(token_i: int) -> int:
            return bisect_right(starts, doc[token_i].idx) - 1

        mentions = {para(start) for _, start, end in self.matcher(doc) if _looks_named(doc, start, end)}
        if not mentions:
            return set()
        reach = _LEXICON.anaphor_paragraphs
        keep = mentions | {para(t.i) for t in doc if t.lower_ in TITLE_WORDS}
        anaphoric = {para(t.i) for t in doc if t.lower_ in ANAPHORS}
        keep |= {p for p in (para(t.i) for t in doc if t.lower_ in FRAME_WORDS)
                 if p in anaphoric and any(p - back in mentions for back in range(1, reach + 1))}
        keep |= _people_reused(doc, keep, para)
        return keep | _short_lead_ins(doc, keep, para)


def blank(paragraph: str) -> str:
    """A stand-in of the same length: a lone full stop where the paragraph's text began, then spaces.

    The full stop keeps the paragraph a sentence of its own, so the whitespace before it
    stays with the sentence before (evidence offsets do not change) at a cost of two tokens.
    """
    spaced = re.sub(r"[^\n]", " ", paragraph)
    first = len(paragraph) - len(paragraph.lstrip())
    if first == len(paragraph):
        return spaced
    return spaced[:first] + "." + spaced[first + 1 :]


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where the paragraphs of ``text`` start (the first is 0)."""
    return [0, *(m.end() for m in PARAGRAPH_BREAK.finditer(text))]


def _paragraphs(text: str, keep: set[int]):
    starts = paragraph_starts(text)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        yield start, end, i in keep


def _looks_named(doc: Doc, start: int, end: int) -> bool:
    """A case-insensitive hit counts when written like a name (not "chad" or "nice" in prose)."""
    first = doc[start].text[:1]
    return not first.islower()


def _name_word(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").isalpha()


def _people_reused(doc: Doc, keep: set[int], para) -> set[int]:
    """Skipped paragraphs that share a person's name with the kept ones.

    Either the skipped paragraph names someone (two capitalised words) whose surname a
    kept paragraph uses, or it uses the surname of someone a kept paragraph names in
    full: the linker ties a surname to the full name anywhere in the document.
    """
    kept_words, kept_surnames = set(), set()
    for t in doc[1:]:
        if para(t.i) in keep and _name_word(t.text):
            kept_words.add(t.text)
            if _name_word(doc[t.i - 1].text):
                kept_surnames.add(t.text)
    extra = set()
    for t in doc:
        p = para(t.i)
        if p in keep or p in extra or not _name_word(t.text):
            continue
        full_name = t.i > 0 and _name_word(doc[t.i - 1].text)
        if t.text in kept_surnames or (full_name and t.text in kept_words):
            extra.add(p)
    return extra


def _short_lead_ins(doc: Doc, keep: set[int], para) -> set[int]:
    """Short paragraphs (headlines, kickers, datelines) right before a kept one: the model reads across them."""
    sizes: dict[int, int] = {}
    for t in doc:
        if not t.is_space:
            sizes[para(t.i)] = sizes.get(para(t.i), 0) + 1
    return {p - 1 for p in keep if p > 0 and p - 1 not in keep and sizes.get(p - 1, 0) <= SHORT_PARAGRAPH}


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def prefilter_for(nlp: Language) -> Prefilter:
    """The Prefilter of ``nlp``, built once per pipeline."""
    found = _CACHE.get(nlp)
    if found is None:
        found = _CACHE[nlp] = Prefilter(nlp)
    return found
