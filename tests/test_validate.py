"""SHACL validation: kgraph's own output conforms to ontologies/shapes.ttl, broken graphs do not."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from kgraph.engine.run import build_graph
from kgraph.export import to_rdf
from kgraph.rdf.namespace import KG, document_iri, entity_iri, statement_iri
from kgraph.read import read_documents
from kgraph.rdf.validate import ValidationReport, Violation, load_shapes, validate_graph

REPO = Path(__file__).resolve().parent.parent
KGRAPH = Path(sys.executable).with_name("kgraph")
RUSSIA = entity_iri("country", "Russia")
KAZAKHSTAN = entity_iri("country", "Kazakhstan")
CSTO = entity_iri("alliance", "CSTO")


@pytest.fixture(scope="module")
def seed_graph(nlp, seed_path):
    graph, _ = build_graph(nlp, read_documents([seed_path]))
    return graph


@pytest.fixture(scope="module")
def corpus_graph(nlp):
    graph, stats = build_graph(nlp, read_documents([REPO / "examples" / "corpus"]))
    assert stats.documents == 7
    return graph


@pytest.fixture
def seed_rdf(seed_graph) -> Graph:
    """A fresh copy of the seed article's RDF, for a test to break."""
    return to_rdf(seed_graph)


def asserted_statement(rdf: Graph, subject: str, predicate: str, obj: str) -> URIRef:
    """The first asserted statement of the plain triple (subject, kg:predicate, obj)."""
    for statement in rdf.subjects(RDF.subject, URIRef(subject)):
        if (statement, RDF.predicate, KG[predicate]) in rdf and (statement, RDF.object, URIRef(obj)) in rdf \
                and (statement, KG.status, KG.asserted) in rdf:
            return statement
    raise AssertionError(f"no asserted statement for {subject} {predicate} {obj}")


def add_asserted_statement(rdf: Graph, subject: str, predicate: str, obj: str, *, doc_id: str) -> None:
    """Back a plain triple with a complete statement, as kgraph writes it, so only the shape under test fails."""
    statement = URIRef(statement_iri(subject, predicate, obj, doc_id, 0, 10, "test.rule"))
    facts = [
        (RDF.type, KG.RelationStatement), (RDF.subject, URIRef(subject)), (RDF.predicate, KG[predicate]),
        (RDF.object, URIRef(obj)), (KG.status, KG.asserted), (KG.edgeConfidence, Literal(Decimal("0.8"))),
        (KG.evidenceCount, Literal(1)), (KG.confidence, Literal(Decimal("0.8"))), (KG.rule, Literal("test.rule")),
        (KG.sentence, Literal("A sentence.")), (KG.startOffset, Literal(0)), (KG.endOffset, Literal(10)),
        (URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef(document_iri(doc_id))),
    ]
    for p, o in facts:
        rdf.add((statement, p, o))


def summary(report: ValidationReport) -> set[tuple[str, str | None, str]]:
    return {(v.focus, v.path, v.shape) for v in report.violations}


def test_the_shapes_file_is_shipped_and_parses():
    shapes = load_shapes()
    assert (URIRef("https://w3id.org/kgraph/shapes#PresidentOfShape"), RDF.type,
            URIRef("http://www.w3.org/ns/shacl#NodeShape")) in shapes


def test_seed_article_output_conforms(seed_graph):
    rdf = to_rdf(seed_graph)
    assert (URIRef(RUSSIA), KG.memberOf, URIRef(CSTO)) in rdf  # the check below is about real relations

    report = validate_graph(rdf)

    assert report.violations == []
    assert report.conforms
    assert report.triples == len(rdf)


def test_example_corpus_output_conforms(corpus_graph):
    rdf = to_rdf(corpus_graph)
    predicates = {p for p in rdf.objects(None, RDF.predicate)}
    assert len(predicates) >= 4  # the corpus exercises most relation shapes

    report = validate_graph(rdf)

    assert report.violations == []
    assert report.conforms


def test_president_of_from_a_country_is_a_violation(seed_rdf):
    seed_rdf.add((URIRef(RUSSIA), KG.presidentOf, URIRef(KAZAKHSTAN)))
    add_asserted_statement(seed_rdf, RUSSIA, "presidentOf", KAZAKHSTAN, doc_id="broken")
    seed_rdf.add((URIRef(document_iri("broken")), RDF.type, KG.Document))

    report = validate_graph(seed_rdf)

    assert not report.conforms
    assert summary(report) == {("kgr:country/russia", None, "kgsh:PresidentOfShape")}
    assert "kg:Person" in report.violations[0].message


def test_president_of_to_a_person_is_a_violation(seed_rdf):
    tokayev = next(s for s, o in seed_rdf.subject_objects(KG.presidentOf))
    seed_rdf.add((tokayev, KG.presidentOf, tokayev))
    add_asserted_statement(seed_rdf, str(tokayev), "presidentOf", str(tokayev), doc_id="broken")
    seed_rdf.add((URIRef(document_iri("broken")), RDF.type, KG.Document))

    report = validate_graph(seed_rdf)

    assert summary(report) == {("kgr:person/kassym-jomart-tokayev", "kg:presidentOf", "kgsh:PresidentOfObjectShape")}


def test_an_entity_with_two_labels_is_a_violation(seed_rdf):
    seed_rdf.add((URIRef(KAZAKHSTAN), RDFS.label, Literal("Qazaqstan")))

    report = validate_graph(seed_rdf)

    assert summary(report) == {("kgr:country/kazakhstan", "rdfs:label", "kgsh:EntityLabelShape")}


def test_a_language_tagged_label_and_a_non_wikidata_same_as_are_violations(seed_rdf):
    seed_rdf.set((URIRef(CSTO), RDFS.label, Literal("CSTO", lang="en")))
    seed_rdf.set((URIRef(RUSSIA), URIRef("http://www.w3.org/2002/07/owl#sameAs"), URIRef("http://dbpedia.org/resource/Russia")))

    report = validate_graph(seed_rdf)

    assert summary(report) == {
        ("kgr:alliance/csto", "rdfs:label", "kgsh:EntityLabelShape"),
        ("kgr:country/russia", "owl:sameAs", "kgsh:EntitySameAsShape"),
    }


def test_a_statement_with_confidence_above_one_is_a_violation(seed_rdf):
    statement = asserted_statement(seed_rdf, RUSSIA, "memberOf", CSTO)
    seed_rdf.set((statement, KG.confidence, Literal(Decimal("1.5"))))

    report = validate_graph(seed_rdf)

    focus = "kgr:" + str(statement).rsplit("/id/", 1)[1]
    assert summary(report) == {(focus, "kg:confidence", "kgsh:StatementConfidenceShape")}
    assert report.violations[0].value == '"1.5"^^xsd:decimal'


def test_a_statement_missing_evidence_or_with_reversed_offsets_is_a_violation(seed_rdf):
    statement = asserted_statement(seed_rdf, RUSSIA, "memberOf", CSTO)
    focus = "kgr:" + str(statement).rsplit("/id/", 1)[1]
    seed_rdf.remove((statement, KG.sentence, None))
    end = seed_rdf.value(statement, KG.endOffset)
    seed_rdf.set((statement, KG.startOffset, Literal(int(end) + 1)))

    report = validate_graph(seed_rdf)

    assert summary(report) == {
        (focus, "kg:sentence", "kgsh:RelationStatementShape"),
        (focus, "kg:startOffset", "kgsh:StatementStartOffsetShape"),
    }


def test_an_asserted_triple_without_a_statement_is_a_violation(seed_rdf):
    armenia = entity_iri("country", "Armenia")
    seed_rdf.add((URIRef(KAZAKHSTAN), KG.memberOf, URIRef(CSTO)))  # has its statement already
    seed_rdf.add((URIRef(armenia), KG.deployedTo, URIRef(KAZAKHSTAN)))

    report = validate_graph(seed_rdf)

    assert summary(report) == {("kgr:country/armenia", "kg:deployedTo", "kgsh:ProvenanceShape")}
    assert report.violations[0].value == "kgr:country/kazakhstan"


def test_a_statement_that_is_only_hedged_does_not_back_a_plain_triple(seed_rdf):
    for other in list(seed_rdf.subjects(RDF.subject, URIRef(RUSSIA))):
        if (other, RDF.predicate, KG.memberOf) in seed_rdf:
            seed_rdf.set((other, KG.status, KG.hedged))

    report = validate_graph(seed_rdf)

    assert summary(report) == {("kgr:country/russia", "kg:memberOf", "kgsh:ProvenanceShape")}


def test_violation_lines_are_readable():
    violation = Violation(focus="kgr:country/russia", path=None, message="the subject of kg:presidentOf is a kg:Person",
                          severity="Violation", shape="kgsh:PresidentOfShape")
    assert str(violation) == ("Violation: kgr:country/russia: the subject of kg:presidentOf is a kg:Person "
                              "[kgsh:PresidentOfShape]")


def test_validate_command_exits_0_on_our_output_and_1_on_a_broken_graph(seed_graph, tmp_path):
    good = tmp_path / "good.ttl"
    to_rdf(seed_graph).serialize(good, format="turtle")
    broken_rdf = to_rdf(seed_graph)
    broken_rdf.add((URIRef(KAZAKHSTAN), RDFS.label, Literal("Qazaqstan")))
    broken = tmp_path / "broken.nt"
    broken_rdf.serialize(broken, format="nt", encoding="utf-8")

    ok = subprocess.run([KGRAPH, "validate", good], capture_output=True, text=True, timeout=120)
    bad = subprocess.run([KGRAPH, "validate", broken], capture_output=True, text=True, timeout=120)
    as_json = subprocess.run([KGRAPH, "validate", "--format", "json", broken], capture_output=True, text=True,
                             timeout=120)

    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == f"{len(to_rdf(seed_graph))} triples: conforms to the kgraph SHACL shapes\n"
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        "Violation: kgr:country/kazakhstan rdfs:label: an entity has exactly one rdfs:label, a plain string "
        "[kgsh:EntityLabelShape]"
    ]
    assert "1 violation" in bad.stderr
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1
    assert report["conforms"] is False
    assert [(v["focus"], v["path"]) for v in report["violations"]] == [("kgr:country/kazakhstan", "rdfs:label")]


def test_validate_command_reports_unreadable_rdf(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")

    result = subprocess.run([KGRAPH, "validate", bad], capture_output=True, text=True, timeout=120)

    assert result.returncode == 1
    assert "bad.ttl is not valid turtle RDF" in result.stderr
