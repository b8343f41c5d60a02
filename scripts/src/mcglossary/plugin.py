"""The mkdocs plugin: loads and validates the ontology, then adds the generated pages and files.

Scale matters here (tens of thousands of pages): a generated page's HTML is rendered only when mkdocs writes
that page and dropped right after, the theme's page-independent parts are rendered once per page shape (see
ThemeCache), and the RDF files of each resource are written straight to the site after the pages, never held in
memory all at once.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from .export import FORMATS, serialize
from .extensions import SiteContext, extend
from .load import Ontology, load
from .model import build
from .render import SiteBuilder, SitePage
from .report import OntologyError, Report
from .themecache import ThemeCache
from .validate import validate_project

ASSETS = ("glossary.css", "glossary.js")
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


class GlossaryConfig(Config):
    ontology = config_options.Type(str, default="ontology")
    theme_cache = config_options.Type(bool, default=True)  # off: every page renders the whole theme (for tests)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Generates the glossary's pages from `ontology/` on every build (and on every change under `mkdocs serve`)."""

    preloaded: tuple[Ontology, Report] | None = None

    def use(self, ontology: Ontology, report: Report) -> None:
        """Build from an ontology already loaded and validated (by `mcg build`) rather than reading it again."""
        self.preloaded = (ontology, report)

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        if self.preloaded:
            ontology, report = self.preloaded
        else:
            try:
                ontology = load((root / self.config.ontology).resolve())
            except OntologyError as error:
                raise PluginError(f"the ontology cannot be read:\n{error.report.text()}") from None
            report = validate_project(ontology)  # query files too: the SPARQL pages run them
        if not report.conforms:
            raise PluginError(f"the ontology does not validate:\n{report.text()}")
        self.ontology_dir = ontology.root
        self.ontology = ontology
        glossary = build(ontology.data, ontology.shapes)
        self.builder = SiteBuilder(glossary, ontology.data, config.repo_url or "", config.site_url or "")
        self.extension = extend(SiteContext(ontology, glossary, report, Path(config.config_file_path).parent))
        self.builder.extra_pages = self.extension.pages
        self.pages: dict[str, SitePage] = {page.src_uri: page for page in self.builder.pages()}
        self.theme_cache = ThemeCache(enabled=self.config.theme_cache)
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"assets/{asset}" not in [str(x) for x in target]:
                target.append(f"assets/{asset}")
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=front_matter(page)))
        for path, data in self.extension.files:
            # INCLUDED: mkdocs would otherwise drop dot files such as the site's .htaccess
            files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.INCLUDED))
        turtle = next(f for f in FORMATS if f.extension == "ttl")
        files.append(File.generated(config, "downloads/shapes.ttl", content=serialize(self.ontology.shapes, turtle)))
        for asset in ASSETS:
            content = resources.files("mcglossary").joinpath("assets", asset).read_bytes()
            files.append(File.generated(config, f"assets/{asset}", content=content))
        return files

    @event_priority(100)  # before the search plugin, which reads the page's content in the same event
    def on_page_context(self, context, page, config, nav):
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            spec = SitePage(page.file.src_uri.removesuffix("index.md").removesuffix(".md"), "", "")
        else:
            # rendered now, when mkdocs writes the page, rather than when it reads all pages first
            page.content = self.builder.render(spec)
            page.toc = get_toc(toc_tokens(page.content))
            if spec.alternates:  # a resource's page: outside the navigation, so its theme parts repeat
                context["glossary_cache"] = self.theme_cache.bind(context["base_url"], page)
        context["glossary_head"] = self.builder.head_extras(spec)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        if page.file.src_uri in self.pages:
            page.content = None  # written: free it (a large glossary's pages would not fit in memory together)
        return output

    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        for path, data in self.builder.files(list(self.pages.values())):
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def on_serve(self, server, config, builder):
        server.watch(str(self.ontology_dir))
        return server


def front_matter(page: SitePage) -> str:
    """YAML front matter (JSON is YAML) with the title and description already HTML-escaped, because the
    theme prints them without escaping."""
    meta: dict = {"title": html.escape(page.title), "description": html.escape(page.description[:300])}
    if not page.searchable:
        meta["search"] = {"exclude": True}
    elif page.search_boost:
        meta["search"] = {"boost": page.search_boost}
    if page.hide:
        meta["hide"] = list(page.hide)
    if page.search_tags:
        meta["tags"] = [html.escape(tag) for tag in page.search_tags]  # Material shows tags as HTML
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def toc_tokens(rendered: str) -> list[dict]:
    """The page's table of contents, read from the headings of the rendered HTML."""
    tokens: list[dict] = []
    for level, anchor, inner in _HEADING.findall(rendered):
        token = {"level": int(level), "id": anchor, "name": _TAGS.sub("", inner).strip(), "children": []}
        if level == "3" and tokens:
            tokens[-1]["children"].append(token)
        elif level == "2":
            tokens.append(token)
    return tokens
