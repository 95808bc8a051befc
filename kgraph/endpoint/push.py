"""Load kgraph RDF into any SPARQL 1.1 store over HTTP.

Two standard ways in:

* the SPARQL 1.1 Graph Store HTTP Protocol: one ``POST`` (add) or ``PUT`` (replace) of
  N-Triples to the store endpoint with ``?default`` or ``?graph=IRI``
  (Oxigraph: ``http://host:7878/store``; Fuseki: ``http://host:3030/ds/data``);
* SPARQL 1.1 Update: ``INSERT DATA`` requests of at most ``batch_size`` triples posted to
  the update endpoint (Oxigraph: ``/update``; Fuseki: ``/ds/update``).

Triples are always serialised by pyoxigraph's N-Triples writer, never pasted together
from user text. Files are read as triples: the graph names of TriG/N-Quads files are
dropped and every triple goes to the target graph.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from kgraph.errors import EndpointError, InputError
from kgraph.rdf.guard import check_rdf_file
from kgraph.endpoint.serve import rdf_file_format

__all__ = ["PushReport", "push_graph_store", "push_update", "read_triples"]

_NTRIPLES = "application/n-triples"
_SPARQL_UPDATE = "application/sparql-update; charset=utf-8"
_EXCERPT = 300


@dataclass(frozen=True)
class PushReport:
    """What a push did.

    Attributes:
        triples: Distinct triples sent.
        requests: HTTP requests made.
        target: The graph written: ``default`` or the graph IRI.
    """

    triples: int
    requests: int
    target: str


#: Redirect statuses: never followed silently (see :func:`_send`).
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5


def read_triples(paths: Sequence[str | os.PathLike[str]]) -> list[ox.Triple]:
    """Read the distinct triples of RDF files.

    Args:
        paths: RDF files (``.ttl .nt .jsonld .trig .nq .rdf .owl``).

    Returns:
        The triples, in first-seen order, whatever graph they were in.

    Raises:
        UnknownFormatError: If a file extension is not an RDF syntax.
        InputError: If a file cannot be read or is not valid RDF.
    """
    seen: dict[ox.Triple, None] = {}
    for path in paths:
        fmt = rdf_file_format(path)
        check_rdf_file(path)
        try:
            for quad in ox.parse(path=os.fspath(path), format=fmt):
                seen.setdefault(quad.triple)
        except SyntaxError as exc:
            raise InputError(f"{os.fspath(path)}: not valid {fmt.name}: {exc}") from exc
        except OSError as exc:
            raise InputError(f"cannot read {os.fspath(path)}: {exc.strerror or exc}") from exc
    return list(seen)


def push_graph_store(paths: Sequence[str | os.PathLike[str]], endpoint: str, *, graph: str | None = None,
                     replace: bool = False, timeout: float = 60.0, follow_redirects: bool = False) -> PushReport:
    """Send RDF files to a store through the SPARQL 1.1 Graph Store HTTP Protocol.

    Args:
        paths: RDF files.
        endpoint: The store's Graph Store endpoint, e.g. ``http://localhost:7878/store``.
        graph: IRI of the named graph to write; None writes the default graph.
        replace: Replace the graph's content (``PUT``) instead of adding to it (``POST``).
        timeout: Seconds to wait for the store.
        follow_redirects: Send the same request (method and body) to the URL a redirect
            names; by default a redirect is an error, as nothing was stored.

    Returns:
        What was sent.

    Raises:
        InputError: If a file cannot be read, or the endpoint or graph IRI is not valid.
        UnknownFormatError: If a file extension is not an RDF syntax.
        EndpointError: If the store cannot be reached or answers with an HTTP error.
    """
    target = _graph_node(graph)
    _check_url(endpoint)
    triples = read_triples(paths)
    parameter = "default" if target is None else urllib.parse.urlencode({"graph": target.value})
    url = f"{endpoint}{'&' if urllib.parse.urlsplit(endpoint).query else '?'}{parameter}"
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    _send(url, "PUT" if replace else "POST", body, _NTRIPLES, timeout, follow_redirects)
    return PushReport(len(triples), 1, graph or "default")


def push_update(paths: Sequence[str | os.PathLike[str]], endpoint: str, *, graph: str | None = None,
                replace: bool = False, batch_size: int = 5000, timeout: float = 60.0,
                follow_redirects: bool = False) -> PushReport:
    """Send RDF files to a store as SPARQL 1.1 ``INSERT DATA`` updates.

    Triples sharing a blank node always travel in the same request, since a blank node of
    one ``INSERT DATA`` is a new node in the next. With ``replace`` the first request
    starts with ``CLEAR SILENT`` of the target graph.

    Args:
        paths: RDF files.
        endpoint: The SPARQL Update endpoint, e.g. ``http://localhost:7878/update``.
        graph: IRI of the named graph to write; None writes the default graph.
        replace: Clear the graph first.
        batch_size: Most triples a request (a group of triples joined by blank nodes may
            make one request larger).
        timeout: Seconds to wait for each request.
        follow_redirects: Send each request again to the URL a redirect names.

    Returns:
        What was sent.

    Raises:
        InputError: If a file cannot be read, or the endpoint, graph IRI or batch size is
            not valid.
        UnknownFormatError: If a file extension is not an RDF syntax.
        EndpointError: If the store cannot be reached or answers with an HTTP error; earlier
            batches stay in the store.
    """
    if batch_size < 1:
        raise InputError(f"batch size must be at least 1, not {batch_size}")
    target = _graph_node(graph)
    _check_url(endpoint)
    triples = read_triples(paths)
    updates = [_insert_data(batch, target) for batch in _batches(triples, batch_size)]
    if replace:
        clear = "CLEAR SILENT DEFAULT" if target is None else f"CLEAR SILENT GRAPH {target}"
        updates = [f"{clear} ;\n{updates[0]}" if updates else clear] + updates[1:]
    for update in updates:
        _send(endpoint, "POST", update.encode("utf-8"), _SPARQL_UPDATE, timeout, follow_redirects)
    return PushReport(len(triples), len(updates), graph or "default")


def _graph_node(graph: str | None) -> ox.NamedNode | None:
    if graph is None:
        return None
    try:
        node = ox.NamedNode(graph)
    except ValueError as exc:
        raise InputError(f"graph name {graph!r} is not a valid IRI: {exc}") from exc
    if not urllib.parse.urlsplit(graph).scheme:
        raise InputError(f"graph name {graph!r} is not an absolute IRI (e.g. https://example.org/graph/news)")
    return node


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"endpoint {url!r} is not an http(s) URL such as http://localhost:7878/store")


def _batches(triples: Sequence[ox.Triple], size: int) -> Iterable[list[ox.Triple]]:
    """Split triples into batches of about ``size``, never splitting a blank-node group."""
    batch: list[ox.Triple] = []
    for group in _blank_node_groups(triples):
        if batch and len(batch) + len(group) > size:
            yield batch
            batch = []
        batch.extend(group)
    if batch:
        yield batch


def _blank_node_groups(triples: Sequence[ox.Triple]) -> list[list[ox.Triple]]:
    """Triples connected through shared blank nodes, in first-seen order; others stand alone."""
    parent: dict[ox.BlankNode, ox.BlankNode] = {}

    def root(node: ox.BlankNode) -> ox.BlankNode:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for triple in triples:
        blanks = [term for term in (triple.subject, triple.object) if isinstance(term, ox.BlankNode)]
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
    groups: dict[object, list[ox.Triple]] = {}
    for index, triple in enumerate(triples):
        blanks = [term for term in (triple.subject, triple.object) if isinstance(term, ox.BlankNode)]
        groups.setdefault(root(blanks[0]) if blanks else index, []).append(triple)
    return list(groups.values())


def _insert_data(triples: Sequence[ox.Triple], graph: ox.NamedNode | None) -> str:
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if graph is not None:
        body = f"GRAPH {graph} {{\n{body}}}\n"
    return f"INSERT DATA {{\n{body}}}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand redirects back as HTTP errors: urllib would turn a POST into a bodyless GET and report success."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        return None


def _send(url: str, method: str, body: bytes, content_type: str, timeout: float, follow_redirects: bool = False,
          hops: int = 0) -> None:
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in _REDIRECTS:
            location = urllib.parse.urljoin(url, exc.headers.get("Location", ""))
            if follow_redirects and location != url and hops < _MAX_REDIRECTS:
                _check_url(location)
                _send(location, method, body, content_type, timeout, follow_redirects, hops + 1)
                return
            advice = ("too many redirects" if follow_redirects else
                      "push to that URL, or pass --follow-redirects to send the same request there")
            raise EndpointError(f"{method} {url} was redirected (HTTP {exc.code} {exc.reason}) to {location or '?'}; "
                                f"nothing was stored: {advice}") from exc
        excerpt = exc.read(_EXCERPT + 1).decode("utf-8", "replace").strip()
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[:_EXCERPT] + "..."
        raise EndpointError(f"{method} {url} failed: HTTP {exc.code} {exc.reason}" +
                            (f": {excerpt}" if excerpt else "")) from exc
    except urllib.error.URLError as exc:
        raise EndpointError(f"cannot reach {url}: {exc.reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise EndpointError(f"{method} {url} failed: {exc}") from exc


def _opener(url: str) -> urllib.request.OpenerDirector:
    """An opener that honours the environment's proxies, except for loopback addresses."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    return urllib.request.build_opener(urllib.request.ProxyHandler({}) if loopback else urllib.request.ProxyHandler(),
                                       _NoRedirect())
