"""The command line through its real entry point (the installed ``kgraph`` script)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.cli import COMMANDS

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


def kgraph(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("kgraph")
    command = [str(script)] if script.exists() else [shutil.which("kgraph") or "kgraph"]
    return subprocess.run(command + list(args), input=stdin, capture_output=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run = kgraph("build", str(CORPUS), "-o", str(out / "graph.ttl"), "-o", str(out / "graph.gexf"),
                 "-o", str(out / "facts.jsonl"), "-q")
    return run, out


def test_cli_build_example_corpus(built):
    run, out = built
    assert run.returncode == 0, run.stderr.decode()
    summary = run.stdout.decode()
    assert re.search(r"documents: 7 read, 0 skipped, 0 failed", summary)
    assert "relations:" in summary and "asserted" in summary
    for name in ("graph.ttl", "graph.gexf", "facts.jsonl"):
        assert (out / name).stat().st_size > 0
    facts = [json.loads(line) for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    sweden = [f for f in facts if f["subject"]["label"] == "Sweden" and f["predicate"] == "memberOf"]
    assert sweden and sweden[0]["object"]["wikidata"] == "Q7184" and sweden[0]["status"] == "asserted"
    assert all(f["evidence"] and f["evidence"][0]["sentence"] for f in facts)


def test_cli_members_by_any_alias(built):
    _, out = built
    answers = set()
    for alias in ("CSTO", "ODKB", "Collective Security Treaty Organization", "csto"):
        run = kgraph("members", alias, str(out / "graph.ttl"), "--format", "csv")
        assert run.returncode == 0, run.stderr.decode()
        answers.add(run.stdout.decode())
    [table] = answers
    members = {line.split(",")[0] for line in table.splitlines()[1:] if line}
    assert members == {"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan"}
    assert "http://www.wikidata.org/entity/Q399" in table


def test_cli_query_formats(built):
    _, out = built
    query = ("PREFIX kg: <https://w3id.org/kgraph/ontology#> SELECT ?l WHERE { ?c kg:memberOf ?n . "
             "?n rdfs:label \"North Atlantic Treaty Organization\" . ?c rdfs:label ?l } ORDER BY ?l")
    table = kgraph("query", str(out / "graph.ttl"), "-e", query)
    assert table.returncode == 0, table.stderr.decode()
    assert "Finland" in table.stdout.decode() and "Sweden" in table.stdout.decode()
    as_json = json.loads(kgraph("query", str(out / "graph.ttl"), "-e", query, "--format", "json").stdout)
    assert [b["l"]["value"] for b in as_json["results"]["bindings"]] == ["Finland", "Sweden"]
    bad = kgraph("query", str(out / "graph.ttl"), "-e", "SELECT WHERE {")
    assert bad.returncode == 1 and b"Error" in bad.stderr


def test_cli_build_skips_bad_lines_and_exits_3(tmp_path):
    news = tmp_path / "news.jsonl"
    news.write_text(
        '{"id": "a", "text": "Finland formally joined NATO on Tuesday.", "date": "2023-04-04"}\n'
        '{"id": "b", "text": \n'
        '{"id": "c", "text": "Polish Foreign Minister Radoslaw Sikorski met his counterparts."}\n',
        encoding="utf-8")
    run = kgraph("build", str(news), "-o", str(tmp_path / "g.ttl"), "-q")
    assert run.returncode == 3
    assert f"{news}:2:" in run.stderr.decode()
    assert "2 read, 1 skipped" in run.stdout.decode()
    assert "Finland" in (tmp_path / "g.ttl").read_text(encoding="utf-8")


def test_cli_build_with_nothing_readable_fails_without_output(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = kgraph("build", str(empty), "-o", str(tmp_path / "g.ttl"), "-q")
    assert run.returncode == 1
    assert b"Error: no document could be read" in run.stderr
    assert not (tmp_path / "g.ttl").exists()


def test_cli_build_unknown_format_fails_cleanly(tmp_path):
    run = kgraph("build", "-", "-o", str(tmp_path / "g.xlsx"), "-q", stdin="Russian troops entered Kazakhstan.".encode())
    assert run.returncode == 1
    assert b".ttl" in run.stderr  # the message lists the formats that work
    assert list(tmp_path.iterdir()) == []


def test_cli_build_from_stdin(tmp_path):
    text = "Kazakh President Kassym-Jomart Tokayev asked the CSTO for help.".encode()
    run = kgraph("build", "-", "-o", str(tmp_path / "f.jsonl"), "--show", "5", stdin=text)
    assert run.returncode == 0, run.stderr.decode()
    assert "Kassym-Jomart Tokayev --presidentOf--> Kazakhstan" in run.stdout.decode()


def test_cli_eval_reports_per_relation_scores(shared):
    run = kgraph("eval", str(shared / "eval" / "seed.jsonl"))
    assert run.returncode == 0, run.stderr.decode()
    report = run.stdout.decode()
    for relation in ("member_of", "deployed_to", "president_of", "head_of_government_of", "minister_of",
                     "leader_of", "located_in", "overall (micro)"):
        assert relation in report
    assert "traps asserted: 0" in report


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_help(command):
    run = kgraph(command, "--help")
    assert run.returncode == 0
    assert b"Example" in run.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_commands_are_documented(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"kgraph {command}" in readme


def test_cli_version_and_usage_error():
    assert kgraph("--version").stdout.decode().startswith("kgraph, version")
    run = kgraph("build", "--no-such-option")
    assert run.returncode == 2 and b"No such option" in run.stderr
