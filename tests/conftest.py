"""Shared fixtures: the real ontology, loaded once, and throwaway copies of small ontologies for fault tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mcglossary.load import Ontology, load

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed-page.txt"  # a copy of shared/seeds/000_b3029fed5de8cc6e.txt, the page we started from


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load(ONTOLOGY)


def make_ontology(folder: Path, *extra: Path) -> Path:
    """A copy of the minimal base fixture plus the real shapes and the given extra files, under `folder`."""
    target = folder / "ontology"
    shutil.copytree(FIXTURES / "base", target)
    shutil.copy(ONTOLOGY / "shapes.ttl", target / "shapes.ttl")
    for path in extra:
        shutil.copy(path, target / path.name)
    return target
