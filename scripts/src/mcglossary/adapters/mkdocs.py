"""mkdocs' Page for a generated page: the glossary supplies its metadata and HTML, mkdocs' Markdown is skipped.

The plugin renders a generated page's HTML itself (when mkdocs writes the page); the page's Markdown source is
only front matter. Reading that source and running it through Python-Markdown with every configured extension
costs about a millisecond a page, which at tens of thousands of pages is half a minute spent producing nothing.
"""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class GeneratedPage(Page):
    """A page outside the navigation whose metadata comes from the glossary, not from a Markdown file."""

    def __init__(self, file: File, config, meta: dict) -> None:
        super().__init__(None, file, config)  # sets file.page, so mkdocs builds this object
        self.generated_meta = meta

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", dict(self.generated_meta)

    def render(self, config, files) -> None:
        self.content = ""  # the plugin's on_page_context puts the page's HTML here when it is written
        self.toc = get_toc([])
        self.present_anchor_ids = set()
