"""Checks an RDF input file must pass before any RDF parser reads it.

Two constructs make a small file dangerous to the parsers kgraph uses:

- an RDF/XML document type declaration with entities: a 1 KB file of nested entities
  ("billion laughs") expands to gigabytes in pyoxigraph and never ends in rdflib; an
  external entity reads local files or URLs;
- a JSON-LD ``@context`` (or ``@import``) given by URL: rdflib fetches it over HTTP, so
  reading a file would send a request the user never asked for.

:func:`check_rdf_file` refuses both with an :class:`~kgraph.errors.InputError` naming the
file (and line). The XML check stops at the root element (a DTD can only come before it),
using defusedxml, so it costs nothing on large files; the JSON-LD check parses the JSON.
"""

from __future__ import annotations

import json
import os
from typing import Any

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import ParseError, iterparse

from kgraph.errors import InputError

__all__ = ["check_rdf_file"]

_XML_EXTENSIONS = frozenset({".rdf", ".owl", ".xml"})
_JSONLD_EXTENSIONS = frozenset({".jsonld", ".json"})


def check_rdf_file(path: str | os.PathLike[str]) -> None:
    """Refuse an RDF file that declares XML entities or loads a remote JSON-LD context.

    Other syntaxes (Turtle, N-Triples, TriG, N-Quads) have neither and pass unread.

    Args:
        path: The RDF file; its extension tells the syntax.

    Raises:
        InputError: If an RDF/XML file has a DOCTYPE declaring entities or naming an
            external DTD, or a JSON-LD file has a ``@context``/``@import`` that is not inline.
            Malformed content is left to the RDF parser and its own message.
    """
    name = os.fspath(path)
    extension = os.path.splitext(name)[1].lower()
    if extension in _XML_EXTENSIONS:
        _check_xml(name)
    elif extension in _JSONLD_EXTENSIONS:
        _check_jsonld(name)


def _check_xml(path: str) -> None:
    try:
        for _ in iterparse(path, events=("start",), forbid_dtd=False, forbid_entities=True, forbid_external=True):
            return  # the root element: no DTD can follow
    except EntitiesForbidden as exc:
        raise InputError(f"{path}: refused: the DOCTYPE declares the entity {exc.name!r} (entity expansion can "
                         "take all memory; kgraph reads RDF/XML without entity declarations)") from exc
    except (ExternalReferenceForbidden, DTDForbidden) as exc:
        raise InputError(f"{path}: refused: the DOCTYPE refers to an external DTD or entity "
                         f"({getattr(exc, 'sysid', '') or 'no system id'}); kgraph reads no external resource") from exc
    except DefusedXmlException as exc:
        raise InputError(f"{path}: refused: {exc}") from exc
    except ParseError:
        return  # not well-formed: the RDF parser says where
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _check_jsonld(path: str) -> None:
    try:
        with open(path, encoding="utf-8") as handle:
            json.load(handle, object_pairs_hook=_refuse_remote_context)
    except _RemoteContext as exc:
        raise InputError(f"{path}: refused: {exc.args[0]} {exc.args[1]!r} is loaded from the network; "
                         "kgraph reads JSON-LD with inline contexts only (write the context into the file)") from exc
    except (ValueError, RecursionError):
        return  # not JSON: the RDF parser says where
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


class _RemoteContext(Exception):
    """Raised from inside the JSON parser at the first remote context: (keyword, reference)."""


def _refuse_remote_context(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    for key, value in pairs:
        if key in ("@context", "@import"):
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str):
                    raise _RemoteContext(key, item)
    return dict(pairs)
