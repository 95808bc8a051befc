"""Tokenized phrase patterns kept on disk between runs, so a start does not tokenize them again.

kgraph's two phrase matchers (the gazetteer ruler and the prefilter) hold some fifteen
thousand names. A PhraseMatcher compares one token attribute (ORTH or LOWER) as a hash,
so a pattern is fully described by the hashes of its tokens: tokenizing the names to get
them (and filling the vocabulary with a lexeme per new word) was most of kgraph's
start-up time. :func:`phrase_keys` returns those hash sequences, read from a cache file
when one matches, tokenized (and written for next time) otherwise.

A cache file is named and checked by a digest of everything its content depends on: the
cache format, the spaCy version, the pipeline fingerprint (kgraph's code and reference
data, the model's name and version; see :func:`kgraph.annotate.pipeline.pipeline_fingerprint`),
the tokenizer's own settings (rules, affixes, exceptions), the attribute and the phrases
themselves. A change to any of them gives another digest, hence a rebuild: a cache file
is never stale. A file that is truncated, corrupt or made for other phrases is rebuilt,
never trusted (its payload carries a SHA-256 checked before it is decoded).

Where the files go: ``$KGRAPH_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/kgraph``, else
``~/.cache/kgraph``. When that folder cannot be created or written, the phrases are
tokenized at each start, as without a cache, and nothing is reported. Writes are atomic
(a temporary file renamed over the target), so a concurrent start reads the old file,
the new one, or none.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import spacy
import srsly
from spacy.language import Language

#: Bumped when the file layout or the meaning of its content changes.
CACHE_FORMAT = "kgraph-phrase-keys 1"

#: First bytes of every cache file.
MAGIC = b"KGPK1\n"

#: Cache files of one kind kept side by side (other fingerprints: another checkout, a downgrade).
KEEP_FILES = 4

_log = logging.getLogger("kgraph.cache")


def cache_dir() -> Path:
    """The folder kgraph keeps its caches in (it may not exist yet)."""
    explicit = os.environ.get("KGRAPH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "kgraph"


def phrase_keys(nlp: Language, kind: str, phrases: Sequence[str], attr: str,
                fingerprint: str | None) -> list[tuple[int, ...]]:
    """The ``attr`` hashes of the tokens of each phrase, as ``nlp``'s tokenizer splits it.

    Args:
        nlp: the pipeline whose tokenizer (only) is used.
        kind: a name for the cache file ("gazetteer", "prefilter").
        phrases: the texts, in the order the result follows.
        attr: the token attribute the matcher compares ("ORTH" or "LOWER").
        fingerprint: the pipeline fingerprint; None tokenizes without any cache.

    Returns:
        One tuple of hashes per phrase, ready for ``PhraseMatcher.add``.
    """
    if fingerprint is None:
        return _tokenize(nlp, phrases, attr)
    digest = _digest(nlp, phrases, attr, fingerprint)
    path = cache_dir() / f"{kind}-{attr.lower()}-{digest[:24]}.bin"
    found = _read(path, digest, len(phrases))
    if found is not None:
        return found
    keys = _tokenize(nlp, phrases, attr)
    _write(path, digest, keys)
    return keys


def _tokenize(nlp: Language, phrases: Sequence[str], attr: str) -> list[tuple[int, ...]]:
    if attr not in ("ORTH", "LOWER"):
        raise ValueError(f"phrase keys come from the tokenizer alone, which sets ORTH and LOWER, not {attr}")
    lower = attr == "LOWER"
    return [tuple(token.lower if lower else token.orth for token in doc) for doc in nlp.tokenizer.pipe(phrases)]


def _digest(nlp: Language, phrases: Sequence[str], attr: str, fingerprint: str) -> str:
    """SHA-256 (hex) of everything the keys depend on."""
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, spacy.__version__, fingerprint, attr):
        digest.update(part.encode() + b"\0")
    digest.update(nlp.tokenizer.to_bytes(exclude=["vocab"]) + b"\0")
    for phrase in phrases:
        digest.update(phrase.encode() + b"\0")
    return digest.hexdigest()


def _read(path: Path, digest: str, count: int) -> list[tuple[int, ...]] | None:
    """The keys stored at ``path`` for ``digest``, or None if the file is missing or not to be trusted."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if len(data) < head or not data.startswith(MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(MAGIC):head]:
        _log.debug("phrase cache %s is damaged; rebuilding it", path)
        return None
    try:
        content = srsly.msgpack_loads(data[head:])
        keys = content["keys"]
        if (content["digest"] != digest or len(keys) != count
                or not all(isinstance(key, list) and all(isinstance(h, int) for h in key) for key in keys)):
            return None
    except (ValueError, TypeError, KeyError):
        return None
    return [tuple(key) for key in keys]


def _write(path: Path, digest: str, keys: list[tuple[int, ...]]) -> None:
    """Store ``keys`` at ``path`` atomically; a folder that cannot be written is no error."""
    payload = srsly.msgpack_dumps({"digest": digest, "keys": [list(key) for key in keys]})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(path)
    except OSError as exc:
        _log.debug("cannot write the phrase cache %s (%s); tokenizing at each start", path, exc)


def _prune(path: Path) -> None:
    """Remove all but the :data:`KEEP_FILES` newest cache files of the same kind as ``path``."""
    kind = path.name.rsplit("-", 1)[0]
    siblings = sorted(path.parent.glob(f"{kind}-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in siblings[KEEP_FILES:]:
        old.unlink(missing_ok=True)
