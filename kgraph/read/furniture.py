"""Mask site furniture (cookie banners, bylines, share buttons, ...) in scraped news text.

Masking replaces furniture with spaces and keeps every newline, so the masked text has
the same length as the original and every character offset means the same in both.
The rules are conservative: a line is furniture only if the whole line (stripped) matches
one of :data:`FURNITURE_PATTERNS`, or if it repeats the next line behind a short
breadcrumb prefix (``Home World <headline>`` above ``<headline>``). Article sentences
are never touched.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

#: Social networks and share actions that make up share-button rows.
_SHARE_WORDS = (
    r"share|shares|tweet|pin(?: it)?|on|via|this|article|story|e-?mail|facebook|twitter|x|"
    r"whatsapp|telegram|linkedin|reddit|pinterest|vk|viber|messenger|flipboard|tumblr|"
    r"threads|bluesky|copy link|link copied|print"
)

#: Whole-line patterns of site furniture, matched against the stripped line.
FURNITURE_PATTERNS = (
    # Cookie banners: "This website uses cookies to improve your experience. ... Accept Read More"
    re.compile(
        r"(?:this|our) (?:web ?)?site uses cookies\b.*|we use cookies\b.*"
        r"|by continuing to (?:use|browse) .{0,80}\bcookies\b.*",
        _I,
    ),
    # Consent and policy buttons/links: "Privacy & Cookies Policy", "Accept Read More", "Reject all"
    re.compile(
        r"(?:privacy (?:&|and) )?cookies? (?:policy|settings|preferences)|privacy (?:policy|overview)"
        r"|(?:accept|reject|decline)(?: all)?(?: cookies)?(?: read more)?|manage consent"
        r"|terms (?:of (?:use|service)|and conditions)",
        _I,
    ),
    # Comment counters and prompts: "0 comment", "12 Comments", "Leave a Comment", "Cancel reply"
    re.compile(
        r"\d+ comments?(?:\(s\))?|no comments?(?: yet)?|comments?|show comments|reply"
        r"|(?:leave|post|add|write) a (?:comment|reply)|cancel reply|post comment",
        _I,
    ),
    # Comment-form text: "This site uses Akismet to reduce spam. Learn how ...", "Name*"
    re.compile(
        r"this site uses akismet to reduce spam\b.*|your email address will not be published\b.*"
        r"|save my name, email,? and website\b.*|required fields are marked\b.*"
        r"|(?:name|e-?mail|website|comment)\s*\*",
        _I,
    ),
    # Related-content headers and links: "You may also like", "Related posts", "Read more: <headline>"
    re.compile(
        r"you (?:may|might) (?:also )?like|related(?: (?:posts|articles|stories|news|content))?"
        r"|read (?:more|also|next)|(?:read (?:more|also|next)|related|see also)\s*:.*"
        r"|recommended(?: for you| stories)?|(?:most )?(?:popular|read|trending)(?: now| posts| stories| news)?"
        r"|more (?:stories|news|articles)(?: from .{1,40})?|continue reading|see also"
        r"|(?:previous|next) (?:post|article|story)",
        _I,
    ),
    # Bylines: "by admin", "By Jane Doe", "Posted by John Smith | January 7, 2022", "By Jane Doe, Reuters"
    re.compile(
        r"(?i:(?:posted |written |words |story )?by)\s+"
        r"(?:(?i:admin|administrator|editor|editorial (?:staff|team)|staff(?: writer| reporter)?|newsroom"
        r"|news ?desk|web ?desk|guest)"
        r"|[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von|al|bin|da|di|del|la|le)){0,5})"
        r"(?:\s*,\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}|\s*[|·•—–]\s*.{0,80})?"
    ),
    # Share-button rows: "Share on Facebook", "Tweet", "WhatsApp", "Share this: Facebook | X | Telegram"
    re.compile(rf"(?:(?:{_SHARE_WORDS})\b[\s,|·•/:]*)+", _I),
    # Newsletter and follow prompts: "Subscribe to our newsletter", "Follow us on Telegram"
    re.compile(
        r"(?:subscribe|sign up|join|register)(?: now| today| for free)?(?: (?:to|for))?(?: (?:our|the))?"
        r"(?: [\w-]+){0,2} (?:newsletter|channel|mailing list)\b.*|subscribe(?: now)?"
        r"|follow us(?: on .{1,60})?|enter your e-?mail(?: address)?\b.*",
        _I,
    ),
    # Page chrome: "Skip to content", "Advertisement", "Home » World » Europe", "Like this:"
    re.compile(
        r"home|menu|search|skip to (?:main )?content|advertisement|advertising|sponsored(?: content)?"
        r"|loading(?:\.\.\.|…)?|back to top|toggle navigation|close|log ?in|sign ?in|like this:?"
        r"|home(?:\s*[»›>/|]\s*[^»›>/|]{1,40}){1,6}",
        _I,
    ),
    # Taxonomy lines: "Tags: Kazakhstan, CSTO", "Filed under: World", "Categories: Europe"
    re.compile(r"(?:tags?|tagged|filed under|categor(?:y|ies)|topics?|keywords?)\s*:.*", _I),
    # Hashtag blocks: "#Kenya #DRC #M23 #troops"
    re.compile(r"(?:#[\w-]+[\s,·•|]*){2,}"),
    # Copyright footers: "© 2022 Example News. All rights reserved."
    re.compile(
        r"(?:©|\(c\)|copyright\s*©)\s*.{0,120}|copyright\s+\d{4}\b.{0,120}|.{0,120}\ball rights reserved\.?",
        _I,
    ),
)

#: Lines longer than this are article text, never furniture.
_MAX_FURNITURE_LINE = 600
#: A breadcrumb prefix ("Home World ") is at most this long and has at most this many words.
_MAX_BREADCRUMB_CHARS = 60
_MAX_BREADCRUMB_WORDS = 8
#: Only a headline-sized line is a candidate for the breadcrumb+title duplicate rule.
_MAX_TITLE_CHARS = 200


def mask_furniture(text: str) -> str:
    """Replace site-furniture lines of ``text`` by spaces, keeping its length and newlines.

    Args:
        text: plain article text, lines separated by ``\\n``.

    Returns:
        A string of the same length in which every furniture line is blanked; all other
        characters are unchanged, so offsets into it are offsets into ``text``.

    >>> mask_furniture("by admin\\nTroops arrived.")
    '        \\nTroops arrived.'
    """
    lines = text.split("\n")
    masked = {index for index, line in enumerate(lines) if is_furniture_line(line)}
    masked.update(_breadcrumb_lines(lines))
    return "\n".join(" " * len(line) if index in masked else line for index, line in enumerate(lines))


def is_furniture_line(line: str) -> bool:
    """Whether the whole of ``line`` (stripped) is one of :data:`FURNITURE_PATTERNS`."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_FURNITURE_LINE:
        return False
    return any(pattern.fullmatch(stripped) for pattern in FURNITURE_PATTERNS)


def _breadcrumb_lines(lines: list[str]) -> list[int]:
    """Indexes of lines that repeat the next non-empty line behind a short prefix."""
    nonblank = [(index, " ".join(line.split())) for index, line in enumerate(lines) if line.strip()]
    return [
        index
        for (index, line), (_, following) in zip(nonblank, nonblank[1:])
        if _is_breadcrumb_of(line, following)
    ]


def _is_breadcrumb_of(line: str, title: str) -> bool:
    if len(title) > _MAX_TITLE_CHARS or not line.endswith(title):
        return False
    prefix = line[: len(line) - len(title)]
    if not prefix:
        return True
    return (
        len(prefix) <= _MAX_BREADCRUMB_CHARS
        and len(prefix.split()) <= _MAX_BREADCRUMB_WORDS
        and (prefix[-1].isspace() or prefix[-1] in "»›>/|")
    )
