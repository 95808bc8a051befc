"""An organisation outside the reference data: a node of its own, marked unlinked in the graph and every export."""

from __future__ import annotations

import csv
import json

import pytest
from lxml import etree
from rdflib import Literal, URIRef

from kgraph.reference.entities import country_of, reference_ref, unlinked_org_ref
from kgraph.export.facts import write_facts
from kgraph.export.gephi_csv import csv_paths, write_gephi_csv
from kgraph.export.gexf import write_gexf
from kgraph.export.graphml import write_graphml
from kgraph.export.rdf import to_rdf, write_rdf
from kgraph.graph import GraphBuilder
from kgraph.graph.from_facts import read_facts
from kgraph.graph.from_rdf import read_rdf
from kgraph.rdf.namespace import KG
from kgraph.reference.tables import load_reference
from kgraph.store import GraphStore
from kgraph.types import Document, DocumentResult, Evidence, Mention, Relation
from kgraph.rdf.validate import validate_graph

SENTENCE = "Slovakia is a member of the Tatra Defence Compact, officials said."


def _result() -> DocumentResult:
    slovakia = reference_ref(load_reference().get("slovakia"))
    compact = unlinked_org_ref("the Tatra Defence Compact", "Alliance")
    evidence = Evidence("doc-1", SENTENCE, 0, len(SENTENCE), "member.noun", 0.8, date="2025-01-10")
    result = DocumentResult(
        Document(id="doc-1", text=SENTENCE, date="2025-01-10"),
        mentions=[Mention(slovakia, "Slovakia", 0, 8), Mention(compact, "Tatra Defence Compact", 28, 49)],
        relations=[Relation(slovakia, "memberOf", compact, evidence)],
    )
    return result


@pytest.fixture(scope="module")
def graph():
    """memberOf from a reference country to an organisation the reference data does not list."""
    builder = GraphBuilder()
    builder.add(_result())
    return builder.finish()


def _compact(graph) -> str:
    [node] = [n for n, d in graph.nodes(data=True) if d["label"] == "Tatra Defence Compact"]
    return node


def test_unlinked_ref_has_a_name_a_type_and_no_qid():
    ref = unlinked_org_ref("  the Tatra   Defence Compact ", "Alliance")
    assert (ref.label, ref.type, ref.wikidata, ref.unlinked) == ("Tatra Defence Compact", "Alliance", None, True)
    assert ref.id.endswith("/alliance/tatra-defence-compact")
    assert unlinked_org_ref("Tatra Défence Compact", "Alliance").id == ref.id
    assert country_of(ref) is None


@pytest.mark.parametrize("bad", [("", "Organization"), ("Acme", "Country"), ("Acme", "Person")])
def test_unlinked_ref_refuses_what_is_no_organisation(bad):
    with pytest.raises(ValueError):
        unlinked_org_ref(*bad)


def test_graph_keeps_the_fact_and_marks_the_node(graph):
    node = _compact(graph)
    assert graph.nodes[node]["in_reference_data"] is False
    assert graph.nodes[node]["wikidata"] is None
    [(subject, _, data)] = list(graph.in_edges(node, data=True))
    assert graph.nodes[subject]["label"] == "Slovakia"
    assert data["predicate"] == "memberOf"
    assert "in_reference_data" not in graph.nodes[subject]


def test_rdf_has_a_typed_labelled_node_with_in_reference_data_false(graph):
    rdf = to_rdf(graph)
    node = URIRef(_compact(graph))
    assert (node, KG.inReferenceData, Literal(False)) in rdf
    assert (node, None, KG.Alliance) in rdf
    assert len(list(rdf.subjects(KG.inReferenceData, None))) == 1
    assert validate_graph(to_rdf(graph)).conforms


def test_rdf_and_facts_read_back_the_flag(graph, tmp_path):
    write_rdf(graph, tmp_path / "g.ttl")
    write_facts(graph, tmp_path / "g.jsonl")
    for read in (read_rdf(tmp_path / "g.ttl"), read_facts(tmp_path / "g.jsonl")):
        assert read.nodes[_compact(graph)]["in_reference_data"] is False
        assert sum("in_reference_data" in d for _, d in read.nodes(data=True)) == 1
    [fact] = [json.loads(line) for line in (tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()]
    assert fact["object"]["in_reference_data"] is False
    assert "in_reference_data" not in fact["subject"]


def test_gexf_and_graphml_carry_the_attribute(graph, tmp_path):
    write_gexf(graph, tmp_path / "g.gexf")
    write_graphml(graph, tmp_path / "g.graphml")
    gexf = etree.parse(str(tmp_path / "g.gexf"))
    ns = {"g": gexf.getroot().nsmap[None]}
    [attribute] = gexf.xpath("//g:attributes[@class='node']/g:attribute[@title='in_reference_data']", namespaces=ns)
    assert attribute.get("type") == "boolean"
    node = gexf.xpath(f"//g:node[@label='Tatra Defence Compact']", namespaces=ns)[0]
    values = {v.get("for"): v.get("value") for v in node.xpath(".//g:attvalue", namespaces=ns)}
    assert values[attribute.get("id")] == "false"
    graphml = etree.parse(str(tmp_path / "g.graphml"))
    gns = {"g": graphml.getroot().nsmap[None]}
    [key] = graphml.xpath("//g:key[@attr.name='in_reference_data'][@for='node']", namespaces=gns)
    assert key.get("attr.type") == "boolean"
    [data] = graphml.xpath(f"//g:node[@id='{_compact(graph)}']/g:data[@key='{key.get('id')}']", namespaces=gns)
    assert data.text == "false"


def test_gephi_csv_has_a_column(graph, tmp_path):
    write_gephi_csv(graph, tmp_path / "g.csv")
    nodes_path, _ = csv_paths(tmp_path / "g.csv")
    with open(nodes_path, encoding="utf-8", newline="") as handle:
        rows = {row["Label"]: row for row in csv.DictReader(handle)}
    column = next(c for c in rows["Slovakia"] if c.startswith("in_reference_data"))
    assert rows["Tatra Defence Compact"][column] == "false"
    assert rows["Slovakia"][column] == ""


def test_a_persistent_store_keeps_the_flag(tmp_path):
    with GraphStore(tmp_path / "store") as store:
        store.add(_result())
        read = store.to_networkx()
    flagged = {d["label"] for _, d in read.nodes(data=True) if d.get("in_reference_data") is False}
    assert flagged == {"Tatra Defence Compact"}
