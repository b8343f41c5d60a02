"""Screenshots of every kind of page, at 1280 and 390 px wide, in the light and the dark scheme, for people to look at.

Run by hand after a build, not by CI (what the pages must do is checked by the tests; a picture is for eyes):

    .venv/bin/mcg build && .venv/bin/python scripts/screenshots.py            # every kind, both schemes
    .venv/bin/python scripts/screenshots.py --schemes light --kinds term map   # a few

It serves the built site on 127.0.0.1, opens one page of each kind (the list the accessibility tests use,
tests/sitekit.py PAGE_KINDS) in Debian's Chromium, and saves whole-page PNGs as `<kind>-<scheme>-<width>.png`,
plus three states that a page alone does not show: search results, the "no exact match" notice and the query page
after a query has run. `index.html` in the same folder shows them side by side, phone next to desktop.
"""

from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from sitekit import CHROMIUM, CHROMIUM_ARGS, PAGE_KINDS, resolve, serve  # noqa: E402  (shared with the tests)

WIDTHS = {1280: {"width": 1280, "height": 800}, 390: {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")


def open_search(tab, url: str, query: str) -> None:
    tab.goto(url)
    if tab.viewport_size["width"] < 600:  # on a phone the box opens from the header's search button
        tab.locator('label[for="__search"]').first.click()
    tab.locator("input.md-search__input").fill(query)
    tab.wait_for_selector(".md-search-result__item", timeout=15_000)
    tab.wait_for_timeout(300)  # the theme fades the results in


def run_query(tab, url: str) -> None:
    tab.goto(url + "sparql/run/")
    tab.wait_for_selector("#mcg-query[data-ready]", timeout=60_000)
    tab.click("#mcg-query-run")
    tab.wait_for_selector("#mcg-query[data-done] #mcg-query-table tbody tr", timeout=60_000)


STATES = {
    "search results": lambda tab, url: open_search(tab, url, "micro credential"),
    "search no exact match": lambda tab, url: open_search(tab, url, "microcredencial"),
    "query page with results": run_query,
}


def shoot(site: Path, out: Path, kinds: list[str], schemes: list[str]) -> list[tuple[str, str, int, str]]:
    """Every (kind, scheme, width) screenshot; returns (kind, scheme, width, file name) in order."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in schemes:
            for width, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, color_scheme=scheme)
                tab = context.new_page()
                for kind in kinds:
                    if kind in STATES:
                        STATES[kind](tab, url)
                    else:
                        tab.goto(url + resolve(PAGE_KINDS[kind], site))
                    name = f"{kind.replace(' ', '-')}-{scheme}-{width}.png"
                    tab.screenshot(path=str(out / name), full_page=not kind.startswith("search"))
                    shots.append((kind, scheme, width, name))
                    print(f"{name}", flush=True)
                context.close()
        browser.close()
    return shots


def contact_page(shots: list[tuple[str, str, int, str]]) -> str:
    """One row per kind and scheme: the phone picture next to the desktop one, each a link to the full size."""
    rows = {}
    for kind, scheme, width, name in shots:
        rows.setdefault((kind, scheme), {})[width] = name
    cells = []
    for (kind, scheme), by_width in rows.items():
        pictures = "".join(
            f'<a href="{html.escape(name)}"><img src="{html.escape(name)}" alt="{html.escape(kind)}, {width} px" '
            f'style="width:{width // 4}px;vertical-align:top;border:1px solid #999;margin:4px"></a>'
            for width, name in sorted(by_width.items())
        )
        cells.append(f"<section><h2>{html.escape(kind)} ({scheme})</h2>{pictures}</section>")
    return (
        '<!doctype html><meta charset="utf-8"><title>Screenshots</title>'
        "<style>body{font:14px sans-serif;margin:1em}h2{font-size:14px;margin:0}"
        "section{display:inline-block;vertical-align:top;margin:0 1em 1em 0}</style>" + "".join(cells)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "screenshots" / "pages")
    parser.add_argument("--schemes", nargs="+", default=list(SCHEMES), choices=SCHEMES)
    parser.add_argument("--kinds", nargs="+", default=[*PAGE_KINDS, *STATES], choices=[*PAGE_KINDS, *STATES])
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no built site here; run `.venv/bin/mcg build` first, or pass --site", file=sys.stderr)
        return 2
    shots = shoot(args.site, args.out, args.kinds, args.schemes)
    (args.out / "index.html").write_text(contact_page(shots), encoding="utf-8")
    print(f"{len(shots)} screenshots in {args.out}; look at them: {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
