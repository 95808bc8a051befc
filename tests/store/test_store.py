"""The persistent store: incremental, idempotent, atomic per document, equal to the in-memory build."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kgraph.engine.run import annotate_documents, build_graph, build_store
from kgraph.export.rdf import to_rdf
from kgraph.rdf.namespace import document_iri
from kgraph.annotate import pipeline_fingerprint
from kgraph.store import GraphStore, content_hash, document_graph
from kgraph.types import Document

KAZAKHSTAN_NOTE = "Kazakhstan is a member of the Collective Security Treaty Organization."
KENYA_NOTE = "Kenya deployed police officers to Haiti."
ARMENIA_NOTE = "Armenia is a member of the Collective Security Treaty Organization."
CSTO_MEMBERS = {"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"}
ASK_EDGE = "ASK {{ ?s rdfs:label {s!r} . ?o rdfs:label {o!r} . ?s kg:{p} ?o }}"


@pytest.fixture(scope="module")
def documents(seed_path) -> list[Document]:
    seed = Document(id="seed", text=seed_path.read_text(encoding="utf-8"), title="CSTO deploys to Kazakhstan",
                    date="2022-01-07")
    return [
        seed,
        Document(id="note-kazakhstan", text=KAZAKHSTAN_NOTE, date="2023-05-01"),
        Document(id="note-kenya", text=KENYA_NOTE, date="2024-06-26", url="https://example.org/kenya"),
    ]


def nquads(store: GraphStore) -> list[str]:
    return sorted(str(quad) for quad in store.oxigraph)


def graph_quads(store: GraphStore, doc_id: str) -> list[str]:
    graph = ox.NamedNode(document_iri(doc_id))
    return sorted(str(quad) for quad in store.oxigraph.quads_for_pattern(None, None, None, graph))


def has_edge(store: GraphStore, subject: str, predicate: str, obj: str) -> bool:
    return store.query(ASK_EDGE.format(s=subject, p=predicate, o=obj)).boolean


def sentences(store: GraphStore, doc_id: str) -> set[str]:
    sparql = f"SELECT ?text WHERE {{ ?st prov:wasDerivedFrom <{document_iri(doc_id)}> ; kg:sentence ?text }}"
    return {row[0] for row in store.query(sparql).rows}


def default_graph(store: GraphStore) -> set[str]:
    return {str(quad.triple) for quad in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def union_of_documents(store: GraphStore) -> set[str]:
    return {str(quad.triple) for quad in store.oxigraph if quad.graph_name != ox.DefaultGraph()}


def build(nlp, store: GraphStore, documents: list[Document]) -> tuple:
    annotated = []
    stats = build_store(nlp, documents, store, progress=lambda result: annotated.append(result.document.id))
    return stats, annotated


def test_store_add_then_readd_changes_nothing_and_skips_the_pipeline(nlp, documents, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        stats, annotated = build(nlp, store, documents)
        assert (stats.added, stats.replaced, stats.unchanged) == (3, 0, 0)
        assert annotated == ["seed", "note-kazakhstan", "note-kenya"]
        assert store.documents() == ["note-kazakhstan", "note-kenya", "seed"]
        before = nquads(store)

        stats, annotated = build(nlp, store, documents)

        assert (stats.documents, stats.added, stats.replaced, stats.unchanged) == (3, 0, 0, 3)
        assert annotated == []  # nothing went through nlp.pipe
        assert nquads(store) == before


def test_store_same_build_twice_gives_identical_triples(nlp, documents, tmp_path):
    contents = []
    for name in ("one", "two"):
        with GraphStore(tmp_path / name) as store:
            build(nlp, store, documents)
            contents.append(nquads(store))
    assert contents[0] == contents[1]
    assert len(contents[0]) > 100


def test_store_changed_text_replaces_only_that_documents_evidence(nlp, documents, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        build(nlp, store, documents)
        seed_before, kenya_before = graph_quads(store, "seed"), graph_quads(store, "note-kenya")
        assert sentences(store, "note-kazakhstan") == {KAZAKHSTAN_NOTE}

        changed = Document(id="note-kazakhstan", text=ARMENIA_NOTE, date="2023-05-01")
        stats, annotated = build(nlp, store, [changed, *documents[::2]])

        assert (stats.added, stats.replaced, stats.unchanged) == (0, 1, 2)
        assert annotated == ["note-kazakhstan"]
        assert sentences(store, "note-kazakhstan") == {ARMENIA_NOTE}
        assert graph_quads(store, "seed") == seed_before
        assert graph_quads(store, "note-kenya") == kenya_before
        assert has_edge(store, "Kazakhstan", "memberOf", "Collective Security Treaty Organization")  # the seed says it too


def test_store_forget_removes_evidence_and_unsupported_edges_only(nlp, documents, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        build(nlp, store, documents)
        assert has_edge(store, "Kenya", "deployedTo", "Haiti")
        assert has_edge(store, "Russia", "deployedTo", "Kazakhstan")

        assert store.forget("note-kenya") is True
        assert store.forget("seed") is True
        assert store.forget("seed") is False

        assert store.documents() == ["note-kazakhstan"]
        assert sentences(store, "note-kenya") == set() and sentences(store, "seed") == set()
        assert not has_edge(store, "Kenya", "deployedTo", "Haiti")
        assert not has_edge(store, "Russia", "deployedTo", "Kazakhstan")
        assert has_edge(store, "Kazakhstan", "memberOf", "Collective Security Treaty Organization")
        assert {row[0] for row in store.members("CSTO").rows} == {"Kazakhstan"}


def test_store_default_graph_stays_the_union_of_the_documents(nlp, documents, tmp_path):
    members_of_csto = ("SELECT ?country WHERE { ?c kg:memberOf ?a . "
                       "?a rdfs:label 'Collective Security Treaty Organization' . ?c rdfs:label ?country }")
    with GraphStore(tmp_path / "store") as store:
        build(nlp, store, documents)
        assert default_graph(store) == union_of_documents(store)
        # Kazakhstan's membership is stated by two documents: one row, not one a document
        assert sorted(row[0] for row in store.query(members_of_csto).rows) == sorted(CSTO_MEMBERS)

        build(nlp, store, [Document(id="note-kazakhstan", text=ARMENIA_NOTE, date="2023-05-01")])
        assert default_graph(store) == union_of_documents(store)
        store.forget("seed")
        assert default_graph(store) == union_of_documents(store)
        assert [row[0] for row in store.query(members_of_csto).rows] == ["Armenia"]
        store.forget("note-kazakhstan")
        store.forget("note-kenya")
        assert default_graph(store) == union_of_documents(store) == set()


def test_store_written_without_a_default_graph_is_upgraded_on_open(nlp, documents, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        build(nlp, store, documents)
        expected = default_graph(store)
        store.oxigraph.clear_graph(ox.DefaultGraph())  # what kgraph 0.1 wrote: document graphs only
    with GraphStore(tmp_path / "store", read_only=True) as store:  # read-only: the union, at query time
        assert not default_graph(store)
        assert {row[0] for row in store.members("CSTO").rows} == CSTO_MEMBERS
    with GraphStore(tmp_path / "store") as store:
        assert default_graph(store) == expected
        assert [row[0] for row in store.members("CSTO").rows] == sorted(CSTO_MEMBERS)


def test_store_members_query_and_export_match_the_in_memory_build(nlp, documents, tmp_path):
    graph, _ = build_graph(nlp, documents)
    with GraphStore(tmp_path / "store") as store:
        build(nlp, store, documents)
        assert {row[0] for row in store.members("CSTO").rows} == CSTO_MEMBERS
        rebuilt = store.to_networkx()

    assert set(to_rdf(rebuilt)) == set(to_rdf(graph))
    assert rebuilt.graph["documents"].keys() == graph.graph["documents"].keys()


def test_store_reextracts_documents_stored_by_another_pipeline(nlp, documents, tmp_path):
    # After an upgrade of kgraph, its reference data or the model, stored extractions are stale.
    with GraphStore(tmp_path / "store", pipeline="pipeline-a") as store:
        build(nlp, store, documents)
        before = nquads(store)
    with GraphStore(tmp_path / "store", pipeline="pipeline-a") as store:
        stats, annotated = build(nlp, store, documents)
        assert (stats.added, stats.replaced, stats.unchanged) == (0, 0, 3) and annotated == []
    with GraphStore(tmp_path / "store", pipeline="pipeline-b") as store:
        stats, annotated = build(nlp, store, documents)
        assert (stats.added, stats.replaced, stats.unchanged) == (0, 3, 0)
        assert annotated == ["seed", "note-kazakhstan", "note-kenya"]
        after = nquads(store)
    hashes = re.compile(r'<https://w3id.org/kgraph/ontology#contentHash> "[0-9a-f]{64}"')
    assert [hashes.sub("", q) for q in after] == [hashes.sub("", q) for q in before]  # same extraction, new stamp
    assert after != before


def test_pipeline_fingerprint_names_the_model_and_is_stable():
    from kgraph.annotate import default_model

    assert pipeline_fingerprint() == pipeline_fingerprint(default_model())
    assert re.fullmatch(r"[0-9a-f]{64}", pipeline_fingerprint())
    assert pipeline_fingerprint("some_other_model") != pipeline_fingerprint()


def sst_bytes(path: Path) -> int:
    """Bytes in the store's table files (a background compaction may delete one while we count)."""
    total = 0
    for table in path.glob("*.sst"):
        try:
            total += table.stat().st_size
        except FileNotFoundError:
            pass
    return total


def test_store_flushes_write_buffers_to_disk_at_its_threshold(nlp, documents, tmp_path):
    # A long build must not keep its writes in RocksDB's memory: past the threshold they go to
    # table files on disk while the store is still open (the memory benchmark measures the effect).
    results = list(annotate_documents(nlp, documents))
    with GraphStore(tmp_path / "buffered") as buffered, GraphStore(tmp_path / "flushed", flush_every_bytes=1) as flushed:
        opened = sst_bytes(tmp_path / "buffered")
        assert sst_bytes(tmp_path / "flushed") == opened
        for result in results:
            buffered.add(result)
            flushed.add(result)
            assert sst_bytes(tmp_path / "flushed") > opened + len(result.document.text)
        # three small documents stay below 16 MiB: still in the write buffers (and the write-ahead log)
        assert sst_bytes(tmp_path / "buffered") - opened < (sst_bytes(tmp_path / "flushed") - opened) / 10
        assert nquads(flushed) == nquads(buffered)


def test_store_is_reopened_from_disk(nlp, documents, tmp_path):
    with GraphStore(tmp_path / "store") as store:
        build(nlp, store, documents[:1])
        before = nquads(store)
    with GraphStore(tmp_path / "store", read_only=True) as store:
        assert nquads(store) == before
        assert {row[0] for row in store.members("Collective Security Treaty Organization").rows} == CSTO_MEMBERS


def kgraph(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("kgraph")
    return subprocess.run([str(script), *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_store_round_trip(seed_path, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "kenya.txt").write_text(KENYA_NOTE, encoding="utf-8")
    store = str(tmp_path / "store")

    first = kgraph("build", str(corpus), "--store", store, "-q")
    again = kgraph("build", str(corpus), "--store", store, "-q", "-o", str(tmp_path / "built.ttl"))
    members = kgraph("members", "CSTO", "--store", store, "--format", "csv")
    forget = kgraph("forget", "corpus/kenya", "unknown", "--store", store)
    query = kgraph("query", "--store", store, "-e", "SELECT ?s WHERE { ?s kg:deployedTo ?o }", "--format", "csv")
    export = kgraph("export", "--store", store, "-o", str(tmp_path / "out" / "graph.nt"))
    neither = kgraph("query", "-e", "ASK { ?s ?p ?o }")

    assert first.returncode == 0, first.stderr
    assert "added 2, replaced 0, unchanged 0" in first.stdout
    assert again.returncode == 0, again.stderr
    assert "added 0, replaced 0, unchanged 2" in again.stdout
    assert {line.split(",")[0] for line in members.stdout.splitlines()[1:] if line} == CSTO_MEMBERS
    assert forget.returncode == 3 and "forgot corpus/kenya" in forget.stdout and "unknown" in forget.stderr
    assert "kenya" not in query.stdout and "russia" in query.stdout
    assert export.returncode == 0, export.stderr
    exported = set(Graph().parse(tmp_path / "out" / "graph.nt", format="nt"))
    built = set(Graph().parse(tmp_path / "built.ttl", format="turtle"))
    assert exported and exported < built  # the Kenya document's triples went
    assert neither.returncode == 2


COUNTRIES = ["Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Finland", "Sweden",
             "Poland", "Kenya", "Rwanda", "Uganda"]
FORCES = ["troops", "peacekeepers", "police officers", "soldiers"]


def generated_corpus(path: Path, count: int) -> list[Document]:
    """Varied small articles, written for this test, as a JSONL file."""
    documents = []
    for i in range(count):
        a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 5 + 3) % len(COUNTRIES)]
        text = (f"{a} is a member of the Collective Security Treaty Organization, officials said on day {i}. "
                f"{b} deployed {FORCES[i % len(FORCES)]} to {a} after talks in the capital. "
                f"Analysts expect the mission to last {i % 9 + 2} months.")
        documents.append(Document(id=f"gen-{i:04d}", text=text, date=f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
                                  source=f"{path}:{i + 1}"))  # as kgraph build reads it
    lines = [json.dumps({"id": d.id, "text": d.text, "date": d.date}) for d in documents]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return documents


def kill_after_progress(command: list[str], documents: int, timeout: float = 60.0) -> None:
    """Run ``command`` and SIGKILL it once its progress bar has passed ``documents``.

    stderr is a pseudo-terminal, so the progress bar is drawn as for a user.
    """
    terminal, child_end = pty.openpty()
    fcntl.ioctl(child_end, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # tqdm draws nothing in 0 columns
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=child_end)
    os.close(child_end)
    seen, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if select.select([terminal], [], [], 0.05)[0]:
                seen += os.read(terminal, 65536)
                done = [int(n) for n in re.findall(rb"(\d+)doc", seen)]
                if done and max(done) >= documents:
                    break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        os.close(terminal)


def test_store_killed_build_leaves_only_complete_documents(nlp, tmp_path):
    corpus = generated_corpus(tmp_path / "corpus.jsonl", 300)
    store_dir = tmp_path / "store"
    script = Path(sys.executable).with_name("kgraph")

    kill_after_progress([str(script), "build", str(tmp_path / "corpus.jsonl"), "--store", str(store_dir),
                         "--batch-size", "4"], documents=40)

    with GraphStore(store_dir, pipeline=pipeline_fingerprint()) as store:
        stored = store.documents()
        assert 0 < len(stored) < len(corpus)
        named = {quad.graph_name.value for quad in store.oxigraph if quad.graph_name != ox.DefaultGraph()}
        assert named == {document_iri(doc_id) for doc_id in stored}  # no graph without its hash and id
        assert default_graph(store) == union_of_documents(store)
        by_id = {d.id: d for d in corpus}
        for result in annotate_documents(nlp, [by_id[doc_id] for doc_id in stored]):
            digest = content_hash(result.document, store.pipeline)
            expected = set(Graph().parse(data=document_graph(result, digest).serialize(format="nt"), format="nt"))
            dumped = store.oxigraph.dump(format=ox.RdfFormat.N_TRIPLES,
                                         from_graph=ox.NamedNode(document_iri(result.document.id)))
            assert set(Graph().parse(data=dumped.decode("utf-8"), format="nt")) == expected, result.document.id

        stats, annotated = build(nlp, store, corpus[: len(stored) + 3])
    assert stats.unchanged == len(stored) and stats.added == 3 and len(annotated) == 3


def test_cli_store_rebuild_of_unchanged_documents_does_not_load_the_model(tmp_path):
    # The model is a directory copied from the installed one. After the first build every file
    # but meta.json (which names the model in the pipeline fingerprint) is deleted, so loading
    # it would fail: the rebuild succeeds only if the store's check comes before any loading.
    import spacy

    from kgraph.annotate import default_model

    installed = spacy.util.get_package_path(default_model())
    [data] = [p for p in installed.iterdir() if p.is_dir() and (p / "config.cfg").is_file()]
    model = tmp_path / "model"
    shutil.copytree(data, model)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kazakhstan.txt").write_text(KAZAKHSTAN_NOTE, encoding="utf-8")
    (corpus / "kenya.txt").write_text(KENYA_NOTE, encoding="utf-8")
    store = str(tmp_path / "store")

    first = kgraph("build", str(corpus), "--store", store, "--model", str(model), "-q")
    for entry in model.iterdir():
        if entry.name != "meta.json":
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    again = kgraph("build", str(corpus), "--store", store, "--model", str(model), "-q")
    (corpus / "armenia.txt").write_text(ARMENIA_NOTE, encoding="utf-8")
    changed = kgraph("build", str(corpus), "--store", store, "--model", str(model), "-q")

    assert first.returncode == 0, first.stderr
    assert "added 2, replaced 0, unchanged 0" in first.stdout
    assert again.returncode == 0, again.stderr
    assert "added 0, replaced 0, unchanged 2" in again.stdout
    # a new document does need the model, which is gone: the build says so and fails
    assert changed.returncode == 1 and "Cannot load spaCy pipeline" in changed.stderr
