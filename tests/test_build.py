"""`mcg build`: atomic (a failed build leaves the previous site/ and dist/ byte for byte) and reproducible (two
builds of the same project, at two places, give the same bytes)."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from conftest import FIXTURES, make_project
from mcglossary.data.output_folders import MARKER

TERM = "https://w3id.org/microcredential-glossary/term/"


def mcg_build(project: Path, *args: str, seed: str = "0") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = seed  # different seeds shake out any dependence on set or dict order
    return subprocess.run(
        [sys.executable, "-m", "mcglossary.cli", "build", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> sha256 of its bytes)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site.", ".dist.", ".mcg-build-")))


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    project = make_project(tmp_path)
    first = mcg_build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (project / "site" / "term" / "badge" / "index.html").is_file()
    assert (project / "dist" / "microcredential-glossary.ttl").is_file()
    site_before, dist_before = tree_hashes(project / "site"), tree_hashes(project / "dist")

    # stage 1 fails: the data does not validate
    shutil.copy(FIXTURES / "faults" / "broader-cycle.ttl", project / "ontology")
    broken = mcg_build(project)
    assert broken.returncode == 1
    assert f"[broader-cycle] Alpha <{TERM}alpha>: skos:broader goes round in a cycle" in broken.stderr
    assert "Traceback" not in broken.stdout + broken.stderr
    assert tree_hashes(project / "site") == site_before
    assert tree_hashes(project / "dist") == dist_before
    assert leftovers(project) == []

    # the last stage fails: the data is fine again but a hand-written page breaks mkdocs' strict build
    (project / "ontology" / "broader-cycle.ttl").unlink()
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [nothing](no-such-page.md).\n", encoding="utf-8")
    failed = mcg_build(project)
    assert failed.returncode == 3
    assert "the site build (mkdocs) failed" in failed.stderr
    assert "no-such-page.md" in failed.stderr
    assert tree_hashes(project / "site") == site_before
    assert tree_hashes(project / "dist") == dist_before
    assert leftovers(project) == []
    # and the kept site still checks out
    links = subprocess.run(
        [sys.executable, "-m", "mcglossary.cli", "linkcheck", "site"], cwd=project, capture_output=True, text=True
    )
    assert links.returncode == 0, links.stdout
    assert " internal links checked, 0 broken, " in links.stdout


def test_a_good_build_replaces_the_site_whole(tmp_path):
    project = make_project(tmp_path)
    stale = project / "site" / "stale.html"
    stale.parent.mkdir()
    stale.write_text("from an older build", encoding="utf-8")
    (project / "site" / MARKER).write_text("", encoding="utf-8")  # the older build was ours
    result = mcg_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not stale.exists()
    assert (project / "site" / "index.html").is_file()
    assert leftovers(project) == []
    assert oct((project / "site").stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def test_two_builds_are_byte_for_byte_identical(tmp_path):
    (tmp_path / "one").mkdir()
    one = make_project(tmp_path / "one")
    # an old modification date, so the test would see the build date leaking in (mkdocs writes it to sitemap.xml)
    glossary = one / "ontology" / "glossary.ttl"
    text = glossary.read_text(encoding="utf-8")
    assert text.count('dcterms:modified "2026-11-28"^^xsd:date ;\n    owl:versionIRI') == 1
    glossary.write_text(
        text.replace(
            'dcterms:modified "2026-11-28"^^xsd:date ;\n    owl:versionIRI',
            'dcterms:modified "2020-01-02"^^xsd:date ;\n    owl:versionIRI',
        ),
        encoding="utf-8",
    )
    two = tmp_path / "elsewhere" / "two"
    shutil.copytree(one, two)  # the same project at another path: no machine path may leak into the output
    first = mcg_build(one, "--site", str(tmp_path / "site-a"), "--dist", str(tmp_path / "dist-a"), seed="1")
    second = mcg_build(two, "--site", str(tmp_path / "site-b"), "--dist", str(tmp_path / "dist-b"), seed="2")
    assert first.returncode == 0, first.stdout + first.stderr
    assert second.returncode == 0, second.stdout + second.stderr
    a, b = tree_hashes(tmp_path / "site-a"), tree_hashes(tmp_path / "site-b")
    assert len(a) > 50
    assert a == b
    assert tree_hashes(tmp_path / "dist-a") == tree_hashes(tmp_path / "dist-b")
    for path in (tmp_path / "site-a").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ttl", ".jsonld", ".js"):
            text = path.read_text(encoding="utf-8")
            assert str(tmp_path) not in text and "/tmp/" not in text, path

    sitemap = (tmp_path / "site-a" / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2020-01-02"}
    raw = (tmp_path / "site-a" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(raw[4:8], "little") == int(datetime(2020, 1, 2, tzinfo=UTC).timestamp())  # gzip MTIME
    assert gzip.decompress(raw).decode("utf-8") == sitemap


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_theme_cache_changes_no_byte_of_any_page(tmp_path, built_site):
    """Resource pages reuse theme blocks rendered once per page shape (adapters/material.py); the same site built with
    every page rendering the whole theme must be identical."""
    from conftest import ROOT
    from sitekit import build_site

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - glossary:\n      ontology: ontology\n" in config and "custom_dir: docs/overrides\n" in config
    config = config.replace("docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\n")
    config = config.replace("custom_dir: docs/overrides\n", f"custom_dir: {ROOT / 'docs' / 'overrides'}\n")
    config = config.replace(
        "  - glossary:\n      ontology: ontology\n",
        f"  - glossary:\n      ontology: {ROOT / 'ontology'}\n      theme_cache: false\n",
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build_site(tmp_path, tmp_path / "site", tmp_path / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    cached = {path: digest for path, digest in tree_hashes(built_site).items() if path.endswith(".html")}
    uncached = {path: digest for path, digest in tree_hashes(tmp_path / "site").items() if path.endswith(".html")}
    assert len(cached) > 100 and any(path.startswith("term/") for path in cached)
    assert cached == uncached
