"""The relational map. Its layout: no node's circle covers another's (a covered node cannot be clicked), inside the
canvas, the same coordinates on every build, a thousand nodes in well under a second. Its names: never two
overlapping, those chosen at build time (shown without JavaScript) as well as those the page's script shows at each
zoom. In Debian's Chromium at 1280 and 390 px, on the real glossary and on 1,000 synthetic nodes: names at least
12 px and never overlapping (computed from their bounding boxes), more of them when zoomed in, the map as wide as
the page, pinch and drag on touch, every control 44 by 44 px with a visible focus ring, Tab order, the text shown
without JavaScript matching what the map then shows, and axe-core finding nothing in either colour scheme.

The browser tests share the session's build of the real site; the 1,000-node page is that site's map page with the
map of a synthetic glossary (bench_build.py's generator) put in its place, so no second site is built."""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import pytest

from conftest import make_synthetic
from mcglossary.data.load import load
from mcglossary.site import relational_map
from mcglossary.site.model import build
from mcglossary.site.pages import SiteBuilder, SitePage
from mcglossary.site.relational_map import label_box, neighbourhood, separated, whole_map
from sitekit import serve
from test_a11y import AXE_DIR, AXE_VERSION, SCHEMES
from test_browser import DESKTOP, PHONE, SCREENSHOTS, browser, site_url  # noqa: F401  (fixtures)

SYNTHETIC_TERMS = 1000
LABELS_JS = """() => {
  const svg = document.querySelector('svg.mcg-map__svg');
  const frame = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('.mcg-label')].filter(t => getComputedStyle(t).display !== 'none');
  const boxes = texts.map(t => { const b = t.getBoundingClientRect();
    return {label: t.textContent, node: t.getAttribute('data-node'),
            left: b.left, top: b.top, right: b.right, bottom: b.bottom,
            px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}; });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      overlaps.push(a.label + ' / ' + b.label);
  }
  const inView = boxes.filter(b => b.right > frame.left && b.left < frame.right
                                   && b.bottom > frame.top && b.top < frame.bottom);
  const nodesInView = [...svg.querySelectorAll('.mcg-node circle')].filter(c => { const b = c.getBoundingClientRect();
    const x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
    return x >= frame.left && x <= frame.right && y >= frame.top && y <= frame.bottom; });
  return {shown: inView.length, overlaps, smallest: Math.min(...inView.map(b => b.px)),
          named: inView.map(b => b.node), inView: nodesInView.map(c => c.parentNode.getAttribute('data-node')),
          nodes: svg.querySelectorAll('.mcg-node').length, width: frame.width,
          status: document.querySelector('.mcg-map__status').textContent};
}"""


# --- layout and names, in Python ----------------------------------------------------------------------------------
def assert_no_circle_overlaps(relmap) -> None:
    for index, a in enumerate(relmap.nodes):
        assert 0 < a.x < relmap.width and 0 < a.y < relmap.height, a.ref.iri
        for b in relmap.nodes[index + 1 :]:
            assert math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius, (a.ref.iri, b.ref.iri)


def assert_named_labels_apart(relmap) -> None:
    boxes = [(n.ref.label, label_box(n)) for n in relmap.nodes if n.named]
    assert boxes, "no node is named without script"
    for index, (name, a) in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= relmap.width and a[3] <= relmap.height, name
        for other, b in boxes[index + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (name, other)


@pytest.fixture(scope="module")
def glossary(ontology):
    return build(ontology.data, ontology.shapes)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A glossary of 1,000 synthetic terms (with their topics and organisations), its whole map, and the seconds
    the map took to compute, layout included."""
    loaded = load(make_synthetic(tmp_path_factory.mktemp("map1000"), SYNTHETIC_TERMS))
    glossary = build(loaded.data, loaded.shapes)
    relational_map._layout.cache_clear()
    started = time.perf_counter()
    relmap = whole_map(glossary)
    seconds = time.perf_counter() - started
    return glossary, relmap, seconds, loaded.data


def test_no_circle_of_the_whole_map_overlaps_another(glossary):
    relmap = whole_map(glossary)
    assert len(relmap.nodes) > 150
    assert_no_circle_overlaps(relmap)


def test_the_names_shown_without_script_never_overlap(glossary):
    relmap = whole_map(glossary)
    assert_named_labels_apart(relmap)
    assert relmap.nodes[0].named  # the most linked node is always named
    term = next(t for t in glossary.terms if t.ref.path == "term/microcredential/")
    local = neighbourhood(glossary, term)
    assert local.nodes[0].centre and local.nodes[0].named
    assert_named_labels_apart(local)


def test_nodes_come_most_linked_first(glossary):
    relmap = whole_map(glossary)
    degree = {n.ref.iri: 0 for n in relmap.nodes}
    for edge in relmap.edges:
        degree[edge.source.ref.iri] += 1
        degree[edge.target.ref.iri] += 1
    order = [degree[n.ref.iri] for n in relmap.nodes]
    assert order == sorted(order, reverse=True)


def test_a_thousand_terms_are_all_on_the_map_laid_out_in_seconds(synthetic):
    glossary, relmap, seconds, _graph = synthetic
    assert len(glossary.terms) == SYNTHETIC_TERMS
    assert relmap.all_terms == 0  # not capped: every term is on it
    assert sum(1 for n in relmap.nodes if n.ref.kind == "term") == SYNTHETIC_TERMS
    assert seconds < 5, f"the 1,000-term map took {seconds:.1f} s"
    assert_no_circle_overlaps(relmap)
    assert_named_labels_apart(relmap)
    relational_map._layout.cache_clear()  # igraph's grid variant (from 1,000 nodes) is as deterministic
    assert [(n.ref.iri, n.x, n.y) for n in whole_map(glossary).nodes] == [(n.ref.iri, n.x, n.y) for n in relmap.nodes]


def test_the_layout_is_the_same_on_every_build(glossary):
    first = whole_map(glossary)
    relational_map._layout.cache_clear()
    again = whole_map(glossary)
    assert [(n.ref.iri, n.x, n.y, n.named) for n in first.nodes] == [
        (n.ref.iri, n.x, n.y, n.named) for n in again.nodes
    ]


def test_separating_parts_circles_on_one_point_and_leaves_apart_ones_alone():
    radii = {"a": 10.0, "b": 10.0, "c": 5.0}
    apart = separated({"a": (100.0, 100.0), "b": (100.0, 100.0), "c": (400.0, 400.0)}, radii, 1200, 900)
    assert math.hypot(apart["a"][0] - apart["b"][0], apart["a"][1] - apart["b"][1]) >= 20
    assert apart["c"] == (400.0, 400.0)
    assert separated(dict(apart), radii, 1200, 900) == apart  # nothing left to move: the same layout


# --- in Chromium ----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_map_url(synthetic, built_site, tmp_path_factory):
    """The real site's map page with the 1,000-term glossary's map in place of ours, served beside the real site's
    assets (its nodes' links lead nowhere: these tests do not follow them)."""
    glossary, relmap, _seconds, graph = synthetic
    folder = tmp_path_factory.mktemp("map1000-site")
    for entry in built_site.iterdir():
        if entry.name != "map":
            (folder / entry.name).symlink_to(entry)
    builder = SiteBuilder(glossary, graph, "", "")
    body = builder.render(SitePage("map/", "Relational map", "map.html", {"map": relmap, "map_id": "whole"}))
    page = (built_site / "map" / "index.html").read_text(encoding="utf-8")
    start = page.index('<h1 class="mcg-title">')
    end = page.index("</figure>", start) + len("</figure>")
    (folder / "map").mkdir()
    (folder / "map" / "index.html").write_text(page[:start] + body + page[end:], encoding="utf-8")
    with serve(folder) as url:
        yield url + "map/"


def open_map(browser, url: str, viewport: dict, **options):  # noqa: F811
    context = browser.new_context(viewport=viewport, **options)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.errors = errors
    started = time.perf_counter()
    tab.goto(url)
    if options.get("java_script_enabled", True):
        tab.wait_for_selector("figure.mcg-map.is-live")
        tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    tab.seconds = time.perf_counter() - started
    return context, tab


def settle(tab) -> None:
    tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.mark.browser
@pytest.mark.parametrize("size", ["real", "1000"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_names_are_12px_and_never_overlap_at_any_zoom(browser, site_url, big_map_url, size, viewport):  # noqa: F811
    url = site_url + "map/" if size == "real" else big_map_url
    context, tab = open_map(browser, url, viewport)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = f"map-{size}-{viewport['width']}"
    default = tab.evaluate(LABELS_JS)
    assert default["nodes"] >= (SYNTHETIC_TERMS if size == "1000" else 150)
    assert default["overlaps"] == [], default["overlaps"][:5]
    assert default["smallest"] >= 12, default
    assert default["shown"] >= 5, default
    assert tab.seconds < 10, f"the map took {tab.seconds:.1f} s to load and name its nodes"
    tab.screenshot(path=str(SCREENSHOTS / f"{shot}-default.png"), full_page=True)
    tab.evaluate("() => { for (let i = 0; i < 3; i++) document.querySelector('[data-zoom=in]').click(); }")
    settle(tab)  # three presses of + (one relabelling after them: 0.2 s for 1,000 nodes)
    zoomed = tab.evaluate(LABELS_JS)
    assert zoomed["overlaps"] == [], zoomed["overlaps"][:5]
    assert zoomed["smallest"] >= 12, zoomed
    tab.screenshot(path=str(SCREENSHOTS / f"{shot}-zoomed.png"), full_page=True)
    # zoomed in, nodes that had no name get theirs: of the nodes now in view, more are named than before
    in_view = set(zoomed["inView"])
    before, after = len(in_view & set(default["named"])), len(in_view & set(zoomed["named"]))
    assert after > before, (before, after)
    assert re.match(rf"Names shown: \d+ of the {len(in_view)} nodes in view", zoomed["status"]), zoomed["status"]
    assert tab.errors == []
    print(f"{shot}: {default['shown']} names at default zoom, {zoomed['shown']} zoomed; {tab.seconds:.2f} s")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_map_is_as_wide_as_the_page(browser, site_url, viewport):  # noqa: F811
    context, tab = open_map(browser, site_url + "map/", viewport)
    width = tab.evaluate("document.querySelector('svg.mcg-map__svg').getBoundingClientRect().width")
    assert width >= viewport["width"] - 64, f"the map is {width} px wide in a {viewport['width']} px window"
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


CONTROLS_JS = """() => [...document.querySelectorAll(
    '.mcg-map__controls input, .mcg-map__controls button, .mcg-map__list summary')].map(el => {
  const target = el.type === 'checkbox' || el.type === 'search' ? el.closest('label') : el;
  const b = target.getBoundingClientRect();
  return {name: el.getAttribute('aria-label') || el.textContent.trim() || el.closest('label').textContent.trim(),
          width: b.width, height: b.height};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_every_control_is_44px_and_shows_a_focus_ring_in_tab_order(browser, site_url, viewport):  # noqa: F811
    context, tab = open_map(browser, site_url + "map/", viewport)
    small = [c for c in tab.evaluate(CONTROLS_JS) if c["width"] < 44 or c["height"] < 44]
    assert small == [], small
    # Tab from the Find box: the controls in the order they are shown, then the nodes, most linked first
    tab.locator(".mcg-map__search").focus()
    seen = []
    for _ in range(13):
        seen.append(
            tab.evaluate(
                """() => { const el = document.activeElement, style = getComputedStyle(el);
                  const ring = el.matches('.mcg-node') ? getComputedStyle(el.querySelector('circle')) : null;
                  const box = (el.closest('label') || el).getBoundingClientRect();
                  return {width: box.width, height: box.height,
                          what: el.getAttribute('data-node') || el.getAttribute('data-zoom')
                                || el.getAttribute('data-kind') || el.classList[0],
                          ring: ring ? parseFloat(ring.strokeWidth) * (ring.vectorEffect === 'non-scaling-stroke' ? 1
                                       : el.querySelector('circle').getScreenCTM().a)
                                     : (style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth))}; }"""
            )
        )
        if seen[-1]["what"] == "n2":
            break
        tab.keyboard.press("Tab")
    order = [s["what"] for s in seen]
    assert order[0] == "mcg-map__search"
    assert order[1:4] == ["term", "topic", "organisation"]
    assert order[4:7] == ["in", "out", "reset"]
    assert order[7:] == ["mcg-map__skip", "n0", "n1", "n2"], order  # a link past the nodes, then the nodes
    no_ring = [s for s in seen if s["ring"] < 2]
    assert no_ring == [], no_ring
    small = [s for s in seen if not s["what"].startswith("n") and (s["width"] < 44 or s["height"] < 44)]
    assert small == [], small  # the link past the nodes too, once focused
    context.close()


def touch(cdp, kind: str, points: list[tuple[float, float]]) -> None:
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]},
    )


@pytest.mark.browser
def test_pinch_zooms_and_a_finger_drags_on_a_phone(browser, site_url):  # noqa: F811
    context, tab = open_map(browser, site_url + "map/", PHONE, has_touch=True, is_mobile=True)
    tab.locator("svg.mcg-map__svg").scroll_into_view_if_needed()
    box = tab.locator("svg.mcg-map__svg").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    transform = "() => document.querySelector('.mcg-map__viewport').getAttribute('transform')"
    before = tab.evaluate(LABELS_JS)["shown"]
    cdp = context.new_cdp_session(tab)
    touch(cdp, "touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for step in range(1, 6):
        touch(cdp, "touchMove", [(cx - 30 - 15 * step, cy), (cx + 30 + 15 * step, cy)])
    touch(cdp, "touchEnd", [])
    settle(tab)
    scale = float(re.search(r"scale\(([\d.]+)\)", tab.evaluate(transform)).group(1))
    assert abs(scale - 3.5) < 0.3, tab.evaluate(transform)  # the fingers went from 60 to 210 px apart
    pinched = tab.evaluate(LABELS_JS)
    assert pinched["overlaps"] == [] and pinched["smallest"] >= 12
    assert pinched["shown"] > before or pinched["status"] != ""
    moved = tab.evaluate(transform)
    touch(cdp, "touchStart", [(cx, cy)])
    for step in range(1, 6):
        touch(cdp, "touchMove", [(cx + 10 * step, cy + 6 * step)])
    touch(cdp, "touchEnd", [])
    settle(tab)
    assert tab.evaluate(transform) != moved
    assert tab.url.endswith("/map/")  # the drag was not taken for a tap on a node
    assert tab.errors == []
    context.close()


@pytest.mark.browser
def test_without_javascript_the_text_says_what_the_map_shows(browser, site_url):  # noqa: F811
    context, tab = open_map(browser, site_url + "map/", DESKTOP, java_script_enabled=False)
    assert tab.locator(".mcg-map__controls").is_hidden()
    assert tab.locator(".mcg-map__help--live").is_hidden()
    still = tab.locator(".mcg-map__help--still").inner_text()
    named, total = map(int, re.search(r"names the (\d+) most linked of its (\d+) nodes", still).groups())
    shown = tab.evaluate(LABELS_JS)
    assert (shown["shown"], shown["nodes"]) == (named, total)
    assert shown["overlaps"] == [] and shown["smallest"] >= 12
    context.close()
    context, tab = open_map(browser, site_url + "map/", DESKTOP)  # and with it, the other text
    assert tab.locator(".mcg-map__help--still").is_hidden()
    assert "two fingers" in tab.locator(".mcg-map__help--live").inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_nothing_on_the_map(browser, site_url, scheme):  # noqa: F811
    package = AXE_DIR / "package.json"
    if not package.is_file():
        pytest.fail(f"axe-core {AXE_VERSION} is not installed in {AXE_DIR}: run scripts/test.sh")
    context, tab = open_map(browser, site_url + "map/", DESKTOP, color_scheme=scheme)
    tab.add_script_tag(path=str(Path(AXE_DIR) / "axe.min.js"))
    found = tab.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' '))}`)"""
    )
    assert found == []
    context.close()
