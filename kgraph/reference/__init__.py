"""Reference data: the countries, cities, regions, organisations and outlets kgraph links to.

- :mod:`kgraph.reference.tables`: reads and checks the reference CSV tables
  (``ontologies/reference/``, installed as ``kgraph.ontologies.reference``).
- :mod:`kgraph.reference.entities`: entity records (:class:`~kgraph.types.EntityRef`)
  made from reference entries, people and unlinked organisations.

Nothing is imported here; import the module you need.
"""
