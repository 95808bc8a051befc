"""``kgraph serve`` and ``kgraph push`` against real Oxigraph server processes on loopback ports.

Every server is a real process on 127.0.0.1, started on a free port (another port is tried
if it was taken in the meantime) and killed in fixture teardown even when a test fails.
Every request has a timeout and bypasses any HTTP proxy of the environment.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper

from kgraph.engine.run import build_graph
from kgraph.export import write_graph
from kgraph.rdf.namespace import entity_iri
from kgraph.query import load_store, members
from kgraph.read import read_documents
from kgraph.store import GraphStore

CSTO_MEMBERS = ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"]
PREFIXES = """PREFIX kg: <https://w3id.org/kgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
CSTO_QUERY = PREFIXES + """SELECT ?label WHERE {
  ?alliance a kg:Alliance ; rdfs:label|skos:altLabel "CSTO" .
  ?member kg:memberOf ?alliance ; rdfs:label ?label .
} ORDER BY ?label"""
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "https://example.org/graph/seed"
TIMEOUT = 20
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
KGRAPH = Path(sys.executable).with_name("kgraph")
OXIGRAPH = Path(sys.executable).with_name("oxigraph")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """SPARQLWrapper, curl and kgraph push must talk to 127.0.0.1 directly."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


# -- processes ---------------------------------------------------------------------------------


@dataclass
class Server:
    """A server process started by a test."""

    process: subprocess.Popen
    port: int
    stdout: Path
    stderr: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.stdout.read_text(encoding="utf-8") + self.stderr.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(base: str) -> bool:
    try:
        with DIRECT.open(base + "/", timeout=1) as response:
            return response.headers.get("Server", "").startswith("Oxigraph")
    except (OSError, ValueError):
        return False


def stop(process: subprocess.Popen) -> None:
    """Stop a server and whatever it started (its own process group): SIGTERM, then SIGKILL."""
    signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pass
    signal_group(process, signal.SIGKILL)
    process.wait(timeout=TIMEOUT)


def signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass  # nothing of the group is left


def start(command: Callable[[int], list[str]], logs: Path, env: dict[str, str] | None = None,
          ready: Callable[[Server], bool] = lambda server: True) -> Server:
    """Start ``command(port)`` on a free port, trying new ports when one was taken meanwhile."""
    for attempt in range(5):
        port = free_port()
        out, err = logs / f"{port}-{attempt}.out", logs / f"{port}-{attempt}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(command(port), stdout=stdout, stderr=stderr, env=env, start_new_session=True)
        server = Server(process, port, out, err)
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if answers(server.base) and ready(server):
                return server
            time.sleep(0.1)
        stop(process)
        if "address already in use" not in server.output().lower():
            raise RuntimeError(f"server did not start: {command(port)}\n{server.output()}")
    raise RuntimeError("no free port found in 5 attempts")


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Collects the servers a test starts and kills whatever still runs at teardown."""
    started: list[Server] = []
    yield started
    for server in started:
        stop(server.process)


def serve(sources: list[Path], tmp_path: Path, servers: list[Server], *options: str) -> Server:
    """Start ``kgraph serve`` through its installed entry point, with its own TMPDIR."""
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir(exist_ok=True)

    def command(port: int) -> list[str]:
        return [str(KGRAPH), "serve", *map(str, sources), "--port", str(port), *options]

    server = start(command, tmp_path, env, ready=lambda s: "SPARQL endpoint:" in s.stdout.read_text(encoding="utf-8"))
    servers.append(server)
    return server


def oxigraph_server(tmp_path: Path, servers: list[Server]) -> Server:
    """A plain writable, in-memory ``oxigraph serve`` for kgraph push to fill."""
    server = start(lambda port: [str(OXIGRAPH), "serve", "--bind", f"127.0.0.1:{port}"], tmp_path)
    servers.append(server)
    return server


def kgraph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(KGRAPH), *args], capture_output=True, text=True, timeout=120)


# -- HTTP --------------------------------------------------------------------------------------


def http(url: str, *, accept: str, query: str | None = None, method: str = "GET", body: bytes | None = None,
         content_type: str | None = None) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request."""
    if query is not None and method == "GET":
        url += "?" + urllib.parse.urlencode({"query": query})
    elif query is not None:
        body, content_type = urllib.parse.urlencode({"query": query}).encode(), "application/x-www-form-urlencoded"
    headers = {"Accept": accept, **({"Content-Type": content_type} if content_type else {})}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with DIRECT.open(request, timeout=TIMEOUT) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def json_labels(payload: bytes) -> list[str]:
    return [row["label"]["value"] for row in json.loads(payload)["results"]["bindings"]]


def dump(server: Server, graph: str | None = None) -> Graph:
    """The content of one graph of the server, read back through the Graph Store Protocol."""
    target = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    status, _, body = http(f"{server.base}/store?{target}", accept="application/n-triples")
    assert status == 200, body
    return Graph().parse(data=body.decode("utf-8"), format="nt")


def count(server: Server) -> int:
    status, _, body = http(server.base + "/query", accept="application/sparql-results+json", query=COUNT_QUERY)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# -- graphs ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_ttl(nlp, seed_path, tmp_path_factory) -> Path:
    """The seed article built by kgraph and written as Turtle."""
    G, _ = build_graph(nlp, read_documents([seed_path]))
    path = tmp_path_factory.mktemp("seed") / "seed.ttl"
    write_graph(G, path)
    return path


@pytest.fixture(scope="module")
def seed_rdf(seed_ttl) -> Graph:
    return Graph().parse(seed_ttl, format="turtle")


def test_seed_graph_answers_csto_locally(seed_ttl):
    """The reference answer every endpoint test compares with."""
    assert [row[0] for row in members(load_store(seed_ttl), "CSTO").rows] == CSTO_MEMBERS


# -- kgraph serve --------------------------------------------------------------------------------


def test_serve_prints_endpoint_and_curl_example(seed_ttl, tmp_path, servers):
    server = serve([seed_ttl], tmp_path, servers)
    printed = server.stdout.read_text(encoding="utf-8")
    assert f"SPARQL endpoint: {server.base}/query" in printed
    example = re.search(r"^\s+(curl .*)$", printed, re.MULTILINE).group(1)
    assert example.endswith(f"{server.base}/query")


def test_serve_sparqlwrapper_json_get_and_post(seed_ttl, tmp_path, servers):
    server = serve([seed_ttl], tmp_path, servers)
    for method in ("GET", POST):
        client = SPARQLWrapper(server.base + "/query")
        client.setQuery(CSTO_QUERY)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        client.setTimeout(TIMEOUT)
        bindings = client.queryAndConvert()["results"]["bindings"]
        assert [row["label"]["value"] for row in bindings] == CSTO_MEMBERS, method


def test_serve_sparqlwrapper_xml(seed_ttl, tmp_path, servers):
    server = serve([seed_ttl], tmp_path, servers)
    client = SPARQLWrapper(server.base + "/query")
    client.setQuery(CSTO_QUERY)
    client.setReturnFormat(XML)
    client.setTimeout(TIMEOUT)
    document = client.queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == CSTO_MEMBERS


def test_serve_curl_json_post_and_get(seed_ttl, tmp_path, servers):
    server = serve([seed_ttl], tmp_path, servers)
    curl = shutil.which("curl")
    assert curl, "curl is installed by scripts/run-tests.sh"
    base = [curl, "-s", "-S", "--fail", "--noproxy", "*", "--max-time", str(TIMEOUT),
            "-H", "Accept: application/sparql-results+json", "--data-urlencode", f"query={CSTO_QUERY}"]
    for extra in ([], ["-G"]):  # POST form, then GET with the query in the URL
        run = subprocess.run(base + extra + [f"{server.base}/query"], capture_output=True, timeout=TIMEOUT + 5)
        assert run.returncode == 0, run.stderr
        assert json_labels(run.stdout) == CSTO_MEMBERS, extra


@pytest.mark.parametrize("accept, delimiter", [("text/csv", ","), ("text/tab-separated-values", "\t")])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_serve_csv_and_tsv_by_accept(seed_ttl, tmp_path, servers, accept, delimiter, method):
    server = serve([seed_ttl], tmp_path, servers)
    status, content_type, body = http(server.base + "/query", accept=accept, query=CSTO_QUERY, method=method)
    assert status == 200 and content_type.startswith(accept)
    text = body.decode("utf-8")
    # TSV writes variables as ?label and literals in Turtle syntax; CSV plain values, quoted when needed.
    rows = [line.split("\t") for line in text.splitlines()] if delimiter == "\t" else list(csv.reader(io.StringIO(text)))
    header, values = rows[0][0], [row[0] for row in rows[1:]]
    if delimiter == "\t":
        assert header == "?label" and values == [f'"{name}"' for name in CSTO_MEMBERS]
    else:
        assert header == "label" and values == CSTO_MEMBERS


def test_serve_is_read_only(seed_ttl, tmp_path, servers):
    server = serve([seed_ttl], tmp_path, servers)
    before = count(server)
    status, _, _ = http(server.base + "/update", accept="*/*", method="POST",
                        body=b"DELETE WHERE { ?s ?p ?o }", content_type="application/sparql-update")
    assert status == 403
    assert count(server) == before > 0


def test_serve_sigterm_stops_server_and_removes_temporary_store(seed_ttl, tmp_path, servers):
    server = serve([seed_ttl], tmp_path, servers)
    [temporary] = list((tmp_path / "tmp").iterdir())
    assert (temporary / "CURRENT").is_file()
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=TIMEOUT) == 0
    assert not temporary.exists() and not list((tmp_path / "tmp").iterdir())
    assert not answers(server.base)


def test_serve_server_dies_with_a_killed_kgraph(seed_ttl, tmp_path, servers):
    """Even SIGKILL of kgraph serve (no chance to forward anything) leaves no orphaned server behind."""
    server = serve([seed_ttl], tmp_path, servers)
    server.process.kill()
    server.process.wait(timeout=TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    while answers(server.base) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not answers(server.base)


def test_serve_store_directory_in_place(nlp, seed_path, tmp_path, servers):
    """A kgraph store (one named graph a document, their union as default graph) is served read-only, in place."""
    location = tmp_path / "store"
    from kgraph.engine.run import build_store

    with GraphStore(location) as store:
        build_store(nlp, read_documents([seed_path]), store)
    files = sorted(path.name for path in location.iterdir())
    server = serve([location], tmp_path, servers)
    status, _, body = http(server.base + "/query", accept="application/sparql-results+json", query=CSTO_QUERY)
    assert status == 200 and json_labels(body) == CSTO_MEMBERS
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=TIMEOUT) == 0
    assert sorted(path.name for path in location.iterdir()) == files
    with GraphStore(location, read_only=True) as store:
        assert [row[0] for row in store.members("CSTO").rows] == CSTO_MEMBERS


def test_serve_bad_inputs_fail_clearly(seed_ttl, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    plain = tmp_path / "plain"
    plain.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    for args, message in (([broken], "broken.ttl: not valid"), ([plain], "not an Oxigraph store"),
                          ([plain, seed_ttl], "on its own")):
        run = subprocess.run([str(KGRAPH), "serve", *map(str, args), "--port", str(free_port())],
                             capture_output=True, text=True, timeout=60, env=env)
        assert run.returncode == 1 and message in run.stderr, run.stderr
    assert not list((tmp_path / "tmp").iterdir())


def test_serve_port_in_use_fails_clearly(seed_ttl, tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([str(KGRAPH), "serve", str(seed_ttl), "--port", str(port)],
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert f"cannot listen on http://127.0.0.1:{port}" in run.stderr and "in use" in run.stderr


# -- kgraph push ---------------------------------------------------------------------------------


def test_push_graph_store_protocol(seed_ttl, seed_rdf, tmp_path, servers):
    server = oxigraph_server(tmp_path, servers)
    run = kgraph("push", str(seed_ttl), "--endpoint", f"{server.base}/store")
    assert run.returncode == 0, run.stderr
    assert f"pushed {len(seed_rdf)} triples to graph default" in run.stdout
    assert isomorphic(dump(server), seed_rdf)
    assert count(server) == len(seed_rdf)
    status, _, body = http(server.base + "/query", accept="application/sparql-results+json", query=CSTO_QUERY)
    assert json_labels(body) == CSTO_MEMBERS


def test_push_sparql_update_in_batches_to_named_graph(seed_ttl, seed_rdf, tmp_path, servers):
    server = oxigraph_server(tmp_path, servers)
    run = kgraph("push", str(seed_ttl), "--update-endpoint", f"{server.base}/update", "--graph", NAMED,
                 "--batch-size", "40")
    assert run.returncode == 0, run.stderr
    expected_requests = -(-len(seed_rdf) // 40)
    assert f"({expected_requests} requests)" in run.stdout
    assert isomorphic(dump(server, NAMED), seed_rdf)
    assert len(dump(server)) == 0
    in_graph = CSTO_QUERY.replace("WHERE {", f"WHERE {{ GRAPH <{NAMED}> {{", 1).replace("} ORDER BY", "} } ORDER BY")
    status, _, body = http(server.base + "/query", accept="application/sparql-results+json", query=in_graph)
    assert status == 200 and json_labels(body) == CSTO_MEMBERS


@pytest.mark.parametrize("mode", ["--endpoint", "--update-endpoint"])
def test_push_replace_and_add(mode, seed_ttl, seed_rdf, tmp_path, servers):
    other = tmp_path / "other.nt"
    G = nx.MultiDiGraph()
    G.add_node(entity_iri("country", "Atlantis"), label="Atlantis", type="Country", wikidata=None, aliases=[],
               mentions=1)
    write_graph(G, other)
    other_rdf = Graph().parse(other, format="nt")
    server = oxigraph_server(tmp_path, servers)
    url = f"{server.base}/{'store' if mode == '--endpoint' else 'update'}"
    assert kgraph("push", str(other), mode, url).returncode == 0
    assert kgraph("push", str(seed_ttl), mode, url).returncode == 0
    assert isomorphic(dump(server), seed_rdf + other_rdf)
    run = kgraph("push", str(seed_ttl), mode, url, "--replace")
    assert run.returncode == 0, run.stderr
    assert isomorphic(dump(server), seed_rdf)


def test_push_update_keeps_awkward_literals_and_blank_nodes(tmp_path, servers):
    """Quotes, backslashes, escapes-looking text, newlines and emoji survive INSERT DATA; blank-node groups stay whole."""
    G = nx.MultiDiGraph()
    labels = ['Say "hi"', "back\\slash \\u0022 not a quote", "two\nlines\ttab", "Zürich 🕊", "} ; DROP ALL ; #"]
    for label in labels:
        G.add_node(entity_iri("organization", label), label=label, type="Organization", wikidata=None,
                   aliases=[label + "'"], mentions=1)
    graph_file = tmp_path / "awkward.ttl"
    write_graph(G, graph_file)
    blank = tmp_path / "blank.ttl"
    blank.write_text("@prefix ex: <https://example.org/> .\n"
                     "ex:a ex:p [ ex:q [ ex:r 1 ] ; ex:s 2 ] .\nex:b ex:p [ ex:q 3 ] .\n", encoding="utf-8")
    expected = Graph().parse(graph_file, format="turtle") + Graph().parse(blank, format="turtle")
    server = oxigraph_server(tmp_path, servers)
    run = kgraph("push", str(graph_file), str(blank), "--update-endpoint", f"{server.base}/update",
                 "--batch-size", "1")
    assert run.returncode == 0, run.stderr
    pushed = dump(server)
    assert isomorphic(pushed, expected)
    assert {str(o) for o in pushed.objects()} >= set(labels)


def test_push_to_dead_port_fails_clearly(seed_ttl):
    url = f"http://127.0.0.1:{free_port()}/store"
    for mode in ("--endpoint", "--update-endpoint"):
        run = kgraph("push", str(seed_ttl), mode, url, "--timeout", "5")
        assert run.returncode == 1
        assert f"Error: cannot reach {url}" in run.stderr and "refused" in run.stderr.lower()


def test_push_http_error_shows_status_and_body(seed_ttl, tmp_path, servers):
    server = oxigraph_server(tmp_path, servers)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", encoding="utf-8")
    run = kgraph("push", str(bad), "--endpoint", f"{server.base}/nowhere")
    assert run.returncode == 1 and "HTTP 404" in run.stderr, run.stderr
    run = kgraph("push", str(seed_ttl), "--endpoint", f"{server.base}/store", "--graph", "not an iri")
    assert run.returncode == 1 and "not a valid IRI" in run.stderr
    assert count(server) == 0


# -- the README's queries ---------------------------------------------------------------------

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def readme_queries() -> list[str]:
    """Every SPARQL query README.md prints: ```sparql blocks, ``kgraph query -e '...'`` arguments,
    the curl example's ``query=...`` and the Python example's ``kg.query(\"\"\"...\"\"\")``."""
    text = README.read_text(encoding="utf-8")
    queries = re.findall(r"```sparql\n(.*?)```", text, re.DOTALL)
    queries += re.findall(r"kgraph query [^\n]*? -e '(.*?)'", text, re.DOTALL)
    queries += re.findall(r"--data-urlencode 'query=(.*?)'", text, re.DOTALL)
    queries += re.findall(r'\.query\("""(.*?)"""\)', text, re.DOTALL)
    return queries


@pytest.fixture(scope="module")
def corpus_files(nlp, tmp_path_factory) -> dict[str, Path]:
    """The example corpus built by kgraph, as Turtle and as TriG (named graphs)."""
    G, _ = build_graph(nlp, read_documents([str(EXAMPLES / "corpus")]))
    folder = tmp_path_factory.mktemp("corpus")
    paths = {}
    for extension in ("ttl", "trig"):
        paths[extension] = folder / f"graph.{extension}"
        write_graph(G, paths[extension])
    return paths


def test_readme_queries_run_against_the_endpoint_as_printed(corpus_files, tmp_path, servers):
    queries = readme_queries()
    assert len(queries) >= 5  # the graph section, Query, Persistent store, the endpoint, the Python API
    [printed] = re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert (EXAMPLES / "deployments.rq").read_text(encoding="utf-8") == printed  # the file the README names
    answers = {}
    for extension, path in corpus_files.items():
        (tmp_path / extension).mkdir()
        server = serve([path], tmp_path / extension, servers)
        for query in queries:
            status, _, body = http(server.base + "/query", accept="application/sparql-results+json", query=query,
                                   method="POST")
            assert status == 200, (query, body)
            rows = json.loads(body)["results"]["bindings"]
            assert rows, query  # every example finds something in the example corpus
            answers.setdefault(query, []).append(rows)
    # a kgraph TriG file (statements in per-document graphs) answers as its Turtle file does
    assert all(ttl == trig for ttl, trig in answers.values())
