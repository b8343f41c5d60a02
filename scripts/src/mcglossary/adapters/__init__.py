"""Adapters: the only modules that touch another library's internals (mkdocs, Material for MkDocs, rdflib).

Each has a canary test that fails loudly, naming what changed, when an upgrade moves the internal it relies on.
"""
