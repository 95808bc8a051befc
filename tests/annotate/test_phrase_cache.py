"""The phrase cache: tokenized patterns read back only when everything they depend on is the same."""

from __future__ import annotations

import json

import pytest

from kgraph.annotate import load_pipeline
from kgraph.annotate.phrase_cache import cache_dir, phrase_keys
from kgraph.annotate.prefilter import Prefilter

PHRASES = ["Russia", "Côte d’Ivoire", "U.S.", "Collective Security Treaty Organization", "the Twenty-Seven"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(folder))
    return folder


def _tokenized(nlp, attr: str) -> list[tuple[int, ...]]:
    return [tuple(t.orth if attr == "ORTH" else t.lower for t in nlp.make_doc(p)) for p in PHRASES]


def test_phrase_cache_is_written_once_then_read(nlp, cache):
    keys = phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-a")
    assert keys == _tokenized(nlp, "ORTH")
    [written] = cache.glob("test-orth-*.bin")
    stamp = (written.stat().st_ino, written.stat().st_mtime_ns)
    assert phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-a") == keys
    assert (written.stat().st_ino, written.stat().st_mtime_ns) == stamp  # read, not written again
    assert phrase_keys(nlp, "test", PHRASES, "LOWER", "fingerprint-a") == _tokenized(nlp, "LOWER")


def test_phrase_cache_changed_fingerprint_or_phrases_rebuild(nlp, cache):
    phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-a")
    assert phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-b") == _tokenized(nlp, "ORTH")
    assert len(list(cache.glob("test-orth-*.bin"))) == 2
    other = ["Kazakhstan", "NATO"]
    assert phrase_keys(nlp, "test", other, "ORTH", "fingerprint-b") == [
        tuple(t.orth for t in nlp.make_doc(p)) for p in other]


def test_phrase_cache_file_of_another_fingerprint_is_not_trusted(nlp, cache):
    phrase_keys(nlp, "test", PHRASES[:2], "ORTH", "fingerprint-a")
    [first] = cache.glob("test-orth-*.bin")
    phrase_keys(nlp, "test", PHRASES[:2], "ORTH", "fingerprint-b")
    [second] = set(cache.glob("test-orth-*.bin")) - {first}
    # A well-formed file whose content was made for another key (other phrases, for instance):
    mixed_up = ["Tajikistan", "Armenia"]
    phrase_keys(nlp, "test", mixed_up, "ORTH", "fingerprint-c")
    [third] = set(cache.glob("test-orth-*.bin")) - {first, second}
    second.write_bytes(third.read_bytes())
    assert phrase_keys(nlp, "test", PHRASES[:2], "ORTH", "fingerprint-b") == _tokenized(nlp, "ORTH")[:2]


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_phrase_cache_corrupt_file_is_rebuilt(nlp, cache, damage):
    phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-a")
    [path] = cache.glob("test-orth-*.bin")
    data = path.read_bytes()
    path.write_bytes({"truncate": data[: len(data) // 2],
                      "flip": data[:-3] + bytes([data[-3] ^ 0xFF]) + data[-2:],
                      "garbage": b"\x93\x01\x02\x03" * 50,
                      "empty": b""}[damage])
    assert phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-a") == _tokenized(nlp, "ORTH")
    assert path.read_bytes() == data  # written again, whole


def test_phrase_cache_in_an_unwritable_place_falls_back_to_tokenizing(nlp, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(blocker / "kgraph"))
    assert phrase_keys(nlp, "test", PHRASES, "ORTH", "fingerprint-a") == _tokenized(nlp, "ORTH")
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_phrase_cache_folder_follows_xdg_when_kgraph_names_none(tmp_path, monkeypatch):
    monkeypatch.delenv("KGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "kgraph"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"


def test_pipeline_from_an_empty_cache_and_from_a_full_one_find_the_same(shared, cache):
    texts = [json.loads(line)["text"] for line in
             (shared / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    built = load_pipeline()
    assert {p.name.split("-")[0] for p in cache.glob("*.bin")} == {"gazetteer"}
    Prefilter(built)
    assert {p.name.split("-")[0] for p in cache.glob("*.bin")} == {"gazetteer", "prefilter"}
    read = load_pipeline()

    def found(nlp):
        return [([(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents],
                 [(m.start, m.end, m.entity.id, m.kind) for m in doc._.kg_mentions]) for doc in nlp.pipe(texts)]

    assert found(read) == found(built)
    assert [Prefilter(read).select(t) for t in texts] == [Prefilter(built).select(t) for t in texts]
