"""What the extractors need to know about a linked Doc: mentions by position and type,
the sentence each token is in, and how to build a Relation with its evidence."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from kgraph.annotate.linker import LinkedMention
from kgraph.types import Document, EntityRef, Evidence, Relation

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
        self.relations: list[Relation] = []

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

    def before(self, i: int, types: Iterable[str], *, sentences: int = 3, exclude: Iterable[str] = ()) -> LinkedMention | None:
        """The nearest mention of ``types`` ending before token ``i``, looking back ``sentences`` sentences."""
        sent = self.doc[i].sent
        first = sent.start
        for _ in range(sentences):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        exclude = set(exclude)
        for m in reversed(self.mentions):
            if m.end <= i and m.start >= first and m.entity.type in types and m.entity.id not in exclude:
                return m
        return None

    def dominant(self, types: Iterable[str]) -> EntityRef | None:
        """The entity of ``types`` mentioned most often in the Doc, if it is a clear winner."""
        counts: dict[EntityRef, int] = {}
        for m in self.mentions:
            if m.entity.type in types:
                counts[m.entity] = counts.get(m.entity, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

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


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("Belarus, Armenia and Tajikistan")."""
    return [token, *token.conjuncts]


def mentions_of(ctx: DocContext, tokens: Iterable[Token], types: Iterable[str]) -> list[LinkedMention]:
    """The distinct mentions covering any of ``tokens``."""
    found: list[LinkedMention] = []
    for t in tokens:
        m = ctx.at(t.i)
        if m and m.entity.type in types and m not in found:
            found.append(m)
    return found
