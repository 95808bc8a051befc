"""SPARQL 1.1 queries over kgraph RDF, evaluated by an in-memory Oxigraph store.

Oxigraph is much faster than rdflib's evaluator. Queries may use the prefixes of
:data:`kgraph.rdf.namespace.PREFIXES` (``kg:``, ``kgr:``, ``wd:``, ``rdfs:``, ...) without
declaring them. User text given to the canned queries is bound as an RDF literal, never
pasted into the query.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kgraph.errors import InputError, QueryError, QueryTimeout, UnknownFormatError
from kgraph.export.rdf import oxigraph_triples
from kgraph.rdf.namespace import PREFIXES
from kgraph.query.guard import check_query
from kgraph.rdf.guard import check_rdf_file

__all__ = ["DEFAULT_TIMEOUT_S", "QueryResult", "format_table", "load_store", "members", "run_query", "to_csv",
           "to_json"]

#: Seconds a query may run before it is given up (``kgraph query --timeout``, ``kgraph serve --timeout``).
DEFAULT_TIMEOUT_S = 60.0
#: Stack of the thread that evaluates a query: Oxigraph recurses over the parsed query, and
#: this leaves a wide margin above the limits of :mod:`kgraph.query.guard`.
_QUERY_STACK_BYTES = 64 * 1024 * 1024
_STACK_LOCK = threading.Lock()

#: A query answer converted to plain Python (IRIs and blank nodes as str).
Value = Union[str, int, float, bool, None]
#: An RDF term as returned by Oxigraph.
Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = frozenset(
    _XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
        "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
)
_FLOAT_TYPES = frozenset(_XSD + name for name in ("decimal", "double", "float"))
_BOOLEAN = _XSD + "boolean"
_STRING = _XSD + "string"
_QUERY_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_EXTRA_EXTENSIONS = {".owl": ox.RdfFormat.RDF_XML}
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# kgraph members NAME, in two steps: the optimiser would otherwise start from every
# kg:memberOf triple and test each organisation's names (90 ms instead of 7 on a store
# of 10,000 articles); the organisations named NAME are found first, then their members.
_ORGANISATIONS = """
SELECT DISTINCT ?organisation ?name WHERE {
  ?organisation rdfs:label|skos:altLabel ?organisationName .
  FILTER(LCASE(STR(?organisationName)) = LCASE(STR(?name)))
}
"""
_MEMBERS = """
SELECT DISTINCT ?label ?type ?wikidata WHERE {
  VALUES ?organisation { %s }
  ?member kg:memberOf ?organisation ;
          rdfs:label ?label ;
          a ?class .
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  BIND(STRAFTER(STR(?class), STR(kg:)) AS ?type)
  OPTIONAL { ?member owl:sameAs ?wikidata . FILTER(STRSTARTS(STR(?wikidata), STR(wd:))) }
}
ORDER BY LCASE(?label) ?label ?type ?wikidata
"""


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query.

    Attributes:
        variables: Column names (``subject``, ``predicate``, ``object`` for CONSTRUCT).
        rows: One tuple per solution: IRIs as str, blank nodes as ``_:id``, numeric and
            boolean literals as int/float/bool, other literals as their lexical form,
            unbound variables as None.
        terms: The same solutions as RDF terms, for faithful CSV/JSON output.
        boolean: The answer of an ASK query (``variables`` and ``rows`` are then empty).
    """

    variables: list[str]
    rows: list[tuple[Value, ...]]
    terms: list[tuple[Term | None, ...]] = field(default_factory=list, repr=False, compare=False)
    boolean: bool | None = None


def load_store(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Graph | nx.MultiDiGraph) -> ox.Store:
    """Load RDF into a new in-memory Oxigraph store.

    Args:
        source: An RDF file or several (format from the extension: ``.ttl .nt .jsonld
            .trig .nq .rdf .owl``), an rdflib graph, or a kgraph networkx graph. The
            triples of TriG/N-Quads files keep their named graphs and are also added to
            the default graph, which is thus the union of all graphs, as in the
            persistent store: a query without ``GRAPH`` sees every triple.

    Returns:
        The store.

    Raises:
        UnknownFormatError: If a file extension is not an RDF format.
        InputError: If a file cannot be read or is not valid RDF, or declares XML entities
            or a remote JSON-LD context (see :func:`kgraph.rdf.guard.check_rdf_file`).
    """
    store = ox.Store()
    if isinstance(source, nx.Graph):
        default = ox.DefaultGraph()
        store.extend(ox.Quad(*triple, default) for triple in oxigraph_triples(source))
        return store
    if isinstance(source, Graph):
        _load(store, "rdflib graph", input=source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return store
    for path in [source] if isinstance(source, (str, os.PathLike)) else source:
        fmt = rdf_file_format(path)
        check_rdf_file(path)
        _load(store, os.fspath(path), path=os.fspath(path), format=fmt)
    if next(iter(store.named_graphs()), None) is not None:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def run_query(store: ox.Store, sparql: str, *, timeout: float | None = DEFAULT_TIMEOUT_S,
              allow_service: Iterable[str] = ()) -> QueryResult:
    """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query.

    The query is checked first (:func:`kgraph.query.guard.check_query`: size, nesting,
    SERVICE), then evaluated in a worker thread, so Ctrl-C and the timeout interrupt the
    wait at once. Oxigraph cannot cancel an evaluation: after a timeout or Ctrl-C the
    worker goes on until the evaluation ends or the process exits (the CLI exits).

    Args:
        store: A store from :func:`load_store`.
        sparql: The query; kgraph's prefixes are predeclared.
        timeout: Seconds to wait for the answer; None or 0 waits without limit.
        allow_service: Hosts a ``SERVICE`` clause may call; none by default.

    Returns:
        The answer with plain Python values (see :class:`QueryResult`).

    Raises:
        QueryRefused: If the query is too large, too deeply nested or calls a SERVICE
            whose host is not allowed (nothing is evaluated).
        QueryTimeout: If the answer did not come within ``timeout`` seconds.
        QueryError: If the query is not valid SPARQL (the parser's message is kept; updates
            such as ``DROP ALL`` are rejected too) or cannot be evaluated.
    """
    check_query(sparql, allow_service=allow_service)
    return _evaluate(store, sparql, timeout=timeout)


def members(store: ox.Store, name: str, *, timeout: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
    """The asserted members of the organisation one of whose names is ``name``.

    Args:
        store: A store from :func:`load_store`.
        name: Any label or alias of the organisation, compared case-insensitively. It is
            bound as a literal value, so no text can change the query.

    Returns:
        Columns ``label``, ``type`` (local name of the ``kg:`` class) and ``wikidata``
        (the ``wd:`` IRI or None), ordered by label.

    Raises:
        QueryError: If ``name`` cannot be turned into an RDF literal (e.g. lone surrogates).
    """
    # IRIs the store itself returned, written back in SPARQL syntax (<...>); an organisation
    # that is a blank node (only in hand-written RDF) cannot be named in a second query.
    organisations = [str(row[0]) for row in _evaluate(store, _ORGANISATIONS, {"name": name}, timeout=timeout).terms
                     if isinstance(row[0], ox.NamedNode)]
    if not organisations:
        return QueryResult(["label", "type", "wikidata"], [], [])
    return _evaluate(store, _MEMBERS % " ".join(organisations), timeout=timeout)


def format_table(result: QueryResult) -> str:
    """An aligned plain-text table with a row count, for terminals.

    Control characters such as newlines are shown escaped (``\\n``) so each solution
    stays on one line.

    Args:
        result: A query answer.

    Returns:
        The table (``true``/``false`` for an ASK answer).
    """
    if result.boolean is not None:
        return _cell(result.boolean)
    header = list(result.variables)
    body = [[_cell(value) for value in row] for row in result.rows]
    widths = [max([_width(name)] + [_width(row[i]) for row in body]) for i, name in enumerate(header)]
    lines = [_line(header, widths), _line(["-" * width for width in widths], widths)]
    lines += [_line(row, widths) for row in body]
    lines.append(f"({len(body)} row{'' if len(body) == 1 else 's'})")
    return "\n".join(lines)


def to_csv(result: QueryResult) -> str:
    """The answer in the SPARQL 1.1 Query Results CSV format.

    Args:
        result: A query answer.

    Returns:
        CSV text with CRLF line ends; an ASK answer is a one-column ``boolean`` table.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], [_cell(result.boolean)]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_lexical(term) for term in row] for row in _terms(result))
    return buffer.getvalue()


def to_json(result: QueryResult) -> str:
    """The answer in the SPARQL 1.1 Query Results JSON format.

    Args:
        result: A query answer.

    Returns:
        The JSON text.
    """
    if result.boolean is not None:
        document: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {name: _term_json(term) for name, term in zip(result.variables, row) if term is not None}
            for row in _terms(result)
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False)


def rdf_file_format(path: str | os.PathLike[str]) -> ox.RdfFormat:
    """The Oxigraph RDF format of a graph file, from its extension.

    Raises:
        UnknownFormatError: If the extension is not an RDF syntax.
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    fmt = _EXTRA_EXTENSIONS.get(extension) or (ox.RdfFormat.from_extension(extension[1:]) if extension else None)
    if fmt is None:
        raise UnknownFormatError(
            f"cannot load {os.fspath(path)}: unknown RDF extension {extension or '(none)'!r}; "
            "use one of .ttl .nt .jsonld .trig .nq .rdf .owl"
        )
    return fmt


def _load(store: ox.Store, what: str, **options: Any) -> None:
    try:
        store.load(**options)
    except SyntaxError as exc:
        raise InputError(f"{what}: not valid {options['format'].name}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}") from exc


def _evaluate(store: ox.Store, sparql: str, values: Mapping[str, str] | None = None, *,
              timeout: float | None = DEFAULT_TIMEOUT_S) -> QueryResult:
    """Run ``sparql`` with each variable of ``values`` bound to a string literal (it must be projected)."""
    try:
        substitutions = {ox.Variable(name): ox.Literal(value) for name, value in (values or {}).items()}
        return _in_worker(lambda: _result(store.query(sparql, prefixes=_QUERY_PREFIXES,
                                                      substitutions=substitutions or None)), timeout)
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL query: {exc}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"SPARQL query failed: {exc}") from exc


def _in_worker(work: Callable[[], QueryResult], timeout: float | None) -> QueryResult:
    """``work()`` in a daemon thread with a large stack; the caller waits at most ``timeout`` seconds."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc
        finally:
            done.set()

    with _STACK_LOCK:
        previous = threading.stack_size(_QUERY_STACK_BYTES)
        try:
            worker = threading.Thread(target=target, name="kgraph-sparql", daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
    if not done.wait(timeout or None):  # a lock wait: Ctrl-C interrupts it at once
        raise QueryTimeout(f"query timed out after {timeout:g} s (raise the limit with --timeout SECONDS, "
                           "0 for none)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult([], [], [], bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [variable.value for variable in answer.variables]
        terms = [tuple(solution) for solution in answer]
    else:
        variables = ["subject", "predicate", "object"]
        terms = [(triple.subject, triple.predicate, triple.object) for triple in answer]
    return QueryResult(variables, [tuple(_value(term) for term in row) for row in terms], terms)


def _value(term: Term | None) -> Value:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _literal_value(term)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _literal_value(literal: ox.Literal) -> Value:
    datatype = literal.datatype.value
    try:
        if datatype in _INTEGER_TYPES:
            return int(literal.value)
        if datatype in _FLOAT_TYPES:
            return float(literal.value)
    except ValueError:
        return literal.value
    if datatype == _BOOLEAN:
        return literal.value in ("true", "1")
    return literal.value


def _terms(result: QueryResult) -> list[tuple[Term | None, ...]]:
    """The RDF terms of the rows; rows built by hand become literals."""
    if len(result.terms) == len(result.rows):
        return result.terms
    return [tuple(None if value is None else ox.Literal(value) for value in row) for row in result.rows]


def _lexical(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _term_json(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        encoded = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
        elif term.datatype.value != _STRING:
            encoded["datatype"] = term.datatype.value
        return encoded
    parts = {"subject": term.subject, "predicate": term.predicate, "object": term.object}
    return {"type": "triple", "value": {key: _term_json(part) for key, part in parts.items()}}


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "".join(c if c.isprintable() else _escape(c) for c in str(value))


def _escape(char: str) -> str:
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (CJK, emoji) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text
    )


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths)).rstrip()
