"""Hostile SPARQL: queries that crash the engine, run forever or call other servers (issue 11, cases 1, 3, 4, 10).

Every entry point is tried: ``kgraph query`` on files and on ``--store``, the Python API,
and ``kgraph serve`` (a real server on a loopback port).
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from hostile_corpus import kgraph, kgraph_script
from kgraph.api import KnowledgeGraph
from kgraph.errors import QueryRefused, QueryTimeout
from kgraph.query.guard import MAX_NESTING, MAX_OPERATORS
from kgraph.store import GraphStore

#: The query of the report: 3,000 nested groups in 12 KB.
NESTED = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
#: Other shapes that overflow Oxigraph's stack (measured with 0.5.13 in a 2 MiB thread).
CRASHERS = {
    "blank nodes": "SELECT * WHERE { ?s ?p " + "[ ?p " * 300 + "1" + " ]" * 300 + " }",
    "optional chain": "SELECT * WHERE { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s ?p ?o{i} }}" for i in range(500)) + " }",
    "path": "SELECT * WHERE { ?s " + "/".join(["<http://x/p>"] * 3000) + " ?o }",
    "huge": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000,
}
#: A three-way cross join that Oxigraph evaluates for minutes.
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } }"
        % ((" ".join(map(str, range(3000))),) * 3))
PLAIN = "SELECT ?o WHERE { <http://x/a> <http://x/p> ?o }"
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def graph_file(tmp_path) -> Path:
    path = tmp_path / "g.nt"
    path.write_text("<http://x/a> <http://x/p> <http://x/b> .\n", encoding="utf-8")
    return path


@pytest.fixture
def store_dir(tmp_path, graph_file) -> Path:
    """An Oxigraph store directory holding the triple of ``graph_file`` (as kgraph build --store leaves one)."""
    path = tmp_path / "store"
    store = ox.Store(str(path))
    store.load(path=str(graph_file), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return path


class _Remote(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint answering every request with one row ``?o = "remote"``, counting requests."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self.hits.append(self.path)
        body = json.dumps({"head": {"vars": ["o"]},
                           "results": {"bindings": [{"o": {"type": "literal", "value": "remote"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def remote() -> Iterator[tuple[str, list[str]]]:
    """A loopback SPARQL server standing for a host behind the user's firewall: (SERVICE IRI, requests seen)."""
    hits: list[str] = []
    handler = type("Remote", (_Remote,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", hits
    server.shutdown()
    server.server_close()


def service_query(iri: str) -> str:
    return f"SELECT ?o WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}"


# -- case 1: nesting and size ---------------------------------------------------------------------


def test_nested_query_refused_by_kgraph_query(graph_file):
    run = kgraph("query", str(graph_file), "-e", NESTED, timeout=60)
    assert run.returncode == 1, run.stderr  # was 139 (segmentation fault)
    assert "query refused: nested 3000 levels deep (the limit is 32)" in run.stderr.decode()


def test_nested_query_refused_on_store(store_dir):
    run = kgraph("query", "--store", str(store_dir), "-e", NESTED, timeout=60)
    assert run.returncode == 1 and "nested 3000 levels deep" in run.stderr.decode()
    with GraphStore(store_dir, read_only=True) as store:
        with pytest.raises(QueryRefused, match="nested 3000 levels deep"):
            store.query(NESTED)


@pytest.mark.parametrize("shape", sorted(CRASHERS))
def test_crashing_shapes_refused_by_the_api(shape):
    graph = KnowledgeGraph(nx.MultiDiGraph())
    with pytest.raises(QueryRefused, match="query refused"):
        graph.query(CRASHERS[shape])
    with pytest.raises(QueryRefused, match="nested 3000 levels deep"):
        graph.query(NESTED)


def test_queries_at_the_limits_still_run(graph_file):
    """The deepest and longest queries accepted run in this very process without harm."""
    graph = KnowledgeGraph(nx.MultiDiGraph())
    deepest = "SELECT * WHERE { ?s ?p " + "[ ?p " * (MAX_NESTING - 1) + "1" + " ]" * (MAX_NESTING - 1) + " }"
    optionals = "SELECT * WHERE { ?s ?p ?o " + " ".join(
        f"OPTIONAL {{ ?s ?p ?o{i} }}" for i in range(MAX_OPERATORS - 1)) + " }"
    assert graph.query(deepest) == []
    assert graph.query(optionals) == []
    with pytest.raises(QueryRefused, match=f"more than {MAX_OPERATORS} operators"):
        graph.query(optionals[:-1] + "OPTIONAL { ?s ?p ?x } }")
    run = kgraph("query", str(graph_file), "-e", "SELECT ?o { ?s ?p ?o } # { { { ' \" <", "--format", "csv")
    assert run.returncode == 0 and run.stdout.decode().split() == ["o", "http://x/b"]


# -- case 3: SERVICE ------------------------------------------------------------------------------


def test_service_refused_everywhere_without_a_request(graph_file, store_dir, remote):
    iri, hits = remote
    query = service_query(iri)
    run = kgraph("query", str(graph_file), "-e", query, timeout=60)
    assert run.returncode == 1 and "SERVICE calls another server" in run.stderr.decode()
    run = kgraph("query", "--store", str(store_dir), "-e", query, timeout=60)
    assert run.returncode == 1 and "--allow-service HOST" in run.stderr.decode()
    with pytest.raises(QueryRefused, match="SERVICE"):
        KnowledgeGraph(nx.MultiDiGraph()).query(query)
    run = kgraph("query", str(graph_file), "-e", query, "--allow-service", "example.org", timeout=60)
    assert run.returncode == 1 and "SERVICE calls 127.0.0.1, which is not among the allowed hosts" in run.stderr.decode()
    assert hits == []  # nothing left the process


def test_service_to_an_allowed_host(graph_file, remote):
    iri, hits = remote
    run = kgraph("query", str(graph_file), "-e", service_query(iri), "--allow-service", "127.0.0.1",
                 "--format", "csv", timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().split() == ["o", "remote"] and len(hits) == 1


# -- case 4: timeout and Ctrl-C -------------------------------------------------------------------


def test_slow_query_times_out(graph_file):
    run = kgraph("query", str(graph_file), "-e", SLOW, "--timeout", "1", timeout=60)
    assert run.returncode == 1
    assert "query timed out after 1 s (raise the limit with --timeout SECONDS, 0 for none)" in run.stderr.decode()
    with pytest.raises(QueryTimeout):
        KnowledgeGraph(nx.MultiDiGraph()).query(SLOW, timeout=0.5)


def test_ctrl_c_stops_a_running_query(graph_file):
    process = subprocess.Popen(kgraph_script() + ["query", str(graph_file), "-e", SLOW, "--timeout", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.default_int_handler))
    try:
        time.sleep(3)  # imports done, the query running
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)  # ignored before: ran for minutes
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 1 and "Aborted!" in err.decode()


# -- the endpoint: cases 1, 3, 4 and 10 -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def endpoint(tmp_path, graph_file) -> Iterator[str]:
    """``kgraph serve g.nt --timeout 2`` on a free loopback port: its query URL."""
    for _ in range(5):
        port = _free_port()
        process = subprocess.Popen(kgraph_script() + ["serve", str(graph_file), "--port", str(port), "--timeout", "2"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        line = process.stdout.readline().decode()
        if line.startswith("SPARQL endpoint:"):
            break
        process.kill()
        process.wait()
    else:
        raise RuntimeError("kgraph serve did not start")
    try:
        yield f"http://127.0.0.1:{port}/query"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def post(url: str, query: str, timeout: float = 30) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "text/csv"})
    try:
        with DIRECT.open(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_endpoint_refuses_nested_and_service_queries_and_stays_up(endpoint, remote):
    iri, hits = remote
    assert post(endpoint, NESTED) == (400, "query refused: nested 3000 levels deep (the limit is 32)\n")
    status, body = post(endpoint, service_query(iri))
    assert status == 400 and "SERVICE" in body and hits == []
    status, body = post(endpoint.replace("/query", "/query?query=" + urllib.parse.quote(CRASHERS["optional chain"])), "")
    assert status == 400
    sparql_body = urllib.request.Request(endpoint, data=NESTED.encode(), headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        DIRECT.open(sparql_body, timeout=30)
    assert refused.value.code == 400
    assert post(endpoint, PLAIN) == (200, "o\r\nhttp://x/b\r\n")  # the server is still up


def test_endpoint_slow_query_is_bounded(endpoint):
    # Oxigraph's own --timeout-s does not cancel this one; the front gives up 5 s after it.
    assert post(endpoint, SLOW, timeout=60) == (504, "the SPARQL server did not answer in time\n")
    assert post(endpoint, PLAIN) == (200, "o\r\nhttp://x/b\r\n")


def test_endpoint_answers_with_256_idle_connections(endpoint):
    port = int(urllib.parse.urlsplit(endpoint).port)
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(256)]
    try:
        assert post(endpoint, PLAIN, timeout=10) == (200, "o\r\nhttp://x/b\r\n")
    finally:
        for connection in idle:
            connection.close()
