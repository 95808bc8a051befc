"""Benchmark (d): SPARQL latency on 100k and 1M triples, rdflib in memory vs pyoxigraph (memory and disk).

Usage:
    python benchmarks/bench_query.py [--sizes 100000 1000000] [--repeat 30]

The synthetic store follows kgraph's ontology: countries, people and organisations
with labels, types and aliases, memberOf / presidentOf / deployedTo edges, and one
reified statement with evidence per edge (the bulk of a real kgraph store). The CSTO
has six members. Two queries are timed (median of ``--repeat`` runs after a warm-up):
the CSTO members (by the organisation's name, as ``kgraph members CSTO`` asks) and a
2-hop query (presidents of the CSTO's member states).

``--kgraph-store DIR`` times the same two questions on a store built by
``kgraph build ... --store DIR`` instead (e.g. by ``bench_memory.py --store``): the
CSTO members through ``GraphStore.members("CSTO")``, as ``kgraph members CSTO --store``
asks them, with every label and alias of the organisation tried.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

import pyoxigraph as ox
import rdflib

KG = "https://w3id.org/kgraph/ontology#"
ID = "https://w3id.org/kgraph/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
MEMBERS = PREFIXES + """SELECT DISTINCT ?label WHERE {
  ?organisation skos:altLabel "CSTO" .
  ?member kg:memberOf ?organisation ; rdfs:label ?label .
} ORDER BY ?label"""
TWO_HOP = PREFIXES + """SELECT ?person ?country WHERE {
  ?country kg:memberOf ?organisation .
  ?organisation skos:altLabel "CSTO" .
  ?person kg:presidentOf ?country .
}"""
CSTO_MEMBERS = ("armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia", "tajikistan")


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str) -> str:
    return '"' + value.replace('"', '\\"') + '"'


def ntriples(target: int) -> str:
    """At least ``target`` distinct triples in N-Triples, shaped like a kgraph store."""
    lines: dict[str, None] = {}  # distinct triples, in order
    add = lambda s, p, o: lines.setdefault(f"{s} {p} {o} .")  # noqa: E731
    csto = _iri(ID + "alliance/csto")
    add(csto, _iri(RDF_TYPE), _iri(KG + "Alliance"))
    add(csto, _iri(LABEL), _lit("Collective Security Treaty Organization"))
    add(csto, _iri(ALT), _lit("CSTO"))
    for key in CSTO_MEMBERS:
        country = _iri(ID + "country/" + key)
        add(country, _iri(RDF_TYPE), _iri(KG + "Country"))
        add(country, _iri(LABEL), _lit(key.title()))
        add(country, _iri(KG + "memberOf"), csto)
        add(_iri(ID + "person/president-" + key), _iri(KG + "presidentOf"), country)
    i = 0
    while len(lines) < target:
        country = _iri(f"{ID}country/c{i % 5000}")
        org = _iri(f"{ID}organization/o{i % 500}")
        person = _iri(f"{ID}person/p{i}")
        statement = _iri(f"{ID}statement/s{i}")
        add(person, _iri(RDF_TYPE), _iri(KG + "Person"))
        add(person, _iri(LABEL), _lit(f"Person {i}"))
        add(country, _iri(LABEL), _lit(f"Country {i % 5000}"))
        add(org, _iri(ALT), _lit(f"ORG{i % 500}"))
        add(country, _iri(KG + "memberOf"), org)
        add(person, _iri(KG + ("presidentOf" if i % 3 == 0 else "ministerOf")), country)
        add(statement, _iri(RDF_TYPE), _iri(KG + "Statement"))
        add(statement, _iri(KG + "subject"), person)
        add(statement, _iri(KG + "object"), country)
        add(statement, _iri(KG + "sentence"), _lit(f"Person {i} is the president of Country {i % 5000}."))
        i += 1
    return "\n".join(lines) + "\n"


def median_ms(run, repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench(size: int, repeat: int) -> None:
    data = ntriples(size)
    graph = rdflib.Graph()
    started = time.perf_counter()
    graph.parse(data=data, format="nt")
    rdflib_load = time.perf_counter() - started
    memory = ox.Store()
    memory.bulk_load(data.encode(), ox.RdfFormat.N_TRIPLES)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        disk = ox.Store(tmp)
        disk.bulk_load(data.encode(), ox.RdfFormat.N_TRIPLES)
        disk.flush()
        disk_load = time.perf_counter() - started
        del disk
        disk = ox.Store(tmp)  # reopened: queries read what is on disk
        print(f"{len(graph)} triples (load: rdflib {rdflib_load:.1f} s, pyoxigraph on disk {disk_load:.1f} s)")
        for name, sparql in (("CSTO members", MEMBERS), ("2-hop", TWO_HOP)):
            answers = {len(list(graph.query(sparql))), len(list(memory.query(sparql))), len(list(disk.query(sparql)))}
            assert answers == {6}, answers
            print(f"  {name:13s} rdflib {median_ms(lambda: list(graph.query(sparql)), repeat):9.2f} ms"
                  f"   pyoxigraph memory {median_ms(lambda: list(memory.query(sparql)), repeat):7.2f} ms"
                  f"   pyoxigraph disk {median_ms(lambda: list(disk.query(sparql)), repeat):7.2f} ms")
        del disk


STORE_TWO_HOP = """SELECT DISTINCT ?person ?country WHERE {
  ?organisation skos:altLabel "CSTO" .
  ?member kg:memberOf ?organisation ; rdfs:label ?country .
  ?president kg:presidentOf ?member ; rdfs:label ?person .
}"""


def bench_kgraph_store(path: str, repeat: int) -> None:
    from kgraph.store import GraphStore

    with GraphStore(path, read_only=True) as store:
        counts = store.counts()
        triples = len(list(store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())))
        print(f"kgraph store {path}: {counts['documents']} documents, {triples} triples in its default graph "
              f"({len(store.oxigraph)} quads with the document graphs)")
        members = [row[0] for row in store.members("CSTO").rows]
        presidents = store.query(STORE_TWO_HOP).rows
        print(f"  CSTO members ({len(members)}): {', '.join(members)}; 2-hop rows: {len(presidents)}")
        print(f"  CSTO members  {median_ms(lambda: store.members('CSTO'), repeat):7.2f} ms"
              f"   2-hop {median_ms(lambda: store.query(STORE_TWO_HOP), repeat):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--kgraph-store", metavar="DIR", help="time the queries on this kgraph store instead")
    args = parser.parse_args()
    if args.kgraph_store:
        bench_kgraph_store(args.kgraph_store, args.repeat)
        return
    for size in args.sizes:
        bench(size, args.repeat)


if __name__ == "__main__":
    main()
