"""Canary for adapters/material.py and assets/material-search.js: the parts of Material for MkDocs the glossary leans
on are still there. A failure names what changed: the theme's search (its worker's path in the page configuration,
its message protocol, the fields of a result item, the search box's markup, the way the query is read), the theme
blocks docs/overrides/main.html caches, the language-alternate links and page meta."""

from __future__ import annotations

import re
from importlib import metadata, resources
from pathlib import Path

import material

from mcglossary.adapters.material import MATERIAL_WORKER, TESTED_WITH, THEME_BLOCKS, with_search_worker
from mcglossary.site.search_index import ENGINE, WORKER

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
    assert with_search_worker(page, f"assets/{WORKER}") == (
        '<script id="__config">{"search": "../assets/material-search.js"}</script>'
    )


def glue() -> str:
    return resources.files("mcglossary.site").joinpath("assets", WORKER).read_text(encoding="utf-8")


def test_the_glue_to_the_theme_search_is_one_file_and_the_engine_knows_no_theme():
    engine = resources.files("mcglossary.site").joinpath("assets", ENGINE).read_text(encoding="utf-8")
    for theme_word in ("md-search", "postMessage", "__search", "importScripts"):
        assert theme_word not in engine, f"{ENGINE} names the theme's {theme_word}: keep that in {WORKER}"
    for asset in ("glossary.js", "glossary.css"):
        other = resources.files("mcglossary.site").joinpath("assets", asset).read_text(encoding="utf-8")
        assert not re.search(r"md-search|[\"'#]__search", other), f"{asset} touches the theme's search"


def test_the_worker_protocol_is_the_one_material_search_js_speaks():
    ours = dict(re.findall(r"(SETUP|READY|QUERY|RESULT) = (\d)", glue()))
    assert ours == {"SETUP": "0", "READY": "1", "QUERY": "2", "RESULT": "3"}
    code = bundle()
    assert "type:0,data:{config:" in code, "the theme no longer sends SETUP (type 0) with {config, docs, options}"
    assert "type:2,data:" in code, "the theme no longer sends each query as QUERY (type 2)"
    assert "e.type===1}" in code and "e.type===3}" in code, "the theme no longer waits for READY (1) and RESULT (3)"


def test_the_theme_renders_result_items_from_the_fields_the_glue_sends():
    code = bundle()
    for field in ("location", "title", "text", "tags", "terms"):
        assert re.search(rf"\w\.{field}\b", code), f"the theme's result list no longer reads an item's `{field}`"


def test_the_search_box_has_the_markup_the_glue_selects():
    search = (THEME / "partials" / "search.html").read_text(encoding="utf-8")
    base = (THEME / "base.html").read_text(encoding="utf-8")
    selectors = dict(re.findall(r'(searchInput|searchToggle|searchDialog): "((?:[^"\\]|\\.)*)"', glue()))
    selectors.update(re.findall(r"(searchDialog): '([^']*)'", glue()))
    assert selectors["searchInput"] == "input.md-search__input" and 'class="md-search__input"' in search, (
        "the theme's search box is no longer input.md-search__input: update THEME.searchInput in material-search.js"
    )
    assert selectors["searchToggle"] == "__search" and 'id="__search"' in base, (
        "the theme's search toggle is no longer #__search: update THEME.searchToggle in material-search.js"
    )
    assert selectors["searchDialog"] == '.md-search[role="dialog"]' and 'role="dialog"' in search, (
        "the theme's search panel is no longer .md-search[role=dialog]: update THEME.searchDialog"
    )


def test_the_theme_reads_the_query_on_keyup_which_material_search_js_also_sends_on_input():
    assert re.search(r'\w\(\w,"keyup"\)', bundle()), (
        "the theme no longer reads the search query on keyup; material-search.js sends a keyup after every input "
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
