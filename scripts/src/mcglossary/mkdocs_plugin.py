"""The mkdocs plugin: wiring from mkdocs' events to the pipeline (pipeline.py), nothing more.

on_config runs the pipeline up to the page list; mkdocs then writes the pages, asking for each page's HTML as it
writes it; on_post_build writes the RDF files. Under `mkdocs serve` a `ServeSession` (site/incremental.py) carries
the previous build over to the next, so that an edit to ontology data rebuilds only what it can change.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from mcglossary import pipeline
from mcglossary.adapters import material
from mcglossary.adapters.mkdocs import GeneratedPage, mark_section, toc
from mcglossary.adapters.mkdocs_strict import lift_strict_mode
from mcglossary.data.namespaces import PAGE_FOLDERS
from mcglossary.data.report import OntologyError
from mcglossary.pipeline import SiteBuild
from mcglossary.site.compiled_templates import TEMPLATE_CODE
from mcglossary.site.figures import with_figures
from mcglossary.site.findings_site import FindingsSite
from mcglossary.site.incremental import ServeSession
from mcglossary.site.pages import ASSETS, SitePage, site_folders
from mcglossary.site.search_index import WORKER
from mcglossary.sparql.query_editor import VendorMissing

COLLECT_AFTER = 1.0  # seconds after a `mkdocs serve` build
log = logging.getLogger("mkdocs.plugins.glossary")


class GlossaryConfig(Config):
    ontology = config_options.Type(str, default="ontology")
    theme_cache = config_options.Type(bool, default=True)  # off: every page renders the whole theme (for tests)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Generates the glossary's pages from `ontology/` on every build (and on every change under `mkdocs serve`)."""

    session: ServeSession | None = None  # under `mkdocs serve`, which keeps this object across rebuilds
    unmark_section: Callable[[], None] | None = None  # undoes the highlight of the page being written

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # mkdocs keeps one instance per process from here on (several builds in one process reuse it): start clean
        self.session = ServeSession(log.info) if command == "serve" else None
        log.info(material.END_OF_LIFE_NOTICE)  # once a `mkdocs build` or `mkdocs serve`, after Material's own

    def on_config(self, config):
        project = Path(config.config_file_path).parent
        root = (project / self.config.ontology).resolve()
        if self.session is not None:
            package = resources.files("mcglossary.site")
            sources = [Path(str(package.joinpath("templates"))), Path(str(package.joinpath("assets")))]
            self.session.watch(
                [root, Path(config.docs_dir).resolve(), Path(config.config_file_path).resolve(), *sources]
            )
        try:
            self.site = pipeline.prepare(
                root, project, config.repo_url or "", config.site_url or "", self.session, TEMPLATE_CODE
            )
        except OntologyError as error:
            if self.session is None:
                problem = "cannot be read" if error.exit_code == 2 else "does not validate"
                raise PluginError(f"the ontology {problem}:\n{error.report.text()}") from None
            # under `mkdocs serve`, a site whose pages show the findings rather than a server that hangs
            lift_strict_mode()  # hand-written pages link to glossary pages this build leaves out
            log.warning(f"glossary: the ontology has errors; every page shows them:\n{error.report.text()}")
            self.site = FindingsSite(root, error.report, self.session.broken())
        except VendorMissing as error:  # the query page's npm packages: one line that says how to set them up
            raise PluginError(str(error)) from None
        self.theme_cache = material.ThemeCache(enabled=self.config.theme_cache and isinstance(self.site, SiteBuild))
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"assets/{asset}" not in [str(x) for x in target]:
                target.append(f"assets/{asset}")
        return config

    def on_pre_build(self, config) -> None:
        if self.session is not None:
            self.session.before_build(Path(config.site_dir))

    def on_files(self, files: Files, config) -> Files:
        # in path order, which the sitemap follows: a renamed term keeps its place, so `mkdocs serve` can carry the
        # sitemap over from the previous build (see incremental.carry_over)
        for page in sorted(self.site.to_build.values(), key=lambda page: page.src_uri):
            # a resource's pages stay out of the navigation (and of mkdocs' list of pages missing from it)
            resource = page.path.split("/", 1)[0] in PAGE_FOLDERS
            inclusion = InclusionLevel.NOT_IN_NAV if resource else InclusionLevel.UNDEFINED
            files.append(File.generated(config, page.src_uri, content=front_matter(page), inclusion=inclusion))
        for path, data in self.site.files():
            # INCLUDED: mkdocs would otherwise drop dot files such as the site's .htaccess
            files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.INCLUDED))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        if self.site.glossary is None:  # the data is broken: no figures to show
            return markdown
        return with_figures(markdown, self.site.glossary)  # hand-written pages that show the glossary's figures

    def on_env(self, env, config, files):
        env.globals["glossary_cache"] = material.uncached  # docs/overrides/main.html calls it on every page
        env.globals["mcg_site_folders"] = site_folders(self.site.pages)  # docs/overrides/404.html
        env.bytecode_cache = TEMPLATE_CODE  # a new environment on every `mkdocs serve` rebuild, the same templates
        return env

    def on_nav(self, nav, config, files: Files):
        for spec in self.site.to_build.values():
            file = files.get_file_from_path(spec.src_uri)
            if file is not None and file.page is None:  # outside the navigation: no Markdown to read
                GeneratedPage(file, config, page_meta(spec))
        return nav

    @event_priority(100)  # before the search plugin, which reads the page's content in the same event
    def on_page_context(self, context, page, config, nav):
        spec = self.site.to_build.get(page.file.src_uri)
        if spec is None:
            spec = SitePage(page.file.src_uri.removesuffix("index.md").removesuffix(".md"), "", "")
        else:
            # rendered now, when mkdocs writes the page, rather than when it reads all pages first
            page.content = self.site.html(spec)
            page.toc = toc(page.content)
            # the navigation's entry the page belongs under is highlighted while the page is written
            self.unmark_section = mark_section(nav, spec.section) if spec.section else None
            if spec.alternates:  # a resource's page: outside the navigation, so its theme parts repeat
                context["glossary_cache"] = self.theme_cache.bind(context["base_url"], page, spec.section)
        context["glossary_head"] = self.site.head(spec, (material.ALTERNATE_LINKS_FIX,))
        return context

    def on_post_page(self, output: str, page, config) -> str:
        if page.file.src_uri in self.site.to_build:
            page.content = None  # written: free it (a large glossary's pages would not fit in memory together)
        if self.unmark_section is not None:
            self.unmark_section()
            self.unmark_section = None
        return material.with_search_worker(output, f"assets/{WORKER}")

    def on_post_template(self, output: str, template_name: str, config) -> str:
        return material.with_search_worker(output, f"assets/{WORKER}")  # 404.html has the search box too

    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        self.site.write(site)
        if self.session is not None and isinstance(self.site, SiteBuild):
            self.session.built(site, self.site.ontology, self.site.pages, len(self.site.report.findings))
        if self.session is not None:
            # the previous builds' leftovers, frozen with the rest, are collected once this build shows, rather than
            # while the next one is waited for
            collector = threading.Timer(COLLECT_AFTER, collect_leftovers)
            collector.daemon = True
            collector.start()
        else:
            gc.unfreeze()  # frozen by pipeline.prepare for the build's length; whatever runs next in this process

    def on_build_error(self, error: Exception) -> None:
        gc.unfreeze()  # frozen by pipeline.prepare (a failed serve build's leftovers are then collected as usual)
        if self.session is not None:
            self.session.failed()

    def on_serve(self, server, config, builder):
        server.watch(str(self.site.ontology.root))
        return server


def collect_leftovers() -> None:
    """Give back what builds froze (see pipeline.prepare) and collect what no build uses any more."""
    gc.unfreeze()
    gc.collect()


def page_meta(page: SitePage) -> dict:
    """The page's metadata for mkdocs and the theme (see adapters/material.py)."""
    return material.page_meta(page.title, page.description, page.hide)


def front_matter(page: SitePage) -> str:
    """The page's metadata as YAML front matter (JSON is YAML)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in page_meta(page).items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
