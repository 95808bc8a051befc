"""The extraction code and its lexicon quote no sentence of the gold data.

Rules are written from families of phrasing; a run of eight words copied from a dev,
seed or capability item into code or lexicon is the sign of a rule fitted to one item.
"""
import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WINDOW = 8
_WORD = re.compile(r"[a-z0-9]+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + WINDOW]) for i in range(len(words) - WINDOW + 1)}


def _gold_shingles(shared: Path) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for name in ("dev.jsonl", "seed.jsonl", "capabilities.jsonl"):
        for line in (shared / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                found |= _shingles(json.loads(line)["text"])
    return found


def test_no_eight_word_run_of_gold_text_in_extraction_code(shared):
    gold = _gold_shingles(shared)
    assert len(gold) > 1000
    sources = [
        p for p in (REPO / "kgraph").rglob("*")
        if p.suffix in {".py", ".toml"} and p.name != "furniture.py"  # site boilerplate, not facts
    ]
    quoted = {
        str(path.relative_to(REPO)): " ".join(sorted(_shingles(path.read_text(encoding="utf-8")) & gold)[0])
        for path in sources
        if _shingles(path.read_text(encoding="utf-8")) & gold
    }
    assert quoted == {}
