"""Shared fixtures for the input-layer tests: the seed article, the dev set, a reader."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.read import Problem, read_documents
from kgraph.types import Document

#: The project's shared folder (seed article, gold data), as the top-level conftest finds it.
SHARED = Path(os.environ.get("KGRAPH_SHARED", Path(__file__).resolve().parents[3] / "shared"))


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """A copy of the scraped seed article (with its site furniture) in ``tmp_path``."""
    return Path(shutil.copy(SHARED / "seeds" / "000_da3ec6d41744935e.txt", tmp_path))


@pytest.fixture
def seed_text(seed_file: Path) -> str:
    return seed_file.read_text(encoding="utf-8")


@pytest.fixture
def dev_file(tmp_path: Path) -> Path:
    """A copy of the gold dev set (JSONL with ``gold``, ``must_not``, ... fields)."""
    return Path(shutil.copy(SHARED / "eval" / "dev.jsonl", tmp_path))


@pytest.fixture
def problems() -> list[Problem]:
    """Problems reported by the ``read`` fixture, in order."""
    return []


@pytest.fixture
def read(problems: list[Problem]) -> Callable[..., list[Document]]:
    """``read(*inputs, stdin=None)``: all documents of ``inputs``; problems go to ``problems``."""

    def read_all(*inputs: object, stdin: object = None) -> list[Document]:
        return list(read_documents(inputs, on_problem=problems.append, stdin=stdin))

    return read_all
