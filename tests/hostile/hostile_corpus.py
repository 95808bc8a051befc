"""Shared helpers of the hostile-input tests: run ``kgraph build``, read its summary, check its outputs.

A plain module (not a conftest) so the test modules can import it by a unique name.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

#: Every output format ``kgraph build`` writes, by file name.
OUTPUT_NAMES = ("g.ttl", "g.nt", "g.jsonld", "g.trig", "g.nq", "g.rdf", "g.gexf", "g.graphml", "g.jsonl")
#: pyoxigraph's parser for each RDF extension.
RDF_PARSERS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
}
#: A document every run can read: one asserted membership.
GOOD_TEXT = "Finland formally joined NATO on Tuesday, becoming the alliance's 31st member.\n"
_SUMMARY = re.compile(r"documents: (\d+) read, (\d+) skipped, (\d+) failed")


def kgraph_script() -> list[str]:
    """The installed ``kgraph`` console script of the running interpreter."""
    script = Path(sys.executable).with_name("kgraph")
    return [str(script)] if script.exists() else [shutil.which("kgraph") or "kgraph"]


def kgraph(*args: str, stdin: bytes | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``kgraph *args`` and capture its output as text."""
    return subprocess.run(kgraph_script() + list(args), input=stdin, capture_output=True, timeout=timeout)


def build_all_formats(out: Path, *inputs: str | Path, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """``kgraph build INPUTS -o out/g.<every format> -q``."""
    outputs = [arg for name in OUTPUT_NAMES for arg in ("-o", str(out / name))]
    return kgraph("build", *map(str, inputs), *outputs, "-q", *extra)


def counts(run: subprocess.CompletedProcess) -> tuple[int, int, int]:
    """(read, skipped, failed) from the summary line of a finished build."""
    match = _SUMMARY.search(run.stdout.decode())
    assert match, f"no summary in stdout: {run.stdout.decode()!r}; stderr: {run.stderr.decode()!r}"
    return tuple(int(group) for group in match.groups())


def warnings(run: subprocess.CompletedProcess) -> list[str]:
    """The ``warning: ...`` lines the build printed on stderr, without the prefix."""
    return [line[len("warning: "):] for line in run.stderr.decode().splitlines() if line.startswith("warning: ")]


def rdf_triples(path: Path) -> set[ox.Triple]:
    """The triples pyoxigraph reads from one RDF output file (graph names dropped)."""
    with path.open("rb") as handle:
        return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(handle, RDF_PARSERS[path.suffix])}


def check_outputs(out: Path) -> dict:
    """Parse every output of :func:`build_all_formats` back; return what they hold.

    Every RDF file must give pyoxigraph the same triples, the GEXF and GraphML files
    must be read by networkx, and every JSONL line must be a JSON object.

    Returns:
        ``{"triples": set of pyoxigraph triples, "gexf": graph, "graphml": graph, "facts": list}``.
    """
    triple_sets = {name: rdf_triples(out / name) for name in OUTPUT_NAMES if Path(name).suffix in RDF_PARSERS}
    reference = triple_sets["g.nt"]
    assert reference, "the N-Triples output is empty"
    for name, triples in triple_sets.items():
        assert triples == reference, f"{name} differs from g.nt: {triples ^ reference}"
    facts = [json.loads(line) for line in (out / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(fact, dict) for fact in facts)
    return {
        "triples": reference,
        "gexf": nx.read_gexf(out / "g.gexf"),
        "graphml": nx.read_graphml(out / "g.graphml"),
        "facts": facts,
    }


def document_ids(triples: set[ox.Triple]) -> set[str]:
    """Ids of the kg:Document resources in ``triples`` (their percent-decoded IRI ends)."""
    from urllib.parse import unquote

    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    document = ox.NamedNode("https://w3id.org/kgraph/ontology#Document")
    prefix = "https://w3id.org/kgraph/id/doc/"
    return {
        unquote(t.subject.value[len(prefix):])
        for t in triples
        if t.predicate == kind and t.object == document and t.subject.value.startswith(prefix)
    }


def facts_of(facts: list[dict], doc_id: str) -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of the facts with evidence from ``doc_id``."""
    return {
        (f["subject"]["label"], f["predicate"], f["object"]["label"])
        for f in facts
        if any(e["doc_id"] == doc_id for e in f["evidence"])
    }


def leftovers(directory: Path, expected: set[str]) -> set[str]:
    """Names in ``directory`` other than ``expected`` (temporary or partial files)."""
    return {path.name for path in directory.iterdir()} - expected
