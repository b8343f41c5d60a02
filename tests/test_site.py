"""The built site: every resource has its page, every link resolves, heads carry JSON-LD and RDF links,
downloads hold every triple, data is escaped, and a validation finding stops the build."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from conftest import FIXTURES, make_project
from mcglossary.data.export import published
from mcglossary.data.namespaces import MCG, SCHEMA, page_path
from mcglossary.publish.conneg import NOT_ACCEPTABLE_PAGE, NOT_FOUND_PAGE
from mcglossary.publish.linkcheck import check_site, html_files, site_base_path
from mcglossary.publish.linkcheck import parse_page as parse
from mcglossary.site.model import build
from sitekit import build_site

SITE_PATH = "/microcredential-glossary/"  # the path of site_url in mkdocs.yml
MARKUP_LABEL = "Zzmarkup <script>alert(1)</script> {{ x }} {% raw %} [x](javascript:alert(1)) | *"


def test_every_resource_has_a_page(built_site, ontology):
    data = ontology.data
    for cls in (MCG.Term, MCG.Topic, SCHEMA.Organization, MCG.Initiative, MCG.Example, MCG.SourceDefinition):
        for resource in data.subjects(RDF.type, cls):
            assert (built_site / page_path(resource) / "index.html").is_file(), resource


def test_every_internal_link_and_anchor_resolves(built_site):
    report = check_site(built_site)
    assert site_base_path(built_site) == SITE_PATH  # absolute links (404.html) are rooted at the site's path
    assert report.internal > 1000
    assert report.broken == []


def test_linkcheck_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2><a href="../b/">B</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a> <a href="a/#gone">anchor</a> <a href="https://example.org/x">out</a>',
        encoding="utf-8",
    )
    report = check_site(tmp_path, "/")
    assert report.broken == [
        "a/index.html: a ../b/ (no such file)",
        "index.html: a a/#gone (no id 'gone' in the target)",
    ]
    assert report.external == {"https://example.org/x": ["index.html"]}


def test_linkcheck_reads_a_state_fragment_as_no_anchor(tmp_path):
    """`#query=...` is what the query page reads (sparql/query_editor.py), not an element's id."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/#query=SELECT%20*">run</a>', encoding="utf-8")
    assert check_site(tmp_path, "/").broken == []


def test_nothing_is_loaded_from_another_host(built_site):
    for path in html_files(built_site):
        fetched = parse(path).fetched
        if path.name not in (NOT_ACCEPTABLE_PAGE, NOT_FOUND_PAGE):  # (self-contained pages) the theme's styles are seen
            assert any(tag == "link" for tag, _link in fetched), f"{path}: no style sheet found"
        for tag, link in fetched:
            assert not urlsplit(link).scheme and not link.startswith("//"), f"{path}: {tag} {link}"
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text


def test_what_a_page_fetches_is_told_from_what_it_only_links_to(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="https://fonts.example/a.css"><link rel="icon" href="//cdn.example/i.png">'
        '<link rel="canonical" href="https://w3id.org/x/"><link rel="alternate" href="https://w3id.org/x.ttl">'
        '<script src="https://cdn.example/s.js"></script><a href="https://example.org/">out</a>',
        encoding="utf-8",
    )
    assert parse(page).fetched == [
        ("link", "https://fonts.example/a.css"),
        ("link", "//cdn.example/i.png"),
        ("script", "https://cdn.example/s.js"),
    ]


def test_term_page_head(built_site, ontology):
    page = built_site / "term" / "microcredential" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://w3id.org/microcredential-glossary/term/microcredential/">' in text
    for ext, media in (
        ("ttl", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("rdf", "application/rdf+xml"),
        ("nt", "application/n-triples"),
    ):
        assert f'<link rel="alternate" type="{media}" href="index.{ext}">' in text
        described = Graph().parse(
            page.parent / f"index.{ext}", format={"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}[ext]
        )
        term = URIRef("https://w3id.org/microcredential-glossary/term/microcredential")
        assert set(described.triples((term, None, None))) == set(ontology.data.triples((term, None, None)))
    (body,) = [json.loads(s) for s in parse(page).scripts]
    assert body["@type"] == "DefinedTerm"
    assert body["name"] == "Microcredential"
    assert body["inDefinedTermSet"]["@id"] == "https://w3id.org/microcredential-glossary/"
    assert "micro-credential" in body["alternateName"]
    assert "sameAs" not in body  # its mappings are close, not exact matches
    badge = parse(built_site / "term" / "digital-badge" / "index.html").scripts
    assert json.loads(badge[0])["sameAs"] == ["https://purl.org/ctdl/terms/DigitalBadge"]


def test_term_page_sections_in_the_design_order(built_site):
    text = (built_site / "term" / "microcredential" / "index.html").read_text(encoding="utf-8")
    order = [
        "overview",
        "definitions",
        "ecosystem",
        "examples",
        "see-also",
        "hierarchy",
        "mappings",
        "references",
        "about-this-entry",
        "relational-map",
    ]
    positions = [text.index(f'id="{anchor}"') for anchor in order]
    assert positions == sorted(positions)
    for needle in (
        "Alternative terms:",
        "Last updated",
        "Copy",
        "Request an edit",
        "Download this term",
        "MicroMasters",
        "Nanodegree",
        "Specialization",
        "Credential Engine",
    ):
        assert needle in text, needle


def test_request_an_edit_opens_a_prefilled_issue(built_site):
    text = (built_site / "term" / "microcredential" / "index.html").read_text(encoding="utf-8")
    (link,) = re.findall(r'href="([^"]+)"[^>]*>Request an edit', text)
    parts = urlsplit(link.replace("&amp;", "&"))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://github.com/microcredential-glossary/microcredential-glossary/issues/new"
    )
    query = parse_qs(parts.query)
    assert query["title"] == ["Edit request: Microcredential"]
    assert "IRI: https://w3id.org/microcredential-glossary/term/microcredential" in query["body"][0]


def test_whole_download_holds_every_triple(built_site, ontology):
    expected = Graph()
    for triple in published(ontology.data):  # every triple, the vocabularies we map to not declared as ontologies
        expected.add(triple)
    for ext, fmt in (("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml"), ("nt", "nt")):
        back = Graph().parse(built_site / "downloads" / f"microcredential-glossary.{ext}", format=fmt)
        assert isomorphic(back, expected), ext


def test_a_to_z_lists_alternative_terms_pointing_to_their_term(built_site):
    text = (built_site / "terms" / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r"<em>micromasters</em></dt><dd>see <a href=\"../term/microcredential/\">Microcredential</a>", text
    )
    assert re.search(r"<em>short-term program</em></dt><dd>see <a href=\"../term/short-learning-programme/\">", text)


def test_compare_view_lists_every_source_definition(built_site, ontology):
    glossary = build(ontology.data)
    term = glossary.term("microcredential")
    text = (built_site / "term" / "microcredential" / "compare" / "index.html").read_text(encoding="utf-8")
    assert text.count("<blockquote") == len(term.source_definitions) >= 9
    assert "Counting U.S. Postsecondary &amp; Secondary Credentials" in text


def test_map_page_has_every_term_in_use_as_a_link(built_site, ontology):
    text = (built_site / "map" / "index.html").read_text(encoding="utf-8")
    nodes = set(re.findall(r'<a href="\.\./([^"]+)" class="mcg-node', text))
    for term in ontology.data.subjects(RDF.type, MCG.Term):
        retired = (term, OWL.deprecated, Literal(True)) in ontology.data  # its page stays; the picture leaves it out
        assert (page_path(term) in nodes) != retired, term


def test_markup_in_data_is_literal_text_everywhere(markup_site):
    page = (markup_site / "term" / "markup" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "{{ x }} {% raw %} [x](javascript:alert(1)) | *" in page  # shown as typed, not interpreted
    assert "<title>Zzmarkup &lt;script&gt;" in page
    for other in ("terms/index.html", "map/index.html", "topic/credential-types/index.html"):
        text = (markup_site / other).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text and "<img src=x" not in text, other
        assert "Zzmarkup &lt;script&gt;alert(1)&lt;/script&gt;" in text, other
    (jsonld,) = [json.loads(s) for s in parse(markup_site / "term" / "markup" / "index.html").scripts]
    assert jsonld["name"] == MARKUP_LABEL  # the JSON-LD holds the label itself, escaped only for <script>
    # generated pages are in the glossary's own search index, as data (the worker escapes what it shows; the
    # browser test checks the result list), and not in Material's, which parses HTML
    material = json.loads((markup_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in material["docs"] if d["location"].startswith("term/")]
    documents = json.loads((markup_site / "search" / "glossary" / "docs-0.json").read_text(encoding="utf-8"))
    assert next(d for d in documents if d[0] == "term/markup/")[1] == MARKUP_LABEL


def test_a_validation_finding_fails_the_build_with_the_report(tmp_path):
    project = make_project(tmp_path, FIXTURES / "faults" / "broader-cycle.ttl")
    result = build_site(project, project / "site")
    assert result.returncode != 0
    assert (
        "[broader-cycle] Alpha <https://w3id.org/microcredential-glossary/term/alpha>" in result.stdout + result.stderr
    )
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize("folder", ["term", "organisation", "topic"])
def test_resource_pages_carry_their_rdf(built_site, folder):
    for page in (built_site / folder).glob("*/index.html"):
        for ext in ("ttl", "jsonld", "rdf", "nt"):
            assert (page.parent / f"index.{ext}").is_file(), page
