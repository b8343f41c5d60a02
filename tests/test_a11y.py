"""Accessibility in Debian's Chromium: axe-core finds no violation at all (of any impact) on a page of every kind,
in the light and the dark scheme, at 1280 and 390 px wide, and the A–Z index and the map work by keyboard alone.

axe-core comes from npm (pinned in tests/axe-core.version; scripts/test.sh installs it into .cache/axe/). One build
of the site serves every test (conftest.built_site); one browser context per scheme and width serves every page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from sitekit import PAGE_KINDS, resolve
from test_browser import DESKTOP, PHONE, browser, site_url  # noqa: F401  (the browser and the served site, as fixtures)

pytestmark = pytest.mark.browser
AXE_VERSION = (ROOT / "tests" / "axe-core.version").read_text(encoding="utf-8").strip()
AXE_DIR = ROOT / ".cache" / "axe" / "node_modules" / "axe-core"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette scheme
WIDTHS = {"1280": DESKTOP, "390": PHONE}


@pytest.fixture(scope="module")
def axe_script() -> Path:
    package = AXE_DIR / "package.json"
    if not package.is_file():
        pytest.fail(f"axe-core is not installed in {AXE_DIR}: run scripts/test.sh (it installs it with npm)")
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    assert version == AXE_VERSION, f"axe-core {version} installed, {AXE_VERSION} pinned: run scripts/test.sh"
    return AXE_DIR / "axe.min.js"


# Both schemes at desktop width, and the phone layout once: colour contrast depends on the scheme, the phone layout
# on the width; dark at phone width would add about a minute and a quarter to CI for what the other three cover.
COMBINATIONS = [("light", "1280"), ("dark", "1280"), ("light", "390")]


@pytest.fixture(scope="module", params=COMBINATIONS, ids=lambda p: f"{p[0]}-{p[1]}")
def scheme_page(request, browser):  # noqa: F811
    scheme, width = request.param
    context = browser.new_context(viewport=WIDTHS[width], color_scheme=scheme)
    tab = context.new_page()
    tab.scheme = scheme
    yield tab
    context.close()


def violations(page, axe_script: Path) -> list[str]:
    """Every violation axe-core finds on the page, whatever its impact."""
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)"""
    )
    return list(found)


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_axe_violation_on_any_kind_of_page(scheme_page, site_url, built_site, axe_script, kind):  # noqa: F811
    scheme_page.goto(site_url + resolve(PAGE_KINDS[kind], built_site))
    if kind == "404":  # the 404 page is the theme's only stranger: its own styles follow the preference
        dark = scheme_page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme_page.scheme == "dark")
    else:
        palette = scheme_page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == SCHEMES[scheme_page.scheme]  # the palette follows the emulated preference
    assert violations(scheme_page, axe_script) == []


def test_the_query_page_with_its_results_has_no_violation(scheme_page, site_url, axe_script):  # noqa: F811
    """The editor, the buttons and a results table with links (sparql/run/, after a query has run)."""
    scheme_page.goto("about:blank")
    scheme_page.goto(site_url + "sparql/run/")
    scheme_page.wait_for_selector("#mcg-query[data-ready]", timeout=60_000)
    scheme_page.click("#mcg-query-run")
    scheme_page.wait_for_selector("#mcg-query[data-done] #mcg-query-table tbody tr", timeout=60_000)
    assert violations(scheme_page, axe_script) == []


def tab_until(page, condition: str, limit: int = 300) -> dict:
    """Press Tab until `condition` (a JS expression over `el`, the focused element) holds; returns what it found."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(
            f"""() => {{ const el = document.activeElement;
                 return ({condition}) ? {{href: el.getAttribute('href'), node: el.getAttribute('data-node'),
                                          text: el.textContent.trim()}} : null; }}"""
        )
        if found:
            return found
    raise AssertionError(f"Tab never reached an element where {condition}")


def test_a_to_z_by_keyboard_alone(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(site_url + "terms/")
    found = tab_until(tab, "el.closest('article') && /^\\.\\.\\/term\\/[a-z0-9-]+\\/$/.test(el.getAttribute('href'))")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/" + found["href"].removeprefix("../"))
    assert tab.locator("h1").inner_text() == found["text"]
    context.close()


def test_map_nodes_by_keyboard_alone(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(site_url + "map/")
    visited = [tab_until(tab, "el.classList.contains('mcg-node')")]
    for _ in range(4):  # the next Tabs go from node to node
        visited.append(tab_until(tab, "el.classList.contains('mcg-node')", limit=1))
    assert len({node["node"] for node in visited}) == 5
    # the focused node is visibly marked (a thick ring on its circle)
    ring = tab.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).strokeWidth")
    assert ring == "4px"
    assert visited[-1]["href"].startswith("../")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/" + visited[-1]["href"].removeprefix("../"))
    context.close()
