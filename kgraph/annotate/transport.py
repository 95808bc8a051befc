"""Let linked Docs cross process boundaries (``nlp.pipe(n_process=N)``, ``kgraph build --workers N``).

spaCy sends each Doc back from its worker processes as msgpack, custom attributes
included; ``Doc._.kg_mentions`` holds LinkedMention records, which msgpack cannot
pack by itself. This module registers an encoder and a decoder for them with srsly.
"""

from __future__ import annotations

from typing import Any

import srsly

from kgraph.annotate.linker import LinkedMention
from kgraph.types import EntityRef

_TAG = "__kgraph_linked_mention__"


def encode_mention(obj: Any, chain=None) -> Any:
    """msgpack encoder: a LinkedMention as a tagged dict; anything else to the next encoder."""
    if isinstance(obj, LinkedMention):
        entity = obj.entity
        return {_TAG: True, "start": obj.start, "end": obj.end, "kind": obj.kind,
                "entity": [entity.id, entity.label, entity.type, entity.wikidata]}
    return obj if chain is None else chain(obj)


def decode_mention(obj: Any, chain=None) -> Any:
    """msgpack decoder: the tagged dict back to a LinkedMention."""
    if isinstance(obj, dict) and obj.get(_TAG):
        return LinkedMention(obj["start"], obj["end"], EntityRef(*obj["entity"]), obj["kind"])
    return obj if chain is None else chain(obj)


def register() -> None:
    """Register the codec with srsly (idempotent)."""
    srsly.msgpack_encoders.register("kgraph_linked_mention", func=encode_mention)
    srsly.msgpack_decoders.register("kgraph_linked_mention", func=decode_mention)
