"""Make docs/seed-graph.png: a headless-Chromium screenshot of the seed article's HTML view.

Usage (from the repository root, with Chromium installed):

    .venv/bin/python scripts/screenshot.py [SEED_ARTICLE] [-o docs/seed-graph.png]

The seed article defaults to ../shared/seeds/000_da3ec6d41744935e.txt (or $KGRAPH_SHARED).
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import kgraph
from kgraph.viz.browser import screenshot

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KGRAPH_SHARED", REPO.parent / "shared"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=SHARED / "seeds" / "000_da3ec6d41744935e.txt", type=Path)
    parser.add_argument("-o", "--output", default=REPO / "docs" / "seed-graph.png", type=Path)
    parser.add_argument("--fragment", default="", help="open the evidence panel first, e.g. edge=3")
    options = parser.parse_args()
    kg = kgraph.build(options.article)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "seed.html"
        from kgraph.viz.html import write_html

        write_html(kg.to_networkx(), page, title="Seed article: CSTO deployment to Kazakhstan, January 2022")
        options.output.parent.mkdir(parents=True, exist_ok=True)
        screenshot(page, options.output, width=1600, height=1000, fragment=options.fragment)
    print(f"wrote {options.output} ({kg})")


if __name__ == "__main__":
    main()
