"""Canary for adapters/material.py: the parts of Material for MkDocs the glossary leans on are still there. A failure
names what changed: the theme's search worker (its path in the page configuration, its message protocol, the way
the query is read), the theme blocks docs/overrides/main.html caches, the language-alternate links and page meta."""

from __future__ import annotations

import re
from importlib import metadata, resources
from pathlib import Path

import material

from mcglossary.adapters.material import MATERIAL_WORKER, TESTED_WITH, THEME_BLOCKS, with_search_worker

THEME = Path(material.__file__).parent / "templates"
OVERRIDE = Path(__file__).resolve().parent.parent / "docs" / "overrides" / "main.html"


def bundle() -> str:
    (path,) = (THEME / "assets" / "javascripts").glob("bundle.*.min.js")
    return path.read_text(encoding="utf-8")


def test_material_is_the_release_the_adapter_was_written_for():
    installed = metadata.version("mkdocs-material")
    assert installed == TESTED_WITH, (
        f"Material for MkDocs {installed} is installed; adapters/material.py was written for {TESTED_WITH}: check "
        "the other tests here, then update TESTED_WITH (and README.md, section Platform)"
    )


def test_the_theme_still_names_its_search_worker_where_the_glossary_replaces_it():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    named = re.search(r'"search":\s*"([^"]+)"\s*\|\s*url', base)
    assert named, 'base.html no longer names the search worker in its configuration as "search": "..." | url'
    assert MATERIAL_WORKER.fullmatch(named.group(1)), f"the worker's path changed shape: {named.group(1)}"
    assert (THEME / named.group(1)).is_file()
    page = f'<script id="__config">{{"search": "../{named.group(1)}"}}</script>'
    assert with_search_worker(page, "assets/glossary-search.js") == (
        '<script id="__config">{"search": "../assets/glossary-search.js"}</script>'
    )


def test_the_worker_protocol_is_the_one_glossary_search_js_speaks():
    worker = resources.files("mcglossary.site").joinpath("assets", "glossary-search.js").read_text(encoding="utf-8")
    ours = dict(re.findall(r"(SETUP|READY|QUERY|RESULT) = (\d)", worker))
    assert ours == {"SETUP": "0", "READY": "1", "QUERY": "2", "RESULT": "3"}
    code = bundle()
    assert "type:0,data:{config:" in code, "the theme no longer sends SETUP (type 0) with {config, docs, options}"
    assert "type:2,data:" in code, "the theme no longer sends each query as QUERY (type 2)"
    assert "e.type===1}" in code and "e.type===3}" in code, "the theme no longer waits for READY (1) and RESULT (3)"


def test_the_theme_reads_the_query_on_keyup_which_glossary_js_also_sends_on_input():
    assert re.search(r'\w\(\w,"keyup"\)', bundle()), (
        "the theme no longer reads the search query on keyup; glossary.js sends a keyup after every input event "
        "(paste, autofill, dictation) so that no query is dropped: check how the theme reads it now"
    )


def test_the_theme_still_takes_rel_alternate_links_for_language_versions_as_the_head_script_expects():
    assert 'M("link[rel=alternate]")' in bundle(), (
        "the theme selects alternate links differently: ALTERNATE_LINKS_FIX (rel='alternate describedby') may no "
        "longer keep it off the RDF links"
    )


def test_every_block_the_override_caches_is_a_block_of_the_theme():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    overridden = set(re.findall(r"\{% block (\w+) %\}", OVERRIDE.read_text(encoding="utf-8")))
    assert set(THEME_BLOCKS) <= overridden
    for block in overridden:
        assert re.search(rf"{{% block {block} %}}", base), f"Material's base.html has no block {block} any more"


def test_the_search_plugin_still_reads_search_exclude_from_page_meta():
    plugin = (Path(material.__file__).parent / "plugins" / "search" / "plugin.py").read_text(encoding="utf-8")
    assert 'search.get("exclude")' in plugin, "Material's search plugin no longer reads `search: exclude` meta"
