"""The knowledge graph in memory: a networkx MultiDiGraph built from DocumentResults.

Nodes are canonical entities keyed by IRI (label, type, wikidata, aliases, mentions, and
``in_reference_data=False`` for an organisation outside the reference data);
edges are keyed ``"<predicate>|<status>"`` and carry every piece of evidence. The same
fact from several sentences or documents is one edge with more evidence and a higher
confidence (noisy-or of the evidence confidences).

The finished graph is in canonical order (:func:`canonical_order`): nodes by IRI, edges
by (source, target, key), evidence and documents by document id and offsets. However the
documents were read and annotated (one process, forked workers, Dask, a persistent store),
the same documents give the same graph in the same order, so every file written from it
is byte-identical.
"""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kgraph.reference.entities import reference_entity
from kgraph.resolve.people import merge_people
from kgraph.types import DocumentResult, EntityRef


class GraphBuilder:
    """Accumulates DocumentResults into one MultiDiGraph; call ``finish()`` once at the end."""

    def __init__(self) -> None:
        self.graph = nx.MultiDiGraph(documents={})
        self._surfaces: dict[str, Counter] = {}

    def add(self, result: DocumentResult) -> None:
        doc = result.document
        # Evidence names its document, so only a document id seen before can repeat evidence
        # already on an edge; a new document needs only its own duplicates dropped (no scan of
        # the edge's evidence, which grows with the corpus).
        repeated_id = doc.id in self.graph.graph["documents"]
        self.graph.graph["documents"][doc.id] = {"title": doc.title, "date": doc.date, "url": doc.url, "source": doc.source}
        seen: set[tuple] = set()
        sentences: dict[str, str] = {}  # one string a sentence, however many relations it gives
        for mention in result.mentions:
            self._node(mention.entity)["mentions"] += 1
            self._surfaces.setdefault(mention.entity.id, Counter())[mention.text] += 1
        for rel in result.relations:
            self._node(rel.subject)
            self._node(rel.object)
            key = f"{rel.predicate}|{rel.status}"
            if not self.graph.has_edge(rel.subject.id, rel.object.id, key):
                self.graph.add_edge(rel.subject.id, rel.object.id, key, predicate=rel.predicate, status=rel.status,
                                    confidence=0.0, evidence=[])
            if (rel.subject.id, rel.object.id, key, rel.evidence) in seen:
                continue
            seen.add((rel.subject.id, rel.object.id, key, rel.evidence))
            data = self.graph.edges[rel.subject.id, rel.object.id, key]
            evidence = rel.evidence.to_dict()
            evidence["sentence"] = sentences.setdefault(evidence["sentence"], evidence["sentence"])
            if not repeated_id or evidence not in data["evidence"]:
                data["evidence"].append(evidence)

    def finish(self, *, resolve_people: bool = True) -> nx.MultiDiGraph:
        """Set aliases and edge confidences, merge people known by surname only, and return the graph.

        Args:
            resolve_people: Merge surname-only people into full names; the persistent store
                turns it off for its one-document graphs and resolves across documents on export.
        """
        for node, data in self.graph.nodes(data=True):
            names = set(self._surfaces.get(node, Counter()))
            known = reference_entity(EntityRef(node, data["label"], data["type"], data["wikidata"]))
            if known is not None:
                names |= set(known.names)
            data["aliases"] = sorted(n for n in names if n != data["label"])
        if resolve_people:
            merge_people(self.graph)
        self.graph = canonical_order(self.graph)
        for _, _, data in self.graph.edges(data=True):
            data["confidence"] = combined_confidence(e["confidence"] for e in data["evidence"])
        return self.graph

    def _node(self, entity: EntityRef) -> dict:
        if entity.id not in self.graph:
            self.graph.add_node(entity.id, label=entity.label, type=entity.type, wikidata=entity.wikidata,
                                aliases=[], mentions=0)
            if entity.unlinked:
                self.graph.nodes[entity.id]["in_reference_data"] = False
        elif not entity.unlinked:
            self.graph.nodes[entity.id].pop("in_reference_data", None)  # the reference knows it after all
        return self.graph.nodes[entity.id]


def evidence_order(item: dict) -> tuple:
    """Sort key of an evidence item: document, offsets, rule, then the rest of its content."""
    return (item["doc_id"], item["start"], item["end"], item["rule"], item["sentence"], float(item["confidence"]),
            item.get("date") or "", item.get("url") or "")


def canonical_order(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes sorted by id, edges by (source, target, key), evidence by :func:`evidence_order`
    and the ``documents`` attribute by document id.

    Args:
        graph: A graph in the kgraph contract (node ids and edge keys are strings).

    Returns:
        A new graph (attribute values are shared with ``graph``; evidence lists are sorted in place).
    """
    ordered = nx.MultiDiGraph()
    ordered.graph.update(graph.graph)
    if isinstance(graph.graph.get("documents"), dict):
        ordered.graph["documents"] = dict(sorted(graph.graph["documents"].items()))
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: item[0]))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda item: item[:3]):
        if isinstance(data.get("evidence"), list) and len(data["evidence"]) > 1:
            data["evidence"].sort(key=evidence_order)
        ordered.add_edge(u, v, key, **data)
    return ordered


def combined_confidence(confidences) -> float:
    """Noisy-or: independent pieces of evidence for one fact raise its confidence."""
    miss = 1.0
    for c in confidences:
        miss *= 1.0 - float(c)
    return round(1.0 - miss, 4)
