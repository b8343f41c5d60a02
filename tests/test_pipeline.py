"""The one pipeline: load → validate → model → render → write, and how `mcg build` hands its ontology to mkdocs."""

from __future__ import annotations

import gc
import shutil

import pytest

from conftest import FIXTURES, ROOT, make_ontology
from mcglossary.data.export import FORMAT_BY_EXTENSION, DatasetFiles
from mcglossary.data.report import OntologyError
from mcglossary.pipeline import Checked, SiteBuild, check, handing, load_checked, prepare


def test_a_violation_stops_the_pipeline_after_validation(tmp_path):
    folder = make_ontology(tmp_path, FIXTURES / "faults" / "broader-cycle.ttl")
    with pytest.raises(OntologyError) as caught:
        load_checked(folder)
    assert caught.value.exit_code == 1
    assert "broader-cycle" in {finding.rule for finding in caught.value.report.violations}


def test_a_broken_example_query_stops_it_too(tmp_path):
    folder = make_ontology(tmp_path)
    (folder / "queries").mkdir()
    shutil.copy(FIXTURES / "faults" / "broken-query.rq", folder / "queries" / "broken-query.rq")
    with pytest.raises(OntologyError) as caught:
        load_checked(folder)
    assert [finding.rule for finding in caught.value.report.violations] == ["query"]


def test_an_unreadable_folder_is_exit_code_two(tmp_path):
    with pytest.raises(OntologyError) as caught:
        prepare(tmp_path / "missing", tmp_path)
    assert caught.value.exit_code == 2


def test_within_handing_prepare_builds_what_it_is_given_and_loads_nothing(tmp_path, ontology):
    checked = Checked(ontology, check(ontology))
    dataset = DatasetFiles(ontology.data)
    try:
        with handing(checked, dataset):
            site = prepare(tmp_path / "missing", ROOT)  # the folder does not exist: nothing is read from it
    finally:
        gc.unfreeze()
    assert site.ontology is ontology and site.report is checked.report and site.dataset is dataset
    with pytest.raises(OntologyError):  # the hand-over ends with the block
        prepare(tmp_path / "missing", ROOT)


def test_the_site_holds_every_page_and_writes_each_resources_files_inside_the_site(tmp_path, ontology):
    site = SiteBuild(Checked(ontology, check(ontology)), ROOT)
    paths = {page.path for page in site.pages}
    assert {"", "terms/", "sparql/", "quality/", "versions/", "term/microcredential/"} <= paths
    assert site.to_build == {page.src_uri: page for page in site.pages}
    files = dict(site.files())
    assert {".htaccess", "downloads/shapes.ttl", "assets/glossary.js", "search/glossary/manifest.json"} <= set(files)
    site.write(tmp_path)
    assert (tmp_path / "term" / "microcredential" / "index.ttl").is_file()
    nt = FORMAT_BY_EXTENSION["nt"]
    assert (tmp_path / "downloads" / "microcredential-glossary.nt").read_bytes() == site.dataset[nt]
