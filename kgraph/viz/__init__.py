"""Pictures of the graph: a self-contained interactive HTML page and a static PNG."""

from __future__ import annotations

import os

import networkx as nx

from kgraph.errors import UnknownFormatError

__all__ = ["VIEWS", "write_view"]

#: Extensions :func:`write_view` writes.
VIEWS = (".html", ".htm", ".png")


def write_view(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, title: str = "kgraph") -> None:
    """Draw ``G`` to ``path``: an interactive page for ``.html``, a static image for ``.png``.

    Args:
        G: The kgraph graph.
        path: Output file; its extension chooses the picture.
        title: Title of the page or drawing.

    Raises:
        UnknownFormatError: If the extension is not one of :data:`VIEWS` (nothing is written).
        OSError: If the file cannot be written; an existing file is then left untouched.
    """
    extension = os.path.splitext(os.fspath(path))[1].lower()
    if extension in (".html", ".htm"):
        from kgraph.viz.html import write_html

        write_html(G, path, title=title)
    elif extension == ".png":
        from kgraph.viz.png import write_png

        write_png(G, path, title=title)
    else:
        raise UnknownFormatError(
            f"cannot draw {os.fspath(path)}: unknown picture format {extension or '(no extension)'!r}; "
            f"use one of {' '.join(VIEWS)}"
        )
