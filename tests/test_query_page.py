"""The query page (sparql/run/) in Debian's headless Chromium (that it answers every example and many more queries
as `mcg query` does, downloads included, is test_one_engine.py's): errors show their line and column, the page
asks no other host for anything (SERVICE, FROM and LOAD included), the URL keeps the query, and each example's
"Edit and run" opens its query there."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest

from conftest import ROOT
from mcglossary.sparql.query import load_examples
from sitekit import serve
from test_browser import DESKTOP, browser, site_url  # noqa: F401  (the browser and the served site)

pytestmark = pytest.mark.browser
EXAMPLES = load_examples(ROOT / "ontology" / "queries")
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


class Tab:
    """A page in a fresh context whose every request is seen: those to the site go through, any other is counted
    and refused."""

    def __init__(self, chromium, base_url: str, **options: object) -> None:
        self.context = chromium.new_context(accept_downloads=True, **{"viewport": DESKTOP, **options})
        origin = urlsplit(base_url).netloc
        self.requests: list[str] = []
        self.elsewhere: list[str] = []
        self.errors: list[str] = []

        def route(route) -> None:
            self.requests.append(route.request.url)
            if urlsplit(route.request.url).netloc == origin:
                route.continue_()
            else:
                self.elsewhere.append(route.request.url)
                route.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.site_url = base_url

    def open(self, query: str | None = None) -> None:
        fragment = "" if query is None else "#query=" + quote(query, safe="")
        self.page.goto("about:blank")  # a new fragment alone would not load the page again
        self.page.goto(self.site_url + "sparql/run/" + fragment)
        self.page.wait_for_selector("#mcg-query[data-ready]", timeout=60_000)

    def run(self, query: str | None = None) -> None:
        if query is not None:
            self.open(query)
        done = self.page.get_attribute("#mcg-query", "data-done")
        self.page.click("#mcg-query-run")
        self.page.wait_for_function(
            f"document.getElementById('mcg-query').dataset.done && "
            f"document.getElementById('mcg-query').dataset.done !== {json.dumps(done or '')}",
            timeout=60_000,
        )

    def download(self, fmt: str) -> str:
        with self.page.expect_download() as info:
            self.page.click(f"a.mcg-query__download[data-format={fmt}]")
        return Path(info.value.path()).read_text(encoding="utf-8")

    def editor_text(self) -> str:
        return "\n".join(self.page.locator(".cm-content .cm-line").all_text_contents())

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def tab(browser, site_url):  # noqa: F811
    opened = Tab(browser, site_url)
    yield opened
    assert opened.elsewhere == [], opened.elsewhere
    opened.close()


# Every example's result in the browser equals `mcg query`'s: test_one_engine.py (JSON, Turtle and CSV downloads).


@pytest.mark.parametrize("slug", ["mappings", "source-definitions", "organisations-by-definitions"])
def test_the_table_shows_what_the_example_page_shows(tab, site_url, slug):  # noqa: F811
    """The same cell rules as the build's tables (result_cells.py): labels linked to pages, prefixed names."""
    example = next(e for e in EXAMPLES if e.slug == slug)

    def cells(selector: str) -> list[tuple[str, str | None, str | None]]:
        return tab.page.eval_on_selector_all(
            selector,
            "tds => tds.map(td => { const a = td.querySelector('a'); "
            "return [td.innerText.trim(), a && a.href, a && a.title]; })",
        )

    tab.page.goto(site_url + f"sparql/{slug}/")
    built = cells(".mcg-results tbody td")
    tab.run(example.text)
    shown = cells("#mcg-query-table tbody td")
    assert len(shown) == len(built) > 0
    assert shown == built
    assert any(href and href.startswith(site_url) for _text, href, _title in shown)


def test_a_malformed_query_shows_its_line_and_column(tab):
    tab.run(SKOS + "SELECT ?term WHERE {\n  ?term skos:prefLabel\n}\n")
    error = tab.page.locator("#mcg-query-error")
    assert error.is_visible()
    assert error.get_attribute("data-line") == "4"
    assert error.get_attribute("data-column") is not None
    assert error.locator("p").inner_text().startswith("Line 4, column ")
    assert "error at 4:" in error.locator("details pre").text_content()  # Oxigraph's own message, in full
    assert tab.page.is_hidden("#mcg-query-result")


def test_an_undeclared_prefix_is_named_as_the_reason(tab):
    tab.run("SELECT ?term WHERE { ?term skos:prefLabel ?label }")
    assert "Prefix not found" in tab.page.inner_text("#mcg-query-error p")


class Listener:
    """A TCP listener on 127.0.0.1 that must never be called."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.calls = 0
        self.server.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self.accept, daemon=True)
        self.thread.start()

    def accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.calls += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.server.close()


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "is not supported"),
        ("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "1 row in"),  # one empty
        ("SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }", "is not supported"),
        ("SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }", "0 rows"),
        ("SELECT * FROM NAMED <http://127.0.0.1:{port}/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "0 rows"),
        ("LOAD <http://127.0.0.1:{port}/data.ttl>", "Line 1, column"),
    ],
)
def test_no_query_makes_a_request(tab, query, expect):
    """Oxigraph's WebAssembly build has no HTTP client: SERVICE fails, FROM names a graph of its own (empty), LOAD
    is an update, which the page never runs. The listener and the route both see nothing."""
    listener = Listener()
    try:
        tab.run(query.replace("{port}", str(listener.port)))
        shown = tab.page.inner_text("#mcg-query")
        assert expect in shown
    finally:
        listener.close()
    assert listener.calls == 0
    assert tab.elsewhere == []


def test_the_page_loads_only_from_its_own_site_and_the_engine_only_there(tab, site_url):  # noqa: F811
    tab.open()
    tab.run()
    assert tab.requests and all(url.startswith(site_url) for url in tab.requests)
    loaded = {urlsplit(url).path for url in tab.requests}
    assert "/downloads/microcredential-glossary.nt" in loaded
    assert "/assets/sparql/oxigraph/web_bg.wasm" in loaded
    tab.requests.clear()
    tab.page.goto(site_url)
    tab.page.wait_for_load_state("networkidle")
    assert not [url for url in tab.requests if "/assets/sparql/" in url or url.endswith(".wasm")]
    assert tab.errors == []


def test_the_url_keeps_the_query(tab):
    tab.open()
    tab.page.click(".cm-content")
    tab.page.keyboard.press("Control+End")
    tab.page.keyboard.type("\n# kept in the URL")
    tab.page.wait_for_function("location.hash.includes('kept%20in%20the%20URL')")
    text = tab.editor_text()
    url = tab.page.url
    assert unquote(urlsplit(url).fragment.removeprefix("query=")) == text
    tab.page.goto("about:blank")
    tab.page.goto(url)
    tab.page.wait_for_selector("#mcg-query[data-ready]", timeout=60_000)
    assert tab.editor_text() == text


@pytest.mark.parametrize("page", ["sparql/{slug}/", "query/{slug}/"])
def test_edit_and_run_opens_the_examples_query(tab, site_url, page):  # noqa: F811
    example = next(e for e in EXAMPLES if e.slug == "source-definitions")
    tab.page.goto(site_url + page.format(slug=example.slug))
    tab.page.click("a.mcg-edit-run")
    tab.page.wait_for_selector("#mcg-query[data-ready]", timeout=60_000)
    assert urlsplit(tab.page.url).path == "/sparql/run/"
    assert tab.editor_text() == example.text
    tab.run()
    assert tab.page.is_hidden("#mcg-query-error")
    assert tab.page.locator("#mcg-query-table tbody tr").count() > 0


def test_prefix_help_declares_the_prefix_it_completes(tab):
    tab.open("SELECT * WHERE { ?s ")
    tab.page.click(".cm-content")
    tab.page.keyboard.press("Control+End")
    tab.page.keyboard.type("skos")
    tab.page.wait_for_selector(".cm-tooltip-autocomplete [aria-selected=true]")
    # CodeMirror takes Enter as a choice only 75 ms after the list appears (its interactionDelay), so that a key
    # pressed as it pops up is not a choice the person never saw; a person's Enter comes later than that
    tab.page.wait_for_timeout(200)
    tab.page.keyboard.press("Enter")
    text = tab.editor_text()
    assert text.startswith(SKOS)
    assert text.endswith("?s skos:")


def test_stop_ends_a_long_query_and_the_page_can_run_again(tab):
    tab.open(SKOS + "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    tab.page.click("#mcg-query-run")
    tab.page.wait_for_selector("#mcg-query-stop:visible")
    tab.page.click("#mcg-query-stop")
    tab.page.wait_for_selector("#mcg-query[data-ready]", timeout=60_000)
    tab.run(SKOS + "ASK { ?s skos:prefLabel ?o }")
    assert "yes (true)" in tab.page.inner_text("#mcg-query-summary")


def test_both_colour_schemes_colour_the_editor(browser, site_url):  # noqa: F811
    backgrounds = {}
    for scheme in ("light", "dark"):
        opened = Tab(browser, site_url, color_scheme=scheme)
        opened.open()
        assert opened.page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
        backgrounds[scheme] = opened.page.eval_on_selector(".cm-editor", "e => getComputedStyle(e).backgroundColor")
        opened.close()
    assert backgrounds["light"] != backgrounds["dark"]


def test_data_stays_text(browser, markup_site):  # noqa: F811
    """A label full of markup shows as its text in the results table, and runs nothing."""
    with serve(markup_site) as url:
        opened = Tab(browser, url)
        dialogs: list[str] = []
        opened.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.run(SKOS + "SELECT ?term ?label WHERE { ?term skos:prefLabel ?label } ORDER BY ?label")
        table = opened.page.inner_html("#mcg-query-table")
        assert "<script" not in table and "<img" not in table
        assert "&lt;" in table
        assert dialogs == []
        assert opened.elsewhere == []
        opened.close()


def test_relative_links_resolve_to_pages_of_the_site(tab, site_url, built_site):  # noqa: F811
    example = next(e for e in EXAMPLES if e.slug == "all-terms")
    tab.run(example.text)
    hrefs = tab.page.eval_on_selector_all("#mcg-query-table a.mcg-link", "links => links.map(a => a.href)")
    assert hrefs
    for href in hrefs[:50]:
        path = urlsplit(urljoin(site_url, href)).path.lstrip("/")
        assert (built_site / path / "index.html").is_file(), href


def test_a_long_result_shows_its_first_thousand_rows_and_the_rest_on_request(tab):
    tab.run("SELECT * WHERE { ?s ?p ?o }")
    rows = tab.page.locator("#mcg-query-table tbody tr")
    assert rows.count() == 1000
    summary = tab.page.inner_text("#mcg-query-summary")
    assert "(the first 1,000 shown)" in summary
    total = int(summary.split(" row")[0].replace(",", ""))
    tab.page.click("#mcg-query-table button")
    assert rows.count() == total > 1000
    assert len(json.loads(tab.download("json"))["results"]["bindings"]) == total  # the downloads hold every row
