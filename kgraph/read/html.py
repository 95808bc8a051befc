"""HTML pages: the article text is extracted with trafilatura, then furniture is masked."""

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.etree
import lxml.html

from kgraph.read.decode import bom_encoding, clean_text, decode_bytes
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


#: How far into a page browsers look for a charset declaration (the HTML standard's prescan).
_PRESCAN_BYTES = 1024 * 4
#: ``<meta charset=X>`` and ``<meta http-equiv="Content-Type" content="text/html; charset=X">``.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.IGNORECASE)
#: An XML declaration naming an encoding, which lxml refuses in text already decoded.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Labels the HTML standard decodes with another codec than their name says.
_HTML_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "utf-16-le": "utf-8",
                 "utf-16-be": "utf-8", "utf-16": "utf-8", "x-user-defined": "cp1252"}


def declared_encoding(data: bytes) -> str | None:
    """The codec a page declares in a ``<meta>`` tag near its start, as browsers read it.

    Args:
        data: The raw page.

    Returns:
        A Python codec name (``cp1251``, ``koi8-r``, ``shift_jis`` ...), or None when the
        page declares none, or one Python does not know.
    """
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _HTML_ALIASES.get(name, name)


def _decode_page(data: bytes) -> str:
    """The page as text: a byte-order mark first, then the ``<meta>`` charset, then kgraph's guesses."""
    declared = None if bom_encoding(data) is not None else declared_encoding(data)
    if declared is None or declared == "utf-8":
        return decode_bytes(data)
    decode_bytes(data[:_PRESCAN_BYTES * 2])  # refuses binary content as for any page
    return clean_text(data.decode(declared, errors="replace"))


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
    html = _decode_page(data)
    if not html.strip():
        raise InputError("no text (empty or whitespace only)")
    extracted, text = _extract(html)
    if not _is_article(text):
        # libxml2 stops building the tree 255 elements deep unless told the input is huge:
        # a page nested deeper loses its article. Parse it again allowing 2,048 levels.
        tree = _deep_tree(html)
        if tree is not None:
            extracted, text = _extract(tree)
    if not _is_article(text):
        raise InputError("no article text found")
    return Document(
        id=doc_id,
        text=text,
        title=_clean_field(extracted.title),
        date=extracted.date,
        url=extracted.url,
        source=source,
    )


def _extract(page: str | lxml.html.HtmlElement) -> tuple[Any, str]:
    """trafilatura's extraction of a page (text or parsed tree) and its article text, furniture masked."""
    import trafilatura  # imported on the first HTML page: it costs a tenth of a second at start-up

    extracted = trafilatura.bare_extraction(
        page,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
        prune_xpath=_CHROME_XPATHS,
    )
    text = mask_furniture(clean_text(extracted.text or "")) if extracted is not None else ""
    return extracted, text


def _is_article(text: str) -> bool:
    return any(len(line.split()) >= _MIN_LINE_WORDS for line in text.split("\n"))


def _deep_tree(html: str) -> lxml.html.HtmlElement | None:
    """The page parsed with libxml2's limits for huge documents (2,048 levels), or None if it cannot be."""
    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1),
                                             parser=lxml.html.HTMLParser(huge_tree=True))
    except (ValueError, lxml.etree.ParserError):
        return None


def _clean_field(value: str | None) -> str | None:
    value = " ".join(clean_text(value).split()) if value else ""
    return value or None
