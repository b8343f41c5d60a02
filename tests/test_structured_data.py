"""schema.org on every page kind: each resource page's JSON-LD, expanded by a JSON-LD processor (PyLD), describes the
page's resource by its own IRI, with a name and a description, in the https://schema.org/ terms the RDF uses; and
every page's canonical link answers 200 or a permanent redirect (through the w3id.org rules on a real Apache)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from pyld import jsonld

from apachekit import SITE_PATH, W3ID_PATH, apache, apache_available, get
from mcglossary.data.namespaces import BASE, MCG
from mcglossary.publish.conneg import SITE_HOST

SCHEMA = "https://schema.org/"
_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
FOLDERS = ("term", "topic", "organisation", "initiative", "example", "reference", "definition", "collection")


def resource_pages(site: Path) -> dict[str, Path]:
    """IRI -> the page about it, for every kind of resource page."""
    found = {BASE: site / "index.html", str(MCG): site / "def" / "index.html"}
    for folder in (*FOLDERS, "shape", "query"):
        for page in sorted((site / folder).glob("*/index.html")):
            found[f"{BASE}{folder}/{page.parent.name}"] = page
    for folder in ("class", "property"):
        for page in sorted((site / "def" / folder).glob("*/index.html")):
            found[f"{MCG}{page.parent.name}"] = page
    for page in sorted((site / "versions").glob("*/index.html")):
        found[f"{BASE}{page.parent.name}"] = page
    return found


def described(page: Path) -> list[dict]:
    """The page's JSON-LD, expanded (every key a full IRI)."""
    nodes = []
    for script in _SCRIPT.findall(page.read_text(encoding="utf-8")):
        nodes += jsonld.expand(json.loads(script))
    return nodes


def test_every_kind_of_page_is_covered(built_site: Path) -> None:
    pages = resource_pages(built_site)
    for folder in (*FOLDERS, "shape", "query", "versions"):
        assert any(f"/{folder}/" in str(page) for page in pages.values()), folder
    assert f"{MCG}SourceDefinition" in pages and f"{MCG}sourceDefinition" in pages


def test_each_page_describes_its_resource_by_iri_name_and_description(built_site: Path) -> None:
    missing = []
    for iri, page in resource_pages(built_site).items():
        nodes = described(page)
        node = next((n for n in nodes if n.get("@id") == iri), None)
        if node is None or not node.get("@type") or not all(str(t).startswith(SCHEMA) for t in node["@type"]):
            missing.append((iri, "no schema.org node with the resource's IRI"))
            continue
        for key in ("name", "description"):
            values = node.get(SCHEMA + key, [])
            if not values or not str(values[0].get("@value", "")).strip():
                missing.append((iri, key))
        if "http://schema.org/" in json.dumps(nodes):
            missing.append((iri, "http://schema.org/ terms, which the RDF does not use"))
    assert missing == []


@pytest.fixture(scope="module")
def server(built_site: Path):
    assert apache_available(), "Debian's apache2 is needed: apt-get install -y apache2 (scripts/test.sh does it)"
    host = "http://127.0.0.1:1/microcredential-glossary/"
    w3id = (built_site / "publish" / "w3id.htaccess.txt").read_text(encoding="utf-8").replace(SITE_HOST, host)
    with apache(built_site, w3id) as port:
        yield port, host


def test_every_canonical_link_answers_200_or_a_permanent_redirect(server, built_site: Path) -> None:
    port, host = server
    wrong = []
    pages = sorted(built_site.rglob("index.html"))
    for page in pages:
        found = _CANONICAL.findall(page.read_text(encoding="utf-8"))
        path = page.parent.relative_to(built_site).as_posix() + "/" if page.parent != built_site else ""
        if found != [BASE + path]:  # the page's own address under the permanent base
            wrong.append((path, found))
            continue
        answer = get(port, W3ID_PATH + path, "text/html")  # the w3id.org rules, as the canonical link is asked
        if answer.status == 301:
            if answer.header("location") != host + path:
                wrong.append((path, answer.header("location")))
            answer = get(port, SITE_PATH + urlparse(answer.header("location")).path[len(SITE_PATH) :], "text/html")
        if answer.status != 200:
            wrong.append((path, answer.status))
    assert len(pages) > 150
    assert wrong == []
