"""The site in a real headless Chromium (Debian's, driven by Playwright): search, sections, the map,
console errors and phone width (scripts/screenshots.py takes pictures of every kind of page to look at)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, SEED_ALTERNATIVE_TERMS
from sitekit import CHROMIUM, CHROMIUM_ARGS, chromium_available, serve

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    if not chromium_available():
        pytest.fail(
            f"Debian's chromium is missing at {CHROMIUM}: run scripts/test.sh as root, or apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
    tab.errors = errors
    yield tab
    context.close()


def type_search(page, text: str) -> None:
    """Put `text` in Material's search box at once, without a key (as a paste does), whether or not the search
    has started yet: the query must be searched either way, once, with no retyping."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.locator("input.md-search__input").fill(text)
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
    except PlaywrightTimeout:
        raise AssertionError(f"no search results for {text!r}: the query was dropped") from None


def search(page, site_url: str, text: str) -> list[str]:
    page.goto(site_url)
    type_search(page, text)
    items = page.locator(".md-search-result__item > .md-search-result__link")
    return [items.nth(i).get_attribute("href") for i in range(min(items.count(), 3))]


@pytest.mark.parametrize(("query", "expected"), SEED_ALTERNATIVE_TERMS)
def test_search_finds_the_term_of_an_alternative_term_in_the_top_three(page, site_url, query, expected):
    top = search(page, site_url, query)
    assert any(href and urlsplit(href).path.endswith(expected) for href in top), top
    assert page.errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("HEQCO", "organisation/heqco/"), ("SUNY", "organisation/suny/"), ("W3C", "organisation/w3c/")],
)
def test_search_finds_an_organisation_by_its_acronym(page, site_url, query, expected):
    top = search(page, site_url, query)
    assert any(href and urlsplit(href).path.endswith(expected) for href in top), top


@pytest.mark.parametrize("attempt", range(3))
def test_a_query_pasted_after_the_search_has_started_is_searched(page, site_url, attempt):
    """The theme reads the query on key releases; glossary.js hands it every input, so a paste is not lost."""
    page.goto(site_url)
    page.wait_for_load_state("networkidle")  # the search index and the worker are loaded: the search has started
    type_search(page, "nanodegree")
    assert page.locator(".md-search-result__item").count() > 0
    assert page.errors == []


def test_microcredential_page_has_every_section(page, site_url):
    page.goto(site_url + "term/microcredential/")
    for heading in (
        "Overview",
        "Definitions by organisation",
        "Ecosystem relationship",
        "Types and examples",
        "See also",
        "Broader and narrower terms",
        "Mappings to other vocabularies",
        "References",
        "About this entry",
        "Relational map",
    ):
        assert page.locator("h2", has_text=heading).count() == 1, heading
    assert page.locator(".mcg-quote blockquote").count() >= 9  # the seed page's nine, and more
    assert page.locator(".mcg-alt .mcg-chip").count() >= 5
    assert page.errors == []


def test_copy_button_copies_the_iri(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    tab.goto(site_url + "term/microcredential/")
    tab.wait_for_function("document.querySelector('button.mcg-copy').dataset.ready === '1'")
    tab.locator("button.mcg-copy").click()
    # the clipboard answers asynchronously; the label changes once the text is on it
    tab.wait_for_function("document.querySelector('button.mcg-copy').textContent === 'Copied'", timeout=5_000)
    assert (
        tab.evaluate("navigator.clipboard.readText()")
        == "https://w3id.org/microcredential-glossary/term/microcredential"
    )
    context.close()


def test_map_renders_and_a_click_opens_the_node(page, site_url):
    page.goto(site_url + "map/")
    nodes = page.locator("svg .mcg-node")
    assert nodes.count() > 60
    box = page.locator("svg.mcg-map__svg").bounding_box()
    assert box["width"] > 600 and box["height"] > 300
    page.locator('.mcg-node[href$="term/digital-badge/"]').click()
    page.wait_for_url("**/term/digital-badge/")
    assert page.locator("h1").inner_text() == "Digital badge"
    assert page.errors == []


def test_map_works_by_keyboard(page, site_url):
    page.goto(site_url + "map/")
    page.locator(".mcg-map__search").fill("open badge")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.endswith("term/open-badge/")
    assert page.locator(".mcg-map.is-highlighting").count() == 1  # the focused node's neighbours stand out
    page.keyboard.press("Enter")
    page.wait_for_url("**/term/open-badge/")


def test_map_without_javascript_keeps_its_links(browser, site_url):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "term/microcredential/")
    assert tab.locator(".mcg-map__controls").is_hidden()
    href = tab.locator('.mcg-node[href="../credential/"]').first.get_attribute("href")
    tab.goto(site_url + "term/microcredential/" + href)
    assert tab.locator("h1").inner_text() == "Credential"
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "terms/",
        "term/microcredential/",
        "term/microcredential/compare/",
        "map/",
        "mappings/",
        "ontology/",
        "organisation/unesco/",
    ],
)
def test_no_horizontal_scroll_at_phone_width(browser, site_url, path):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(site_url + path)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px"
    context.close()


def test_markup_stays_text_in_the_browser(browser, markup_site):
    with serve(markup_site) as url:
        context = browser.new_context(viewport=DESKTOP)
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(url + "term/markup/")
        assert "<script>alert(1)</script>" in tab.locator("h1").inner_text()
        type_search(tab, "zzmarkup")
        assert "<script>alert(1)</script>" in tab.locator(".md-search-result__item").first.inner_text()
        tab.goto(url + "map/")
        tab.locator('.mcg-node[href$="term/markup/"]').hover()
        assert dialogs == []
        context.close()


def test_every_internal_link_and_asset_answers_200(site_url, built_site):
    import urllib.request

    checked = 0
    for path in sorted(Path(built_site).rglob("*")):
        if path.is_file() and path.suffix in (
            ".html",
            ".css",
            ".js",
            ".ttl",
            ".jsonld",
            ".nt",
            ".rdf",
            ".png",
            ".json",
        ):
            relative = path.relative_to(built_site).as_posix()
            with urllib.request.urlopen(site_url + relative) as response:
                assert response.status == 200, relative
            checked += 1
    assert checked > 300


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_compare_view_puts_definitions_side_by_side_and_fits_a_phone(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}term/microcredential/compare/")
    cards = page.locator("li.mcg-compare-card")
    assert cards.count() >= 9
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    quotes = [cards.nth(i).locator("blockquote").bounding_box() for i in range(cards.count())]
    if viewport is DESKTOP:
        row = [i for i, box in enumerate(boxes) if abs(box["y"] - boxes[0]["y"]) < 2]
        assert len(row) >= 3  # side by side on a wide screen
        assert [boxes[i]["x"] for i in row] == sorted(boxes[i]["x"] for i in row)
        # the parts line up across a row: each quotation starts at the height of its neighbours'
        assert max(quotes[i]["y"] for i in row) - min(quotes[i]["y"] for i in row) < 1
    else:
        for before, after in itertools.pairwise(boxes):
            assert after["y"] >= before["y"] + before["height"] - 1  # one under the other on a phone
    # every quotation is readable without scrolling sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] for box in boxes)
    # the quotation is the main text: the body's colour, and not smaller than the body's text
    style = "(s) => { const c = getComputedStyle(document.querySelector(s)); return [c.color, parseFloat(c.fontSize)] }"
    quote_colour, quote_size = page.evaluate(style, ".mcg-compare-card blockquote")
    body_colour, body_size = page.evaluate(style, ".md-typeset > p")
    assert quote_colour == body_colour and quote_size >= body_size >= 15
    for i in range(cards.count()):
        card = cards.nth(i)
        who = card.locator(".mcg-compare-card__who")
        # attributed "Organisation (year), Title": the organisation and the document, each linked
        organisation = who.locator("a.mcg-link--organisation").inner_text()
        # (the year when the source gives one: the seed page's quotations of HEQCO and others have none)
        assert re.match(rf"{re.escape(organisation)}( \(\d{{4}}[-\d]*\))?, \S", who.inner_text()), who.inner_text()
        assert who.locator("cite a[rel~=external]").count() >= 1  # the source document
        own = card.locator(".mcg-compare-card__cite a")
        assert own.inner_text() == "Cite this definition"
        assert urlsplit(own.get_attribute("href")).path.startswith("../../../definition/")
    assert "¶" not in page.locator("article").inner_text()
    assert page.errors == []
    page.screenshot(path=str(SCREENSHOTS / f"compare-cards-{viewport['width']}.png"), full_page=True)


def test_the_a_to_z_filter_keeps_only_matching_entries(page, site_url):
    page.goto(f"{site_url}terms/")
    every = page.locator("dl.mcg-index dt").count()
    page.fill("#mcg-az-filter-input", "micro credential")  # spaces and hyphens are the same to the filter
    shown = page.locator("dl.mcg-index dt:visible")
    assert 0 < shown.count() < every
    assert all("micro" in text.lower() for text in shown.all_inner_texts())
    assert page.locator("h2:visible", has_text="Z").count() == 0  # letters left empty are hidden
    page.fill("#mcg-az-filter-input", "")
    assert page.locator("dl.mcg-index dt:visible").count() == every
    assert page.errors == []


def test_resource_pages_say_where_they_are(page, site_url):
    page.goto(f"{site_url}organisation/credential-engine/")
    crumbs = page.locator("nav.mcg-breadcrumb li")
    assert crumbs.all_inner_texts() == ["Organisations", "Credential Engine"]
    page.locator("nav.mcg-breadcrumb a").click()
    page.wait_for_url(f"{site_url}organisations/")
