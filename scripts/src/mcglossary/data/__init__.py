"""The data layer: read the ontology into one graph, validate it, keep its files canonical, serialise it.

Nothing here knows about pages, mkdocs or SPARQL examples.
"""
