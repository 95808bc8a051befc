"""Sentence starts that news layout makes certain: a headline or paragraph ends at a blank
line, and a dateline ("LIMA [Peru], March 3 (Agency):", "SANTIAGO, Nov 2 (Wire) -") is not
part of the sentence after it."""

from __future__ import annotations

import re

from spacy.tokens import Doc

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: A dateline at the start of a line: a place (in capitals, or followed by a bracketed
#: country, a date or an agency), then a colon or a dash.
DATELINE = re.compile(
    r"^[ \t]*(?:"
    r"[A-Z][A-Z.'\- ]{1,40}(?:\s*\[[^\]\n]{1,40}\])?(?:,\s*" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([^)\n]{1,30}\))?"
    r"|[A-Z][\w.'\- ]{1,40}(?:\s*\[[^\]\n]{1,40}\])(?:,\s*" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([^)\n]{1,30}\))?"
    r"|[A-Z][\w.'\- ]{1,40},\s*" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?(?:\s*\([^)\n]{1,30}\))?"
    r")\s*[:\-—–]{1,2}\s+"
    r"|^[ \t]*[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}:[ \t]+(?=[A-Z])",  # "Nairobi: Kenya's ..."
    re.MULTILINE,
)


def mark_line_breaks(doc: Doc) -> Doc:
    """Mark the first token after a blank line, of a dateline and after it, and after a headline,
    as a sentence start (the parser keeps preset starts)."""
    for i in range(1, len(doc)):
        previous = doc[i - 1]
        gap = previous.text if previous.is_space else previous.whitespace_
        if not doc[i].is_space and _BLANK_LINE.search(gap):
            doc[i].is_sent_start = True
    for i in _after_headlines(doc):
        doc[i].is_sent_start = True
    for match in DATELINE.finditer(doc.text):
        for at in (match.start() + len(match.group()) - len(match.group().lstrip()), match.end()):
            span = doc.char_span(at, at + 1, alignment_mode="expand")  # the dateline ends the line before it too
            if span is not None and span.start > 0 and not doc[span.start].is_space:
                doc[span.start].is_sent_start = True
    return doc


#: A paragraph's first line of this many words, with no closing punctuation, is a headline.
HEADLINE_WORDS = range(4, 15)


def _after_headlines(doc: Doc):
    """First tokens of the line after a headline: a paragraph's first line of four to fourteen
    words with no closing punctuation, followed by a single line break and a capitalised word
    ("France completes pull-out of its troops" / "The last soldiers ..."). A hard-wrapped
    sentence's first line is longer, and "Brazil's President" / "Luiz ..." (a caption) shorter."""
    text = doc.text
    starts = [0, *(m.end() for m in _BLANK_LINE.finditer(text))]
    for start in starts:
        end = text.find("\n", start)
        if end < 0:
            continue
        line = text[start:end].strip()
        if not line or line[-1] in ".!?:;,\"'”’)" or len(line.split()) not in HEADLINE_WORDS:
            continue
        if end + 1 < len(text) and text[end + 1] == "\n":
            continue  # a blank line: already a paragraph break
        span = doc.char_span(end + 1, end + 2, alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start].text[:1].isupper():
            yield span.start

