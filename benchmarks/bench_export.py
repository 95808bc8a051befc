"""Benchmark (e): time to export a graph of about 1M RDF triples to Turtle and GEXF.

Usage:
    python benchmarks/bench_export.py [--triples 1000000] [--outdir /tmp/kgraph-bench]

Builds a synthetic networkx MultiDiGraph in kgraph's graph contract (entity nodes;
edges keyed ``predicate|status`` with evidence), sized so that ``to_rdf`` gives about
``--triples`` triples (measured on a small sample first), then times
``kgraph.export.write_graph`` to .ttl, .nt and .gexf, and, side by side, the Turtle an
rdflib graph gives (``to_rdf`` + ``serialize``: what kgraph did before it streamed
Turtle through Oxigraph's serializer; ``--no-rdflib`` skips it). Each line gives the
time, the file size and the process's peak RSS so far.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import networkx as nx

from kgraph.export import write_graph
from kgraph.export.rdf import serialize, to_rdf

TYPES = ("Country", "Person", "Organization", "Alliance", "City", "ArmedForce")
PREDICATES = ("memberOf", "deployedTo", "presidentOf", "ministerOf", "leaderOf", "locatedIn")


def synthetic_graph(edges: int) -> nx.MultiDiGraph:
    """A graph in kgraph's contract with ``edges`` edges, each with one piece of evidence."""
    graph = nx.MultiDiGraph(documents={})
    nodes = max(10, edges // 3)
    for i in range(nodes):
        kind = TYPES[i % len(TYPES)]
        graph.add_node(f"https://w3id.org/kgraph/id/{kind.lower()}/e{i}", label=f"Entity {i}", type=kind,
                       wikidata=f"Q{i + 1}" if i % 2 else None, aliases=[f"E{i}"], mentions=1 + i % 7)
    ids = list(graph.nodes)
    for j in range(edges):
        source, target = j % nodes, (j * 7 + 1 + j // nodes) % nodes
        doc_id = f"doc-{j // 5}"
        graph.graph["documents"][doc_id] = {"title": f"Report {j // 5}", "date": "2024-01-01", "url": None, "source": None}
        predicate, status = PREDICATES[j % len(PREDICATES)], "asserted" if j % 10 else "negated"
        evidence = {"doc_id": doc_id, "sentence": f"Entity {source} and entity {target} are related.",
                    "start": 0, "end": 40, "rule": "bench", "confidence": 0.8, "date": "2024-01-01", "url": None}
        graph.add_edge(ids[source], ids[target], f"{predicate}|{status}", predicate=predicate,
                       status=status, confidence=0.8, evidence=[evidence])
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--outdir", default="/tmp/kgraph-bench")
    parser.add_argument("--no-rdflib", dest="rdflib", action="store_false", help="skip the rdflib comparison")
    args = parser.parse_args()
    sample = synthetic_graph(3000)
    per_edge = len(to_rdf(sample)) / sample.number_of_edges()
    graph = synthetic_graph(int(args.triples / per_edge))
    outdir = Path(args.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, "
          f"~{per_edge * graph.number_of_edges():,.0f} triples ({per_edge:.1f} per edge with its node share)", flush=True)
    for suffix in (".ttl", ".nt", ".gexf"):
        started = time.perf_counter()
        write_graph(graph, outdir / f"export{suffix}")
        report(suffix, started, outdir / f"export{suffix}")
    if args.rdflib:
        started = time.perf_counter()
        (outdir / "export-rdflib.ttl").write_bytes(serialize(to_rdf(graph), "turtle"))
        report(".ttl (rdflib)", started, outdir / "export-rdflib.ttl")


def report(name: str, started: float, path: Path) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{name:14s} {time.perf_counter() - started:7.1f} s   {path.stat().st_size / 2**20:7.1f} MiB"
          f"   peak RSS so far {peak:6.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
