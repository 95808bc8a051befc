"""Fixtures of the picture tests: the seed graph, built once by the real pipeline."""

from __future__ import annotations

import pytest

from kgraph.engine.run import build_graph
from kgraph.read import read_documents


@pytest.fixture(scope="session")
def seed_graph(nlp, seed_path):
    graph, _ = build_graph(nlp, read_documents([seed_path]))
    return graph
