"""The 404 page works at any base path: it loads nothing (inline styles, no stylesheet or script to fetch from a
fixed path), servers answer a missing address with it, and in a browser it is styled and its links lead to the root
of the copy it is served from, at the published path and at another."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from apachekit import MIRROR_PATH, SITE_PATH, apache, apache_available, get
from mcglossary.publish.conneg import w3id_htaccess
from sitekit import CHROMIUM, CHROMIUM_ARGS, chromium_available


def test_the_404_page_loads_nothing(built_site: Path) -> None:
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<style>" in page and 'id="mcg-not-found"' in page
    assert not re.search(r"<link[^>]+stylesheet|<script[^>]+src=|<img ", page)


@pytest.fixture(scope="module")
def server(built_site: Path, tmp_path_factory):
    assert apache_available(), "Debian's apache2 is needed: apt-get install -y apache2 (scripts/test.sh does it)"
    mirror = tmp_path_factory.mktemp("mirror") / "site"
    shutil.copytree(built_site, mirror)
    htaccess = mirror / ".htaccess"  # a mirror changes RewriteBase and ErrorDocument, as the publish page says
    htaccess.write_text(htaccess.read_text(encoding="utf-8").replace(SITE_PATH, MIRROR_PATH), encoding="utf-8")
    with apache(built_site, w3id_htaccess("http://127.0.0.1:1/"), mirror) as port:
        yield port


@pytest.mark.parametrize("base", [SITE_PATH, MIRROR_PATH])
def test_a_missing_address_gets_the_404_page(server: int, base: str) -> None:
    for path in ("term/no-such-term", "no/such/page/", "term/microcredential/nothing.html"):
        answer = get(server, base + path, "text/html")
        assert answer.status == 404 and b'id="mcg-not-found"' in answer.body, (base, path)


@pytest.mark.browser
@pytest.mark.parametrize("base", [SITE_PATH, MIRROR_PATH])
def test_in_a_browser_it_is_styled_and_leads_home(server: int, base: str) -> None:
    if not chromium_available():
        pytest.fail(f"Debian's chromium is missing at {CHROMIUM}: run scripts/test.sh as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            failed: list[str] = []
            page.on("requestfailed", lambda request: failed.append(request.url))
            page.goto(f"http://127.0.0.1:{server}{base}term/no-such-term")
            header = page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor")
            assert header == "rgb(63, 81, 181)"  # styled: the inline styles applied
            home = page.evaluate("document.querySelector('a.mcg-home').href")
            assert home == f"http://127.0.0.1:{server}{base}"
            page.click("a.mcg-link[data-path='terms/']")
            assert page.title().startswith("Terms A–Z")
            assert failed == []
        finally:
            browser.close()
