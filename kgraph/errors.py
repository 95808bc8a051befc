"""kgraph's exceptions: one tree, narrow subclasses, messages that say how to fix the problem."""

from __future__ import annotations


class KGraphError(Exception):
    """Base class for kgraph errors."""


class InputError(KGraphError):
    """Input that kgraph cannot read (names the file and line)."""


class UnknownFormatError(KGraphError, ValueError):
    """An output or input format kgraph does not know."""


class QueryError(KGraphError):
    """A SPARQL query that cannot be parsed or run."""


class EndpointError(KGraphError):
    """A SPARQL server that cannot be started or reached, or that refused a request."""


class StoreError(KGraphError):
    """A persistent store that cannot be opened, read or written (names the directory)."""


class QueryRefused(QueryError):
    """A SPARQL query refused before evaluation: too large, too deeply nested, or calling a SERVICE."""


class QueryTimeout(QueryError):
    """A SPARQL query that did not finish within its time limit."""
