"""Checks a SPARQL query must pass before any engine sees it.

Oxigraph parses and evaluates queries recursively: a 12 KB query of 3,000 nested groups,
a chain of a few hundred ``OPTIONAL`` or a blank-node list nested 250 deep overflows the
stack of the thread that runs it, which kills the whole process (``kgraph query``, a
Python program calling :meth:`kgraph.KnowledgeGraph.query`, or the ``oxigraph`` server
behind ``kgraph serve``). A ``SERVICE`` clause makes the engine send HTTP requests to any
host the query names. :func:`check_query` refuses both with a :class:`~kgraph.errors.QueryRefused`
error, scanning the text once (strings, IRIs and comments are skipped), so a refused query
costs microseconds and never reaches a parser.

The limits are far above what a hand-written or kgraph-generated query needs and far
below what overflows a 2 MiB thread stack (measured with Oxigraph 0.5: 205 nested
``[ ]``, 263 chained ``OPTIONAL``, 517 nested ``{ }``).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable

from kgraph.errors import QueryRefused

__all__ = ["MAX_NESTING", "MAX_OPERATORS", "MAX_QUERY_CHARS", "check_query", "service_hosts"]

#: Longest query accepted, in characters.
MAX_QUERY_CHARS = 100_000
#: Deepest nesting of ``{ }``, ``( )`` and ``[ ]`` together.
MAX_NESTING = 32
#: Most operators that each add a level to the parsed query (OPTIONAL, UNION, MINUS, BIND,
#: FILTER, GRAPH, SERVICE, sub-SELECT, EXISTS, property-path and boolean operators).
MAX_OPERATORS = 128

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    | (?P<name>(?:[^\W\d][\w.\-]*)?:(?:[\w:%\\.\-]*[\w:%\-])?|[^\W\d][\w\-]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<operator>&&|\|\||\^\^|[/|^!])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_LEVEL_KEYWORDS = frozenset({"OPTIONAL", "UNION", "MINUS", "BIND", "FILTER", "GRAPH", "SERVICE", "SELECT", "EXISTS"})


def check_query(sparql: str, *, allow_service: Iterable[str] = ()) -> None:
    """Refuse a query that could crash or stall the engine, or make it send requests.

    Args:
        sparql: The query text, as the user gave it.
        allow_service: Host names a ``SERVICE <IRI>`` clause may call (compared
            case-insensitively with the host of the IRI). Empty: no SERVICE at all.

    Raises:
        QueryRefused: If the query is longer than :data:`MAX_QUERY_CHARS`, nests deeper than
            :data:`MAX_NESTING`, has more than :data:`MAX_OPERATORS` operators, or calls a
            SERVICE whose host is not allowed (or is given by a variable).

    Example:
        >>> check_query("SELECT * WHERE { ?s ?p ?o }")
        >>> check_query("SELECT * WHERE " + "{" * 100 + "}" * 100)
        Traceback (most recent call last):
        ...
        kgraph.errors.QueryRefused: query refused: nested 100 levels deep (the limit is 32)
    """
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryRefused(f"query refused: {len(sparql):,} characters long (the limit is {MAX_QUERY_CHARS:,})")
    allowed = {host.lower().strip("[]") for host in allow_service}
    depth = deepest = operators = 0
    prefixes: dict[str, str] = {}
    tokens = _tokens(sparql)
    recent: list[tuple[str, str]] = [("other", ""), ("other", "")]
    for kind, text in tokens:
        if kind == "open":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_NESTING:
                    raise QueryRefused(f"query refused: nested {_full_depth(sparql)} levels deep "
                                       f"(the limit is {MAX_NESTING})")
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "operator" and text != "^^" or kind == "name" and text.upper() in _LEVEL_KEYWORDS:
            operators += 1
            if operators > MAX_OPERATORS:
                raise QueryRefused(f"query refused: more than {MAX_OPERATORS} operators (OPTIONAL, UNION, "
                                   "FILTER, BIND, paths, && ...); split it into several queries")
        if kind == "name" and text.upper() == "SERVICE":
            _check_service(tokens, prefixes, allowed)
        elif kind == "iri" and _declares_prefix(recent):
            prefixes[recent[-1][1]] = text[1:-1]
        recent = [recent[-1], (kind, text)]


def service_hosts(sparql: str) -> list[str]:
    """The hosts the ``SERVICE`` clauses of a query name (a variable service gives ``"?"``).

    Args:
        sparql: The query text.

    Returns:
        Host names in order of appearance, lower case.
    """
    hosts: list[str] = []
    tokens = _tokens(sparql)
    for kind, text in tokens:
        if kind == "name" and text.upper() == "SERVICE":
            hosts.append(_service_host(tokens, {}))
    return hosts


class _Tokens:
    """The significant tokens of a query (no space, no comment), as ``(kind, text)``."""

    def __init__(self, sparql: str) -> None:
        self._matches = (m for m in _TOKEN.finditer(sparql) if m.lastgroup not in ("space", "comment"))

    def __iter__(self) -> _Tokens:
        return self

    def __next__(self) -> tuple[str, str]:
        match = next(self._matches)
        return match.lastgroup or "other", match.group()


def _tokens(sparql: str) -> _Tokens:
    return _Tokens(sparql)


def _declares_prefix(recent: list[tuple[str, str]]) -> bool:
    """Whether the two tokens before an IRI are ``PREFIX name:``."""
    (kind, keyword), (kind_name, name) = recent
    return kind == kind_name == "name" and keyword.upper() == "PREFIX" and name.endswith(":")


def _check_service(tokens: _Tokens, prefixes: dict[str, str], allowed: set[str]) -> None:
    host = _service_host(tokens, prefixes)
    if not allowed:
        raise QueryRefused("query refused: SERVICE calls another server, and kgraph stays offline "
                           "unless told otherwise (--allow-service HOST)")
    if host not in allowed:
        shown = "a variable" if host == "?" else host or "an IRI without a host"
        raise QueryRefused(f"query refused: SERVICE calls {shown}, which is not among the allowed hosts "
                           f"({', '.join(sorted(allowed))})")


def _service_host(tokens: _Tokens, prefixes: dict[str, str]) -> str:
    """The host of the IRI after ``SERVICE [SILENT]``: ``"?"`` for a variable, ``""`` when unknown."""
    kind, text = next(tokens, ("other", ""))
    if kind == "name" and text.upper() == "SILENT":
        kind, text = next(tokens, ("other", ""))
    if kind == "variable":
        return "?"
    if kind == "iri":
        iri = text[1:-1]
    elif kind == "name" and ":" in text:
        prefix, local = text.split(":", 1)
        iri = prefixes.get(prefix + ":", "") + local
    else:
        return ""
    try:
        return (urllib.parse.urlsplit(iri).hostname or "").lower()
    except ValueError:
        return ""


def _full_depth(sparql: str) -> int:
    """The deepest nesting of the whole query (for the message only)."""
    depth = deepest = 0
    for kind, _ in _tokens(sparql):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
    return deepest
