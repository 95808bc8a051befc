"""The Dask engine builds the same graph as the single-process build, loading spaCy once a worker."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kgraph.engine.run import BuildStats, annotate_documents, build_graph, build_store, skip_stored, store_results
from kgraph.engine.distributed import annotate_on_dask, build_graph_on_dask, dask_client, worker_report
from kgraph.export import write_graph
from kgraph.read import read_documents
from kgraph.store import GraphStore

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "examples" / "corpus"
#: Small partitions so that each of the two workers annotates several of them.
PARTITION_SIZE = 2


@pytest.fixture(scope="module")
def client():
    """A local cluster of two single-threaded worker processes, as ``kgraph build --engine dask`` starts."""
    with dask_client(None, n_workers=2) as connected:
        yield connected
    assert connected.status == "closed"


@pytest.fixture(scope="module")
def inputs(seed_path) -> list[str]:
    return [str(CORPUS), str(seed_path)]


@pytest.fixture(scope="module")
def graphs(nlp, client, inputs):
    single, single_stats = build_graph(nlp, read_documents(inputs))
    on_dask, dask_stats = build_graph_on_dask(read_documents(inputs), client=client, partition_size=PARTITION_SIZE)
    return single, single_stats, on_dask, dask_stats


def test_dask_graph_identical_to_single_process(graphs):
    single, single_stats, on_dask, dask_stats = graphs
    assert dask_stats.documents == single_stats.documents == 8
    assert dask_stats.failed == single_stats.failed
    assert list(on_dask.graph["documents"].items()) == list(single.graph["documents"].items())
    assert list(on_dask.nodes(data=True)) == list(single.nodes(data=True))
    assert list(on_dask.edges(keys=True, data=True)) == list(single.edges(keys=True, data=True))
    # the seed article's facts are in it, each edge with its evidence in document order
    members = {on_dask.nodes[u]["label"] for u, v, k in on_dask.edges(keys=True)
               if k == "memberOf|asserted" and on_dask.nodes[v]["label"] == "Collective Security Treaty Organization"}
    assert {"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"} <= members
    assert any(len(d["evidence"]) > 1 for _, _, d in on_dask.edges(data=True))


def test_dask_results_come_back_in_document_order(nlp, client, inputs, seed_path):
    documents = list(read_documents(inputs))
    # a long first document keeps one worker busy while the other finishes the next ones
    [seed] = read_documents([seed_path])
    documents.insert(0, replace(seed, id="long", text="\n\n".join([seed.text] * 5)))
    results = list(annotate_on_dask(documents, client=client, partition_size=1, max_in_flight=4))
    assert [r.document.id for r in results] == [d.id for d in documents]
    assert results == list(annotate_documents(nlp, documents))


def test_document_results_pickle(nlp, seed_path):
    [result] = annotate_documents(nlp, read_documents([seed_path]))
    assert result.relations and result.mentions
    assert pickle.loads(pickle.dumps(result)) == result


def test_each_worker_loads_the_pipeline_once(graphs, client):
    reports = client.run(worker_report)
    assert len(reports) == 2
    # 8 documents in partitions of 2 and several builds: more partitions than workers
    assert sum(r["partitions"] for r in reports.values()) > len(reports)
    for report in reports.values():
        assert report["pipeline_loads"] == (1 if report["partitions"] else 0), reports


def test_dask_into_store_same_quads_as_single_process(nlp, client, inputs, tmp_path):
    with GraphStore(tmp_path / "single") as single, GraphStore(tmp_path / "dask") as on_dask:
        build_store(nlp, read_documents(inputs), single)
        stats = BuildStats()
        results = annotate_on_dask(skip_stored(read_documents(inputs), on_dask, stats), client=client,
                                   partition_size=PARTITION_SIZE, on_error=stats.record_failure)
        store_results(results, on_dask, stats=stats)
        assert (stats.documents, stats.added) == (8, 8)
        expected = set(single.oxigraph.quads_for_pattern(None, None, None, None))
        assert len(expected) > 100
        assert set(on_dask.oxigraph.quads_for_pattern(None, None, None, None)) == expected


def kgraph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("kgraph")), *args], capture_output=True, timeout=600)


def test_cli_engine_dask_writes_the_same_triples(tmp_path, inputs, graphs, client):
    single = graphs[0]
    plain, dask = tmp_path / "plain.nt", tmp_path / "dask.nt"
    write_graph(single, plain)
    run = kgraph("build", *inputs, "-o", str(dask), "-q", "--engine", "dask", "--scheduler", client.scheduler.address)
    assert run.returncode == 0, run.stderr.decode()
    assert "documents: 8 read, 0 skipped, 0 failed" in run.stdout.decode()
    lines = plain.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100
    assert sorted(dask.read_text(encoding="utf-8").splitlines()) == sorted(lines)


def test_cli_scheduler_needs_engine_dask(inputs):
    run = kgraph("build", *inputs, "--scheduler", "tcp://127.0.0.1:8786")
    assert run.returncode == 2
    assert "--scheduler needs --engine dask" in run.stderr.decode()
