"""The query page's build side (sparql/query_editor.py): the vendored browser code, the label map the table reads,
the "Edit and run" links, and the slug the page keeps for itself. The page in Chromium: test_query_page.py."""

from __future__ import annotations

import json
import shutil
from urllib.parse import unquote

import pytest

from conftest import ROOT, make_ontology, make_project
from mcglossary.data.report import OntologyError
from mcglossary.pipeline import BuildError, Checked, SiteBuild, build_project, check, load_checked
from mcglossary.sparql.query import load_examples
from mcglossary.sparql.query_editor import (
    ASSETS,
    RUN,
    VENDOR,
    VENDORED,
    VendorMissing,
    run_link,
    vendored_files,
)


@pytest.fixture(scope="module")
def site_files(ontology) -> dict[str, bytes]:
    return dict(SiteBuild(Checked(ontology, check(ontology)), ROOT).files())


def test_the_build_ships_the_vendored_code_and_ours(site_files):
    for name in (*VENDORED, "query-page.js", "query-worker.js"):
        assert site_files[ASSETS + name], name
    assert site_files[ASSETS + "oxigraph/web_bg.wasm"][:4] == b"\0asm"
    assert b"oxigraph" in site_files[ASSETS + "LICENSES.txt"]


def test_the_versions_are_the_lockfiles(site_files):
    lock = json.loads((ROOT / "scripts" / "web" / "package-lock.json").read_text(encoding="utf-8"))
    pinned = json.loads((ROOT / "scripts" / "web" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert all(version[0].isdigit() for version in pinned.values())  # exact versions, no ranges
    assert lock["packages"]["node_modules/oxigraph"]["version"] == pinned["oxigraph"]
    installed = json.loads((VENDOR.parent / "node_modules" / "oxigraph" / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned["oxigraph"]


def test_the_label_map_follows_the_example_tables(site_files, ontology):
    labels = json.loads(site_files[RUN + "labels.json"])
    label, path, kind = labels["pages"]["https://w3id.org/microcredential-glossary/term/microcredential"]
    assert (label, path, kind) == ("Microcredential", "term/microcredential/", "term")
    assert labels["prefixes"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert labels["vocabularies"]["https://purl.org/ctdl/terms/"] == "ceterms"


def test_a_missing_set_up_is_said_plainly(tmp_path):
    with pytest.raises(VendorMissing, match=r"run `bash scripts/setup-env.sh`"):
        vendored_files(tmp_path)


def test_edit_and_run_links_carry_the_whole_query(built_site):
    for example in load_examples(ROOT / "ontology" / "queries"):
        link = run_link(example.text)
        assert unquote(link.removeprefix("#query=")) == example.text
        for page, to_run in ((f"sparql/{example.slug}/", "../run/"), (f"query/{example.slug}/", "../../sparql/run/")):
            html = (built_site / page / "index.html").read_text(encoding="utf-8")
            assert f'class="md-button mcg-edit-run" href="{to_run}{link}"' in html, page


def test_no_example_may_take_the_query_pages_slug(tmp_path):
    folder = make_ontology(tmp_path)
    (folder / "queries").mkdir()
    shutil.copy(ROOT / "ontology" / "queries" / "all-terms.rq", folder / "queries" / "run.rq")
    with pytest.raises(OntologyError) as caught:
        load_checked(folder)
    assert [f.message for f in caught.value.report.violations] == [
        "an example may not be named run.rq: sparql/run/ is the query page"
    ]


def test_mcg_build_without_the_set_up_fails_with_one_plain_line(tmp_path, monkeypatch):
    from mcglossary.sparql import query_editor

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    monkeypatch.setattr(query_editor, "VENDOR", tmp_path / "not-set-up")
    with pytest.raises(BuildError, match=r"query page's browser code is missing .*run `bash scripts/setup-env.sh`"):
        build_project(project / "mkdocs.yml", project / "ontology", project / "site", project / "dist")
    assert not (project / "site").exists()
