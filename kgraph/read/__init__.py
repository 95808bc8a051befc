"""Input layer: read news articles from text, HTML and JSONL files or stdin."""

from __future__ import annotations

from kgraph.read.decode import clean_text, decode_bytes
from kgraph.read.furniture import mask_furniture
from kgraph.read.problems import Problem
from kgraph.read.readers import read_documents

__all__ = ["Problem", "clean_text", "decode_bytes", "mask_furniture", "read_documents"]
