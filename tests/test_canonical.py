"""Canonical Turtle: committed files are in it, and a file out of it is caught and fixed."""

from __future__ import annotations

import shutil

from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import FIXTURES, ONTOLOGY
from mcglossary.data.canonical_turtle import canonical_text, format_files, unformatted


def test_committed_files_are_canonical():
    assert unformatted(ONTOLOGY) == []


def test_unformatted_file_is_caught_and_formatting_keeps_its_meaning(tmp_path):
    folder = tmp_path / "ontology"
    shutil.copytree(FIXTURES / "base", folder)
    before = Graph().parse(folder / "glossary.ttl")
    assert unformatted(folder) == [folder / "glossary.ttl"]
    assert format_files(folder) == [folder / "glossary.ttl"]
    assert unformatted(folder) == []
    assert isomorphic(before, Graph().parse(folder / "glossary.ttl"))
    assert canonical_text(folder / "glossary.ttl") == (folder / "glossary.ttl").read_text()
