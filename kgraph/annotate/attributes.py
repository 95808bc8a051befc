"""The model's attribute ruler, applied by table lookups instead of spaCy's Matcher.

en_core_web_sm's ``attribute_ruler`` maps fine-grained tags to POS and morphology and
fixes some words ("n't" -> PART, "gonna" -> go + to) with 179 rules, each a Matcher
pattern over TAG, LOWER, DEP and IS_SPACE. spaCy runs all of them at every token: about
a tenth of the whole pipeline's time on kgraph's corpora. :class:`AttributeRules` does the
same with dictionaries keyed by a token's tag, lower-case form or dependency label, and
sets the same attributes in the same order (rule order, then position; a later rule wins).

Only patterns of the shapes this module understands are compiled: a sequence of tokens
(no operators), each a dict of TAG / LOWER / DEP / IS_SPACE constraints given as a value,
``IN``, ``NOT_IN`` or ``REGEX``. :func:`compilable` is false for a ruler with any other
pattern, and the model's own ruler then stays in place. A test compares every
token's tag, POS, morphology and lemma with the model's own ruler on the eval texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

#: Position of each attribute in the tuple of a token's values that the rules check.
POSITION = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}

#: Attributes a rule can be found by (in this order of preference: the most selective
#: first), with an equality or IN constraint (IS_SPACE: a boolean).
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")


def _values(token: Token) -> tuple:
    return token.tag_, token.lower_, token.dep_, token.is_space


class _Rule:
    """One pattern of one attribute rule, as predicates on consecutive tokens."""

    __slots__ = ("order", "attrs", "index", "tokens")

    def __init__(self, order: int, attrs: dict, index: int, tokens: list[list[tuple[int, Callable[[object], bool]]]]):
        self.order = order
        self.attrs = attrs
        self.index = index
        self.tokens = tokens  # per token of the pattern: (position in the values tuple, check)

    def matches(self, doc: Doc, start: int, first: tuple) -> bool:
        """Whether the pattern matches at token ``start`` (``first``: that token's values)."""
        if start + len(self.tokens) > len(doc):
            return False
        for offset, checks in enumerate(self.tokens):
            values = first if offset == 0 else _values(doc[start + offset])
            for position, check in checks:
                if not check(values[position]):
                    return False
        return True


class _Equals:
    __slots__ = ("wanted",)

    def __init__(self, wanted) -> None:
        self.wanted = wanted

    def __call__(self, value) -> bool:
        return value == self.wanted


class _In:
    __slots__ = ("wanted", "inside")

    def __init__(self, wanted, inside: bool) -> None:
        self.wanted, self.inside = frozenset(wanted), inside

    def __call__(self, value) -> bool:
        return (value in self.wanted) is self.inside


class _Search:
    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def __call__(self, value) -> bool:
        return self.pattern.search(value) is not None


def _predicate(attr: str, spec) -> Callable[[object], bool] | None:
    """The check of one constraint, or None for a form this module does not compile.

    Checks are small classes, not closures, so that a pipeline holding them can be pickled.
    """
    if attr == "IS_SPACE":
        return _Equals(spec) if isinstance(spec, bool) else None
    if isinstance(spec, str):
        return _Equals(spec)
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return _In(arg, op == "IN")
        if op == "REGEX" and isinstance(arg, str):
            return _Search(arg)
    return None


def _index_keys(pattern_token: dict) -> tuple[str, frozenset] | None:
    """(attribute, values) by which a rule whose first token is ``pattern_token`` is found, or None (always tried)."""
    for attr in INDEXED:
        spec = pattern_token.get(attr)
        if isinstance(spec, (str, bool)):
            return attr, frozenset([spec])
        if isinstance(spec, dict) and list(spec) == ["IN"]:
            return attr, frozenset(spec["IN"])
    return None


class AttributeRules:
    """spaCy component: the rules of an attribute ruler, found by dictionary lookups.

    Fill it with :meth:`fill` from a spaCy AttributeRuler; it then behaves as that ruler.
    """

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self._by: dict[str, dict[str, list[_Rule]]] = {attr: {} for attr in INDEXED}
        self._always: list[_Rule] = []

    def fill(self, ruler) -> None:
        """Take the rules of spaCy's AttributeRuler ``ruler``.

        Raises:
            ValueError: if a pattern has a shape this module does not compile (see :func:`compilable`).
        """
        compiled = _compile(ruler)
        if compiled is None:
            raise ValueError(f"the attribute ruler {ruler.name!r} has patterns kgraph does not compile; keep it as it is")
        for rule, first in compiled:
            found = _index_keys(first)
            if found is None:
                self._always.append(rule)
                continue
            attr, values = found
            for value in values:
                self._by[attr].setdefault(value, []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        matches = []
        by_tag, by_lower, by_dep, by_space = (self._by[attr] for attr in ("TAG", "LOWER", "DEP", "IS_SPACE"))
        always = self._always
        for i, token in enumerate(doc):
            values = tag, lower, dep, space = _values(token)
            for found in (by_lower.get(lower), by_tag.get(tag), by_dep.get(dep), by_space.get(space), always):
                if found:
                    for rule in found:
                        if rule.matches(doc, i, values):
                            matches.append((rule.order, i, i + len(rule.tokens), rule))
        matches.sort(key=lambda m: (m[0], m[1], m[2]))
        done = set()
        for order, start, end, rule in matches:
            if (order, start, end) in done:  # two patterns of one rule on one span: set once
                continue
            done.add((order, start, end))
            set_token_attrs(doc[start:end][rule.index], rule.attrs)
        return doc


def _compile(ruler) -> list[tuple[_Rule, dict]] | None:
    """The rules of spaCy's AttributeRuler ``ruler`` with the first token of each pattern, or None if one has another shape."""
    compiled = []
    for order, entry in enumerate(ruler.patterns):
        attrs = ruler.attrs[order]  # normalised (attribute ids), as the ruler itself applies them
        for pattern in entry["patterns"]:
            tokens = []
            for pattern_token in pattern:
                checks = []
                for attr, spec in pattern_token.items():
                    check = _predicate(attr, spec) if attr in POSITION else None
                    if check is None:
                        return None
                    checks.append((POSITION[attr], check))
                tokens.append(checks)
            if not tokens:
                return None
            compiled.append((_Rule(order, attrs, entry["index"], tokens), pattern[0]))
    return compiled


def compilable(ruler) -> bool:
    """Whether every pattern of spaCy's AttributeRuler ``ruler`` has a shape :class:`AttributeRules` compiles."""
    return _compile(ruler) is not None
