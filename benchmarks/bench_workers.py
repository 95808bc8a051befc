"""Benchmark (c): speed-up of ``--workers 2`` (forked worker processes, kgraph.engine.parallel) over one process.

Usage:
    python benchmarks/bench_workers.py [--articles 600]

Builds the same synthetic corpus with ``build_graph(..., n_process=1)`` and
``n_process=2`` (what ``kgraph build --workers N`` passes on), checks the graphs have
the same edges, and prints both times and the speed-up.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles  # noqa: E402

from kgraph.annotate import load_pipeline  # noqa: E402
from kgraph.engine.run import build_graph  # noqa: E402
from kgraph.types import Document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    documents = [Document(id=r["id"], text=r["text"], date=r["date"]) for r in articles(args.articles)]
    nlp = load_pipeline()
    build_graph(nlp, documents[:20])  # warm-up (and the prefilter is built)
    seconds, edges = {}, {}
    for workers in (1, 2):
        started = time.perf_counter()
        graph, _ = build_graph(nlp, documents, batch_size=args.batch_size, n_process=workers)
        seconds[workers] = time.perf_counter() - started
        edges[workers] = sorted(graph.edges(keys=True))
        print(f"--workers {workers}: {seconds[workers]:6.1f} s for {len(documents)} articles", flush=True)
    print(f"speed-up: {seconds[1] / seconds[2]:.2f}x   same edges: {edges[1] == edges[2]}")


if __name__ == "__main__":
    main()
