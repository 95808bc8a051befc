"""SPARQL endpoints: serving one (``kgraph serve``) and pushing a graph to one (``kgraph push``).

- :mod:`kgraph.endpoint.serve`: runs the Oxigraph server on a store or RDF files.
- :mod:`kgraph.endpoint.front`: the front that checks each query before the server sees it.
- :mod:`kgraph.endpoint.push`: the Graph Store Protocol client of ``kgraph push``.

Nothing is imported here; import the module you need.
"""
