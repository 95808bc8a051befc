"""The gazetteer ruler: spaCy's entity ruler, filled from pre-tokenized phrase keys.

It labels the reference names of :mod:`kgraph.annotate.gazetteer` as entities before the
statistical NER, as ``nlp.add_pipe("entity_ruler")`` with the same patterns would, and
gives the same entities (a test compares the two on the eval texts). The difference is
how phrase patterns come in: spaCy's ruler takes texts and tokenizes each one at every
start; this one takes the tokens' ORTH hashes, which
:func:`kgraph.annotate.phrase_cache.phrase_keys` keeps on disk between runs.
"""

from __future__ import annotations

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

#: Between label and pattern id in a match key (as spaCy's entity ruler joins them).
KEY_SEP = "||"

#: The regular expression of a token pattern for a word written with a capital first.
CAPITAL_FIRST = r"^[A-Z]"


class GazetteerRuler:
    """spaCy component: set ``doc.ents`` from phrase and token patterns, longest match first.

    A match never overwrites an entity already set, and of overlapping matches the
    longest wins (the earlier of equally long ones), as with spaCy's entity ruler and
    ``overwrite_ents=False``.

    Args:
        vocab: the pipeline's vocabulary.
        name: the component's name in the pipeline.
    """

    def __init__(self, vocab: Vocab, name: str = "kgraph_gazetteer") -> None:
        self.name = name
        self.phrase_matcher = PhraseMatcher(vocab, attr="ORTH")
        self.token_matcher = Matcher(vocab)
        self._labels: dict[int, tuple[str, str]] = {}  # match key -> (entity label, pattern id)
        self._capitalised: dict[str, list[int]] = {}  # lower-cased word -> match keys
        self._count = 0

    def __len__(self) -> int:
        """The number of patterns."""
        return self._count

    def add_phrase(self, label: str, pattern_id: str, key: tuple[int, ...]) -> None:
        """Add one phrase pattern given as the ORTH hashes of its tokens (see :mod:`kgraph.annotate.phrase_cache`)."""
        self.phrase_matcher.add(self._key(label, pattern_id), [key])
        self._count += 1

    def add_token_pattern(self, label: str, pattern_id: str, pattern: list[dict]) -> None:
        """Add one token pattern (a list of token attribute dicts, as for spaCy's Matcher).

        The gazetteer's own shape, one word in any case written with a capital first
        (``[{"LOWER": "nato", "TEXT": {"REGEX": "^[A-Z]"}}]``), is matched by a dict
        lookup on the lower-cased token; any other pattern goes to spaCy's Matcher.
        """
        key = self._key(label, pattern_id)
        if pattern and len(pattern) == 1 and pattern[0].keys() == {"LOWER", "TEXT"} \
                and pattern[0]["TEXT"] == {"REGEX": CAPITAL_FIRST} and isinstance(pattern[0]["LOWER"], str):
            self._capitalised.setdefault(pattern[0]["LOWER"], []).append(self.phrase_matcher.vocab.strings[key])
        else:
            self.token_matcher.add(key, [pattern])
        self._count += 1

    def _capitalised_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Matches of the one-word patterns written with a capital first, in token order."""
        matches = []
        if self._capitalised:
            for token in doc:
                keys = self._capitalised.get(token.lower_)
                if keys and "A" <= token.text[0] <= "Z":
                    matches.extend((key, token.i, token.i + 1) for key in keys)
        return matches

    def _key(self, label: str, pattern_id: str) -> str:
        key = f"{label}{KEY_SEP}{pattern_id}"
        self._labels[self.phrase_matcher.vocab.strings.add(key)] = (label, pattern_id)
        return key

    def __call__(self, doc: Doc) -> Doc:
        token_matches = [*self._capitalised_matches(doc), *self.token_matcher(doc)] if len(self.token_matcher) \
            else self._capitalised_matches(doc)
        matches = {(key, start, end) for key, start, end in [*token_matches, *self.phrase_matcher(doc)] if start != end}
        entities = list(doc.ents)
        found, taken = [], set()
        for key, start, end in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
            if any(token.ent_type for token in doc[start:end]):
                continue
            if start in taken or end - 1 in taken:
                continue
            label, pattern_id = self._labels[key]
            found.append(Span(doc, start, end, label=label, span_id=pattern_id))
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            taken.update(range(start, end))
        doc.ents = entities + found
        return doc
