"""Shared fixtures: the real kgraph pipeline (en_core_web_sm + gazetteer + linker), loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kgraph.annotate import load_pipeline
from kgraph.engine.run import annotate_documents
from kgraph.types import Document

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory) -> Path:
    """kgraph's phrase cache in a folder of this test session, never the user's own (child processes inherit it)."""
    path = tmp_path_factory.mktemp("kgraph-cache")
    before = os.environ.get("KGRAPH_CACHE_DIR")
    os.environ["KGRAPH_CACHE_DIR"] = str(path)
    yield path
    if before is None:
        os.environ.pop("KGRAPH_CACHE_DIR", None)
    else:
        os.environ["KGRAPH_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (seed article, gold data, schemas) beside the repository."""
    path = Path(os.environ.get("KGRAPH_SHARED", REPO.parent / "shared"))
    if not (path / "seeds").is_dir():
        raise RuntimeError(f"shared data not found at {path}; set KGRAPH_SHARED to the folder holding seeds/ and eval/")
    return path


@pytest.fixture(scope="session")
def seed_path(shared) -> Path:
    return shared / "seeds" / "000_da3ec6d41744935e.txt"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def facts(nlp):
    """facts(text, date=None) -> {(subject label, predicate, object label, status)} found in ``text``."""

    def run(text: str, date: str | None = "2024-06-01") -> set[tuple[str, str, str, str]]:
        [result] = annotate_documents(nlp, [Document(id="t", text=text, date=date)])
        return {(r.subject.label, r.predicate, r.object.label, r.status) for r in result.relations}

    return run


@pytest.fixture(scope="session")
def asserted(facts):
    """asserted(text) -> {(subject label, predicate, object label)} stated as current facts."""

    def run(text: str, date: str | None = "2024-06-01") -> set[tuple[str, str, str]]:
        return {(s, p, o) for s, p, o, status in facts(text, date) if status == "asserted"}

    return run
