"""Plain-text articles: one file (or stdin) is one document."""

from __future__ import annotations

from kgraph.read.decode import decode_bytes
from kgraph.read.furniture import mask_furniture
from kgraph.read.problems import InputError
from kgraph.types import Document

#: A first line longer than this is a paragraph, not a headline.
_MAX_TITLE_CHARS = 200
#: A first line ending with one of these is a sentence or a lead-in, not a headline.
_NOT_TITLE_ENDINGS = (".", ",", ";", ":")


def read_text(data: bytes, *, doc_id: str, source: str) -> Document:
    """Make a document of the plain text in ``data``, with site furniture masked.

    Args:
        data: the raw bytes of a text file or of standard input.
        doc_id: id of the document.
        source: path the text came from.

    Raises:
        InputError: if the content is binary, empty, or nothing but site furniture.
    """
    text = decode_bytes(data)
    if not text.strip():
        raise InputError("no text (empty or whitespace only)")
    masked = mask_furniture(text)
    if not masked.strip():
        raise InputError("only site furniture, no article text")
    return Document(id=doc_id, text=masked, title=guess_title(masked), source=source)


def guess_title(text: str) -> str | None:
    """The first non-empty line of ``text`` if it reads like a headline, else None.

    A headline is shorter than 200 characters, does not end like a sentence or a
    lead-in (``.``, ``,``, ``;``, ``:``) and is followed by more text.

    >>> guess_title("Russian troops enter Kazakhstan\\n\\nTroops arrived on Thursday.")
    'Russian troops enter Kazakhstan'
    """
    head, _, rest = text.strip().partition("\n")
    head = head.strip()
    if len(head) >= _MAX_TITLE_CHARS or head.endswith(_NOT_TITLE_ENDINGS) or not rest.strip():
        return None
    return head
