"""HTML pages: the article text is extracted with trafilatura, then furniture is masked."""

from __future__ import annotations

from kgraph.read.decode import clean_text, decode_bytes
from kgraph.read.furniture import mask_furniture
from kgraph.read.problems import InputError
from kgraph.types import Document

#: htmldate options: the original publication date, from markup only. The text-pattern
#: ("extensive") search is off because it guesses dates from any number in the page,
#: and facts are judged as of the document date.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
#: Page chrome removed before extraction, so that trafilatura's fallback extractors do
#: not take a menu for the article on pages without one. Headers and footers inside
#: the article itself (its headline, its byline) are kept.
_CHROME_XPATHS = [
    "//nav",
    '//*[@role="navigation" or @role="banner" or @role="contentinfo"]',
    "//header[not(ancestor::article or ancestor::main)]",
    "//footer[not(ancestor::article or ancestor::main)]",
]
#: Extracted text counts as an article only if some line has at least this many words;
#: left-over menus ("Home World") do not.
_MIN_LINE_WORDS = 5


def read_html(data: bytes, *, doc_id: str, source: str) -> Document:
    """Make a document of the article in the HTML page ``data``.

    Title, date (ISO 8601) and URL (``<link rel=canonical>`` or ``og:url``) come from
    the page's metadata; the text is the main article without comments, tables,
    navigation, scripts or styles.

    Args:
        data: the raw bytes of an HTML page.
        doc_id: id of the document.
        source: path the page came from.

    Raises:
        InputError: if the content is binary or empty, or the page has no article text.
    """
    import trafilatura  # imported on the first HTML page: it costs a tenth of a second at start-up

    html = decode_bytes(data)
    if not html.strip():
        raise InputError("no text (empty or whitespace only)")
    extracted = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
        prune_xpath=_CHROME_XPATHS,
    )
    text = mask_furniture(clean_text(extracted.text or "")) if extracted is not None else ""
    if not any(len(line.split()) >= _MIN_LINE_WORDS for line in text.split("\n")):
        raise InputError("no article text found")
    return Document(
        id=doc_id,
        text=text,
        title=_clean_field(extracted.title),
        date=extracted.date,
        url=extracted.url,
        source=source,
    )


def _clean_field(value: str | None) -> str | None:
    value = " ".join(clean_text(value).split()) if value else ""
    return value or None
