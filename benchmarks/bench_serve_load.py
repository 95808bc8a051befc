"""Load test of ``kgraph serve``: 200 requests, 20 at a time, hostile ones mixed in (loopback only).

Starts ``kgraph serve`` on a free 127.0.0.1 port over a small generated graph with
``--timeout 2``, then sends 200 SPARQL requests from 20 threads: mostly well-formed
queries, plus every 20th a 3,000-level nested query (must get HTTP 400) and every 50th a
cross join that runs until the timeout (must get an error status within a bounded time).
Prints the count of each outcome, p50/p99 latency of the well-formed queries and checks
that the server is still up at the end.

Usage:
    python benchmarks/bench_serve_load.py [--requests 200] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

KGRAPH = Path(sys.executable).with_name("kgraph")
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NESTED = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } }"
        % ((" ".join(map(str, range(3000))),) * 3))
WELL_FORMED = [
    "SELECT ?s ?o WHERE { ?s <http://example.org/p0> ?o } LIMIT 50",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { <http://example.org/n1> ?p ?o }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
]
CLIENT_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def graph_file(folder: Path, triples: int = 20_000) -> Path:
    path = folder / "load.nt"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(triples):
            handle.write(f"<http://example.org/n{i}> <http://example.org/p{i % 7}> <http://example.org/n{(i * 31) % triples}> .\n")
    return path


def start(path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([str(KGRAPH), "serve", str(path), "--port", str(port), "--timeout", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    line = process.stdout.readline().decode()
    if not line.startswith("SPARQL endpoint:"):
        process.kill()
        raise SystemExit(f"kgraph serve did not start: {line!r}")
    return process, f"http://127.0.0.1:{port}/query"


def send(url: str, kind: str, query: str) -> tuple[str, int, float]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    started = time.perf_counter()
    try:
        with DIRECT.open(request, timeout=CLIENT_TIMEOUT_S) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    except OSError:
        status = 0  # no answer at all
    return kind, status, time.perf_counter() - started


def plan(requests: int) -> list[tuple[str, str]]:
    jobs = []
    for i in range(requests):
        if i % 50 == 25:
            jobs.append(("slow", SLOW))
        elif i % 20 == 10:
            jobs.append(("nested", NESTED))
        else:
            jobs.append(("well-formed", WELL_FORMED[i % len(WELL_FORMED)]))
    return jobs


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kgraph-load-") as folder:
        process, url = start(graph_file(Path(folder)))
        try:
            jobs = plan(args.requests)
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
                results = list(pool.map(lambda job: send(url, *job), jobs))
            wall = time.perf_counter() - started
            alive = send(url, "check", WELL_FORMED[0])[1] == 200 and process.poll() is None
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    outcomes = Counter((kind, status) for kind, status, _ in results)
    print(f"requests: {len(results)} at concurrency {args.concurrency}, wall {wall:.1f} s")
    for (kind, status), n in sorted(outcomes.items()):
        print(f"  {kind:12s} HTTP {status}: {n}")
    for kind in ("well-formed", "nested", "slow"):
        times = [seconds for k, _, seconds in results if k == kind]
        if times:
            print(f"  {kind:12s} latency p50 {statistics.median(times) * 1000:8.1f} ms   "
                  f"p99 {percentile(times, 0.99) * 1000:8.1f} ms   max {max(times) * 1000:8.1f} ms")
    well = [status for kind, status, _ in results if kind == "well-formed"]
    print(f"well-formed answered 200: {well.count(200)}/{len(well)}; nested refused 400: "
          f"{sum(1 for k, s, _ in results if k == 'nested' and s == 400)}/{sum(1 for k, _, _ in results if k == 'nested')}; "
          f"server up after the run: {alive}")
    return 0 if alive and well.count(200) == len(well) else 1


if __name__ == "__main__":
    raise SystemExit(main())
