"""Material's theme blocks (navigation, footer, scripts) rendered once per page shape instead of once per page.

Material renders the whole site navigation, the footer and the scripts into every page: a few milliseconds a
page, which is most of a large glossary's build. For a resource's page (outside the navigation, so nothing in
the navigation is marked active, and with no previous/next links) those parts depend only on how deep the page
sits (its relative base URL), on what the page hides, and on its table of contents. docs/overrides/main.html
hands those blocks to the cache; a test renders pages with and without it and compares the bytes.
"""

from __future__ import annotations

from collections.abc import Callable


def uncached(block: str, render: Callable[[], str]) -> str:
    """What `glossary_cache` is on pages without a shape to share (the theme's global default): render as usual."""
    return render()


class ThemeCache:
    """Rendered theme blocks, keyed by block name and page shape; one per build."""

    def __init__(self, enabled: bool = True) -> None:
        self.blocks: dict[tuple, str] = {}
        self.enabled = enabled

    def bind(self, base_url: str, page: object) -> Callable[[str, Callable[[], str]], str]:
        """The function the template calls as `glossary_cache("block", super)` for this page."""
        shape = (base_url, tuple(_hidden(page)), _toc_signature(getattr(page, "toc", None) or []))

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
