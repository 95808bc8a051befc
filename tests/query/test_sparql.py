"""SPARQL over kgraph RDF with Oxigraph: loading, answers as Python values, output formats, members()."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest

from kgraph.errors import InputError, QueryError, UnknownFormatError
from kgraph.export import to_rdf, write_graph
from kgraph.rdf.namespace import entity_iri
from kgraph.query import QueryResult, format_table, load_store, members, run_query, to_csv, to_json

CSTO_MEMBERS = {"Armenia": "Q399", "Belarus": "Q184", "Kazakhstan": "Q232", "Kyrgyzstan": "Q813", "Russia": "Q159",
                "Tajikistan": "Q863"}
EXPECTED_MEMBERS = [(name, "Country", f"http://www.wikidata.org/entity/{qid}") for name, qid in CSTO_MEMBERS.items()]
INJECTIONS = [
    'CSTO" } ; DROP ALL ; #',
    "') || true || ('",
    "\u0000",
    "CSTO\n",
    'CSTO" . ?member ?p ?o } #',
    "CSTO\\",
    "?name",
    "*",
    ".*",
    "",
]
MEMBERS_OF_CSTO = """
SELECT ?label ?wikidata WHERE {
  ?alliance a kg:Alliance ; rdfs:label "CSTO" .
  ?member kg:memberOf ?alliance ; rdfs:label ?label ; owl:sameAs ?wikidata .
} ORDER BY ?label
"""
CONFIDENT_FACTS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:status kg:asserted ; kg:edgeConfidence ?c .
  FILTER(?c >= 0.8)
} ORDER BY ?s ?p ?o
"""


def add(G: nx.MultiDiGraph, label: str, kind: str, wikidata: str | None = None, aliases=()) -> str:
    iri = entity_iri(kind.lower(), label)
    G.add_node(iri, label=label, type=kind, wikidata=wikidata, aliases=list(aliases), mentions=2)
    return iri


def relate(G: nx.MultiDiGraph, s: str, predicate: str, o: str, sentence: str, confidence: float,
           status: str = "asserted") -> None:
    evidence = {"doc_id": "doc-1", "sentence": sentence, "start": 0, "end": len(sentence), "rule": "test.rule",
                "confidence": confidence, "date": "2024-03-01", "url": "https://example.org/1"}
    G.add_edge(s, o, f"{predicate}|{status}", predicate=predicate, status=status, confidence=confidence,
               evidence=[evidence])


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(documents={"doc-1": {"title": "CSTO summit", "date": "2024-03-01",
                                             "url": "https://example.org/1", "source": None}})
    csto = add(G, "CSTO", "Alliance", "Q318693", aliases=["Collective Security Treaty Organization", "ОДКБ"])
    for name, qid in CSTO_MEMBERS.items():
        relate(G, add(G, name, "Country", qid), "memberOf", csto, f"{name} is a CSTO member.", 0.9)
    russia, kazakhstan = entity_iri("country", "Russia"), entity_iri("country", "Kazakhstan")
    relate(G, russia, "deployedTo", kazakhstan, "Russia sent troops to Kazakhstan.", 0.85)
    relate(G, add(G, "Kassym-Jomart Tokayev", "Person", "Q2422830"), "presidentOf", kazakhstan,
           "President Kassym-Jomart Tokayev spoke.", 0.95)
    relate(G, add(G, "Azerbaijan", "Country", "Q227"), "memberOf", csto, "Azerbaijan may join the CSTO.", 0.5,
           status="hedged")
    relate(G, add(G, "Serbia", "Country", None), "memberOf", csto, "Serbia is a CSTO observer.", 0.6)
    nato = add(G, "NATO", "Alliance", "Q7184", aliases=["North Atlantic Treaty Organization"])
    relate(G, add(G, "Norway", "Country", "Q20"), "memberOf", nato, "Norway is in NATO.", 0.99)
    return G


@pytest.fixture(scope="module")
def store(graph) -> ox.Store:
    return load_store(to_rdf(graph))


def test_members_of_the_alliance_labelled_csto(store, graph):
    # Serbia is an asserted member without a Wikidata id, so owl:sameAs leaves it out.
    result = run_query(store, MEMBERS_OF_CSTO)

    assert result.variables == ["label", "wikidata"]
    assert result.rows == [(name, wd) for name, _, wd in EXPECTED_MEMBERS]


@pytest.mark.parametrize("name", ["CSTO", "csto", "Collective Security Treaty Organization",
                                  "COLLECTIVE SECURITY TREATY ORGANIZATION", "одкб"])
def test_members_by_any_name(store, name):
    result = members(store, name)

    assert result.variables == ["label", "type", "wikidata"]
    assert [row for row in result.rows if row[0] != "Serbia"] == EXPECTED_MEMBERS
    assert ("Serbia", "Country", None) in result.rows  # asserted, without a Wikidata id
    assert ("Azerbaijan", "Country", "http://www.wikidata.org/entity/Q227") not in result.rows  # hedged


def test_members_of_another_organisation(store):
    assert members(store, "north atlantic treaty organization").rows == [
        ("Norway", "Country", "http://www.wikidata.org/entity/Q20")
    ]
    assert members(store, "Warsaw Pact").rows == []


@pytest.mark.parametrize("name", INJECTIONS)
def test_members_is_not_fooled_by_injection(store, name):
    size = len(store)
    result = members(store, name)

    assert result.rows == []
    assert len(store) == size


def test_members_rejects_text_that_is_not_unicode(store):
    with pytest.raises(QueryError):
        members(store, "\udcff")


def test_bad_query_raises_query_error_with_the_parser_message(store):
    with pytest.raises(QueryError, match="invalid SPARQL query") as error:
        run_query(store, "SELEKT ?s WHERE { ?s ?p ?o }")
    assert "SELEKT" in str(error.value) or "expected" in str(error.value)


def test_updates_are_not_queries(store):
    size = len(store)
    with pytest.raises(QueryError):
        run_query(store, "DROP ALL")
    assert len(store) == size


def test_values_become_python_values(store):
    result = run_query(store, """
        SELECT ?label ?mentions ?confidence ?missing ?flag ?double WHERE {
          ?org rdfs:label "CSTO" ; rdfs:label ?label ; kg:mentionCount ?mentions .
          ?st rdf:object ?org ; rdf:subject ?m ; kg:edgeConfidence ?confidence .
          ?m rdfs:label "Russia" .
          OPTIONAL { ?org kg:rule ?missing }
          BIND(true AS ?flag)
          BIND(1.5e0 AS ?double)
        }""")

    assert result.rows == [("CSTO", 2, 0.9, None, True, 1.5)]
    assert [type(value) for value in result.rows[0]] == [str, int, float, type(None), bool, float]


def test_iris_are_strings_and_prefixes_are_predeclared(store):
    result = run_query(store, "SELECT ?s WHERE { ?s owl:sameAs wd:Q159 }")

    assert result.rows == [(entity_iri("country", "Russia"),)]


def test_a_declared_prefix_overrides_the_default(store):
    result = run_query(store, "PREFIX kg: <http://example.org/> SELECT ?s WHERE { ?s kg:memberOf ?o }")

    assert result.rows == []


def test_confidence_threshold_in_oxigraph_and_rdflib(graph, store):
    by_oxigraph = run_query(store, CONFIDENT_FACTS).rows
    prefixes = "PREFIX kg: <https://w3id.org/kgraph/ontology#>\n" \
               "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    by_rdflib = sorted(tuple(str(term) for term in row) for row in to_rdf(graph).query(prefixes + CONFIDENT_FACTS))

    assert sorted(by_oxigraph) == by_rdflib
    predicates = [row[1].rsplit("#", 1)[1] for row in by_oxigraph]
    assert sorted(predicates) == sorted(["memberOf"] * 7 + ["deployedTo", "presidentOf"])


@pytest.mark.parametrize("extension", [".ttl", ".nt", ".jsonld", ".trig", ".nq", ".rdf"])
def test_load_store_reads_every_rdf_format(tmp_path, graph, store, extension):
    path = tmp_path / f"graph{extension}"
    write_graph(graph, path)

    loaded = load_store(path)
    default = set(loaded.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    # the default graph holds every triple (TriG and N-Quads: the union of their graphs)
    assert len(default) == len(store)
    assert members(loaded, "csto").rows == members(store, "csto").rows


def test_load_store_merges_several_files_and_accepts_networkx(tmp_path, graph, store):
    first, second = tmp_path / "a.ttl", tmp_path / "b.nt"
    write_graph(graph, first)
    write_graph(graph, second)

    assert len(load_store([first, str(second)])) == len(store)
    assert len(load_store(graph)) == len(store)


def test_load_store_errors(tmp_path):
    with pytest.raises(UnknownFormatError, match=r"\.ttl"):
        load_store(tmp_path / "graph.csv")
    with pytest.raises(InputError, match="cannot read"):
        load_store(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="broken.ttl"):
        load_store(broken)


def test_format_table_aligns_columns_and_escapes_newlines():
    result = QueryResult(["name", "n"], [("Russia", 1), ("line\nbreak", None), ("北京", 2.5)])
    lines = format_table(result).splitlines()

    assert lines == [
        "name         n",
        "-----------  ---",
        "Russia       1",
        "line\\nbreak",
        "北京         2.5",
        "(3 rows)",
    ]


def test_to_csv_and_to_json_use_the_sparql_results_formats(store):
    result = run_query(store, """
        SELECT ?member ?label ?mentions ?missing WHERE {
          ?member owl:sameAs wd:Q159 ; rdfs:label ?label ; kg:mentionCount ?mentions .
          OPTIONAL { ?member kg:rule ?missing }
        }""")

    rows = list(csv.reader(io.StringIO(to_csv(result))))
    assert rows == [["member", "label", "mentions", "missing"], [entity_iri("country", "Russia"), "Russia", "2", ""]]

    document = json.loads(to_json(result))
    assert document["head"] == {"vars": ["member", "label", "mentions", "missing"]}
    assert document["results"]["bindings"] == [{
        "member": {"type": "uri", "value": entity_iri("country", "Russia")},
        "label": {"type": "literal", "value": "Russia"},
        "mentions": {"type": "literal", "value": "2", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
    }]
    parsed = ox.parse_query_results(to_json(result), ox.QueryResultsFormat.JSON)
    assert [list(solution) for solution in parsed] == [list(row) for row in result.terms]


def test_ask_and_construct(store):
    ask = run_query(store, "ASK { ?s kg:memberOf ?o }")
    assert ask.boolean is True
    assert json.loads(to_json(ask)) == {"head": {}, "boolean": True}
    assert format_table(ask) == "true"
    assert to_csv(ask) == "boolean\r\ntrue\r\n"

    construct = run_query(store, "CONSTRUCT { ?s kg:hasMember ?o } WHERE { ?o kg:memberOf ?s }")
    assert construct.variables == ["subject", "predicate", "object"]
    assert len(construct.rows) == 8
