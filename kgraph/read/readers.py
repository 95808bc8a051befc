"""Entry point of the input layer: files, directories and stdin to a stream of documents."""

from __future__ import annotations

import errno
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from kgraph.read.decode import binary_reason, clean_text, first_nonblank_char
from kgraph.read.html import read_html
from kgraph.read.jsonl import read_jsonl
from kgraph.read.problems import InputError, Problem, Report
from kgraph.read.text import read_text
from kgraph.types import Document

logger = logging.getLogger("kgraph.read")

#: Formats by file suffix. Inside a directory only these files are read; a file named
#: on the command line with any other suffix is read as plain text.
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
#: Largest .txt or .html file or stdin read, counted in bytes read (whole documents are
#: held in memory; JSONL streams, each line capped by :data:`kgraph.read.jsonl.MAX_LINE_BYTES`).
MAX_FILE_SIZE = 2 * 1024**3
#: Name of standard input in problems and ``Document.source``; ``-`` selects it.
STDIN = "<stdin>"

_WHOLE_FILE_READERS: dict[str, Callable[..., Document]] = {"text": read_text, "html": read_html}
#: Bytes read at a time from stdin while looking for its first non-blank character.
_SNIFF_SIZE = 4096
#: Bytes read at a time from a whole-document input; the first block is checked for
#: binary content, so /dev/zero or a pipe of random bytes is left after one block.
_BLOCK_SIZE = 1024 * 1024


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
    are the folder's name and their paths relative to it, without suffix
    (``corpus/world/kz``); a file named alone gets ``FOLDER/NAME`` (see :func:`file_id`).
    JSONL lines without an ``id`` get ``FILE_ID:LINE``. ``-`` reads standard input, sniffed
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
        yield from _read_stdin(stdin if stdin is not None else getattr(sys.stdin, "buffer", None), report)
        return
    path = Path(item)
    if os.path.isdir(path):
        yield from _read_directory(path, report)
    elif os.path.exists(path):
        yield from _read_file(path, SUFFIXES.get(path.suffix.lower(), "text"), doc_id=file_id(path), report=report)
    else:
        report(Problem(display_path(item), None, None, "no such file or directory", kind="error"))


def file_id(path: str | os.PathLike[str]) -> str:
    """The id of a document file named on the command line: ``FOLDER/NAME``.

    ``FOLDER`` is the name of the folder holding the file and ``NAME`` the file name
    without its suffix, so ``day1/news.txt`` and ``day2/news.txt`` get different ids
    (``day1/news``, ``day2/news``); lines of a JSONL file get ``FOLDER/NAME:LINE``. Bytes
    of a file name that are not UTF-8 become U+FFFD, as in JSONL ids.

    Args:
        path: The file path, relative or absolute.

    Returns:
        The id.
    """
    absolute = Path(os.path.abspath(path))
    folder = _folder_name(absolute.parent)
    return _clean_id(f"{folder}/{absolute.stem}" if folder else absolute.stem)


def _folder_name(folder: Path) -> str:
    """The name of a folder (of the current one for ``.``); empty for the root."""
    return Path(os.path.abspath(folder)).name


def _clean_id(doc_id: str) -> str:
    """A path-derived id that can be written anywhere: undecodable bytes of a name become U+FFFD."""
    return clean_text(doc_id)


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed and stored: undecodable bytes as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_directory(root: Path, report: Report) -> Iterator[_Read]:
    found = False
    prefix = _folder_name(root)
    for path in _walk(root, report, visited={os.path.realpath(root)}):
        found = True
        relative = path.relative_to(root).with_suffix("").as_posix()
        doc_id = _clean_id(f"{prefix}/{relative}" if prefix else relative)
        yield from _read_file(path, SUFFIXES[path.suffix.lower()], doc_id=doc_id, report=report)
    if not found:
        report(Problem(display_path(root), None, None, f"no {', '.join(SUFFIXES)} files in directory"))


def _walk(directory: Path, report: Report, visited: set[str]) -> Iterator[Path]:
    """Files with a known suffix under ``directory``, depth first in sorted order.

    Hidden entries are left out; a symlinked directory is entered once at most.
    """
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as err:
        report(_io_problem(display_path(directory), err, "cannot list directory"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        is_dir = False
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and path.suffix.lower() in SUFFIXES and entry.is_file()
            if is_dir or entry.is_symlink():
                os.stat(path)  # a symbolic link loop or a dangling link fails here
        except OSError as err:
            reason = "symbolic link loop" if err.errno == errno.ELOOP else err.strerror or str(err)
            if is_dir or err.errno == errno.ELOOP or path.suffix.lower() in SUFFIXES:
                report(Problem(display_path(path), None, None, f"cannot read entry ({reason})"))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real not in visited:
                visited.add(real)
                yield from _walk(path, report, visited)
        elif is_file:
            yield path


def _read_file(path: Path, fmt: str, *, doc_id: str, report: Report) -> Iterator[_Read]:
    source = display_path(path)
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, base_id=doc_id, report=report)
        return
    try:
        with path.open("rb") as stream:
            data = _read_capped(stream, source=source, doc_id=doc_id, report=report, what="file")
    except OSError as err:
        report(_io_problem(source, err))
        return
    if data is None:
        return
    document = _whole_document(fmt, data, doc_id=doc_id, source=source, report=report)
    if document is not None:
        yield _Read(source, None, document)


def _read_jsonl_file(path: Path, *, base_id: str, report: Report) -> Iterator[_Read]:
    source = display_path(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        report(_io_problem(source, err))
        return
    with stream:
        for line, document in read_jsonl(stream, source=source, base_id=base_id, report=report):
            yield _Read(source, line, document)


def _read_stdin(stream: IO[bytes] | None, report: Report) -> Iterator[_Read]:
    if stream is None:
        report(Problem(STDIN, None, None, "standard input is closed", kind="error"))
        return
    head = b""
    try:
        while (first := first_nonblank_char(head)) is None and len(head) < MAX_FILE_SIZE:
            chunk = stream.read(_SNIFF_SIZE)
            if not chunk:
                break
            head += chunk
        if first == "{":
            for line, document in read_jsonl(stream, source=STDIN, base_id="stdin", report=report, head=head):
                yield _Read(STDIN, line, document)
            return
        data = _read_capped(stream, source=STDIN, doc_id="stdin", report=report, what="input", head=head)
    except OSError as err:
        report(_io_problem(STDIN, err, "cannot read standard input"))
        return
    if data is None:
        return
    fmt = "html" if first == "<" else "text"
    document = _whole_document(fmt, data, doc_id="stdin", source=STDIN, report=report)
    if document is not None:
        yield _Read(STDIN, None, document)


def _read_capped(stream: IO[bytes], *, source: str, doc_id: str, report: Report, what: str,
                 head: bytes = b"") -> bytes | None:
    """All of ``stream`` (after ``head``) if it holds at most :data:`MAX_FILE_SIZE` bytes.

    Bytes are counted as they are read, so devices and pipes, whose size the file system
    does not know, are capped too. Binary content is recognised in the first block and
    returned at once (the reader then reports it), so an endless binary stream costs one
    block. Over the cap, the problem is reported and None returned.
    """
    blocks = [head]
    size = len(head)
    while True:
        block = stream.read(_BLOCK_SIZE)
        if not block:
            return b"".join(blocks)
        blocks.append(block)
        size += len(block)
        if len(blocks) == 2 and binary_reason(b"".join(blocks)) is not None:
            return b"".join(blocks)
        if size > MAX_FILE_SIZE:
            report(Problem(source, None, doc_id, f"{what} is larger than {_size(MAX_FILE_SIZE)} "
                                                 f"(stopped reading after {size:,} bytes)"))
            return None


def _size(count: int) -> str:
    """``2 GiB``, ``1 MiB`` or a byte count."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if count % factor == 0:
            return f"{count // factor} {unit}"
    return f"{count:,} bytes"


def _whole_document(fmt: str, data: bytes, *, doc_id: str, source: str, report: Report) -> Document | None:
    """Read ``data`` as one document of format ``fmt``; report and return None if it is bad."""
    try:
        return _WHOLE_FILE_READERS[fmt](data, doc_id=doc_id, source=source)
    except InputError as err:
        report(Problem(source, None, doc_id, str(err)))
        return None


def _io_problem(source: str, err: OSError, what: str = "cannot read file") -> Problem:
    return Problem(source, None, None, f"{what} ({err.strerror or err})", kind="error")
