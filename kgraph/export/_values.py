"""Value clean-up shared by the exporters: text every format can hold, ISO 8601 dates."""

from __future__ import annotations

import re
from datetime import date, datetime

# Characters XML 1.0 cannot represent even escaped (most C0 controls, U+FFFE/U+FFFF) and
# lone surrogates, which no UTF-8 writer can encode.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def clean_text(text: str) -> str:
    """Replace the characters RDF/XML, GEXF and GraphML cannot hold with U+FFFD.

    Args:
        text: Any string.

    Returns:
        ``text`` with C0 controls other than tab/newline/carriage return, U+FFFE, U+FFFF
        and lone surrogates replaced by the replacement character; everything else (quotes,
        ``<>``, backslashes, emoji, right-to-left text, newlines) is kept.
    """
    return _NOT_XML.sub("\ufffd", text)


def iso_date(text: str) -> tuple[str, bool] | None:
    """Recognise an ISO 8601 date or timestamp.

    Args:
        text: A date string such as ``2024-03-01`` or ``2024-03-01T12:00:00Z``.

    Returns:
        ``(lexical, is_datetime)`` where ``lexical`` is a valid ``xsd:date`` (the input
        itself) or ``xsd:dateTime`` (normalised by :meth:`datetime.isoformat`), or None
        if ``text`` is not a valid ISO 8601 date.
    """
    text = text.strip()
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text).isoformat(), False
        return datetime.fromisoformat(text).isoformat(), True
    except ValueError:
        return None
