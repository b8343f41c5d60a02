"""Content negotiation by RFC 9110, one table of Accept headers run four ways: the reference (publish/accept.py), the
site's .htaccess on a real Apache, the w3id.org rules on the same Apache, and the published nginx configuration on a
real nginx with its njs module. Then what every server does with a missing IRI (404 at once, the site's own page)
and with nothing acceptable (406, listing what is served)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from apachekit import SITE_PATH, W3ID_PATH, apache, apache_available, get
from mcglossary.publish.accept import decide, weigh
from mcglossary.publish.conneg import SITE_HOST
from nginxkit import nginx, nginx_available

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
W3ID_HOST = "http://127.0.0.1:1/microcredential-glossary/"
IRI = "term/microcredential"
SERVED = ("text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples")
# Accept header -> the format it gets (None: 406 Not Acceptable)
TABLE: list[tuple[str | None, str | None]] = [
    (None, "html"),  # no header: anything goes
    ("", "html"),
    ("*/*", "html"),
    (BROWSER, "html"),
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/turtle", "ttl"),
    ("TEXT/Turtle", "ttl"),  # media types are case-insensitive
    ("application/ld+json", "jsonld"),
    ("application/json", "jsonld"),  # plain JSON gets JSON-LD
    ('application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', "jsonld"),
    ("application/rdf+xml", "rdf"),
    ("application/n-triples", "nt"),
    ("text/plain", "nt"),  # N-Triples' older media type
    ("text/turtle;q=0.05, text/html;q=0.01", "ttl"),  # the case: the higher q wins, however small
    ("application/rdf+xml;q=0.85, text/turtle;q=0.8", "rdf"),  # the second decimal counts
    ("text/turtle;q=0.501, text/html;q=0.5", "ttl"),  # and the third
    ("text/html;q=0.999, text/turtle", "ttl"),
    ("text/turtle, text/html", "html"),  # a tie: our order prefers the page
    ("application/rdf+xml;q=0.4, application/ld+json;q=0.4", "jsonld"),  # a tie between RDF formats: our order
    ("text/html;q=0, */*", "ttl"),  # q=0 refuses HTML; the wildcard covers the rest
    ("*/*;q=0.1, text/turtle;q=0", "html"),  # a specific range overrides the wildcard, both ways
    ("text/*, text/html;q=0", "ttl"),
    ("text/turtle;q=0", None),
    ("*/*;q=0", None),
    ("application/pdf", None),
    ("image/png, application/n-triples;q=0.001", "nt"),
    ("application/pdf, text/turtle;q=0.05", "ttl"),
    ("application/*", "jsonld"),  # the first application/ type we serve, in our order
    ("text/*;q=0.3, application/rdf+xml", "rdf"),
    ("*/*;q=0.9, application/n-triples", "nt"),
    ("text/turtle;charset=utf-8;q=0.7, application/rdf+xml;q=0.6", "ttl"),  # parameters allowed
    ("text/html;level=1;q=0.4, application/rdf+xml;q=0.3", "html"),
    ("text/turtle ; q=0.6 , application/rdf+xml ; q=0.7", "rdf"),  # spaces around separators
    ("text/turtle;q=0.5555, application/rdf+xml;q=0.1", "rdf"),  # a malformed q drops its range
    ("text/turtle;q=2, application/n-triples;q=0.2", "nt"),
    ("application/json;q=0.9, application/ld+json;q=0.1", "jsonld"),
    ("text/plain;q=0.5, text/html;q=0.4", "nt"),
    ("text/html;q=0.1, text/turtle;q=0.1, application/rdf+xml;q=0.2", "rdf"),
]


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 25
    assert len({accept for accept, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("accept", "expected"), TABLE)
def test_reference(accept: str | None, expected: str | None) -> None:
    assert decide(accept) == expected, weigh(accept)


@pytest.fixture(scope="module")
def apache_port(built_site: Path):
    assert apache_available(), "Debian's apache2 is needed: apt-get install -y apache2 (scripts/test.sh does it)"
    w3id = (built_site / "publish" / "w3id.htaccess.txt").read_text(encoding="utf-8").replace(SITE_HOST, W3ID_HOST)
    with apache(built_site, w3id) as port:
        yield port


@pytest.fixture(scope="module")
def nginx_port(built_site: Path):
    assert nginx_available(), "Debian's nginx and libnginx-mod-http-js are needed (scripts/test.sh installs them)"
    with nginx(built_site) as port:
        yield port


def expected_location(host: str, expected: str) -> str:
    return host + IRI + ("/" if expected == "html" else f"/index.{expected}")


def check(port: int, path: str, host: str) -> list[tuple]:
    """Every row of the table asked of `path`: the rows whose answer differs from the table."""
    wrong = []
    for accept, expected in TABLE:
        answer = get(port, path, accept)
        vary = [v.strip().lower() for v in answer.header("vary").split(",")]
        if expected is None:
            if answer.status != 406 or b"text/turtle" not in answer.body or "accept" not in vary:
                wrong.append((accept, answer.status))
        else:
            location = answer.header("location")
            if not location.startswith("http"):
                location = host[: -len(urlparse(host).path)] + location
            if answer.status != 303 or location != expected_location(host, expected) or "accept" not in vary:
                wrong.append((accept, answer.status, location))
    return wrong


def test_apache(apache_port: int) -> None:
    assert check(apache_port, SITE_PATH + IRI, f"http://127.0.0.1:{apache_port}{SITE_PATH}") == []


def test_w3id_rules(apache_port: int) -> None:
    assert check(apache_port, W3ID_PATH + IRI, W3ID_HOST) == []


def test_nginx(nginx_port: int) -> None:
    assert check(nginx_port, SITE_PATH + IRI, f"http://127.0.0.1:{nginx_port}{SITE_PATH}") == []


MISSING = ["term/no-such-term", "def/NoSuchClass", "def/noSuchProperty", "9.9.9", "shape/NoShape", "query/none"]


@pytest.mark.parametrize("missing", MISSING)
def test_a_missing_iri_is_404_at_once_with_the_sites_page(apache_port: int, nginx_port: int, missing: str) -> None:
    for port in (apache_port, nginx_port):
        for accept in ("text/html", "text/turtle", "application/pdf"):
            answer = get(port, SITE_PATH + missing, accept)
            assert answer.status == 404, (port, missing, accept, answer.status)
            assert b'id="mcg-not-found"' in answer.body  # the site's own 404 page
    answer = get(apache_port, W3ID_PATH + missing, "text/turtle")
    assert answer.status == 404 and b"Microcredential Glossary has no such IRI" in answer.body


def test_every_server_answers_the_namespace_document_and_the_vocabulary(apache_port: int, nginx_port: int) -> None:
    for port in (apache_port, nginx_port):
        for path, rdf in (("def/", "def/index.ttl"), ("", "downloads/microcredential-glossary.ttl")):
            page = get(port, SITE_PATH + path, "text/html")
            assert page.status == 200 and b"<html" in page.body, (port, path)
            data = get(port, SITE_PATH + path, "text/turtle;q=0.9, text/html;q=0.1")
            assert data.status == 303 and urlparse(data.header("location")).path == SITE_PATH + rdf, (port, path)
            assert get(port, SITE_PATH + rdf, "text/turtle").header("content-type").startswith("text/turtle")
    w3id = get(apache_port, W3ID_PATH + "def/", "application/n-triples")
    assert w3id.status == 303 and w3id.header("location") == W3ID_HOST + "def/index.nt"


def test_406_lists_what_is_served_on_every_server(apache_port: int, nginx_port: int) -> None:
    for port, path in ((apache_port, SITE_PATH), (nginx_port, SITE_PATH), (apache_port, W3ID_PATH)):
        answer = get(port, path + IRI, "application/pdf")
        assert answer.status == 406 and answer.header("content-type").startswith("text/html"), (port, path)
        for media in SERVED:
            assert media.encode() in answer.body, (port, path, media)
