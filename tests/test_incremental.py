"""`mkdocs serve` after an edit rebuilds only what the edit can change (incremental.py), and the result is the
site a full build of the edited glossary gives, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from conftest import ROOT
from mcglossary.data.namespaces import BASE, GLOSSARY, MCG
from mcglossary.mkdocs_plugin import GlossaryPlugin
from mcglossary.site import incremental
from test_build import tree_hashes

TERM = f"{BASE}term/"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the whole project (the real glossary), to edit."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    return tmp_path


def session(project: Path, site: Path) -> tuple[GlossaryPlugin, callable]:
    """A `mkdocs serve` session without the web server: the plugin object and a function that rebuilds."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = next(p for p in config.plugins.values() if isinstance(p, GlossaryPlugin))

    def rebuild() -> None:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))

    return plugin, rebuild


def full_build(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS = {
    # a label shows on the pages of everything that links to the term, and on the definitions' organisations' pages
    "label": ("terms/open-badge.ttl", 'skos:prefLabel "Open badge"@en', 'skos:prefLabel "Open badge (edited)"@en'),
    "definition": (
        "terms/digital-badge.ttl",
        'skos:definition "',
        'skos:definition "Edited. ',
    ),
    # a topic's name shows on the page of every term on the topic
    "topic label": ("topics.ttl", 'skos:prefLabel "Credential types"@en', 'skos:prefLabel "Kinds of credential"@en'),
    # a statement removed: the topic's page must drop the term
    "topic removed": (
        "terms/open-badge.ttl",
        "topic:credential-types ,\n        topic:digital-credentials-and-records ;",
        "topic:credential-types ;",
    ),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_rebuilds_some_pages_and_gives_the_full_builds_site(project, tmp_path, name):
    file, old, new = EDITS[name]
    served = tmp_path / "served"
    plugin, rebuild = session(project, served)
    rebuild()
    site = plugin.site
    assert plugin.session.previous is not None and len(site.to_build) == len(site.pages)  # the first build is full
    edit(project / "ontology" / file, old, new)
    rebuild()
    share = 1 if name == "topic label" else 1 / 2  # a topic's name is on many pages
    site = plugin.site
    assert 0 < len(site.to_build) < len(site.pages) * share, "the edit should rebuild only part of the site"
    full_build(project, tmp_path / "full")
    served_files = tree_hashes(served)
    assert any(path.startswith("search/glossary/") for path in served_files)  # the search index too
    assert served_files == tree_hashes(tmp_path / "full")
    assert not [p for p in served.parent.iterdir() if p.name.startswith(".served.previous-")]


def test_a_broken_edit_shows_the_findings_and_the_next_good_edit_builds_again(project, tmp_path, caplog):
    """Under serve a broken edit does not fail the build (the server would hang): the pages show the findings
    (site/findings_site.py), and the next good edit builds everything again, as the site holds no glossary pages
    to carry over."""
    served = tmp_path / "served"
    plugin, rebuild = session(project, served)
    rebuild()
    term = project / "ontology" / "terms" / "open-badge.ttl"
    text = term.read_text(encoding="utf-8")
    term.write_text(text.replace("skos:prefLabel", "skos:prefLabel <<", 1), encoding="utf-8")  # a syntax error
    rebuild()
    line = text[: text.index("skos:prefLabel")].count("\n") + 1
    assert f"ontology/terms/open-badge.ttl:{line}" in caplog.text
    page = (served / "term" / "open-badge" / "index.html").read_text(encoding="utf-8")
    assert "data has errors" in page and f"ontology/terms/open-badge.ttl:{line}" in page
    term.write_text(text.replace('"Open badge"@en', '"Open badge 2"@en', 1), encoding="utf-8")
    rebuild()
    assert len(plugin.site.to_build) == len(plugin.site.pages)
    assert "Open badge 2" in (served / "term" / "open-badge" / "index.html").read_text(encoding="utf-8")


def test_after_an_edit_that_does_not_validate_the_site_equals_a_full_build_again(project, tmp_path, caplog):
    """The edit is applied to the previous build's graph in place; once it does not validate, that graph is
    dropped, and the builds that follow (full, then incremental again) give the full build's site."""
    served = tmp_path / "served"
    plugin, rebuild = session(project, served)
    rebuild()
    term = project / "ontology" / "terms" / "open-badge.ttl"
    text = term.read_text(encoding="utf-8")
    term.write_text(text.replace('skos:prefLabel "Open badge"@en ;', "", 1), encoding="utf-8")  # no preferred label
    rebuild()
    assert "the ontology has errors" in caplog.text and "prefLabel" in caplog.text
    assert plugin.session.previous is None  # nothing to build the next edit on
    term.write_text(text, encoding="utf-8")
    rebuild()
    assert len(plugin.site.to_build) == len(plugin.site.pages)
    edit(project / "ontology" / "terms" / "digital-badge.ttl", 'skos:definition "', 'skos:definition "Edited. ')
    rebuild()
    assert len(plugin.site.to_build) < len(plugin.site.pages)
    full_build(project, tmp_path / "full")
    assert tree_hashes(served) == tree_hashes(tmp_path / "full")


def test_changes_other_than_to_data_files_build_everything(project, tmp_path):
    served = tmp_path / "served"
    plugin, rebuild = session(project, served)
    rebuild()
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    rebuild()
    assert len(plugin.site.to_build) == len(plugin.site.pages)


# --- the parts ---------------------------------------------------------------------------------------------------
def test_reach_follows_links_both_ways_for_two_steps_but_not_shared_links_or_external_iris():
    graph = Graph()
    a, b, c, d = (URIRef(f"{TERM}{name}") for name in "abcd")
    topic = URIRef(f"{BASE}topic/t")
    external = URIRef("http://data.europa.eu/snb/model/elm/Thing")
    graph.add((a, SKOS.related, b))
    graph.add((c, SKOS.broader, b))  # a -> b <- c: two steps
    graph.add((c, SKOS.related, d))  # three steps: out of reach
    for term in (a, b, c, d):
        graph.add((term, RDF.type, MCG.Term))  # shared links: never followed
        graph.add((term, SKOS.inScheme, GLOSSARY))
    axiom = BNode()
    graph.add((a, SKOS.exactMatch, external))
    graph.add((axiom, URIRef("http://www.w3.org/2002/07/owl#annotatedSource"), d))
    graph.add((axiom, URIRef("http://www.w3.org/2002/07/owl#annotatedTarget"), external))
    graph.add((topic, SKOS.member, a))
    assert incremental.within_reach(graph, {a}) == {a, b, c, topic, external}
    # a topic: one step (its page lists its terms; their pages show only its name)
    on_topic = URIRef(f"{TERM}e")
    graph.add((a, DCTERMS.subject, topic))
    graph.add((on_topic, DCTERMS.subject, topic))
    assert incremental.within_reach(graph, {a}) == {a, b, c, topic, external}
    assert incremental.within_reach(graph, {topic}) >= {a, on_topic}
    # through a blank node without counting it as a step
    assert d in incremental.within_reach(graph, {URIRef(external)} | {axiom}, depth=1)


def test_edits_to_the_glossary_or_our_vocabulary_need_a_full_build():
    assert incremental.needs_full_build({GLOSSARY})
    assert incremental.needs_full_build({MCG.Term})
    assert not incremental.needs_full_build({URIRef(f"{TERM}a"), Literal("x")})


def test_a_page_belongs_to_the_nearest_resource_page_above_it():
    resources = {"term/a/", "organisation/o/"}
    assert incremental.owner("term/a/", resources) == "term/a/"
    assert incremental.owner("term/a/compare/", resources) == "term/a/"
    assert incremental.owner("terms/", resources) is None
