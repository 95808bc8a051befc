"""JSON Lines: one article object per line, read as a stream of any size."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from typing import IO

from kgraph.read.decode import binary_reason, bom_encoding, clean_text, decode_bytes
from kgraph.read.furniture import mask_furniture
from kgraph.read.problems import InputError, Problem, Report
from kgraph.types import Document

#: Bytes read up front to find a byte-order mark and to tell binary files from text.
_HEAD_SIZE = 8192
#: Longest line read (bytes; characters for UTF-16/32 input); a longer one is skipped
#: without being held in memory, so an endless line cannot exhaust it.
MAX_LINE_BYTES = 256 * 1024**2
#: Bytes read at a time while skipping the rest of an overlong line.
_SKIP_SIZE = 1024 * 1024
#: Receives a message about a field that was dropped from an otherwise good line.
_Warn = Callable[[str], None]
#: Names of JSON types, for messages.
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def read_jsonl(
    stream: IO[bytes], *, source: str, base_id: str, report: Report, head: bytes = b""
) -> Iterator[tuple[int, Document]]:
    """Yield ``(line number, document)`` for each good line of a JSON Lines stream.

    Each line is an object with a required string ``text`` and optional ``id`` (string
    or number; default ``<base_id>:<line>``), ``title``, ``date`` (ISO 8601) and
    ``url`` (or ``source_url``, as in the gold evaluation files). Other fields are
    ignored, blank lines skipped. Bad lines are reported through ``report`` and skipped;
    a bad optional field is reported and dropped.

    Args:
        stream: binary stream positioned after ``head``.
        source: path of the stream, for problems and ``Document.source``.
        base_id: prefix of default ids.
        report: receives each problem.
        head: bytes already read from the stream (e.g. while sniffing stdin).
    """
    head += stream.read(max(0, _HEAD_SIZE - len(head)))
    found_line = False
    number = 0
    try:
        for number, line in enumerate(_text_lines(head, stream), start=1):
            if isinstance(line, _Overlong):
                found_line = True
                report(Problem(source, number, None, f"line is longer than {MAX_LINE_BYTES:,} bytes "
                                                     f"({line.size:,} read)"))
                continue
            if not line.strip():
                continue
            found_line = True
            document = _line_document(line, number=number, source=source, base_id=base_id, report=report)
            if document is not None:
                yield number, document
    except InputError as err:
        report(Problem(source, None, None, str(err)))
        return
    except OSError as err:
        report(Problem(source, number + 1, None, f"cannot read file ({err.strerror or err})", kind="error"))
        return
    if not found_line:
        report(Problem(source, None, None, "no text (empty or whitespace only)"))


class _Overlong:
    """Stands for a line longer than :data:`MAX_LINE_BYTES`, skipped: its size."""

    def __init__(self, size: int) -> None:
        self.size = size


def _text_lines(head: bytes, stream: IO[bytes]) -> Iterator[str | bytes | _Overlong]:
    """Lines of the stream: ``str`` for UTF-16/32 input, else raw ``bytes`` lines;
    :class:`_Overlong` for a line over :data:`MAX_LINE_BYTES`.

    Raises:
        InputError: if the stream starts with binary content.
    """
    bom = bom_encoding(head)
    if bom is not None:
        head = head[bom[1]:]
    if bom is not None and bom[0] != "utf-8":
        yield from _capped_lines(io.TextIOWrapper(_buffered(head, stream), encoding=bom[0], errors="replace"))
        return
    reason = binary_reason(head)
    if reason is not None:
        raise InputError(f"binary content ({reason})")
    yield from _capped_lines(_buffered(head, stream))


def _capped_lines(lines: io.BufferedReader | io.TextIOWrapper) -> Iterator[str | bytes | _Overlong]:
    while line := lines.readline(MAX_LINE_BYTES + 1):
        if len(line) <= MAX_LINE_BYTES or line[-1:] in ("\n", b"\n"):
            yield line
            continue
        size = len(line)
        while (rest := lines.readline(_SKIP_SIZE)) and rest[-1:] not in ("\n", b"\n"):
            size += len(rest)
        yield _Overlong(size + len(rest))


def _line_document(line: str | bytes, *, number: int, source: str, base_id: str, report: Report) -> Document | None:
    """The document on one non-blank line, or None after reporting why there is none."""
    doc_id = None
    try:
        record = _parse_record(line)
        doc_id = _record_id(record, default=f"{base_id}:{number}")
        text = _record_text(record)
    except InputError as err:
        report(Problem(source, number, doc_id, str(err)))
        return None

    def warn(message: str) -> None:
        report(Problem(source, number, doc_id, message, kind="warning"))

    url = record.get("url") if record.get("url") is not None else record.get("source_url")
    return Document(
        id=doc_id,
        text=text,
        title=_string_field("title", record.get("title"), warn),
        date=_date_field(_string_field("date", record.get("date"), warn), warn),
        url=_string_field("url", url, warn),
        source=f"{source}:{number}",
    )


def _parse_record(line: str | bytes) -> dict:
    """The JSON object on ``line``.

    Raises:
        InputError: if the line is binary, not JSON, or not a JSON object.
    """
    try:
        record = json.loads(decode_bytes(line) if isinstance(line, bytes) else line, strict=False)
    except InputError as err:
        raise InputError(f"line has {err}") from err
    except json.JSONDecodeError as err:
        raise InputError(f"line is not valid JSON ({err.msg}: line {err.lineno} column {err.colno})") from err
    if not isinstance(record, dict):
        raise InputError(f"line is not a JSON object (got {_json_type(record)})")
    return record


def _record_id(record: dict, *, default: str) -> str:
    """The record's ``id`` as a string, or ``default`` if it has none.

    Raises:
        InputError: if the id is neither a non-empty string nor a number.
    """
    value = record.get("id")
    if value is None:
        return default
    text = "" if isinstance(value, bool) or not isinstance(value, (str, int, float)) else str(value)
    text = " ".join(clean_text(text).split())
    if not text:
        raise InputError(f"field 'id' is not a non-empty string or number (got {_json_type(value)})")
    return text


def _record_text(record: dict) -> str:
    """The record's ``text``, cleaned, with site furniture masked.

    Raises:
        InputError: if the text is missing, not a string, empty or only site furniture.
    """
    if "text" not in record:
        raise InputError("missing field 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(f"field 'text' is not a string (got {_json_type(text)})")
    text = clean_text(text)
    if not text.strip():
        raise InputError("field 'text' is empty")
    masked = mask_furniture(text)
    if not masked.strip():
        raise InputError("field 'text' is only site furniture, no article text")
    return masked


def _string_field(name: str, value: object, warn: _Warn) -> str | None:
    """``value`` with whitespace collapsed, or None (with a warning if it is not a string)."""
    if value is None:
        return None
    if not isinstance(value, str):
        warn(f"field '{name}' ignored: not a string (got {_json_type(value)})")
        return None
    return " ".join(clean_text(value).split()) or None


def _date_field(value: str | None, warn: _Warn) -> str | None:
    """``value`` if it is an ISO 8601 date or date-time, else None with a warning."""
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        try:
            dt.datetime.fromisoformat(value)
        except ValueError as err:
            warn(f"field 'date' ignored: {value!r} is not an ISO 8601 date ({err})")
            return None
    return value


def _json_type(value: object) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


def _buffered(head: bytes, stream: IO[bytes]) -> io.BufferedReader:
    """A buffered binary stream that yields ``head`` and then the rest of ``stream``."""
    return io.BufferedReader(_Prefixed(head, stream))


class _Prefixed(io.RawIOBase):
    """Raw stream over bytes already read (``head``) followed by the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
