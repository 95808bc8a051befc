"""A SPARQL 1.1 endpoint over kgraph RDF, served by Oxigraph's own HTTP server.

The ``oxigraph`` executable (PyPI package ``oxigraph``) answers the SPARQL 1.1 Protocol:
GET and POST queries on ``/query`` with results in SPARQL JSON, XML, CSV or TSV chosen by
the ``Accept`` header. kgraph prepares its store: RDF files are loaded into a temporary
store directory that is removed when the server stops, while an existing Oxigraph store
directory is served in place. Either way the server runs read-only, so nobody can change
the graph through the endpoint, with a query timeout, and on a private loopback port:
clients reach it through :mod:`kgraph.endpoint.front`, which refuses oversized, deeply nested and
SERVICE queries with HTTP 400 before the server sees them.
"""

from __future__ import annotations

import ctypes
import os
import socket
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pyoxigraph as ox

from kgraph.errors import EndpointError, InputError, UnknownFormatError  # noqa: F401  (documented in Raises)
from kgraph.endpoint.front import Front
from kgraph.query.sparql import DEFAULT_TIMEOUT_S, rdf_file_format
from kgraph.rdf.guard import check_rdf_file

__all__ = ["Endpoint", "find_oxigraph", "is_store", "load_files", "rdf_file_format", "serve", "server_command"]

#: Extensions pyoxigraph does not know by themselves.
_READY_TIMEOUT_S = 60.0
_STOP_TIMEOUT_S = 10.0
_PR_SET_PDEATHSIG = 1  # prctl option, <sys/prctl.h>
#: Temporary stores of served files, and the file in each naming the process that owns it.
_TEMPORARY_PREFIX = "kgraph-serve-"
_OWNER_FILE = "kgraph-serve.pid"
#: Probes go straight to the local server, never through an HTTP proxy from the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Endpoint:
    """Where a running server listens.

    Attributes:
        host: The address the server is bound to (``127.0.0.1``, ``::1``, ``0.0.0.0``...).
        port: The TCP port.
    """

    host: str
    port: int

    @property
    def base_url(self) -> str:
        """``http://HOST:PORT`` (IPv6 addresses in brackets)."""
        return f"http://{_bracketed(self.host)}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return f"{self.base_url}/query"

    @property
    def bind(self) -> str:
        """The ``--bind`` argument of ``oxigraph serve``."""
        return f"{_bracketed(self.host)}:{self.port}"


def find_oxigraph() -> str:
    """Locate the ``oxigraph`` server executable.

    The one installed next to the running Python (the same virtual environment) comes
    first, then the ``PATH``.

    Returns:
        The path of the executable.

    Raises:
        EndpointError: If there is none.
    """
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise EndpointError(
            "the oxigraph server executable was not found next to Python or on PATH; "
            "install it with: pip install 'oxigraph>=0.4,<0.6'"
        )
    return found


def is_store(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an Oxigraph (RocksDB) store directory.

    Args:
        path: Any path.

    Returns:
        True for a directory holding RocksDB's ``CURRENT`` and ``MANIFEST-*`` files.
    """
    folder = Path(path)
    return folder.is_dir() and (folder / "CURRENT").is_file() and any(folder.glob("MANIFEST-*"))


def load_files(paths: Sequence[str | os.PathLike[str]], location: str | os.PathLike[str]) -> int:
    """Load RDF files into a new on-disk Oxigraph store and close it.

    Triples of TriG/N-Quads files keep their named graphs and are also added to the
    default graph, which thus holds the union of all graphs, as in kgraph's persistent
    store (a kgraph ``.trig`` answers the queries its ``.ttl`` answers); all other triples
    go to the default graph.

    Args:
        paths: RDF files (format from the extension, see :func:`rdf_file_format`).
        location: An empty or missing directory for the store.

    Returns:
        The number of quads in the store.

    Raises:
        UnknownFormatError: If a file extension is not an RDF syntax (nothing is loaded).
        InputError: If a file cannot be read or is not valid RDF, or declares XML entities
            or a remote JSON-LD context.
    """
    formats = [rdf_file_format(path) for path in paths]
    for path in paths:
        check_rdf_file(path)
    store = ox.Store(os.fspath(location))
    try:
        for path, fmt in zip(paths, formats):
            _load(store, os.fspath(path), fmt)
        if next(iter(store.named_graphs()), None) is not None:
            store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        store.flush()
        return len(store)
    finally:
        del store  # releases RocksDB's lock so the server can open the directory


def server_command(oxigraph: str, location: str | os.PathLike[str], endpoint: Endpoint, *, cors: bool = False,
                   union_default_graph: bool = False, timeout: float | None = DEFAULT_TIMEOUT_S) -> list[str]:
    """The command line of a read-only Oxigraph server.

    Args:
        oxigraph: The executable, see :func:`find_oxigraph`.
        location: The store directory.
        endpoint: Where to listen.
        cors: Allow cross-origin requests (browser clients such as YASGUI on another origin).
        union_default_graph: Let queries without ``GRAPH`` see the triples of every graph.
        timeout: Seconds a query may run (whole seconds, at least 1); None or 0 for no limit.

    Returns:
        The argument list for :class:`subprocess.Popen`.
    """
    command = [oxigraph, "serve-read-only", "--location", os.fspath(location), "--bind", endpoint.bind]
    if cors:
        command.append("--cors")
    if union_default_graph:
        command.append("--union-default-graph")
    if timeout:
        command += ["--timeout-s", str(max(1, round(timeout)))]
    return command


def serve(sources: Sequence[str | os.PathLike[str]], endpoint: Endpoint, *, cors: bool = False,
          union_default_graph: bool = False, timeout: float | None = DEFAULT_TIMEOUT_S,
          allow_service: Sequence[str] = (), on_ready: Callable[[Endpoint], None] | None = None) -> int:
    """Serve RDF files or one Oxigraph store as a read-only SPARQL endpoint until stopped.

    RDF files are loaded into a temporary store, removed when the server stops; a store
    directory (given alone) is served in place and left as it is. The Oxigraph server
    listens on a free loopback port behind :mod:`kgraph.endpoint.front`, which listens on
    ``endpoint`` and checks every query. SIGINT and SIGTERM are passed on to the server,
    which then stops.

    Args:
        sources: RDF files, or one Oxigraph store directory.
        endpoint: Where to listen.
        cors: Allow cross-origin requests.
        union_default_graph: Let queries without ``GRAPH`` see the triples of every graph
            (for stores with named graphs only; kgraph's persistent store keeps the union of
            its document graphs as its default graph).
        timeout: Seconds a query may run on the server (None or 0: no limit).
        allow_service: Hosts ``SERVICE`` clauses may call; by default they are refused.
        on_ready: Called once the server answers HTTP requests.

    Returns:
        0 when the server was stopped by a signal or ended normally.

    Raises:
        InputError: If no source is given, a directory is not a store or comes with other
            sources, or a file cannot be read or is not valid RDF.
        UnknownFormatError: If a file extension is not an RDF syntax.
        EndpointError: If the oxigraph executable is missing, or the server stopped on its
            own with an error (for example because the port is in use) or never answered.
    """
    oxigraph = find_oxigraph()
    front = Front((endpoint.host, endpoint.port), allow_service=allow_service, timeout=timeout, cors=cors)
    try:
        return _serve(oxigraph, sources, endpoint, front, cors=cors, union_default_graph=union_default_graph,
                      timeout=timeout, on_ready=on_ready)
    finally:
        front.stop()


def _serve(oxigraph: str, sources: Sequence[str | os.PathLike[str]], endpoint: Endpoint, front: Front, *,
           cors: bool, union_default_graph: bool, timeout: float | None,
           on_ready: Callable[[Endpoint], None] | None) -> int:
    with _stop_requests() as stop, _store_location(sources) as location:
        stop.loading = False
        backend = Endpoint("127.0.0.1", _free_port())
        process = subprocess.Popen(server_command(oxigraph, location, backend, cors=cors,
                                                  union_default_graph=union_default_graph, timeout=timeout),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
        threading.Thread(target=_relay_errors, args=(process,), name="kgraph-server-stderr", daemon=True).start()
        stop.process = process
        try:
            if stop.requested:  # a signal came while the server was starting
                process.terminate()
            _wait_until_ready(process, backend, stop)
            if not stop.requested:
                front.start((backend.host, backend.port))
            if on_ready is not None and not stop.requested:
                on_ready(endpoint)
            status = process.wait()
        finally:
            _terminate(process)
        if stop.requested or status == 0:
            return 0
        raise EndpointError(f"the oxigraph server stopped with status {status}")


class _Stop:
    """The signal state of :func:`serve`: the server process and whether a stop was asked for."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.loading = True
        self.requested = False

    def handle(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        if self.loading:
            raise KeyboardInterrupt  # unwind, removing the temporary store
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signum)


@contextmanager
def _stop_requests() -> Iterator[_Stop]:
    """Route SIGINT and SIGTERM to the server process while the block runs (main thread only)."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = {signum: signal.signal(signum, stop.handle) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _store_location(sources: Sequence[str | os.PathLike[str]]) -> Iterator[str]:
    """The store directory to serve: a given store, or a temporary one holding the files."""
    if not sources:
        raise InputError("nothing to serve: give RDF files or one Oxigraph store directory")
    folders = [source for source in sources if os.path.isdir(source)]
    if folders:
        if len(sources) > 1:
            raise InputError("an Oxigraph store directory must be served on its own, without other sources")
        if not is_store(folders[0]):
            raise InputError(f"{os.fspath(folders[0])}: a directory but not an Oxigraph store (no CURRENT file)")
        yield os.fspath(folders[0])
        return
    _remove_orphans()
    temporary = tempfile.mkdtemp(prefix=_TEMPORARY_PREFIX)
    try:
        Path(temporary, _OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        load_files(sources, temporary)
        yield temporary
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _remove_orphans() -> None:
    """Remove the temporary stores of ``kgraph serve`` processes that were killed (SIGKILL leaves them)."""
    for folder in Path(tempfile.gettempdir()).glob(_TEMPORARY_PREFIX + "*"):
        try:
            owner = int((folder / _OWNER_FILE).read_text(encoding="ascii"))
            os.kill(owner, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)  # its owner is gone
        except (OSError, ValueError):
            continue  # not ours to judge: no owner file yet, another user's, unreadable


def _load(store: ox.Store, path: str, fmt: ox.RdfFormat) -> None:
    try:
        store.load(path=path, format=fmt)
    except SyntaxError as exc:
        raise InputError(f"{path}: not valid {fmt.name}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _wait_until_ready(process: subprocess.Popen[bytes], endpoint: Endpoint, stop: _Stop) -> None:
    """Poll until an Oxigraph server answers on ``endpoint``.

    The ``Server`` header is checked, so another program already listening on the port is
    not mistaken for ours.
    """
    deadline = time.monotonic() + _READY_TIMEOUT_S
    probe = Endpoint(_local_address(endpoint.host), endpoint.port).base_url + "/"
    while not stop.requested:
        if process.poll() is not None:
            raise EndpointError(
                f"the oxigraph server exited with status {process.returncode} before answering on "
                f"{endpoint.base_url}"
            )
        if _answers(probe):
            return
        if time.monotonic() > deadline:
            raise EndpointError(f"the oxigraph server did not answer on {endpoint.base_url} "
                                f"within {_READY_TIMEOUT_S:.0f} s")
        time.sleep(0.1)


def _answers(url: str) -> bool:
    try:
        with _DIRECT.open(url, timeout=1) as response:
            server = response.headers.get("Server", "")
    except urllib.error.HTTPError as exc:
        server = exc.headers.get("Server", "")
    except (OSError, ValueError):
        return False
    return server.lower().startswith("oxigraph")


def _die_with_parent() -> None:
    """In the server process (Linux): get SIGTERM when kgraph dies, even by SIGKILL, so no server is orphaned."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _terminate(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _relay_errors(process: subprocess.Popen[bytes]) -> None:
    """Copy the server's stderr to ours, but for its line naming the private port (the front's is announced)."""
    assert process.stderr is not None
    for line in process.stderr:
        if not line.startswith(b"Listening for requests at"):
            sys.stderr.buffer.write(line)
            sys.stderr.buffer.flush()


def _free_port() -> int:
    """A TCP port free on the loopback interface now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _local_address(host: str) -> str:
    """An address to reach a server bound to ``host`` from this machine."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host
