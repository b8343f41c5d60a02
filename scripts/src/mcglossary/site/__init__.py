"""The site layer: the glossary model, its pages and templates, the relational map, search and incremental rebuilds.

Imports the data layer only; nothing here knows about mkdocs (the plugin and the adapters do).
"""
