"""What the extractors need to know about a linked Doc: mentions by position and type,
the sentence each token is in, and how to build a Relation with its evidence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kgraph.annotate.linker import LinkedMention
from kgraph.types import Document, EntityRef, Evidence, Relation

#: A blank line ends a paragraph (as in kgraph.annotate.segmentation and the prefilter).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

COUNTRY = ("Country",)
ORGS = ("Alliance", "Organization")
ACTORS = ("Country", "Alliance", "Organization", "ArmedForce")


class DocContext:
    """Index of a linked Doc for the relation extractors."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.document: Document = doc._.kg_doc or Document(id="doc", text=doc.text)
        self.offset: int = doc._.kg_offset or 0
        self.mentions: list[LinkedMention] = list(doc._.kg_mentions or [])
        self._at: dict[int, LinkedMention] = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self._para_chars: list[int] | None = None
        self._token_chars: list[int] = []
        self.relations: list[Relation] = []
        #: the argument finders of this Doc, made by the first extractor that needs them
        self.arguments = None
        #: the office titles of this Doc (kgraph.annotate.titles.TitleMatch), found once
        self.titles = None
        #: office titles with a named holder but no country or organisation stated beside them
        self.unplaced_titles: list[tuple] = []

    # -- paragraphs: how far back the text can refer ----------------------------
    def paragraph_window(self, i: int, back: int = 1) -> int:
        """The first token of the paragraph ``back`` paragraphs before token ``i``'s (0: its own).

        Anaphora and "the latest deployment" look back by paragraphs, not sentences: a
        paragraph the prefilter blanked out is still a paragraph, so the reach is the same
        with and without it.
        """
        if self._para_chars is None:
            self._para_chars = [0, *(m.end() for m in _BLANK_LINE.finditer(self.doc.text))]
            self._token_chars = [t.idx for t in self.doc]
        if not len(self.doc):
            return 0
        para = bisect_right(self._para_chars, self.doc[min(i, len(self.doc) - 1)].idx) - 1
        first_char = self._para_chars[max(0, para - back)]
        return bisect_left(self._token_chars, first_char)

    def nearest_before(self, i: int, types: Iterable[str], *, back: int = 1, exclude: Iterable[str] = (),
                       nominal: bool = False) -> LinkedMention | None:
        """The nearest mention of ``types`` ending at or before token ``i``, within ``back`` paragraphs
        before ``i``'s own; with ``nominal``, a name, not an adjective ("Romanian")."""
        first = self.paragraph_window(i, back)
        exclude = set(exclude)
        for m in reversed(self.mentions):
            if m.end <= i and m.start >= first and m.entity.type in types and m.entity.id not in exclude \
                    and not (nominal and m.kind == "adjective"):
                return m
        return None

    # -- looking up mentions ------------------------------------------------
    def at(self, i: int) -> LinkedMention | None:
        """The mention covering token ``i``."""
        return self._at.get(i)

    def ending_at(self, i: int, types: Iterable[str] | None = None) -> LinkedMention | None:
        """The mention whose last token is ``i - 1`` (the one just before token ``i``)."""
        m = self._at.get(i - 1)
        if m and m.end == i and (types is None or m.entity.type in types):
            return m
        return None

    def starting_at(self, i: int, types: Iterable[str] | None = None) -> LinkedMention | None:
        """The mention starting at token ``i`` (after skipping a determiner "the")."""
        if i < len(self.doc) and self.doc[i].lower_ == "the":
            i += 1
        m = self._at.get(i)
        if m and m.start == i and (types is None or m.entity.type in types):
            return m
        return None

    def within(self, start: int, end: int, types: Iterable[str] | None = None) -> list[LinkedMention]:
        """Mentions lying inside tokens ``[start, end)``, left to right."""
        return [m for m in self.mentions if m.start >= start and m.end <= end and (types is None or m.entity.type in types)]

    def in_subtree(self, token: Token, types: Iterable[str] | None = None) -> list[LinkedMention]:
        return self.within(token.left_edge.i, token.right_edge.i + 1, types)

    # -- building relations ---------------------------------------------------
    def add(self, subject: EntityRef, predicate: str, obj: EntityRef, sent: Span, *, rule: str,
            confidence: float, status: str = "asserted") -> None:
        """Record a relation found in ``sent`` (no self-relations)."""
        if subject.id == obj.id:
            return
        doc = self.document
        sentence = sent.text.strip()
        start = self.offset + sent.start_char + len(sent.text) - len(sent.text.lstrip())
        evidence = Evidence(
            doc_id=doc.id,
            sentence=sentence,
            start=start,  # text[start:end] == sentence: whitespace around the span is left out
            end=start + len(sentence),
            rule=rule,
            confidence=round(confidence, 4),
            date=doc.date,
            url=doc.url,
        )
        self.relations.append(Relation(subject, predicate, obj, evidence, status))
