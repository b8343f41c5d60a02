"""One namespace story: the preferred prefix and namespace the scheme declares are the ones every ontology file, every
download, the README and the Reuse page use."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import VANN

from conftest import ONTOLOGY, ROOT
from mcglossary.data.export import context
from mcglossary.data.namespaces import GLOSSARY, MCG, PREFIXES

_PREFIX_LINE = re.compile(r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


def declared(ontology) -> tuple[str, str]:
    prefix = ontology.data.value(GLOSSARY, VANN.preferredNamespacePrefix)
    return str(prefix), str(ontology.data.value(GLOSSARY, VANN.preferredNamespaceUri))


def bindings(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for prefix, namespace in _PREFIX_LINE.findall(text):
        found.setdefault(prefix, set()).add(namespace)
    return found


def test_the_scheme_declares_the_namespace_of_our_own_terms(ontology) -> None:
    assert declared(ontology) == ("mcg", str(MCG))
    assert str(PREFIXES["mcg"]) == str(MCG)  # what every download binds


def test_every_ontology_file_binds_the_prefix_to_it(ontology) -> None:
    prefix, namespace = declared(ontology)
    files = [p for p in ONTOLOGY.rglob("*.ttl") if "releases" not in p.parts]
    using = 0
    for path in files:
        bound = bindings(path.read_text(encoding="utf-8"))
        assert bound.get(prefix, {namespace}) == {namespace}, path
        assert all(prefix == p for p, spaces in bound.items() if namespace in spaces), path
        using += prefix in bound
    assert using >= 2


def test_every_download_binds_it(built_site: Path, ontology) -> None:
    prefix, namespace = declared(ontology)
    for path in sorted((built_site / "downloads").glob("*.ttl")):
        bound = bindings(path.read_text(encoding="utf-8"))
        assert bound.get(prefix, {namespace}) == {namespace}, path
    assert context()["@context"][prefix] == namespace
    assert json.loads((built_site / "downloads" / "context.jsonld").read_text())["@context"][prefix] == namespace
    assert Graph().parse(built_site / "def" / "index.ttl").namespace_manager.expand_curie(f"{prefix}:Term")


def test_readme_and_reuse_page_say_the_same(ontology) -> None:
    prefix, namespace = declared(ontology)
    for path in (ROOT / "README.md", ROOT / "docs" / "reuse.md"):
        text = path.read_text(encoding="utf-8")
        assert f"preferred prefix is `{prefix}:`" in text, path
        assert namespace in text, path
