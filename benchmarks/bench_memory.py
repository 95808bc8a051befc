"""Benchmark (b): peak RSS of ``kgraph build`` for growing corpora (it should stay flat, not grow linearly).

Usage:
    python benchmarks/bench_memory.py [--sizes 1000 10000 100000] [--workdir /tmp/kgraph-bench] [--store] [-- BUILD OPTIONS]

Writes each corpus with benchmarks/corpus.py, runs ``kgraph build CORPUS -q --show 0``
(with ``--store``: into a new persistent store WORKDIR/store-SIZE, removed first; plus any
options after ``--``) in a child process, polls the child's resident set size with psutil
every 0.1 s and prints the peak, the wall time, and the ratio of each peak to the previous
size's.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402


def peak_rss(command: list[str]) -> tuple[int, float, int]:
    """Run ``command``; return (peak RSS in bytes of it and its children, seconds, exit code)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    process = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            rss = process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))
        except psutil.Error:
            rss = 0
        peak = max(peak, rss)
        time.sleep(0.1)
    return peak, time.perf_counter() - started, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--workdir", default="/tmp/kgraph-bench")
    parser.add_argument("--store", action="store_true", help="build into a new persistent store (kgraph build --store)")
    parser.add_argument("extra", nargs="*", help="options passed on to kgraph build (after --)")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    kgraph = shutil.which("kgraph") or str(Path(sys.executable).with_name("kgraph"))
    previous = None
    for size in args.sizes:
        corpus = workdir / f"corpus-{size}.jsonl"
        if not corpus.exists():
            write_corpus(size, corpus)
        extra = list(args.extra)
        if args.store:
            store = workdir / f"store-{size}"
            shutil.rmtree(store, ignore_errors=True)
            extra += ["--store", str(store)]
        peak, seconds, code = peak_rss([kgraph, "build", str(corpus), "-q", "--show", "0", *extra])
        ratio = f"   x{peak / previous:.2f} of the previous size" if previous else ""
        print(f"{size:>7} articles: peak RSS {peak / 2**20:7.0f} MiB   {seconds:8.1f} s   exit {code}{ratio}", flush=True)
        previous = peak


if __name__ == "__main__":
    main()
