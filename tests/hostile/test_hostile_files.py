"""Hostile files, streams, paths and options for ``kgraph build`` (issue 11, cases 5-9, 12, 18, 21).

Each run is bounded in memory (``ulimit -v``) and time, so that a regression fails the
test rather than the machine.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
from pathlib import Path

import pytest

from hostile_corpus import GOOD_TEXT, counts, kgraph, kgraph_script, warnings
from kgraph.read import jsonl as jsonl_reader
from kgraph.read import read_documents
from kgraph.read import readers

MEMORY_LIMIT = 3 * 1024**3
OTHER_TEXT = "Sweden formally joined NATO on Thursday, becoming the alliance's 32nd member.\n"


def limited(args: list[str], *, stdin=None, timeout: float = 120) -> subprocess.CompletedProcess:
    """``kgraph ARGS`` with at most 3 GiB of address space."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(kgraph_script() + args, stdin=stdin, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=cap)


class Endless(io.RawIOBase):
    """A stream that never ends: ``head``, then ``fill`` forever (a pipe from ``yes``)."""

    def __init__(self, head: bytes, fill: bytes) -> None:
        super().__init__()
        self._pending = head
        self._fill = fill
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._pending:
            self._pending = self._fill * (len(buffer) // len(self._fill) + 1)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.served += size
        return size


# -- case 5: devices, pipes and endless lines -----------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_read_one_block_and_skipped(tmp_path, device):
    run = limited(["build", device, "-o", str(tmp_path / "g.ttl"), "-q"])
    assert run.returncode == 1  # was: read until memory ran out
    assert f"warning: {device}: binary content (NUL bytes) — skipped" in run.stderr
    assert not (tmp_path / "g.ttl").exists()


def test_stdin_from_dev_zero_is_skipped(tmp_path):
    with open("/dev/zero", "rb") as zero:
        run = limited(["build", "-", "-o", str(tmp_path / "g.ttl"), "-q"], stdin=zero)
    assert run.returncode == 1 and "<stdin>: binary content (NUL bytes) — skipped" in run.stderr


def test_endless_text_stream_stops_at_the_cap(monkeypatch):
    monkeypatch.setattr(readers, "MAX_FILE_SIZE", 4 * 1024**2)
    problems = []
    stream = Endless(b"Finland joined NATO. ", b"and so on ")
    assert list(read_documents(["-"], stdin=io.BufferedReader(stream), on_problem=problems.append)) == []
    [problem] = problems
    assert str(problem).startswith("<stdin>: input is larger than 4 MiB (stopped reading after ")
    assert stream.served <= 4 * 1024**2 + 2 * 1024**2  # the cap and one block, never the whole stream


def test_endless_jsonl_line_is_skipped_and_the_next_line_read(monkeypatch):
    monkeypatch.setattr(jsonl_reader, "MAX_LINE_BYTES", 1024**2)
    problems = []
    overlong = b'{"id": "long", "text": "' + b"a" * (3 * 1024**2) + b'"}\n'
    data = overlong + b'{"id": "next", "text": "Finland joined NATO."}\n'
    documents = list(read_documents(["-"], stdin=io.BytesIO(data), on_problem=problems.append))
    assert [document.id for document in documents] == ["next"]
    assert [str(problem) for problem in problems] == [
        f"<stdin>:1: line is longer than 1,048,576 bytes ({len(overlong):,} read) — skipped"]


# -- case 6: an output that is an input -----------------------------------------------------------


def test_output_that_is_an_input_is_refused(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "Finland formally joined NATO on Tuesday."}\n', encoding="utf-8")
    before = corpus.read_bytes()
    run = kgraph("build", str(corpus), "-o", str(corpus), "-q")
    assert run.returncode == 2  # was 0, with the corpus overwritten by facts
    assert f"{corpus} is also an input" in run.stderr.decode()
    assert corpus.read_bytes() == before
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = kgraph("build", str(folder), "-o", str(folder / "facts.jsonl"), "-q")
    assert run.returncode == 2 and "inside the input folder" in run.stderr.decode()
    assert sorted(os.listdir(folder)) == ["a.txt"]


# -- case 7: ids that collide ---------------------------------------------------------------------


def test_same_names_in_two_folders_are_two_documents_in_the_store(tmp_path):
    for day, text in (("day1", GOOD_TEXT), ("day2", OTHER_TEXT)):
        (tmp_path / day / "inbox").mkdir(parents=True)
        (tmp_path / day / "inbox" / "news.txt").write_text(text, encoding="utf-8")
        (tmp_path / day / "wire.jsonl").write_text(f'{{"text": "{text.strip()}"}}\n', encoding="utf-8")
    store = str(tmp_path / "store")
    first = kgraph("build", str(tmp_path / "day1" / "wire.jsonl"), str(tmp_path / "day1" / "inbox"), "--store", store, "-q")
    second = kgraph("build", str(tmp_path / "day2" / "wire.jsonl"), str(tmp_path / "day2" / "inbox"), "--store", store, "-q")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "added 2, replaced 0" in second.stdout.decode()  # was: replaced, the first day's facts gone
    # Two folders both called "inbox": same id; the store keeps both, and says so.
    assert warnings(second) == [f"{tmp_path / 'day2' / 'inbox' / 'news.txt'}: document id 'inbox/news' is already "
                                f"used in the store by {tmp_path / 'day1' / 'inbox' / 'news.txt'}; both kept, this one "
                                f"as 'inbox/news~{_suffix(tmp_path / 'day2' / 'inbox' / 'news.txt')}'"]
    ids = kgraph("query", "--store", store, "--format", "csv", "-e",
                 "SELECT ?id WHERE { ?d dcterms:identifier ?id } ORDER BY ?id").stdout.decode().split()
    assert ids == ["id", "day1/wire:1", "day2/wire:1", "inbox/news",
                   f"inbox/news~{_suffix(tmp_path / 'day2' / 'inbox' / 'news.txt')}"]
    members = kgraph("members", "NATO", "--store", store, "--format", "csv").stdout.decode()
    assert "Finland" in members and "Sweden" in members
    again = kgraph("build", str(tmp_path / "day2" / "inbox"), "--store", store, "-q")
    assert "added 0, replaced 0, unchanged 1" in again.stdout.decode() and warnings(again) == []


def _suffix(path: Path) -> str:
    import hashlib

    return hashlib.sha256(str(path).encode()).hexdigest()[:8]


# -- case 8: a file name that is not UTF-8 --------------------------------------------------------


def test_non_utf8_file_name_in_a_store_build(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bad = os.path.join(os.fsencode(corpus), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(GOOD_TEXT.encode())
    (corpus / "later.txt").write_text(OTHER_TEXT, encoding="utf-8")
    run = kgraph("build", str(corpus), "--store", str(tmp_path / "store"), "-q")
    assert run.returncode == 0, run.stderr  # was: UnicodeEncodeError midway, later files lost
    assert "added 2" in run.stdout.decode()
    ids = kgraph("query", "--store", str(tmp_path / "store"), "--format", "csv", "-e",
                 "SELECT ?id WHERE { ?d dcterms:identifier ?id } ORDER BY ?id").stdout.decode().split()
    assert ids == ["id", "corpus/caf\ufffd", "corpus/later"]


# -- case 9: symbolic link loops ------------------------------------------------------------------


def test_symlink_loops_are_reported_and_skipped(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    os.symlink("loop2.txt", corpus / "loop1.txt")
    os.symlink("loop1.txt", corpus / "loop2.txt")
    os.symlink("self", corpus / "self")
    os.symlink("..", corpus / "sub" / "up")
    run = kgraph("build", str(corpus), "-o", str(tmp_path / "g.ttl"), "-q")
    assert run.returncode == 3, run.stderr  # was 1, "cannot write the outputs"
    assert warnings(run) == [f"{corpus / name}: cannot read entry (symbolic link loop) — skipped"
                             for name in ("loop1.txt", "loop2.txt", "self")]
    assert counts(run) == (1, 3, 0) and (tmp_path / "g.ttl").exists()


# -- case 12: an output path that is a folder -----------------------------------------------------


def test_output_that_is_a_folder_changes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    (out / "g.nodes.csv").mkdir(parents=True)
    (out / "g.ttl").write_text("old\n", encoding="utf-8")
    run = kgraph("build", str(tmp_path / "a.txt"), "-o", str(out / "g.ttl"), "-o", str(out / "g.csv"), "-q")
    assert run.returncode == 1 and "none was changed" in run.stderr.decode()
    assert (out / "g.ttl").read_text(encoding="utf-8") == "old\n"  # was replaced anyway
    assert sorted(os.listdir(out)) == ["g.nodes.csv", "g.ttl"]


# -- case 18: stdin closed ------------------------------------------------------------------------


def test_closed_stdin(tmp_path):
    run = subprocess.run(kgraph_script() + ["build", "-", "-o", str(tmp_path / "g.ttl"), "-q"], capture_output=True,
                         text=True, timeout=120, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert run.returncode == 1 and "Traceback" not in run.stderr  # was: AttributeError traceback
    assert "<stdin>: standard input is closed — not read" in run.stderr


# -- case 21: options out of range ----------------------------------------------------------------


@pytest.mark.parametrize("option", [["--batch-size", "0"], ["--batch-size", "-3"], ["--workers", "0"],
                                    ["--show", "-1"]])
def test_options_out_of_range_are_usage_errors(tmp_path, option):
    (tmp_path / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    run = kgraph("build", str(tmp_path / "a.txt"), *option)
    assert run.returncode == 2 and "Traceback" not in run.stderr.decode()
    assert f"Invalid value for '{option[0]}'" in run.stderr.decode()
