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

Inside a kept paragraph, a sentence gate then blanks the sentences that can neither hold
a relation nor feed one to a sentence after them: those with no candidate mention, no
office title, no frame trigger word and no capitalised word other than a stop word (a
person the NER may find, whom a later surname or anaphor may take up). Sentences here
are cut cheaply, after a full stop, question or exclamation mark; the parser still
decides the real ones. Paragraphs kept for a reused surname or as a short lead-in are
kept whole.

Skipped paragraphs are blanked (a lone full stop, then spaces; line breaks stay) and gated
sentences turned to spaces (their whitespace stays with the sentence before, outside its
evidence), so the text handed to spaCy has the length of the original: token and
sentence offsets, and hence evidence offsets, are those of the original document, and a
blanked paragraph costs two tokens. Every sentence with a candidate mention is kept, so
the sentences the extractors look back over (anaphora, the deployment theatre) keep
their mentions.

What changes with the prefilter (the price of the speed): a person found only by the
statistical NER in a skipped paragraph (no reference name, no title, no trigger word,
surname not reused) is not a node of the graph. Relations are the same with and
without the prefilter and with and without the sentence gate on every eval file and the
example corpus (``tests/test_prefilter.py``). The extractors look back by paragraphs,
which blanking keeps, so their reach is the same with and without the prefilter.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
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
        sentences: also blank the sentences of a kept paragraph that can neither hold
            a relation nor feed one (the sentence gate; default on).
    """

    def __init__(self, nlp: Language, reference: Reference | None = None, *, sentences: bool = True) -> None:
        self.nlp = nlp
        self.sentences = sentences
        self._mentions: set[int] = set()
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
        """Return ``text`` with the paragraphs and sentences that cannot hold a relation blanked out.

        The result has the length of ``text`` (offsets stay valid); it is empty when
        ``text`` has no candidate entity mention at all.
        """
        self.stats.texts += 1
        self.stats.chars += len(text)
        doc, paras, keep, whole = self._paragraphs_to_keep(text)
        if not keep:
            return ""
        parts = []
        for i, (start, end, kept) in enumerate(_paragraphs(text, keep)):
            if not kept:
                parts.append(blank(text[start:end]))
                continue
            parsed = end - start
            if self.sentences and i not in whole:
                for first, last in self._sentences_to_drop(doc, paras, i):
                    a, b = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
                    parts.append(text[start:a])
                    parts.append(re.sub(r"[^\n]", " ", text[a:b]))
                    parsed -= b - a
                    start = b
            parts.append(text[start:end])
            self.stats.chars_parsed += parsed
        self.stats.texts_parsed += 1
        return "".join(parts)

    def paragraphs_to_keep(self, text: str) -> set[int]:
        """Indices of the paragraphs of ``text`` to run the full pipeline on (empty: none)."""
        return self._paragraphs_to_keep(text)[2]

    def _paragraphs_to_keep(self, text: str) -> tuple[Doc, list[int], set[int], set[int]]:
        """The tokenized text, each token's paragraph, the paragraphs to keep and those to keep whole."""
        doc = self.nlp.make_doc(text)
        paras = _token_paragraphs(doc, paragraph_starts(text))
        self._mentions = {i for _, start, end in self.matcher(doc) if _looks_named(doc, start, end)
                          for i in range(start, end)}
        mentions = {paras[i] for i in self._mentions}
        if not mentions:
            return doc, paras, set(), set()
        texts, lowers, spaces = [], [], []
        for t in doc:  # one pass: a Token object per token is what costs here
            texts.append(t.text)
            lowers.append(t.lower_)
            spaces.append(t.is_space)
        reach = _LEXICON.anaphor_paragraphs
        keep = mentions | {p for p, lower in zip(paras, lowers) if lower in TITLE_WORDS}
        anaphoric = {p for p, lower in zip(paras, lowers) if lower in ANAPHORS}
        keep |= {p for p, lower in zip(paras, lowers) if lower in FRAME_WORDS
                 and p in anaphoric and any(p - back in mentions for back in range(1, reach + 1))}
        reused = _people_reused(texts, keep, paras)
        keep |= reused
        lead_ins = _short_lead_ins(spaces, keep, paras)
        return doc, paras, keep | lead_ins, reused | lead_ins

    def _sentences_to_drop(self, doc: Doc, paras: list[int], paragraph: int):
        """(first token, end token) of the sentences of a kept paragraph that can neither hold a relation nor feed one.

        A sentence is kept when it has a candidate mention, an office title, a frame
        trigger word, or a capitalised word that is no stop word (a person the NER may
        find, whom a later sentence's surname or anaphor may take up).
        """
        for first, last in _sentences(_paragraph_tokens(doc, paras, paragraph)):
            sentence = doc[first:last]
            if not any(t.i in self._mentions or t.lower_ in TITLE_WORDS or t.lower_ in FRAME_WORDS
                       or (_name_word(t.text) and not t.is_stop) for t in sentence):
                yield first, last


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


def _token_paragraphs(doc: Doc, starts: list[int]) -> list[int]:
    """The paragraph index of each token of ``doc`` (``starts``: the paragraphs' first characters)."""
    paras, current, following = [], 0, starts[1] if len(starts) > 1 else None
    for token in doc:
        while following is not None and token.idx >= following:
            current += 1
            following = starts[current + 1] if current + 1 < len(starts) else None
        paras.append(current)
    return paras


def _paragraph_tokens(doc: Doc, paras: list[int], paragraph: int) -> list:
    first = bisect_left(paras, paragraph)
    return [doc[i] for i in range(first, bisect_right(paras, paragraph))]


#: Tokens that end a sentence (the gate's own cheap segmentation; the parser decides the real one).
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…"})


def _sentences(tokens: list):
    """(first token index, end token index) of the sentences of a paragraph's ``tokens``.

    A sentence ends after a full stop, question or exclamation mark and the closing
    punctuation or spaces right after it.
    """
    if not tokens:
        return
    first, ended = tokens[0].i, False
    for token in tokens:
        if ended and not (token.is_punct or token.is_space):
            yield first, token.i
            first, ended = token.i, False
        if token.text in SENTENCE_ENDS:
            ended = True
    yield first, tokens[-1].i + 1


def _looks_named(doc: Doc, start: int, end: int) -> bool:
    """A case-insensitive hit counts when written like a name (not "chad" or "nice" in prose)."""
    first = doc[start].text[:1]
    return not first.islower()


def _name_word(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").isalpha()


def _people_reused(texts: list[str], keep: set[int], paras: list[int]) -> set[int]:
    """Skipped paragraphs that share a person's name with the kept ones.

    Either the skipped paragraph names someone (two capitalised words) whose surname a
    kept paragraph uses, or it uses the surname of someone a kept paragraph names in
    full: the linker ties a surname to the full name anywhere in the document.

    Args:
        texts: the text of each token; ``paras``: the paragraph of each token.
    """
    names = [_name_word(text) for text in texts]
    kept_words, kept_surnames = set(), set()
    for i in range(1, len(texts)):
        if names[i] and paras[i] in keep:
            kept_words.add(texts[i])
            if names[i - 1]:
                kept_surnames.add(texts[i])
    extra = set()
    for i, text in enumerate(texts):
        p = paras[i]
        if p in keep or p in extra or not names[i]:
            continue
        full_name = i > 0 and names[i - 1]
        if text in kept_surnames or (full_name and text in kept_words):
            extra.add(p)
    return extra


def _short_lead_ins(spaces: list[bool], keep: set[int], paras: list[int]) -> set[int]:
    """Short paragraphs (headlines, kickers, datelines) right before a kept one: the model reads across them.

    Args:
        spaces: whether each token is whitespace; ``paras``: the paragraph of each token.
    """
    sizes: dict[int, int] = {}
    for p, space in zip(paras, spaces):
        if not space:
            sizes[p] = sizes.get(p, 0) + 1
    return {p - 1 for p in keep if p > 0 and p - 1 not in keep and sizes.get(p - 1, 0) <= SHORT_PARAGRAPH}


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def prefilter_for(nlp: Language) -> Prefilter:
    """The Prefilter of ``nlp``, built once per pipeline."""
    found = _CACHE.get(nlp)
    if found is None:
        found = _CACHE[nlp] = Prefilter(nlp)
    return found
