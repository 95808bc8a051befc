"""IRIs of kgraph: the ``kg:`` ontology terms and the minting of resource IRIs.

Every term declared in ``ontologies/kgraph.ttl`` is listed in :class:`KG`; asking for any
other term raises :class:`AttributeError`, so a typo cannot silently produce a new IRI.
Resource IRIs (entities, documents, statements) live under :data:`KGR` and are minted by
:func:`entity_iri`, :func:`document_iri` and :func:`statement_iri` (defined in
:mod:`kgraph.rdf.iris`, which needs no rdflib), which turn ANY string
into a valid IRI.

This module deliberately does not use ``from __future__ import annotations``: rdflib's
:class:`~rdflib.namespace.DefinedNamespace` reads the class annotations at run time
(``KG.as_jsonld_context`` checks that each one is :class:`~rdflib.term.URIRef`).
"""

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import ORG, DefinedNamespace

from kgraph.rdf.iris import RESOURCE_BASE, document_iri, entity_iri, statement_iri

__all__ = [
    "KG",
    "KGR",
    "PREFIXES",
    "WD",
    "WDT",
    "document_iri",
    "entity_iri",
    "statement_iri",
]


class KG(DefinedNamespace):
    """The kgraph ontology, ``https://w3id.org/kgraph/ontology#`` (prefix ``kg:``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kgraph/ontology#")

    # Classes
    Country: URIRef  # A sovereign state or similar country-level polity.
    Person: URIRef  # A human being.
    Organization: URIRef  # An organisation: party, company, international body, ...
    Alliance: URIRef  # A political or military alliance (a kind of Organization).
    City: URIRef  # A city or other populated place.
    Region: URIRef  # A region inside a country (province, oblast, state) or a named conflict region.
    ArmedForce: URIRef  # A military force, service branch or armed group.
    Document: URIRef  # A source document (news article) that evidence comes from.
    RelationStatement: URIRef  # One extracted relation as stated by one evidence item.
    Status: URIRef  # How a text states a relation (asserted, negated, hedged, ...).

    # Individuals of kg:Status
    asserted: URIRef  # The text states the relation as a current fact.
    negated: URIRef  # The text denies the relation.
    hedged: URIRef  # The text reports the relation with uncertainty.
    former: URIRef  # The relation held in the past but no longer.
    planned: URIRef  # The relation is planned, intended or announced for the future.
    disputed: URIRef  # The relation is contested by some party in the text.

    # Relations between entities (asserted facts only) and their inverses
    memberOf: URIRef  # A country or organisation is a member of an organisation.
    hasMember: URIRef  # Inverse of memberOf.
    deployedTo: URIRef  # Forces of a country, organisation or armed force are deployed to a country.
    hostsDeploymentOf: URIRef  # Inverse of deployedTo.
    presidentOf: URIRef  # A person is president of a country.
    hasPresident: URIRef  # Inverse of presidentOf.
    headOfGovernmentOf: URIRef  # A person is head of government (prime minister, ...) of a country.
    hasHeadOfGovernment: URIRef  # Inverse of headOfGovernmentOf.
    ministerOf: URIRef  # A person is a government minister of a country.
    hasMinister: URIRef  # Inverse of ministerOf.
    leaderOf: URIRef  # A person leads an organisation or armed force.
    hasLeader: URIRef  # Inverse of leaderOf.
    locatedIn: URIRef  # A city is located in a country.
    locationOf: URIRef  # Inverse of locatedIn.

    # Provenance of statements and entity statistics
    status: URIRef  # The kg:Status of a statement.
    confidence: URIRef  # Confidence of one evidence item (xsd:decimal in [0, 1]).
    edgeConfidence: URIRef  # Aggregated confidence of the relation over all its evidence.
    evidenceCount: URIRef  # Number of evidence items supporting the relation.
    inReferenceData: URIRef  # false on an entity known only by a text's name, not in the reference data.
    rule: URIRef  # Name of the extraction rule that found the evidence.
    sentence: URIRef  # The sentence the relation was extracted from.
    startOffset: URIRef  # Character offset where the sentence starts in the document.
    endOffset: URIRef  # Character offset where the sentence ends in the document.
    mentionCount: URIRef  # Number of times an entity is mentioned in the corpus.

    # Persistent store: one named graph per document
    contentHash: URIRef  # SHA-256 of a document's text and metadata as last stored.
    documentMentionCount: URIRef  # Mentions of an entity in the document whose graph holds the triple.


#: Resource namespace: entities, documents and statements.
KGR = Namespace(RESOURCE_BASE)
#: Wikidata entities (``wd:Q159``).
WD = Namespace("http://www.wikidata.org/entity/")
#: Wikidata direct ("truthy") properties (``wdt:P463``).
WDT = Namespace("http://www.wikidata.org/prop/direct/")

#: Prefixes bound in every serialisation and available in every SPARQL query.
PREFIXES = {
    "kg": KG,
    "kgr": KGR,
    "wd": WD,
    "wdt": WDT,
    "prov": PROV,
    "org": ORG,
    "schema": SDO,
    "skos": SKOS,
    "owl": OWL,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}
