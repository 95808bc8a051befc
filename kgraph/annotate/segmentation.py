"""Sentence starts that news layout makes certain: a headline or paragraph ends at a blank line."""

from __future__ import annotations

import re

from spacy.tokens import Doc

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def mark_line_breaks(doc: Doc) -> Doc:
    """Mark the first token after a blank line as a sentence start (the parser keeps preset starts)."""
    for i in range(1, len(doc)):
        previous = doc[i - 1]
        gap = previous.text if previous.is_space else previous.whitespace_
        if not doc[i].is_space and _BLANK_LINE.search(gap):
            doc[i].is_sent_start = True
    return doc
