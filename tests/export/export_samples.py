"""Graphs shaped like the output of kgraph.graph.GraphBuilder, for the exporter tests.

A plain module (not a conftest) so the test modules can import the builders by a unique name.
"""

from __future__ import annotations

import networkx as nx

from kgraph.rdf.namespace import entity_iri

CSTO_MEMBERS = {
    "Armenia": "Q399",
    "Belarus": "Q184",
    "Kazakhstan": "Q232",
    "Kyrgyzstan": "Q813",
    "Russia": "Q159",
    "Tajikistan": "Q863",
}

#: Labels that break naive serialisers.
HOSTILE_LABELS = [
    'The "Quoted" <Org> & Co',
    "Back\\slash #hash {braces} |pipe| `tick` ^caret",
    "Rocket 🚀 Force 🇷🇺",
    "Line one\nline two\r\nline three\ttab",
    "القوات المسلحة",
    "צבא ההגנה לישראל",
    "'; DROP TABLE x; -- ]]> <!-- -->",
]


def evidence(doc_id: str, sentence: str, *, rule: str = "membership.pattern", confidence: float = 0.9,
             start: int = 0, date: str | None = "2024-03-01", url: str | None = None) -> dict:
    """An Evidence.to_dict() record."""
    return {"doc_id": doc_id, "sentence": sentence, "start": start, "end": start + len(sentence), "rule": rule,
            "confidence": confidence, "date": date, "url": url}


def add_entity(G: nx.MultiDiGraph, label: str, kind: str, wikidata: str | None = None, *,
               aliases: list[str] | None = None, mentions: int = 1) -> str:
    """Add a node the way GraphBuilder does and return its IRI."""
    iri = entity_iri(kind.lower(), label)
    G.add_node(iri, label=label, type=kind, wikidata=wikidata, aliases=aliases or [], mentions=mentions)
    return iri


def add_relation(G: nx.MultiDiGraph, subject: str, predicate: str, obj: str, items: list[dict], *,
                 status: str = "asserted") -> None:
    """Add an edge the way GraphBuilder does (noisy-or confidence)."""
    miss = 1.0
    for item in items:
        miss *= 1.0 - item["confidence"]
    G.add_edge(subject, obj, f"{predicate}|{status}", predicate=predicate, status=status,
               confidence=round(1.0 - miss, 4), evidence=items)


def build_csto_graph() -> nx.MultiDiGraph:
    """Six CSTO members (Armenia's also disputed), a deployment, a president and a hedged membership."""
    G = nx.MultiDiGraph(documents={
        "doc-1": {"title": "CSTO leaders meet in Moscow", "date": "2024-03-01", "url": "https://example.org/news/1",
                  "source": "corpus/doc-1.txt"},
        "doc-2": {"title": "Troops to Kazakhstan", "date": "2022-01-06T08:30:00Z", "url": "not a url",
                  "source": "corpus/doc-2.txt"},
        "doc-3": {"title": None, "date": "sometime in 2023", "url": None, "source": "corpus/doc-3.txt"},
    })
    csto = add_entity(G, "CSTO", "Alliance", "Q318693", aliases=["Collective Security Treaty Organization"], mentions=9)
    for name, qid in CSTO_MEMBERS.items():
        member = add_entity(G, name, "Country", qid, mentions=3)
        sentence = f"{name} is a member of the CSTO."
        add_relation(G, member, "memberOf", csto, [evidence("doc-1", sentence, start=10)])
    russia = entity_iri("country", "Russia")
    kazakhstan = entity_iri("country", "Kazakhstan")
    add_relation(G, russia, "deployedTo", kazakhstan, [
        evidence("doc-2", "Russia deployed paratroopers to Kazakhstan.", rule="deployment.verb", confidence=0.8,
                 date="2022-01-06T08:30:00Z"),
        evidence("doc-1", "Russian troops remain in Kazakhstan.", rule="deployment.verb", confidence=0.6, start=200),
    ])
    tokayev = add_entity(G, "Kassym-Jomart Tokayev", "Person", "Q2422830", aliases=["Tokayev"])
    add_relation(G, tokayev, "presidentOf", kazakhstan, [
        evidence("doc-2", "President Kassym-Jomart Tokayev asked for help.", rule="offices.title", confidence=0.95,
                 date="2022-01-06T08:30:00Z"),
    ])
    add_relation(G, entity_iri("country", "Armenia"), "memberOf", csto, [
        evidence("doc-3", "Yerevan disputes that Armenia is still a CSTO member.", rule="membership.pattern",
                 confidence=0.7, date=None),
    ], status="disputed")
    azerbaijan = add_entity(G, "Azerbaijan", "Country", "Q227")
    add_relation(G, azerbaijan, "memberOf", csto, [
        evidence("doc-3", "Azerbaijan may reportedly join the CSTO.", rule="membership.pattern", confidence=0.5,
                 date="sometime in 2023"),
    ], status="hedged")
    return G


def build_hostile_graph() -> nx.MultiDiGraph:
    """Every hostile label as an organisation that Russia is a member of."""
    G = nx.MultiDiGraph(documents={'doc "<#>" 🚀\n': {"title": HOSTILE_LABELS[0], "date": "2024-01-01",
                                                       "url": "https://example.org/a b", "source": None}})
    russia = add_entity(G, "Russia", "Country", "Q159", aliases=HOSTILE_LABELS[:2])
    for label in HOSTILE_LABELS:
        org = add_entity(G, label, "Organization", aliases=[label.upper(), "x\x00y\x0bz"])
        add_relation(G, russia, "memberOf", org, [evidence('doc "<#>" 🚀\n', f"Russia joined {label}.\x0c", rule=label)])
    return G
