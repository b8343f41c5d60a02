"""Every IRI the glossary mints resolves: each IRI under the base found in any file the site publishes is asked for,
on a real Apache serving the built site with its own .htaccess, as HTML and in every RDF format."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, VANN

from apachekit import SITE_PATH, apache, apache_available, get
from mcglossary.data.export import FORMATS
from mcglossary.data.namespaces import BASE, GLOSSARY, MCG
from mcglossary.publish.conneg import w3id_htaccess

RDF_PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}
HTML = "text/html"


@pytest.fixture(scope="module")
def server(built_site: Path):
    assert apache_available(), "Debian's apache2 is needed: apt-get install -y apache2 (scripts/test.sh does it)"
    with apache(built_site, w3id_htaccess("http://127.0.0.1:1/")) as port:
        yield port


def minted_iris(site: Path) -> set[str]:
    """Every IRI under the base in the site's RDF files (the downloads, the releases, every resource's file), without
    its fragment: the data, the shapes, the queries, the DCAT catalogue and the version IRIs alike."""
    found: set[str] = set()
    files = [*site.glob("downloads/*.ttl"), *site.glob("downloads/*.nt"), *site.glob("versions/*/*.nt")]
    files += site.glob("**/index.nt")
    for path in files:
        graph = Graph().parse(path, format="nt" if path.suffix == ".nt" else "turtle")
        for triple in graph:
            for node in triple:
                if isinstance(node, URIRef) and str(node).startswith(BASE):
                    found.add(str(node).split("#", 1)[0])
            if triple[1] == VANN.preferredNamespaceUri and str(triple[2]).startswith(BASE):
                found.add(str(triple[2]))  # a namespace declared as a literal
    found.add(str(MCG))  # the namespace every file binds mcg: to: its IRI is the namespace document's
    return found


def is_document(site: Path, iri: str) -> bool:
    """A file the site serves as it is (a download, a release's file), as opposed to a resource's IRI."""
    return (site / iri[len(BASE) :]).is_file()


def test_the_walk_covers_every_kind_of_iri(built_site: Path) -> None:
    iris = minted_iris(built_site)
    for kind in ("term", "topic", "organisation", "initiative", "example", "reference", "definition", "collection"):
        assert any(i.startswith(f"{BASE}{kind}/") for i in iris), kind
    for kind in ("shape", "query"):
        assert len([i for i in iris if i.startswith(f"{BASE}{kind}/")]) >= 5, kind
    assert {f"{MCG}SourceDefinition", f"{MCG}sourceDefinition", str(MCG), BASE, f"{BASE}topics"} <= iris
    assert f"{BASE}0.1.0" in iris
    assert any(is_document(built_site, i) for i in iris)  # the DCAT file's download URLs


def test_every_minted_iri_resolves(server: int, built_site: Path) -> None:
    checked = 0
    failures = []
    for iri in sorted(minted_iris(built_site)):
        path = SITE_PATH + iri[len(BASE) :]
        if is_document(built_site, iri):
            answer = get(server, path, "*/*")
            if answer.status != 200:
                failures.append((iri, "*/*", answer.status))
            checked += 1
            continue
        for accept, fmt in [(HTML, None), *((f.media_type, f) for f in FORMATS)]:
            problem = _resolve(server, iri, path, accept, fmt)
            if problem:
                failures.append((iri, accept, problem))
            checked += 1
    assert failures == []
    assert checked > 700  # about 150 IRIs, each in five forms, when this was written


def _resolve(port: int, iri: str, path: str, accept: str, fmt) -> str:
    """'' when `iri` answers `accept` with a page (HTML) or with RDF about it; else what went wrong."""
    answer = get(port, path, accept)
    if answer.status == 303:
        target = urlparse(answer.header("location")).path
        answer = get(port, target, accept)
    elif iri not in (BASE, str(MCG)) or fmt is not None:  # only the home page and def/ are pages at their IRI
        return f"{answer.status} where a 303 was expected"
    if answer.status != 200:
        return f"{answer.status} at the end"
    media = answer.header("content-type").split(";")[0].strip()
    if fmt is None:
        if media != HTML or iri.encode() not in answer.body:
            return f"an HTML page that does not name the IRI ({media})"
        return ""
    if media != fmt.media_type:
        return f"served as {media}"
    graph = Graph().parse(data=answer.body, format=RDF_PARSERS[fmt.extension])
    if iri.startswith(BASE + "0.") or iri == BASE:  # a version IRI or the vocabulary: the whole glossary
        return "" if (GLOSSARY, OWL.versionInfo, None) in graph else "no glossary in the file"
    if iri == str(MCG):  # the namespace document: every class and property of our own
        described = (MCG.SourceDefinition, None, None) in graph and (MCG.sourceDefinition, None, None) in graph
        return "" if described else "the namespace document lacks a class or property"
    return "" if (URIRef(iri), None, None) in graph else "no statement about it"
