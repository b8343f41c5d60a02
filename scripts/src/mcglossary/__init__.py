"""Microcredential Glossary: load, validate, model, export and publish a linked-data glossary."""

__version__ = "0.1.0"
