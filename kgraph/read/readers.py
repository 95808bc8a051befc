"""Entry point of the input layer: files, directories and stdin to a stream of documents."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from kgraph.read.decode import first_nonblank_char
from kgraph.read.html import read_html
from kgraph.read.jsonl import read_jsonl
from kgraph.read.problems import InputError, Problem, Report
from kgraph.read.text import read_text
from kgraph.types import Document

logger = logging.getLogger("kgraph.read")

#: Formats by file suffix. Inside a directory only these files are read; a file named
#: on the command line with any other suffix is read as plain text.
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
#: Largest .txt or .html file read (whole documents are held in memory; JSONL streams).
MAX_FILE_SIZE = 2 * 1024**3
#: Name of standard input in problems and ``Document.source``; ``-`` selects it.
STDIN = "<stdin>"

_WHOLE_FILE_READERS: dict[str, Callable[..., Document]] = {"text": read_text, "html": read_html}
#: Bytes read at a time from stdin while looking for its first non-blank character.
_SNIFF_SIZE = 4096


class _Read(NamedTuple):
    """A document with the path and line (JSONL only) it was read from."""

    source: str
    line: int | None
    document: Document


def read_documents(
    inputs: Iterable[str | os.PathLike],
    *,
    on_problem: Callable[[Problem], None] | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document]:
    """Stream the documents in ``inputs``, one at a time.

    Files are read by suffix: ``.txt``/``.text`` plain text, ``.html``/``.htm`` HTML
    (article extracted with trafilatura), ``.jsonl`` one article per line. A directory
    is walked recursively in sorted order, taking only those suffixes; ids of its files
    are their paths relative to it without suffix. ``-`` reads standard input, sniffed
    as JSONL (``{``), HTML (``<``) or plain text. Site furniture is masked with spaces
    (see :func:`~kgraph.read.furniture.mask_furniture`).

    Nothing is raised for bad input: each problem (missing or unreadable path, empty or
    binary file, bad JSONL line, page without article text, duplicate id) is passed
    once to ``on_problem`` and reading goes on.

    Args:
        inputs: file paths, directory paths or ``-``; a single path is taken as a
            one-item list.
        on_problem: receives each :class:`Problem`; by default problems are logged as
            warnings on the ``kgraph.read`` logger.
        stdin: binary stream read for ``-`` (default: ``sys.stdin.buffer``).

    Yields:
        Documents in input order; a document whose id was already read is skipped.
    """
    report = on_problem or _log_problem
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    first_sources: dict[str, str | None] = {}
    for item in inputs:
        for read in _read_input(os.fspath(item), report, stdin):
            doc_id = read.document.id
            if doc_id in first_sources:
                message = f"duplicate document id {doc_id!r} (first read from {first_sources[doc_id]})"
                report(Problem(read.source, read.line, doc_id, message))
                continue
            first_sources[doc_id] = read.document.source
            yield read.document


def _log_problem(problem: Problem) -> None:
    logger.warning("%s", problem)


def _read_input(item: str, report: Report, stdin: IO[bytes] | None) -> Iterator[_Read]:
    if item == "-":
        yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, report)
        return
    path = Path(item)
    if os.path.isdir(path):
        yield from _read_directory(path, report)
    elif os.path.exists(path):
        yield from _read_file(path, SUFFIXES.get(path.suffix.lower(), "text"), doc_id=path.stem, report=report)
    else:
        report(Problem(item, None, None, "no such file or directory", kind="error"))


def _read_directory(root: Path, report: Report) -> Iterator[_Read]:
    found = False
    for path in _walk(root, report, visited={os.path.realpath(root)}):
        found = True
        doc_id = path.relative_to(root).with_suffix("").as_posix()
        yield from _read_file(path, SUFFIXES[path.suffix.lower()], doc_id=doc_id, report=report)
    if not found:
        report(Problem(str(root), None, None, f"no {', '.join(SUFFIXES)} files in directory"))


def _walk(directory: Path, report: Report, visited: set[str]) -> Iterator[Path]:
    """Files with a known suffix under ``directory``, depth first in sorted order.

    Hidden entries are left out; a symlinked directory is entered once at most.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as err:
        report(_io_problem(str(directory), err, "cannot list directory"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir():
            real = os.path.realpath(path)
            if real not in visited:
                visited.add(real)
                yield from _walk(path, report, visited)
        elif path.suffix.lower() in SUFFIXES and entry.is_file():
            yield path


def _read_file(path: Path, fmt: str, *, doc_id: str, report: Report) -> Iterator[_Read]:
    source = str(path)
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, base_id=doc_id, report=report)
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            report(Problem(source, None, doc_id, f"file is larger than 2 GiB ({size} bytes)"))
            return
        data = path.read_bytes()
    except OSError as err:
        report(_io_problem(source, err))
        return
    document = _whole_document(fmt, data, doc_id=doc_id, source=source, report=report)
    if document is not None:
        yield _Read(source, None, document)


def _read_jsonl_file(path: Path, *, base_id: str, report: Report) -> Iterator[_Read]:
    source = str(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        report(_io_problem(source, err))
        return
    with stream:
        for line, document in read_jsonl(stream, source=source, base_id=base_id, report=report):
            yield _Read(source, line, document)


def _read_stdin(stream: IO[bytes], report: Report) -> Iterator[_Read]:
    head = b""
    while (first := first_nonblank_char(head)) is None:
        chunk = stream.read(_SNIFF_SIZE)
        if not chunk:
            break
        head += chunk
    if first == "{":
        for line, document in read_jsonl(stream, source=STDIN, base_id="stdin", report=report, head=head):
            yield _Read(STDIN, line, document)
        return
    data = head + stream.read()
    if len(data) > MAX_FILE_SIZE:
        report(Problem(STDIN, None, "stdin", f"input is larger than 2 GiB ({len(data)} bytes)"))
        return
    fmt = "html" if first == "<" else "text"
    document = _whole_document(fmt, data, doc_id="stdin", source=STDIN, report=report)
    if document is not None:
        yield _Read(STDIN, None, document)


def _whole_document(fmt: str, data: bytes, *, doc_id: str, source: str, report: Report) -> Document | None:
    """Read ``data`` as one document of format ``fmt``; report and return None if it is bad."""
    try:
        return _WHOLE_FILE_READERS[fmt](data, doc_id=doc_id, source=source)
    except InputError as err:
        report(Problem(source, None, doc_id, str(err)))
        return None


def _io_problem(source: str, err: OSError, what: str = "cannot read file") -> Problem:
    return Problem(source, None, None, f"{what} ({err.strerror or err})", kind="error")
