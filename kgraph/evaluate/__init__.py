"""Evaluation: precision, recall and F1 of the extracted relations against gold annotations (``kgraph eval``).

- :mod:`kgraph.evaluate.gold`: reads gold files and scores a pipeline on them.

Nothing is imported here; import the module you need.
"""
