"""Shared fixtures: the real ontology, loaded once, and throwaway copies of small ontologies for fault tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mcglossary.data.load import Ontology, load

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed-page.txt"  # a copy of shared/seeds/000_b3029fed5de8cc6e.txt, the page we started from


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load(ONTOLOGY)


@pytest.fixture(scope="session")
def endpoint(ontology):
    """`mcg serve`'s endpoint over the real glossary, on a port of the system's choosing, for the whole session."""
    from mcglossary.sparql.endpoint import running_endpoint

    with running_endpoint(ontology.data, "127.0.0.1", 0) as served:
        yield served


def make_ontology(folder: Path, *extra: Path) -> Path:
    """A copy of the minimal base fixture plus the real shapes and the given extra files, under `folder`."""
    target = folder / "ontology"
    shutil.copytree(FIXTURES / "base", target)
    shutil.copy(ONTOLOGY / "shapes.ttl", target / "shapes.ttl")
    for path in extra:
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real glossary's site, built once for the session with `mkdocs build`."""
    from sitekit import build_site

    site = tmp_path_factory.mktemp("site") / "site"
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def make_project(folder: Path, *extra: Path) -> Path:
    """A throwaway copy of the project's site configuration over the base fixture ontology plus `extra` files."""
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    make_ontology(folder, *extra)
    return folder


@pytest.fixture(scope="session")
def markup_site(tmp_path_factory) -> Path:
    """A site built from the base fixture plus a term whose label and definition are full of markup."""
    from sitekit import build_site

    project = make_project(tmp_path_factory.mktemp("markup"), FIXTURES / "escaping" / "markup-in-labels.ttl")
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# each alternative term of the seed page, and the term it must find (search tests, in Python and in Chromium)
SEED_ALTERNATIVE_TERMS = [
    ("nanodegree", "term/microcredential/"),
    ("micromasters", "term/microcredential/"),
    ("microdegree", "term/microcredential/"),
    ("micro-credential", "term/microcredential/"),
    ("non-degree offering", "term/non-degree-offering/"),
    ("short-term program", "term/short-learning-programme/"),
    ("alternative credential", "term/alternative-credential/"),
]


def make_synthetic(folder: Path, terms: int) -> Path:
    """A synthetic glossary of `terms` terms shaped like ours (the benchmark's generator); returns its ontology/."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import bench_build
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    bench_build.generate(folder, terms)
    return folder / "ontology"
