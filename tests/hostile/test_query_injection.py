"""``kgraph members NAME``: user text is bound as a value, never pasted into the SPARQL text.

Checked in kgraph/query/sparql.py: ``members`` passes the name as a substitution
(``{"name": name}``) to pyoxigraph, and no other command builds SPARQL from user text.

``members`` is the only command that puts user text into a canned query (``query``
runs the user's own SPARQL, read-only: updates are refused, see tests/query).
"""

from __future__ import annotations

import csv
import io

import pytest

from hostile_corpus import kgraph

INJECTIONS = [
    'CSTO" } ; DROP ALL ; #',
    "') || true || ('",
    'CSTO" || true || "',
    "CSTO\n} UNION { ?x ?y ?z }",
    '" . ?member ?p ?o . FILTER(true) #',
    "CSTO'; DELETE WHERE { ?s ?p ?o } ; #",
]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    root = tmp_path_factory.mktemp("members")
    (root / "news.txt").write_text(
        "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan are members of the CSTO.", encoding="utf-8")
    run = kgraph("build", str(root / "news.txt"), "-o", str(root / "g.nq"), "-q")
    assert run.returncode == 0, run.stderr.decode()
    return root / "g.nq"


def test_members_answers_the_plain_name(graph_file):
    run = kgraph("members", "CSTO", str(graph_file), "--format", "csv")
    assert run.returncode == 0, run.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(run.stdout.decode())))
    assert {row["label"] for row in rows} == {"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"}


@pytest.mark.parametrize("name", INJECTIONS)
def test_injection_strings_find_nothing_and_change_nothing(graph_file, name):
    before = graph_file.read_bytes()
    run = kgraph("members", name, str(graph_file), "--format", "csv")
    assert run.returncode == 0, run.stderr.decode()
    assert [row for row in csv.reader(io.StringIO(run.stdout.decode())) if row] == [["label", "type", "wikidata"]]
    assert graph_file.read_bytes() == before


def test_nul_in_the_name_finds_nothing(graph_file):
    """A NUL cannot be passed in a command-line argument at all, so it is tried through the API."""
    from kgraph.query import load_store, members

    assert members(load_store([graph_file]), "CSTO\x00").rows == []
    assert members(load_store([graph_file]), "CSTO\x00\" } ; DROP ALL ; #").rows == []
