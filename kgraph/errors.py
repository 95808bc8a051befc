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
