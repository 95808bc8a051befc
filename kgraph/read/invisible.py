"""Invisible format characters: removed for annotation, with a map back to the text as read.

A soft hyphen (U+00AD) or a zero-width joiner inside "Vla\u00addimir Pu\u200dtin" splits the
name for spaCy and the gazetteer, so facts are lost and one person becomes two. The
document text keeps them (it is what the reader gave, and evidence offsets point into
it); :func:`strip_invisible` gives the text the pipeline sees and an :class:`OffsetMap`
that turns offsets in that text back into offsets in the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["INVISIBLE", "OffsetMap", "strip_invisible"]

#: Soft hyphen, zero-width space/non-joiner/joiner, word joiner, invisible operators,
#: zero-width no-break space (a BOM inside text), Mongolian vowel separator, and the bidi
#: controls: marks (LRM, RLM, ALM), embeddings and overrides, isolates.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")


@dataclass(frozen=True)
class OffsetMap:
    """Where each character of the stripped text is in the original text.

    Attributes:
        kept: ``kept[i]`` is the original offset of stripped character ``i``.
        length: The length of the original text.
    """

    kept: tuple[int, ...]
    length: int

    def start(self, offset: int) -> int:
        """The original offset of a span that starts at ``offset`` in the stripped text."""
        return self.kept[offset] if offset < len(self.kept) else self.length

    def end(self, offset: int) -> int:
        """The original (exclusive) end of a span that ends at ``offset`` in the stripped text."""
        return self.kept[offset - 1] + 1 if offset > 0 else 0


def strip_invisible(text: str) -> tuple[str, OffsetMap | None]:
    """Remove invisible format characters from ``text``.

    Args:
        text: Any text.

    Returns:
        ``(stripped text, map)``; the map is None when there was nothing to remove (the
        text is returned as it is).

    Example:
        >>> stripped, offsets = strip_invisible("Vla\\u00addimir Putin")
        >>> stripped, offsets.start(0), offsets.end(8)
        ('Vladimir Putin', 0, 9)
    """
    if INVISIBLE.search(text) is None:
        return text, None
    kept = tuple(i for i, char in enumerate(text) if not INVISIBLE.match(char))
    return "".join(text[i] for i in kept), OffsetMap(kept, len(text))
