"""The one colour palette of kgraph's pictures: entity type -> colour.

Gephi files (``viz:color``), and any other view of the graph, colour a node by its entity
type from :data:`PALETTE`, so the same type has the same colour everywhere. The colours
are the Okabe-Ito palette, chosen to stay distinguishable for colour-blind readers.
"""

from __future__ import annotations

__all__ = ["DEFAULT_COLOR", "PALETTE", "color_of", "rgb"]

#: Entity type -> colour as ``#rrggbb``.
PALETTE: dict[str, str] = {
    "Country": "#0072b2",  # blue
    "Person": "#e69f00",  # orange
    "Organization": "#009e73",  # bluish green
    "Alliance": "#cc79a7",  # reddish purple
    "City": "#56b4e9",  # sky blue
    "Region": "#f0e442",  # yellow
    "ArmedForce": "#d55e00",  # vermilion
}

#: Colour of a node whose type is not in :data:`PALETTE`.
DEFAULT_COLOR = "#999999"


def color_of(entity_type: object) -> str:
    """Name the colour of an entity type.

    Args:
        entity_type: A type such as ``"Country"``; anything else gets :data:`DEFAULT_COLOR`.

    Returns:
        The colour as ``#rrggbb``.

    >>> color_of("Country")
    '#0072b2'
    """
    return PALETTE.get(entity_type, DEFAULT_COLOR) if isinstance(entity_type, str) else DEFAULT_COLOR


def rgb(color: str) -> tuple[int, int, int]:
    """Split a ``#rrggbb`` colour into its red, green and blue channels.

    Args:
        color: A colour as written in :data:`PALETTE`.

    Returns:
        The channels, each 0-255.

    Raises:
        ValueError: If ``color`` is not ``#`` followed by six hexadecimal digits.

    >>> rgb("#0072b2")
    (0, 114, 178)
    """
    digits = color.removeprefix("#")
    if len(digits) != 6:
        raise ValueError(f"colour {color!r} is not of the form #rrggbb")
    value = int(digits, 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF
