"""Killed processes leave nothing behind (issue 11, case 19)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil

from hostile_corpus import kgraph_script

WAIT_S = 120


def wait_for(condition, timeout: float = WAIT_S) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_killed_build_takes_its_workers_with_it(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    sentence = "Russian troops arrived in Kazakhstan as part of the CSTO mission number {n}. "
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "text": sentence.format(n=n) * 20}) + "\n"
                              for n in range(3000)), encoding="utf-8")
    build = subprocess.Popen(kgraph_script() + ["build", str(corpus), "--workers", "2", "-q",
                                                "-o", str(tmp_path / "g.ttl")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(build.pid)
    workers: list[psutil.Process] = []
    try:
        assert wait_for(lambda: len(parent.children()) >= 2), "the workers never started"
        workers = parent.children()
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert wait_for(lambda: not any(_alive(worker) for worker in workers), 30)  # was: asleep forever
    finally:
        build.kill()
        for worker in workers:
            if _alive(worker):
                worker.kill()


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(graph: Path, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(kgraph_script() + ["serve", str(graph), "--port", str(_free_port())],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    assert process.stdout.readline().startswith(b"SPARQL endpoint:")
    return process


def test_serve_removes_the_store_a_killed_serve_left(tmp_path):
    graph = tmp_path / "g.nt"
    graph.write_text("<http://x/a> <http://x/p> <http://x/b> .\n", encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    first = _serve(graph, env)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    [left] = list(temporary.iterdir())  # SIGKILL leaves the temporary store
    second = _serve(graph, env)
    try:
        remaining = list(temporary.iterdir())
        assert left not in remaining and len(remaining) == 1  # was: one more store for each killed serve
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
        os.killpg(first.pid, signal.SIGKILL) if psutil.pid_exists(first.pid) else None
    assert list(temporary.iterdir()) == []
