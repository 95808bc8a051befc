"""What the readers report instead of raising: one :class:`Problem` per bad input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: Kinds of problem. ``skipped``: bad input that was left out; ``error``: an I/O error
#: (missing path, unreadable file); ``warning``: a bad field that was dropped while the
#: document itself was still read (e.g. an invalid ``date``).
KINDS = ("skipped", "error", "warning")

_SUFFIXES = {"skipped": " — skipped", "error": " — not read", "warning": ""}


@dataclass(frozen=True)
class Problem:
    """One input that could not be read, or could be read only in part.

    Attributes:
        source: the path (``<stdin>`` for standard input) the problem is in.
        line: 1-based line number for JSONL input, else None.
        doc_id: id of the document concerned, where one is known.
        message: what is wrong, in plain words.
        kind: one of :data:`KINDS`.
    """

    source: str
    line: int | None
    doc_id: str | None
    message: str
    kind: str = "skipped"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Problem kind must be one of {KINDS}, not {self.kind!r}.")

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}{_SUFFIXES[self.kind]}"


#: Callback that receives each problem once.
Report = Callable[[Problem], None]


class InputError(ValueError):
    """Raised inside the read package when an input cannot become a document.

    The message says why (e.g. ``binary content (PNG image)``); the caller turns it
    into a :class:`Problem` of kind ``skipped``.
    """
