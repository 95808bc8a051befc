"""An interrupted or failing ``kgraph build`` leaves the previous outputs byte for byte, and no temporary file."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest

from hostile_corpus import GOOD_TEXT, OUTPUT_NAMES, kgraph, kgraph_script

#: Articles in the corpus that keeps a build busy for many seconds.
ARTICLES = 3000
#: Longest wait for the progress bar to show that documents are being processed.
START_TIMEOUT = 120
#: tqdm's progress line once some documents are done, e.g. ``documents: 12doc [00:01, 9.50doc/s]``.
PROGRESS = re.compile(rb"documents: [1-9][0-9]*doc")


def busy_corpus(path: Path) -> Path:
    sentences = (
        "Kazakh President Kassym-Jomart Tokayev asked the CSTO for help on {n} January.",
        "Russian troops arrived in Kazakhstan as part of the CSTO mission number {n}.",
        "Armenia, Belarus and Tajikistan also sent soldiers, report {n} said.",
    )
    with path.open("w", encoding="utf-8") as handle:
        for n in range(ARTICLES):
            handle.write(json.dumps({"id": f"a{n}", "text": " ".join(s.format(n=n) for s in sentences)}) + "\n")
    return path


@pytest.fixture(scope="module")
def earlier_outputs(tmp_path_factory) -> dict[str, bytes]:
    """The bytes of every output of an earlier run (of a one-line corpus)."""
    root = tmp_path_factory.mktemp("earlier")
    (root / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = kgraph("build", str(root / "good.txt"), *[a for n in OUTPUT_NAMES for a in ("-o", str(root / n))], "-q")
    assert run.returncode == 0, run.stderr.decode()
    return {name: (root / name).read_bytes() for name in OUTPUT_NAMES}


@pytest.fixture
def previous(tmp_path, earlier_outputs):
    """An output folder holding the earlier outputs, and their bytes."""
    out = tmp_path / "out"
    out.mkdir()
    for name, data in earlier_outputs.items():
        (out / name).write_bytes(data)
    return out, earlier_outputs


def start_and_wait_for_progress(tmp_path: Path, out: Path, *options: str) -> tuple[subprocess.Popen, int]:
    """Start a long build that overwrites ``out``; return once its progress bar counts documents.

    The progress bar is drawn only on a terminal, so stderr is a pseudo-terminal.

    Returns:
        The process and the pseudo-terminal's reading end (to be closed by the caller).
    """
    corpus = busy_corpus(tmp_path / "busy.jsonl")
    outputs = [a for name in OUTPUT_NAMES for a in ("-o", str(out / name))]
    reader, writer = pty.openpty()
    fcntl.ioctl(writer, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))  # a new pty is 0 columns wide
    # as a build run from a terminal: a shell's background job would inherit SIGINT ignored
    process = subprocess.Popen(kgraph_script() + ["build", str(corpus), *outputs, "--show", "0", *options],
                               stdout=subprocess.DEVNULL, stderr=writer,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(writer)
    seen = b""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and not PROGRESS.search(seen):
        assert process.poll() is None, seen.decode(errors="replace")
        if select.select([reader], [], [], 0.5)[0]:
            seen += os.read(reader, 4096)
    if not PROGRESS.search(seen):
        process.kill()
        raise AssertionError(f"no progress within {START_TIMEOUT}s: {seen.decode(errors='replace')!r}")
    return process, reader


def drain(reader: int, process: subprocess.Popen) -> bytes:
    """Everything the process still writes to the pseudo-terminal until it exits."""
    seen = b""
    while True:
        try:
            chunk = os.read(reader, 4096) if select.select([reader], [], [], 1)[0] else b""
        except OSError:  # the other end is closed
            break
        seen += chunk
        if not chunk and process.poll() is not None:
            break
    os.close(reader)
    return seen


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            pass  # the process ended while we looked
    return found


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize(("signum", "status", "message"), [
    (signal.SIGINT, 1, b"Aborted!"),
    (signal.SIGTERM, 143, b"Terminated: no output written."),
])
def test_interrupted_build_keeps_previous_outputs(tmp_path, previous, signum, status, message, workers):
    out, before = previous
    process, reader = start_and_wait_for_progress(tmp_path, out, "--workers", workers)
    workers_seen = children_of(process.pid)
    assert len(workers_seen) >= int(workers) - 1
    process.send_signal(signum)
    process.wait(timeout=60)
    stderr = drain(reader, process)
    assert process.returncode == status, stderr.decode()
    assert message in stderr
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers_seen) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers_seen), "a worker process outlived the build"
    assert {name: (out / name).read_bytes() for name in OUTPUT_NAMES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_NAMES)


def test_failing_write_changes_no_output(tmp_path, previous):
    """The third output cannot be written (its folder is a file): the first two are not replaced either."""
    out, before = previous
    (tmp_path / "blocker").write_text("a file, not a folder", encoding="utf-8")
    corpus = tmp_path / "other.txt"
    corpus.write_text("Kazakh President Kassym-Jomart Tokayev asked the CSTO for help.", encoding="utf-8")
    run = kgraph("build", str(corpus), "-o", str(out / "g.ttl"), "-o", str(out / "g.gexf"),
                 "-o", str(tmp_path / "blocker" / "g.nt"), "-q")
    assert run.returncode == 1
    assert "Error: cannot write the outputs, none was changed" in run.stderr.decode()
    assert {name: (out / name).read_bytes() for name in OUTPUT_NAMES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_NAMES)
