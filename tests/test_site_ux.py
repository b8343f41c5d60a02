"""Where a reader is and what a page shows (issue 17): the navigation's section, breadcrumbs, a table of contents on
phones, home page links, tables that fit a phone without breaking identifiers, the ontology reference's domains
and ranges, the downloads' sizes, the versions page's links. Built HTML first; then Chromium at 1280 and 390 px."""

from __future__ import annotations

import html
import re

import pytest
from rdflib.namespace import RDF, RDFS

from mcglossary.data.namespaces import MCG
from mcglossary.site.pages import file_size, relative_url
from sitekit import resolve
from test_browser import DESKTOP, PHONE, SCREENSHOTS, browser, page, site_url  # noqa: F401  (fixtures)

TAGS = re.compile(r"<[^>]+>")


def read(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return html.unescape(TAGS.sub("", fragment)).strip()


# --- the built pages ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "crumbs"),
    [
        ("term/microcredential/", [("Terms A–Z", "terms/"), ("Microcredential", None)]),
        ("term/microcredential/compare/", [("Compare definitions", "compare/"), ("Microcredential", None)]),
        ("organisation/unesco/", [("Organisations", "organisations/"), ("UNESCO", None)]),
        ("def/class/Term/", [("Ontology reference", "ontology/"), ("Term", None)]),
        ("sparql/source-definitions/", [("SPARQL examples", "sparql/"), (None, None)]),
        ("query/source-definitions/", [("SPARQL examples", "sparql/"), (None, None)]),
        ("versions/*", [("Versions", "versions/"), (None, None)]),
        ("definition/*", [("Sources", "sources/"), (None, None)]),
        ("topic/*", [("Topics", "topics/"), (None, None)]),
        ("initiative/*", [("Initiatives", "initiatives/"), (None, None)]),
        ("example/*", [("Terms A–Z", "terms/"), (None, None)]),
        ("collection/*", [("Terms A–Z", "terms/"), (None, None)]),
        ("shape/*", [("Ontology reference", "ontology/"), (None, None)]),
    ],
)
def test_resource_pages_have_a_breadcrumb_kind_then_item(built_site, path, crumbs):
    path = resolve(path, built_site)
    body = read(built_site, path)
    (trail,) = re.findall(r'<nav class="mcg-breadcrumb" aria-label="Breadcrumb"><ol>(.*?)</ol></nav>', body)
    steps = re.findall(r"<li>(.*?)</li>", trail)
    assert len(steps) == len(crumbs)
    (kind, target), (item, _) = crumbs
    assert text(steps[0]) == kind
    (href,) = re.findall(r'href="([^"]+)"', steps[0])
    assert href == relative_url(path, target)  # relative, to the list of its kind
    assert '<span aria-current="page">' in steps[-1]
    if item:
        assert text(steps[-1]) == item
    (heading,) = re.findall(r'<h1 class="mcg-title">(.*?)</h1>', body, re.S)
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)  # the page's (the map's nodes have theirs)
    assert text(steps[-1]) in text(heading) or text(title).startswith(text(steps[-1]))  # the item is the body's own


def test_home_page_figures_and_cards_lead_where_they_say(built_site, ontology):
    home = read(built_site, "")
    assert re.search(r'<a href="compare/"><strong>\d+</strong> quoted definitions</a>', home)
    developers = home[home.index('id="for-developers"') : home.index("</section>", home.index('id="for-developers"'))]
    assert '<a href="sparql/">SPARQL examples</a>' in developers
    # the compare page lists every term with two or more quoted definitions, each linked to its side-by-side view
    compared = read(built_site, "compare/")
    links = re.findall(r'<li><a href="\.\./(term/[^"]+/compare/)">', compared)
    counts = {}
    for term in ontology.data.subjects(MCG.sourceDefinition, None):
        counts[term] = counts.get(term, 0) + 1
    assert len(links) == len(set(links)) == sum(1 for n in counts.values() if n > 1) > 50
    assert all((built_site / link / "index.html").is_file() for link in links)


def test_term_pages_list_their_sections_for_phones(built_site):
    body = read(built_site, "term/microcredential/")
    (contents,) = re.findall(r'<details class="mcg-contents".*?</details>', body, re.S)
    anchors = re.findall(r'href="#([^"]+)"', contents)
    assert anchors == re.findall(r'<h2 id="([^"]+)"', body)  # every section, in order
    assert {"definitions", "mappings", "relational-map"} <= set(anchors)
    assert body.index("</h1>") < body.index('<details class="mcg-contents"') < body.index('id="overview"')


def test_the_term_iri_is_labelled_once(built_site):
    body = read(built_site, "term/microcredential/")
    about = body[body.index('id="about-this-entry"') :]
    labels = [text(dt) for dt in re.findall(r"<dt>(.*?)</dt>", about)]
    assert [label for label in labels if "IRI" in label] == ["Term IRI"]
    iri_value = re.search(r"<dt>Term IRI</dt><dd>(.*?)</dd>", about, re.S).group(1)
    visible = TAGS.sub(" ", re.sub(r'aria-label="[^"]*"', "", iri_value))
    assert "IRI" not in visible.replace("https://w3id.org/", "")  # no second label beside the value


def test_ontology_reference_shows_domain_and_range(built_site, ontology):
    data = ontology.data
    body = read(built_site, "ontology/")
    short = data.namespace_manager.normalizeUri
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = dict(re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S))
        if "Name" in cells:
            name = re.search(r"<code>(.*?)</code>", cells["Name"]).group(1)  # the class or property, not its kind
            rows[text(name)] = {label: text(value) for label, value in cells.items()}
    properties = [p for p in data.subjects(RDFS.domain, None) if str(p).startswith(str(MCG))]
    assert len(properties) >= 4
    for prop in properties:
        row = rows[short(prop)]
        assert row["Domain"] == short(data.value(prop, RDFS.domain))
        assert row["Range"] == short(data.value(prop, RDFS.range))
    from rdflib.namespace import OWL

    classes = [c for c in data.subjects(RDF.type, OWL.Class) if str(c).startswith(str(MCG))]
    shown = 0
    for cls in classes:
        row = rows[short(cls)]
        domain_of = sorted(short(p) for p in properties if data.value(p, RDFS.domain) == cls)
        range_of = sorted(short(p) for p in properties if data.value(p, RDFS.range) == cls)
        assert row["Domain of"] == (", ".join(domain_of) or "—")
        assert row["Range of"] == (", ".join(range_of) or "—")
        shown += bool(domain_of or range_of)
    assert shown >= 2  # mcg:Term, mcg:SourceDefinition, ... are no longer blank


def test_downloads_page_gives_each_file_size(built_site):
    body = read(built_site, "downloads/")
    rows = re.findall(r'<a href="([^"]+)" download>.*?data-bytes="(\d+)">([^<]+)</td>', body)
    assert len(rows) >= 10
    for href, size, shown in rows:
        assert int(size) == (built_site / "downloads" / href).stat().st_size, href
        assert shown == file_size(int(size))


def test_file_sizes_read_plainly():
    assert [file_size(n) for n in (0, 999, 1000, 9_949, 12_345, 999_499, 999_500, 1_534_000)] == [
        "0 bytes",
        "999 bytes",
        "1.0 KB",
        "9.9 KB",
        "12 KB",
        "999 KB",
        "1.0 MB",
        "1.5 MB",
    ]


def test_versions_pages_link_within_the_site(built_site):
    pages = [built_site / "versions" / "index.html", *sorted((built_site / "versions").glob("*/index.html"))]
    assert len(pages) >= 2
    for path in pages:
        body = path.read_text(encoding="utf-8")
        article = body[body.index("<article") : body.index("</article>")]
        assert "https://w3id.org/" not in " ".join(re.findall(r'href="([^"]+)"', article)), path
    changelog = (built_site / "versions" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<li><a href="\.\./term/[a-z0-9-]+/">', changelog)  # terms link to their pages here


# --- in Chromium -----------------------------------------------------------------------------------------------
SECTIONS = [
    ("terms/", "Terms A–Z"),
    ("term/microcredential/", "Terms A–Z"),
    ("term/microcredential/compare/", "Compare definitions"),
    ("organisation/unesco/", "Organisations"),
    ("definition/*", "Sources"),
    ("reference/*", "Sources"),
    ("topic/*", "Topics"),
    ("initiative/*", "Initiatives"),
    ("example/*", "Terms A–Z"),
    ("def/class/Term/", "Ontology reference"),
    ("shape/*", "Ontology reference"),
    ("sparql/source-definitions/", "SPARQL examples"),
    ("query/source-definitions/", "SPARQL examples"),
    ("sparql/run/", "SPARQL examples"),
    ("versions/*", "Versions"),
    ("downloads/vocpub/", "Downloads"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("path", "section"), SECTIONS)
def test_the_navigation_highlights_the_pages_section(page, site_url, built_site, path, section):  # noqa: F811
    page.goto(site_url + resolve(path, built_site))
    active = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item--active > a.md-nav__link")
    assert [name.strip() for name in active.all_text_contents()] == [section]
    if active.is_visible():  # the compare view hides the navigation on a wide screen
        colour = "(el) => getComputedStyle(el).color"
        other = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item:not(.md-nav__item--active) > a")
        assert active.evaluate(colour) != other.first.evaluate(colour)  # it stands out from the rest


@pytest.mark.browser
def test_a_term_page_has_a_table_of_contents_on_a_phone(browser, site_url):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(site_url + "term/microcredential/")
    contents = tab.locator("details.mcg-contents")
    assert contents.is_visible()
    assert tab.locator(".md-sidebar--secondary .md-nav__link").first.is_visible() is False  # the theme shows none
    contents.locator("summary").click()
    tab.screenshot(path=str(SCREENSHOTS / "term-contents-390.png"))
    contents.locator('a[href="#mappings"]').click()
    tab.wait_for_function("Math.abs(document.getElementById('mappings').getBoundingClientRect().top) < 200")
    tab.set_viewport_size(DESKTOP)  # on a wide screen, the theme's own table of contents instead
    assert not contents.is_visible()
    assert tab.locator(".md-sidebar--secondary .md-nav__link").first.is_visible()
    context.close()


# the pages with tables (and long identifiers) of the site
TABLE_PAGES = [
    "term/microcredential/",
    "mappings/",
    "sources/",
    "downloads/",
    "ontology/",
    "shape/*",
    "versions/*",
    "organisations/",
    "sparql/",
    "sparql/source-definitions/",
]
# Where a line may wrap inside an identifier: after its prefix's colon, a slash, a dot, a hyphen, a plus, a comma, a
# bar, or between words.
WRAPS_BADLY = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('article :not(pre) > code')) {
    const node = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let previous = null, space = false;
    for (let t = node.nextNode(); t; t = node.nextNode()) {
      for (let i = 0; i < t.length; i++) {
        if (/\\s/.test(t.data[i])) { space = true; continue; }
        const range = document.createRange();
        range.setStart(t, i); range.setEnd(t, i + 1);
        const box = range.getBoundingClientRect();
        if (!box.width) continue;
        if (previous && box.top > previous.top + previous.height / 2 && !space && !/[:\\/.\\-+,|]/.test(previous.char))
          bad.push(`${el.textContent} wraps after "${previous.char}"`);
        previous = {top: box.top, height: box.height, char: t.data[i]};
        space = false;
      }
    }
  }
  return bad;
}"""
CUT_OFF = """(width) => {
  const cut = [];
  for (const wrap of document.querySelectorAll('article .md-typeset__scrollwrap')) {
    const over = wrap.scrollWidth - wrap.clientWidth;
    if (over > 1) cut.push(`a table ${over}px wider than its box`);
  }
  for (const cell of document.querySelectorAll('article td, article th')) {
    const head = cell.closest('thead');
    if (head && getComputedStyle(head).clipPath !== 'none') continue;  // read by screen readers, not shown
    const box = cell.getBoundingClientRect();
    const where = `${cell.textContent.slice(0, 40)} ends at ${Math.round(box.right)}px`;
    if (box.width && box.right > width + 1) cut.push(where);
  }
  return cut;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", TABLE_PAGES)
def test_tables_fit_the_screen_and_keep_identifiers_whole(page, site_url, built_site, path, viewport):  # noqa: F811
    page.set_viewport_size(viewport)
    page.goto(site_url + resolve(path, built_site))
    assert page.locator("article table").count() >= 1
    assert page.evaluate(CUT_OFF, viewport["width"]) == []
    assert page.evaluate(WRAPS_BADLY) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
