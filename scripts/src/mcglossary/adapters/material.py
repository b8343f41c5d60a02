"""Material for MkDocs' internals, used in one place: its theme blocks, its search worker and its page metadata.

- Theme blocks: Material renders the whole site navigation, the footer and the scripts into every page, a few
  milliseconds a page, which is most of a large glossary's build. For a resource's page (outside the navigation,
  with no previous/next links, and only its section marked active) those blocks depend only on how deep the page
  sits (its relative base URL), on what the page hides, on its table of contents and on its section.
  docs/overrides/main.html hands the blocks named in THEME_BLOCKS to `ThemeCache`; a test renders pages with and
  without it and compares the bytes.
- Search: site/assets/material-search.js, the one file that knows the theme's search (its worker protocol, its
  search box), takes the place of Material's worker, whose path every page names in its configuration; it runs the
  glossary's engine (glossary-search.js), which knows no theme.
- Page metadata: Material prints titles without escaping them, and reads `search: exclude` from a page's metadata.
- The rel="alternate" links of a page: Material's script takes each for a language version of the page.

Material 9.x reaches end of life on 2027-05-05 (README.md, "Platform"); tests/test_adapters_material.py fails,
naming what moved, when an upgrade changes any of these.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date

TESTED_WITH = "9.8.1"  # the Material release these internals were read from (pinned in pyproject.toml)
END_OF_LIFE = date(2027, 5, 5)
END_OF_LIFE_NOTICE = (
    f"note: Material for MkDocs 9.x, which builds this site, reaches end of life on {END_OF_LIFE.isoformat()}; "
    "what that means for the glossary: README.md, section Platform"
)
THEME_BLOCKS = ("site_nav", "footer", "scripts", "config", "styles", "libs", "fonts")  # see docs/overrides/main.html
# the theme's configuration names its search worker by this path (its hash changes with each Material release)
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
# Material's script takes every rel="alternate" link for a language version and fetches a sitemap.xml beside it;
# in the browser, and only there, the RDF links get a second keyword so it leaves them alone.
ALTERNATE_LINKS_FIX = (
    "<script>document.querySelectorAll('link[rel=alternate][type]')"
    ".forEach(function (l) { l.rel = 'alternate describedby'; });</script>"
)


def with_search_worker(html_text: str, worker: str) -> str:
    """The page with `worker` (a site path) in the theme's configuration, in place of Material's search worker: the
    theme's search box and result list stay, and talk to `worker` in Material's worker protocol."""
    return MATERIAL_WORKER.sub(worker, html_text, count=1)


def page_meta(title: str, description: str, hide: tuple[str, ...]) -> dict:
    """A generated page's metadata for the theme: title and description already HTML-escaped (the theme prints
    them as they are), out of Material's search index (the glossary's own index holds generated pages), and the
    parts of the theme to hide."""
    meta: dict = {"title": html.escape(title), "description": html.escape(description[:300])}
    meta["search"] = {"exclude": True}
    if hide:
        meta["hide"] = list(hide)
    return meta


def uncached(block: str, render: Callable[[], str]) -> str:
    """What `glossary_cache` is on pages without a shape to share (the theme's global default): render as usual."""
    return render()


class ThemeCache:
    """Rendered theme blocks, keyed by block name and page shape; one per build."""

    def __init__(self, enabled: bool = True) -> None:
        self.blocks: dict[tuple, str] = {}
        self.enabled = enabled

    def bind(self, base_url: str, page: object, section: str = "") -> Callable[[str, Callable[[], str]], str]:
        """The function the template calls as `glossary_cache("block", super)` for this page; `section`: the
        navigation's entry highlighted on it."""
        shape = (base_url, tuple(_hidden(page)), _toc_signature(getattr(page, "toc", None) or []), section)

        def cached(block: str, render: Callable[[], str]) -> str:
            if not self.enabled:
                return render()
            key = (block, shape)
            if key not in self.blocks:
                self.blocks[key] = str(render())
            return self.blocks[key]

        return cached


def _hidden(page: object) -> list[str]:
    meta = getattr(page, "meta", None) or {}
    return sorted(str(part) for part in meta.get("hide", []) or [])


def _toc_signature(items: list) -> tuple:
    return tuple((item.url, item.title, item.level, _toc_signature(item.children)) for item in items)
