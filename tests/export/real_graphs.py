"""Graphs built by kgraph from real text, for the Gephi-format tests (GEXF, GraphML, CSV).

A plain module (not a conftest) so the test modules can import the builders by a unique name;
each test module builds its graphs once, in a module-scoped fixture, with the session ``nlp``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import networkx as nx

from kgraph.engine.run import build_graph
from kgraph.read import read_documents
from kgraph.types import Document

from export_samples import HOSTILE_LABELS as SAMPLE_HOSTILE_LABELS

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"

#: Labels that break naive XML/CSV writers: the shared hostile labels plus NUL and other
#: control characters, a lone surrogate and odd spacing.
HOSTILE_LABELS = [*SAMPLE_HOSTILE_LABELS, "Nul\x00bell\x07escape\x1b\ufffe\ud800 end", "  spaced   out  "]

#: Two dated reports in which kgraph finds the same pair of entities under several statuses.
PARALLEL_REPORTS = [
    Document(id="report-2022-01", date="2022-01-06",
             text="Russia deployed troops to Kazakhstan in January. Russia will send more troops to Kazakhstan "
                  "next year. Russia is a member of the CSTO."),
    Document(id="report-2023-05", date="2023-05-17",
             text="Russia is a member of the CSTO. Russia is not a member of NATO. Russia could deploy troops to "
                  "Belarus. Russia deployed troops to Belarus."),
]


def build_from(nlp, inputs: list) -> nx.MultiDiGraph:
    """The graph kgraph builds from files/directories (paths) or Documents."""
    documents = inputs if all(isinstance(item, Document) for item in inputs) else read_documents(inputs)
    graph, stats = build_graph(nlp, documents)
    assert stats.documents and not stats.failed, stats
    return graph


def build_all(nlp, seed_path: Path) -> dict[str, nx.MultiDiGraph]:
    """The seed article, the example corpus, the parallel-edge reports, and the seed with hostile labels."""
    seed = build_from(nlp, [seed_path])
    return {
        "seed": seed,
        "corpus": build_from(nlp, [CORPUS]),
        "parallel": build_from(nlp, PARALLEL_REPORTS),
        "hostile": with_hostile_labels(seed),
    }


def with_hostile_labels(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of a built graph whose labels, aliases, rules and document ids are hostile strings."""
    hostile = copy.deepcopy(G)
    for number, (_, data) in enumerate(hostile.nodes(data=True)):
        data["label"] = HOSTILE_LABELS[number % len(HOSTILE_LABELS)]
        data["aliases"] = [*data["aliases"], HOSTILE_LABELS[(number + 1) % len(HOSTILE_LABELS)]]
    for number, (_, _, data) in enumerate(hostile.edges(data=True)):
        for item in data["evidence"]:
            item["rule"] = HOSTILE_LABELS[number % len(HOSTILE_LABELS)]
            item["doc_id"] = f'doc "<#>" 🚀\n{item["doc_id"]}'
    return hostile


def parallel_pairs(G: nx.MultiDiGraph) -> set[tuple[str, str]]:
    """(source, target) pairs joined by more than one edge."""
    seen: dict[tuple[str, str], int] = {}
    for u, v in G.edges():
        seen[(u, v)] = seen.get((u, v), 0) + 1
    return {pair for pair, count in seen.items() if count > 1}
