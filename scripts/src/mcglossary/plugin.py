"""The mkdocs plugin: loads and validates the ontology, then adds the generated pages and files in memory."""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from .export import FORMATS, serialize
from .extensions import SiteContext, extend
from .load import load
from .model import build
from .render import SiteBuilder, SitePage
from .report import OntologyError
from .validate import validate_project

ASSETS = ("glossary.css", "glossary.js")
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


class GlossaryConfig(Config):
    ontology = config_options.Type(str, default="ontology")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Generates the glossary's pages from `ontology/` on every build (and on every change under `mkdocs serve`)."""

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.ontology_dir = (root / self.config.ontology).resolve()
        try:
            ontology = load(self.ontology_dir)
        except OntologyError as error:
            raise PluginError(f"the ontology cannot be read:\n{error.report.text()}") from None
        report = validate_project(ontology)  # query files too: the SPARQL pages run them
        if not report.conforms:
            raise PluginError(f"the ontology does not validate:\n{report.text()}")
        self.ontology = ontology
        glossary = build(ontology.data, ontology.shapes)
        self.builder = SiteBuilder(glossary, ontology.data, config.repo_url or "", config.site_url or "")
        self.extension = extend(SiteContext(ontology, glossary, report, Path(config.config_file_path).parent))
        self.builder.extra_pages = self.extension.pages
        self.pages: dict[str, SitePage] = {page.src_uri: page for page in self.builder.pages()}
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"assets/{asset}" not in [str(x) for x in target]:
                target.append(f"assets/{asset}")
        return config

    def on_files(self, files: Files, config) -> Files:
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=front_matter(page)))
        for path, data in [*self.builder.files(list(self.pages.values())), *self.extension.files]:
            # INCLUDED: mkdocs would otherwise drop dot files such as the site's .htaccess
            files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.INCLUDED))
        turtle = next(f for f in FORMATS if f.extension == "ttl")
        files.append(File.generated(config, "downloads/shapes.ttl", content=serialize(self.ontology.shapes, turtle)))
        for asset in ASSETS:
            content = resources.files("mcglossary").joinpath("assets", asset).read_bytes()
            files.append(File.generated(config, f"assets/{asset}", content=content))
        return files

    def on_page_content(self, html_text: str, page, config, files):
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return html_text
        rendered = self.builder.render(spec)
        page.toc = get_toc(toc_tokens(rendered))
        return rendered

    def on_page_context(self, context, page, config, nav):
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            spec = SitePage(page.file.src_uri.removesuffix("index.md").removesuffix(".md"), "", "")
        context["glossary_head"] = self.builder.head_extras(spec)
        return context

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
