"""Bytes to clean text: encoding detection, binary detection and normalisation.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; otherwise strict
UTF-8, then Windows-1252, then Latin-1, so legacy files are decoded rather than dropped.
Binary content (magic numbers, NUL bytes, many control characters) is refused with an
:class:`~kgraph.read.problems.InputError` instead of being decoded into garbage.
"""

from __future__ import annotations

import re
import unicodedata

from kgraph.read.problems import InputError

#: Byte-order marks and their codecs; UTF-32 first, since its LE mark starts like UTF-16's.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)

#: Magic numbers of common binary formats that end up in news folders by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "ELF executable"),
)

#: How much of the start of the input the binary heuristics look at (as git does).
_SAMPLE_SIZE = 8192
#: Share of control bytes in the sample above which input counts as binary.
_MAX_CONTROL_SHARE = 0.1
#: C0 control bytes that do not occur in text (tab, newlines, form feed are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r")

_LINE_BREAKS = re.compile(r"\r\n?")
_SURROGATES = re.compile("[\ud800-\udfff]")
#: C0 controls other than tab and newline (``\r`` is gone by then): they become spaces.
_C0_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f]")


def bom_encoding(head: bytes) -> tuple[str, int] | None:
    """Codec named by the byte-order mark at the start of ``head``.

    Returns:
        ``(codec, length of the mark)``, or None when there is no mark.
    """
    for mark, codec in _BOMS:
        if head.startswith(mark):
            return codec, len(mark)
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` (without a UTF-16/32 byte-order mark) looks binary, or None if it looks like text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    sample = data[:_SAMPLE_SIZE]
    if b"\x00" in sample:
        return "NUL bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return "control characters"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode ``data`` and clean the text with :func:`clean_text`.

    Raises:
        InputError: if the content is binary or not valid in the encoding its
            UTF-16/UTF-32 byte-order mark declares.
    """
    return clean_text(_decode(data))


def clean_text(text: str) -> str:
    """Normalise newlines to ``\\n`` and Unicode to NFC; blank out control characters.

    C0 controls other than tab and newline are replaced by a space (they are invalid in
    XML) and lone surrogates by U+FFFD, so the result can always be encoded as UTF-8.
    """
    text = _LINE_BREAKS.sub("\n", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", _SURROGATES.sub("\ufffd", text))
    return _C0_CONTROLS.sub(" ", text)


def first_nonblank_char(head: bytes) -> str | None:
    """First non-whitespace character of the text that starts with ``head``, if any."""
    bom = bom_encoding(head)
    if bom is None:
        text = head.decode("latin-1")
    else:
        codec, size = bom
        text = head[size:].decode(codec, errors="ignore")
    stripped = text.lstrip()
    return stripped[0] if stripped else None


def _decode(data: bytes) -> str:
    bom = bom_encoding(data)
    if bom is not None and bom[0] != "utf-8":
        return _decode_with_bom(data, *bom)
    if bom is not None:
        data = data[bom[1]:]
    reason = binary_reason(data)
    if reason is not None:
        raise InputError(f"binary content ({reason})")
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _decode_with_bom(data: bytes, codec: str, size: int) -> str:
    try:
        return data[size:].decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(f"not valid {codec.upper()} text despite its byte-order mark ({err.reason})") from err
