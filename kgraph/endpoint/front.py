"""The checking HTTP front of ``kgraph serve``: every query passes :func:`check_query` first.

The Oxigraph server listens on a private loopback port; clients talk to this front, which
reads each request (at most :data:`MAX_BODY_BYTES`), refuses with HTTP 400 a query that is
too large, too deeply nested or calls a ``SERVICE`` that is not allowed, and relays
everything else to Oxigraph unchanged, streaming the answer back. A query that would
overflow the server's stack therefore never reaches it, and idle client connections
hold a front thread each (closed after :data:`IDLE_TIMEOUT_S`), never a server worker.
"""

from __future__ import annotations

import http.client
import socket
import threading
import urllib.parse
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kgraph.errors import EndpointError, QueryRefused
from kgraph.query.guard import MAX_QUERY_CHARS, check_query

__all__ = ["IDLE_TIMEOUT_S", "MAX_BODY_BYTES", "MAX_CONNECTIONS_QUEUED", "Front"]

#: Largest request body accepted (a form-encoded query may take up to 3 bytes a character).
MAX_BODY_BYTES = 3 * MAX_QUERY_CHARS * 4 + 65_536
#: Seconds an open client connection may stay silent before the front closes it.
IDLE_TIMEOUT_S = 15.0
#: Connections the kernel keeps waiting to be accepted.
MAX_CONNECTIONS_QUEUED = 1024
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
                         "transfer-encoding", "upgrade", "host", "content-length"})
_CHUNK = 64 * 1024


class Front(ThreadingHTTPServer):
    """A threading HTTP server relaying checked requests to one Oxigraph server.

    The address is bound at once (so a port in use fails before any store is loaded);
    requests are served from :meth:`start` on.

    Args:
        address: ``(host, port)`` to listen on.
        allow_service: Hosts a ``SERVICE`` clause may call.
        timeout: The server's query timeout in seconds (the relay waits 5 s longer, then
            answers 504).
        cors: Let browser pages of other origins read the front's own error answers (the
            server's answers carry its own CORS headers).

    Raises:
        EndpointError: If the address cannot be bound (port in use, no such address).
    """

    daemon_threads = True
    request_queue_size = MAX_CONNECTIONS_QUEUED

    def __init__(self, address: tuple[str, int], *, allow_service: Iterable[str] = (),
                 timeout: float | None = None, cors: bool = False) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        try:
            super().__init__(address, _Handler)
        except OSError as exc:
            shown = f"[{address[0]}]" if ":" in address[0] else address[0]
            raise EndpointError(f"cannot listen on http://{shown}:{address[1]}: {exc.strerror or exc}") from exc
        self.backend: tuple[str, int] = ("127.0.0.1", 0)
        self.allow_service = tuple(allow_service)
        self.relay_timeout = (timeout + 5.0) if timeout else None
        self.cors = cors

    def start(self, backend: tuple[str, int]) -> None:
        """Relay to the Oxigraph server at ``backend`` from now on, serving in a daemon thread."""
        self.backend = backend
        threading.Thread(target=self.serve_forever, name="kgraph-front", daemon=True).start()

    def stop(self) -> None:
        """Stop serving (if started) and close the listening socket."""
        if self.backend[1]:
            self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    """One client connection: check each request's query, then relay it."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S
    server: Front

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._relay()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the Oxigraph server does not log requests either."""

    def _relay(self) -> None:
        body = self._body()
        if body is None:
            return
        try:
            for query in _queries(self.path, self.headers.get("Content-Type", ""), body):
                check_query(query, allow_service=self.server.allow_service)
        except QueryRefused as exc:
            self._plain(400, str(exc))
            return
        self._forward(body)

    def _body(self) -> bytes | None:
        """The request body, or None after an error answer."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._plain(411, "send the request with a Content-Length header")
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._plain(400, "invalid Content-Length")
            return None
        if length > MAX_BODY_BYTES:
            self._plain(413, f"request body of {length:,} bytes refused (the limit is {MAX_BODY_BYTES:,})")
            return None
        return self.rfile.read(length) if length else b""

    def _forward(self, body: bytes) -> None:
        host, port = self.server.backend
        upstream = http.client.HTTPConnection(host, port, timeout=self.server.relay_timeout)
        try:
            headers = {name: value for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP}
            headers["Host"] = f"{host}:{port}"
            headers["Connection"] = "close"
            upstream.request(self.command, self.path, body=body if body or self.command in ("POST", "PUT") else None,
                             headers=headers)
            answer = upstream.getresponse()
        except TimeoutError:
            self._plain(504, "the SPARQL server did not answer in time")
            upstream.close()
            return
        except OSError as exc:
            self._plain(502, f"the SPARQL server cannot be reached: {exc}")
            upstream.close()
            return
        try:
            self._stream(answer)
        finally:
            upstream.close()

    def _stream(self, answer: http.client.HTTPResponse) -> None:
        """Send the server's answer on: same status and headers, body with a length or chunked."""
        self.send_response_only(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        length = answer.getheader("Content-Length")
        no_body = self.command == "HEAD" or answer.status in (204, 304) or 100 <= answer.status < 200
        if no_body:
            self.send_header("Content-Length", length or "0")
            self.end_headers()
            return
        if length is not None:
            self.send_header("Content-Length", length)
            self.end_headers()
            while chunk := answer.read(_CHUNK):
                self.wfile.write(chunk)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        while chunk := answer.read1(_CHUNK):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def _plain(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response_only(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if self.server.cors and self.headers.get("Origin"):
            self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _queries(path: str, content_type: str, body: bytes) -> list[str]:
    """Every query text a request carries: the ``query`` URL parameter, a form field, or the body."""
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query, keep_blank_values=True).get("query", [])
    media = content_type.split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        text = body.decode("utf-8", errors="replace")
        found += urllib.parse.parse_qs(text, keep_blank_values=True).get("query", [])
    elif media == "application/sparql-query" or (body and urllib.parse.urlsplit(path).path.endswith("/query")):
        found.append(body.decode("utf-8", errors="replace"))  # any other body sent to /query is checked too
    return found
