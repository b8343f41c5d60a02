"""SPARQL: the example queries, the in-process engines (rdflib, Oxigraph), the endpoint and the example pages."""
