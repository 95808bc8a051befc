"""Engines: how the per-document job is run, from documents to :class:`~kgraph.types.DocumentResult` records.

- :mod:`kgraph.engine.serial`: one process, documents in order (the building block).
- :mod:`kgraph.engine.parallel`: forked worker processes on one machine (``--workers N``).
- :mod:`kgraph.engine.distributed`: the workers of a Dask cluster (``--engine dask``).
- :mod:`kgraph.engine.run`: the build itself: picks serial or parallel, folds the results
  into the graph or writes them into a persistent store.

Nothing is imported here, so importing one engine does not load the others (or spaCy).
"""
