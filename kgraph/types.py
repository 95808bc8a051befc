"""Plain records that flow through kgraph: read -> annotate -> extract -> resolve -> graph.

Stdlib only; every other module may import this one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

#: Entity types of the kgraph ontology (local names of ``kg:`` classes).
ENTITY_TYPES = ("Country", "Person", "Organization", "Alliance", "City", "Region", "ArmedForce")

#: Relation predicates (local names of ``kg:`` properties), in the order reports print them.
PREDICATES = (
    "memberOf",
    "deployedTo",
    "presidentOf",
    "headOfGovernmentOf",
    "ministerOf",
    "leaderOf",
    "locatedIn",
)

#: How a text states a fact. Only ``asserted`` facts become plain triples in the graph.
STATUSES = ("asserted", "negated", "hedged", "former", "planned", "disputed")


@dataclass(frozen=True)
class Document:
    """One news article as read from disk, stdin or a JSONL line."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD or full timestamp)
    url: str | None = None
    source: str | None = None  # file path (and line for JSONL) it came from


@dataclass(frozen=True)
class EntityRef:
    """A canonical entity: ``id`` is its IRI in the kgraph resource namespace."""

    id: str
    label: str
    type: str
    wikidata: str | None = None  # a QID such as "Q159"
    # True for an organisation known only by the name a text gives it, not in the
    # reference data (see kgraph.reference.entities.unlinked_org_ref); graph and exports mark it
    # (node attribute in_reference_data=False, kg:inReferenceData false).
    unlinked: bool = False


@dataclass(frozen=True)
class Evidence:
    """Where and how one relation was found."""

    doc_id: str
    sentence: str
    start: int  # character offsets of the sentence in the document text
    end: int
    rule: str
    confidence: float
    date: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Relation:
    """One extracted relation with its evidence."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    evidence: Evidence
    status: str = "asserted"


@dataclass(frozen=True)
class Mention:
    """A stretch of document text linked to a canonical entity."""

    entity: EntityRef
    text: str
    start: int
    end: int


@dataclass
class DocumentResult:
    """Everything kgraph learnt from one document: linked mentions and relations."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def add_new_evidence(existing: list[dict], items: Iterable[dict]) -> list[dict]:
    """Append to ``existing`` the evidence items it does not hold yet; return those added.

    Compares by content through a set, not by scanning the list for each item (edges of
    a large corpus hold tens of thousands of items).
    """
    known = {frozenset(item.items()) for item in existing}
    added = []
    for item in items:
        key = frozenset(item.items())
        if key not in known:
            known.add(key)
            added.append(item)
    existing.extend(added)
    return added
