"""Several output files written as one: all of them replace their targets, or none does.

``kgraph build -o a.ttl -o b.gexf`` must not leave a new ``a.ttl`` beside an old
``b.gexf`` when the second write fails or the run is interrupted. Each file is first
written completely into a hidden staging directory next to its target; only when every
one is complete are they renamed into place, with SIGINT and SIGTERM held back meanwhile.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import signal
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import networkx as nx

from kgraph.errors import UnknownFormatError

#: Signals held back while the temporary files are renamed into place.
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def output_format(path: str | os.PathLike[str]) -> str:
    """The writer extension (``".ttl"``, ``".gexf"``, ...) of an output path.

    Raises:
        UnknownFormatError: If no writer handles the extension of ``path``.
    """
    from kgraph.export import WRITERS

    extension = os.path.splitext(os.fspath(path))[1].lower()
    if extension not in WRITERS:
        raise UnknownFormatError(
            f"cannot write {os.fspath(path)}: unknown format {extension or '(no extension)'!r}; "
            f"use one of {' '.join(WRITERS)}"
        )
    return extension


def written_files(path: str | os.PathLike[str]) -> list[Path]:
    """The files an output path stands for: itself, or ``NAME.nodes.csv`` and ``NAME.edges.csv`` for ``.csv``."""
    if os.path.splitext(os.fspath(path))[1].lower() == ".csv":
        from kgraph.export.gephi_csv import csv_paths

        return list(csv_paths(path))
    return [Path(path)]


def write_graphs(G: nx.MultiDiGraph, paths: Iterable[str | os.PathLike[str]], **options: bool) -> None:
    """Write ``G`` to every path (format by extension), all or nothing.

    Every output (with the extra files of multi-file formats such as ``.csv``) is first
    written into a hidden staging directory beside its target; the files are moved into
    place only when all of them are complete.

    Args:
        G: The graph built by :class:`kgraph.graph.GraphBuilder`.
        paths: Output files; missing parent directories are created.
        options: Passed on to :func:`kgraph.export.write_graph` (``dynamic``, ``infer``).

    Raises:
        UnknownFormatError: If a path has no writer; checked before anything is written.
        OSError: If a file cannot be written; every existing target is then left
            untouched and no temporary file is left behind. The same holds for any other
            exception, ``KeyboardInterrupt`` included.
    """
    from kgraph.export import write_graph

    plan = [(Path(path), output_format(path)) for path in paths]
    staging: dict[Path, Path] = {}
    try:
        for target, extension in plan:
            parent = target.parent
            if parent not in staging:
                parent.mkdir(parents=True, exist_ok=True)
                staging[parent] = parent / f".kgraph-{secrets.token_hex(6)}.tmp"
                staging[parent].mkdir()
            write_graph(G, staging[parent] / target.name, format=extension, **options)
        for parent, stage in staging.items():  # a target that is a folder would fail midway through the renames
            for written in stage.iterdir():
                if (parent / written.name).is_dir():
                    raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", str(parent / written.name))
        with _signals_held():
            for parent, stage in staging.items():
                for written in sorted(stage.iterdir()):
                    _copy_permissions(parent / written.name, written)
                    os.replace(written, parent / written.name)
    finally:
        for stage in staging.values():
            shutil.rmtree(stage, ignore_errors=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM until the block is over (where the platform allows it)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _copy_permissions(target: Path, temp: Path) -> None:
    with suppress(FileNotFoundError):
        shutil.copymode(target, temp)
