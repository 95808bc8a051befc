"""Atomic writes and the extension-based dispatch of write_graph."""

from __future__ import annotations

import os

import pytest
from export_samples import build_csto_graph

from kgraph.errors import UnknownFormatError
from kgraph.export import facts as facts_export
from kgraph.export import WRITERS, write_graph
from kgraph.export.atomic import atomic_write

EXTENSIONS = [".ttl", ".nt", ".jsonld", ".trig", ".nq", ".rdf", ".gexf", ".graphml", ".jsonl"]
# .csv writes two files (NAME.nodes.csv, NAME.edges.csv); tests/export/test_gephi_csv.py covers it.


def test_atomic_write_replaces_the_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    with atomic_write(path, "w") as handle:
        handle.write("new\r\n")

    assert path.read_bytes() == b"new\r\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_exception_mid_write_leaves_existing_file_and_no_temp(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"precious \xf0\x9f\x9a\x80")
    with pytest.raises(RuntimeError, match="disk on fire"):
        with atomic_write(path, "wb") as handle:
            handle.write(b"half a graph")
            handle.flush()
            raise RuntimeError("disk on fire")

    assert path.read_bytes() == b"precious \xf0\x9f\x9a\x80"
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_failed_write_creates_nothing(tmp_path):
    path = tmp_path / "new.jsonl"
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(path) as handle:
            handle.write(b"{}")
            raise KeyboardInterrupt

    assert os.listdir(tmp_path) == []


def test_existing_permissions_are_kept(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_text("")
    path.chmod(0o640)
    with atomic_write(path) as handle:
        handle.write(b"x")

    assert path.stat().st_mode & 0o777 == 0o640


def test_bad_mode_is_rejected(tmp_path):
    with pytest.raises(ValueError, match="mode"):
        with atomic_write(tmp_path / "x", "a"):
            pass


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_write_graph_writes_every_format(tmp_path, extension):
    path = tmp_path / f"graph{extension}"
    write_graph(build_csto_graph(), path)

    assert path.stat().st_size > 0
    assert os.listdir(tmp_path) == [path.name]


def test_write_graph_format_overrides_extension(tmp_path):
    path = tmp_path / "graph.out"
    write_graph(build_csto_graph(), path, format="ttl")

    assert path.read_text(encoding="utf-8").startswith("@prefix")


def test_unknown_format_lists_the_supported_ones(tmp_path):
    with pytest.raises(UnknownFormatError) as error:
        write_graph(build_csto_graph(), tmp_path / "graph.xyz")

    for extension in EXTENSIONS:
        assert extension in str(error.value)
    assert isinstance(error.value, ValueError)
    assert os.listdir(tmp_path) == []


class Unconvertible:
    """An attribute value no writer can convert."""

    def __float__(self) -> float:
        raise RuntimeError("cannot convert")

    def __str__(self) -> str:
        raise RuntimeError("cannot convert")


@pytest.mark.parametrize("extension", sorted(set(WRITERS) - {".csv"}))
def test_failing_export_keeps_the_previous_output(tmp_path, extension):
    path = tmp_path / f"graph{extension}"
    write_graph(build_csto_graph(), path)
    before = path.read_bytes()
    broken = build_csto_graph()
    for _, _, data in broken.edges(data=True):
        data["confidence"] = Unconvertible()

    with pytest.raises(RuntimeError, match="cannot convert"):
        write_graph(broken, path)

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == [path.name]


def test_exception_mid_export_keeps_the_previous_output(tmp_path, monkeypatch):
    path = tmp_path / "facts.jsonl"
    write_graph(build_csto_graph(), path)
    before = path.read_bytes()
    records = facts_export.fact_records

    def explode(graph):
        yield next(iter(records(graph)))  # one line is written, then the export fails
        raise MemoryError("simulated")

    monkeypatch.setattr(facts_export, "fact_records", explode)
    with pytest.raises(MemoryError):
        write_graph(build_csto_graph(), path)

    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["facts.jsonl"]
