"""Annotation: the spaCy pipeline that finds and links entity mentions."""

from kgraph.annotate.linker import LinkedMention
from kgraph.annotate.pipeline import default_model, load_pipeline, pipeline_fingerprint

__all__ = ["LinkedMention", "default_model", "load_pipeline", "pipeline_fingerprint"]
