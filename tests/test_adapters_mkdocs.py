"""Canary for adapters/mkdocs.py: mkdocs' Page internals that GeneratedPage replaces, and the calls `mcg build`
makes to drive a build by hand, are still what they were. A failure names what changed."""

from __future__ import annotations

import inspect

import mkdocs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from conftest import ROOT
from mcglossary.adapters.mkdocs import TESTED_WITH, GeneratedPage, mark_section, toc


def parameters(function) -> list[str]:
    return [name for name in inspect.signature(function).parameters if name != "self"]


def test_mkdocs_is_the_release_the_adapter_was_written_for():
    assert mkdocs.__version__ == TESTED_WITH, (
        f"mkdocs {mkdocs.__version__} is installed; adapters/mkdocs.py was written for {TESTED_WITH}: check the "
        "other tests here, then update TESTED_WITH"
    )


def test_page_still_reads_its_source_and_renders_through_the_methods_generated_page_replaces():
    assert parameters(Page.__init__) == ["title", "file", "config"], "Page(title, file, config) changed"
    assert parameters(Page.read_source) == ["config"], "Page.read_source(config) changed"
    assert parameters(Page.render) == ["config", "files"], "Page.render(config, files) changed"


def test_the_anchor_check_still_reads_present_anchor_ids_which_render_sets():
    assert "self.present_anchor_ids" in inspect.getsource(Page.render), (
        "Page.render no longer sets present_anchor_ids: GeneratedPage.render sets it in its place; set what the new "
        "render sets"
    )
    assert "present_anchor_ids" in inspect.getsource(Page.validate_anchor_links), (
        "mkdocs' anchor check no longer reads Page.present_anchor_ids"
    )


def test_a_generated_page_gives_mkdocs_what_a_rendered_page_would(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    file = File("term/x/index.md", None, str(tmp_path), True, inclusion=InclusionLevel.NOT_IN_NAV)
    page = GeneratedPage(file, config, {"title": "X"})
    assert file.page is page
    page.read_source(config)
    page.render(config, None)
    assert (page.markdown, page.meta, page.content, page.present_anchor_ids) == ("", {"title": "X"}, "", set())
    assert [item.title for item in toc('<h2 id="a">A <code>b</code></h2><h3 id="c">C</h3>')] == ["A b"]


def test_a_build_is_still_driven_by_these_calls():
    assert parameters(load_config)[:1] == ["config_file"], "mkdocs.config.load_config(config_file, ...) changed"
    assert parameters(PluginCollection.on_startup) == ["command", "dirty"], "plugins.on_startup(command, dirty)"
    assert parameters(build)[:1] == ["config"], "mkdocs.commands.build.build(config) changed"


def test_marking_a_page_of_the_navigation_active_marks_its_section_and_is_undone(tmp_path):
    """mark_section sets Page.active, whose setter marks the page's sections as well (the theme reads both)."""
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    page = Page("Terms", File("terms/index.md", None, str(tmp_path), True), config)
    section = Section("Browse", [page])
    page.parent = section
    nav = type("Nav", (), {"pages": [page]})()
    assert page.url == "terms/", "Page.url of terms/index.md changed"
    undo = mark_section(nav, "terms/")
    assert page.active and section.active, "setting Page.active no longer marks its section"
    undo()
    assert not page.active and not section.active
    assert mark_section(nav, "nowhere/")() is None  # nothing in the navigation there: nothing marked
