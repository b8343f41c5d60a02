"""`mcg build` and `mcg export` write only into folders that are theirs: never the project, its sources, a home
folder or a folder of someone else's files; and an IRI can never place a file outside the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, make_project
from mcglossary.adapters.material import END_OF_LIFE_NOTICE
from mcglossary.data.output_folders import MARKER, UnsafeOutput, inside


def mcg(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mcglossary.cli", *args], cwd=project, capture_output=True, text=True)


def snapshot(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def assert_refused(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], result.stderr
    assert "built " not in result.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = make_project(tmp_path_factory.mktemp("guard"))
    (folder / ".git").mkdir()  # a repository, as a checkout would be
    (folder / "ontology" / "uncommitted.ttl").write_text("# work in progress\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["build", "--site", "."], "refusing to build into the project, the current or a home folder, or /"),
        (["build", "--site", "{project}"], "refusing to build into the project"),
        (["build", "--site", "docs"], "the folder is inside the project's docs/ folder"),
        (["build", "--dist", "ontology"], "the folder is inside the project's ontology/ folder"),
        (["build", "--site", "ontology/terms/x"], "inside the project's ontology/ folder"),
        (["build", "--site", "tests"], "inside the project's tests/ folder"),
        (["build", "--site", "/"], "refusing to build into the project, the current or a home folder, or /"),
        (["build", "--site", "{home}"], "a home folder"),
        (["build", "--site", ".."], "the folder holds the project"),
        (["build", "--site", "notes"], "the folder is not empty and was not written by mcg"),
        (["build", "--site", "checkout"], "the folder holds a repository or the project's sources"),
        (["build", "--site", "out", "--dist", "out/dist"], "the two outputs must be separate folders"),
        (["build", "--site", "same", "--dist", "same"], "the two outputs must be separate folders"),
        (["build", "--site", "mkdocs.yml"], "this is a file, not a folder"),
        (["export", "--out", "docs"], "inside the project's docs/ folder"),
        (["export", "--out", "notes"], "was not written by mcg"),
    ],
)
def test_an_output_folder_that_is_not_ours_is_refused_and_nothing_changes(project, args, fragment):
    (project / "notes").mkdir(exist_ok=True)
    (project / "notes" / "mine.txt").write_text("a user's own file\n", encoding="utf-8")
    (project / "checkout" / ".git").mkdir(parents=True, exist_ok=True)
    (project / "checkout" / MARKER).write_text("", encoding="utf-8")  # even marked: a repository is never replaced
    args = [a.format(project=project, home=Path.home()) for a in args]
    before = snapshot(project)
    assert_refused(mcg(project, *args), fragment)
    assert snapshot(project) == before


def test_the_default_folders_keep_working_and_are_marked(tmp_path):
    project = make_project(tmp_path)
    for _ in range(2):  # the second build replaces what the first one wrote
        result = mcg(project, "build", "--dist", "dist")
        assert result.returncode == 0, result.stdout + result.stderr
        # no warning either (rdflib's for dcat:version, once): only the end-of-life notice every build prints
        assert result.stderr == END_OF_LIFE_NOTICE + "\n", result.stderr
    assert (project / "site" / MARKER).is_file()
    assert (project / "dist" / MARKER).is_file()
    assert (project / "site" / "term" / "badge" / "index.html").is_file()
    exported = mcg(project, "export", "--out", "dist")  # the build's downloads folder is export's to rewrite too
    assert exported.returncode == 0, exported.stderr


def test_an_empty_folder_is_accepted(tmp_path):
    project = make_project(tmp_path)
    (project / "public").mkdir()
    result = mcg(project, "build", "--site", "public", "--dist", "downloads")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "public" / "index.html").is_file()


def test_an_iri_that_climbs_out_fails_validation_and_writes_nothing_outside(tmp_path):
    project = (
        make_project(tmp_path / "p", FIXTURES / "faults" / "iri-path-traversal.ttl")
        if ((tmp_path / "p").mkdir() or True)
        else None
    )
    outside = Path("/tmp/x")
    existed = outside.exists()
    result = mcg(project, "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[unsafe-iri] Escape" in result.stderr
    assert outside.exists() == existed
    assert not (project / "site").exists()


def test_inside_refuses_every_way_out(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "link").symlink_to(tmp_path)
    assert inside(site, "term/x/index.ttl") == (site / "term/x/index.ttl").resolve()
    for way_out in ("../x", "term/../../x", "/etc/passwd", "link/escaped.ttl", "", "."):
        with pytest.raises(UnsafeOutput):
            inside(site, way_out)
    assert not os.path.exists(tmp_path / "x")
