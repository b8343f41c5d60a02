"""Content negotiation: the built site behind a real Apache with its .htaccess, resource by resource."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from rdflib import BNode, Graph, URIRef

from apachekit import SITE_PATH, W3ID_PATH, apache, apache_available, get
from mcglossary.data.export import FORMATS, describe, published
from mcglossary.data.namespaces import BASE
from mcglossary.publish.conneg import KINDS, w3id_htaccess

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
W3ID_HOST = "http://127.0.0.1:1/microcredential-glossary/"
RDF = {f.extension: f for f in FORMATS}
ACCEPTS = {  # Accept header -> the format it must get
    "text/html": "html",
    BROWSER: "html",
    "*/*": "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf",
    "application/n-triples": "nt",
}


# The Accept rules themselves: test_negotiation_table.py, on every server.


# --- a real Apache ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(built_site: Path):
    assert apache_available(), "Debian's apache2 is needed: apt-get install -y apache2 (scripts/test.sh does it)"
    # the w3id folder's redirects are only read, never followed, so the host can be any address
    with apache(built_site, w3id_htaccess(W3ID_HOST)) as port:
        yield port


def resources(site: Path) -> list[str]:
    """Every resource IRI that has a page with RDF files next to it."""
    found = []
    for kind in set(KINDS) - {"shape", "query"}:  # not in the data graph: test_iris_resolve walks them
        for page in sorted((site / kind).glob("*/index.ttl")):
            found.append(f"{BASE}{kind}/{page.parent.name}")
    return found


def site_path(iri: str) -> str:
    return SITE_PATH + iri[len(BASE) :]


def assert_vary(response) -> None:
    assert "accept" in [v.strip().lower() for v in response.header("vary").split(",")], response.headers


def test_every_kind_of_resource_is_covered(built_site: Path) -> None:
    iris = resources(built_site)
    for kind in ("term", "organisation", "topic", "initiative"):
        assert any(i.startswith(f"{BASE}{kind}/") for i in iris), kind
    assert len([i for i in iris if "/term/" in i]) >= 60


def test_every_resource_iri_negotiates(server: int, built_site: Path, ontology) -> None:
    checked = 0
    for iri in resources(built_site):
        own = {(s, p, o) for s, p, o in describe(ontology.data, URIRef(iri)) if s == URIRef(iri)}
        own = {t for t in own if not isinstance(t[2], BNode)}
        assert own, iri
        for accept, fmt in ACCEPTS.items():
            first = get(server, site_path(iri), accept)
            assert first.status == 303, (iri, accept, first.status)
            assert_vary(first)
            target = urlparse(first.header("location")).path
            expected = site_path(iri) + ("/" if fmt == "html" else f"/index.{fmt}")
            assert target == expected, (iri, accept, target)
            final = get(server, target, accept)
            assert final.status == 200, (iri, accept, final.status)
            assert_vary(final)
            media = final.header("content-type").split(";")[0].strip()
            if fmt == "html":
                assert media == "text/html"
                assert iri.encode() in final.body
            else:
                assert media == RDF[fmt].media_type, (iri, accept, media)
                graph = Graph().parse(data=final.body, format=RDF[fmt].rdflib_name.replace("longturtle", "turtle"))
                assert own <= set(graph), (iri, fmt)
            checked += 1
    assert checked >= 7 * 100


def test_vocabulary_iri(server: int, ontology) -> None:
    page = get(server, SITE_PATH, BROWSER)
    assert page.status == 200 and page.header("content-type").startswith("text/html")
    assert_vary(page)
    for fmt in RDF.values():
        answer = get(server, SITE_PATH, fmt.media_type)
        assert answer.status == 303
        assert_vary(answer)
        target = urlparse(answer.header("location")).path
        assert target == f"{SITE_PATH}downloads/microcredential-glossary.{fmt.extension}"
        data = get(server, target, fmt.media_type)
        assert data.status == 200 and data.header("content-type").startswith(fmt.media_type)
        graph = Graph().parse(data=data.body, format=fmt.rdflib_name.replace("longturtle", "turtle"))
        assert len(graph) == len(published(ontology.data))


@pytest.mark.parametrize("path", [SITE_PATH, SITE_PATH + "term/microcredential", SITE_PATH + "0.1.0"])
def test_unservable_accept_gets_406_with_the_list(server: int, path: str) -> None:
    answer = get(server, path, "application/pdf")
    assert answer.status == 406
    assert_vary(answer)
    assert answer.header("content-type").startswith("text/html")
    for fmt in RDF.values():
        assert fmt.media_type.encode() in answer.body


def test_q_values_on_the_server(server: int) -> None:
    for accept, fmt in [
        ("text/turtle;q=0.9, text/html;q=0.5", "ttl"),
        ("text/html;q=0, */*", "ttl"),
        ("application/rdf+xml;q=0.2, application/ld+json;q=0.4", "jsonld"),
    ]:
        answer = get(server, SITE_PATH + "term/microcredential", accept)
        assert answer.header("location").endswith(f"/term/microcredential/index.{fmt}"), accept


def test_version_and_topic_scheme_iris(server: int) -> None:
    answer = get(server, SITE_PATH + "0.1.0", "text/turtle")
    assert answer.status == 303
    target = urlparse(answer.header("location")).path
    assert target == f"{SITE_PATH}versions/0.1.0/microcredential-glossary.ttl"
    data = get(server, target, "text/turtle")
    graph = Graph().parse(data=data.body, format="turtle")
    assert (URIRef(BASE), URIRef("http://www.w3.org/2002/07/owl#versionIRI"), URIRef(BASE + "0.1.0")) in graph
    assert urlparse(get(server, SITE_PATH + "0.1.0", BROWSER).header("location")).path == f"{SITE_PATH}versions/0.1.0/"
    topics = get(server, SITE_PATH + "topics", "text/turtle")
    assert urlparse(topics.header("location")).path == f"{SITE_PATH}topics/index.ttl"
    assert get(server, f"{SITE_PATH}topics/index.ttl", "text/turtle").status == 200


def test_w3id_redirects_to_the_host(server: int) -> None:
    host = W3ID_HOST
    answer = get(server, W3ID_PATH + "term/microcredential", "text/turtle")
    assert answer.status == 303 and answer.header("location") == host + "term/microcredential/index.ttl"
    assert_vary(answer)
    assert get(server, W3ID_PATH + "term/microcredential", BROWSER).header("location") == host + "term/microcredential/"
    assert get(server, W3ID_PATH, "application/ld+json").header("location") == (
        host + "downloads/microcredential-glossary.jsonld"
    )
    passed = get(server, W3ID_PATH + "downloads/dcat.ttl", "text/turtle")
    assert passed.status == 301 and passed.header("location") == host + "downloads/dcat.ttl"
