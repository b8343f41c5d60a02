"""mkdocs' internals, used in one place: pages without Markdown, and a build driven by hand in this process.

- `GeneratedPage`: the plugin renders a generated page's HTML itself (when mkdocs writes the page); its Markdown
  source is only front matter. Reading that source and running it through Python-Markdown with every configured
  extension costs about a millisecond a page, which at tens of thousands of pages is half a minute spent producing
  nothing. The page sets `present_anchor_ids`, which mkdocs' `Page.render` would set and its anchor check reads.
- `mark_section`: a resource's page is outside the navigation, so mkdocs marks nothing in it active; the page's
  section (the list its breadcrumb starts from) is marked as mkdocs marks the current page and its ancestors
  (`Page.active`), and unmarked once the page is written, so the theme highlights it.
- `build_site`: `mcg build` runs mkdocs in its own process, on the glossary it has loaded and checked already
  (loading it again in a second process would double the time and the memory of a large glossary), by doing what
  the `mkdocs build` command does: load the config, start the plugins, build.

mkdocs 1.6.1 is pinned in pyproject.toml; tests/test_adapters_mkdocs.py fails, naming what moved, on an upgrade.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

TESTED_WITH = "1.6.1"  # the mkdocs release these internals were read from (pinned in pyproject.toml)
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


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
        self.present_anchor_ids = set()  # private to mkdocs: its anchor check reads it after render


def toc(rendered: str) -> TableOfContents:
    """The page's table of contents, read from the h2 and h3 headings of its rendered HTML."""
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(rendered):
        token = {"level": int(level), "id": anchor, "name": _TAGS.sub("", inner).strip(), "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        elif level == "2":
            tokens.append(token)
    return get_toc(tokens)


def mark_section(nav, url: str) -> Callable[[], None]:
    """Mark the navigation's page at `url` (a site path such as "terms/") active, as mkdocs marks the page being
    written; returns what undoes it (nothing is marked when no page of the navigation is at `url`)."""
    for item in nav.pages:
        if item.url == url and not item.active:
            item.active = True  # the setter marks its sections too
            return lambda: setattr(item, "active", False)
    return lambda: None


class BuildFailed(Exception):
    """mkdocs stopped the build; carries what it logged (strict mode fails on warnings)."""


class PluginMissing(BuildFailed):
    """The mkdocs config does not name the plugin the build needs."""


def build_site(config: Path, site_dir: Path, environment: dict[str, str], plugin: str) -> None:
    """`mkdocs build --config-file config --site-dir site_dir` in this process, with `environment` set meanwhile;
    the config must use `plugin`. Raises BuildFailed with mkdocs' warnings and errors."""
    with _environment(environment), _captured_log() as messages:
        try:
            settings = load_config(str(config), site_dir=str(site_dir))
            if plugin not in settings.plugins:
                raise PluginMissing(f"{config} does not use the {plugin} plugin (plugins: - {plugin})")
            settings.plugins.on_startup(command="build", dirty=False)
            mkdocs_build(settings)
        except (MkDocsException, SystemExit) as error:  # mkdocs' Abort (strict mode) is a SystemExit too
            raise BuildFailed("\n".join([*messages, str(error)]).strip()) from None


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _captured_log() -> Iterator[list[str]]:
    """mkdocs' warnings and errors during the build, for the error message."""
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(f"{record.levelname}: {record.getMessage()}")
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
