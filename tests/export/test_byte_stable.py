"""Byte-stable outputs: the same documents give the same bytes in every format, whichever way they were built.

A reference build (one process) is compared file by file with a ``--store`` build
exported with ``kgraph export --store``, a ``--workers 2`` build and an ``--engine dask``
build of the same corpus. ``SOURCE_DATE_EPOCH`` is fixed (GEXF carries a date) and each
run gets another ``PYTHONHASHSEED``, so nothing may depend on set or dict order.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
FILES = ["graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.nq", "graph.rdf", "graph.gexf",
         "graph.graphml", "facts.jsonl", "graph.csv"]
#: What graph.csv writes (the Gephi node and edge tables).
WRITTEN = [name for name in FILES if name != "graph.csv"] + ["graph.nodes.csv", "graph.edges.csv"]


def kgraph(*args: str, seed: int) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", PYTHONHASHSEED=str(seed))
    script = Path(sys.executable).with_name("kgraph")
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, timeout=600)


def outputs(folder: Path) -> list[str]:
    return [arg for name in FILES for arg in ("-o", str(folder / name))]


def assert_same_bytes(expected: Path, actual: Path) -> None:
    assert sorted(p.name for p in actual.iterdir()) == sorted(WRITTEN)
    differ = [name for name in WRITTEN if (expected / name).read_bytes() != (actual / name).read_bytes()]
    assert differ == []


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reference")
    run = kgraph("build", str(CORPUS), *outputs(folder), "-q", seed=1)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(WRITTEN)
    return folder


def test_byte_stable_one_process_build_is_reproducible(reference, tmp_path):
    run = kgraph("build", str(CORPUS), *outputs(tmp_path), "-q", seed=2)
    assert run.returncode == 0, run.stderr
    assert_same_bytes(reference, tmp_path)


def test_byte_stable_store_then_export_equals_the_build(reference, tmp_path):
    store = str(tmp_path / "store")
    built = kgraph("build", str(CORPUS), "--store", store, "-q", seed=3)
    exported = kgraph("export", "--store", store, *outputs(tmp_path / "out"), seed=4)
    assert built.returncode == 0, built.stderr
    assert exported.returncode == 0, exported.stderr
    assert_same_bytes(reference, tmp_path / "out")


def test_byte_stable_forked_workers_equal_the_build(reference, tmp_path):
    run = kgraph("build", str(CORPUS), "--workers", "2", "--batch-size", "2", *outputs(tmp_path), "-q", seed=5)
    assert run.returncode == 0, run.stderr
    assert_same_bytes(reference, tmp_path)


def test_byte_stable_dask_engine_equals_the_build(reference, tmp_path):
    run = kgraph("build", str(CORPUS), "--engine", "dask", "--workers", "2", "--batch-size", "2",
                 *outputs(tmp_path), "-q", seed=6)
    assert run.returncode == 0, run.stderr
    assert_same_bytes(reference, tmp_path)
