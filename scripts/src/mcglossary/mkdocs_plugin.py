"""The mkdocs plugin: loads and validates the ontology, then adds the generated pages and files.

Scale matters here (tens of thousands of pages): a generated page's HTML is rendered only when mkdocs writes
that page and dropped right after, the theme's page-independent parts are rendered once per page shape (see
ThemeCache), and the RDF files of each resource are written straight to the site after the pages, never held in
memory all at once.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import re
import threading
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from rdflib import URIRef

from mcglossary.adapters.material import ThemeCache, uncached
from mcglossary.adapters.mkdocs import GeneratedPage
from mcglossary.adapters.mkdocs_strict import lift_strict_mode
from mcglossary.data.export import FORMATS, DatasetFiles, serialize
from mcglossary.data.load import Ontology, load, reread, updated
from mcglossary.data.output_folders import inside
from mcglossary.data.report import OntologyError, Report
from mcglossary.data.validate import validate_project
from mcglossary.site import incremental
from mcglossary.site.compiled_templates import TEMPLATE_CODE
from mcglossary.site.features import SiteContext, extend
from mcglossary.site.findings_site import FindingsSite
from mcglossary.site.model import build
from mcglossary.site.pages import SiteBuilder, SitePage
from mcglossary.site.search_index import index_files

ASSETS = ("glossary.css", "glossary.js")  # on every page
SEARCH_WORKER = "glossary-search.js"  # started by the theme's search (see site/search_index.py)
_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
COLLECT_AFTER = 1.0  # seconds after a `mkdocs serve` build
log = logging.getLogger("mkdocs.plugins.glossary")
_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


class GlossaryConfig(Config):
    ontology = config_options.Type(str, default="ontology")
    theme_cache = config_options.Type(bool, default=True)  # off: every page renders the whole theme (for tests)


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    """Generates the glossary's pages from `ontology/` on every build (and on every change under `mkdocs serve`)."""

    preloaded: tuple[Ontology, Report] | None = None
    preloaded_dataset: DatasetFiles | None = None  # the whole glossary's files, if `mcg build` serialised them already
    serving = False  # under `mkdocs serve`, which keeps this object across rebuilds (because of on_startup)
    previous: incremental.Snapshot | None = None  # the last successful serve build
    pending_edit: tuple[Ontology, list[Path]] | None = None  # applied to the previous build's graph, not yet built
    stashed: Path | None = None
    shown_paths: frozenset[str] = frozenset()  # the pages that show the findings while the data is broken

    def use(self, ontology: Ontology, report: Report, dataset: DatasetFiles | None = None) -> None:
        """Build from an ontology already loaded and validated (by `mcg build`) rather than reading it again, and
        publish the whole glossary from `dataset` (the dist export's) rather than serialising it again."""
        self.preloaded = (ontology, report)
        self.preloaded_dataset = dataset

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # mkdocs keeps one instance per process from here on (several builds in one process reuse it): start clean
        self.serving = command == "serve"
        self.previous = self.preloaded = self.preloaded_dataset = self.pending_edit = None

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        ontology_root = (root / self.config.ontology).resolve()
        self.watched = self._stamps(config, ontology_root) if self.serving else {}
        try:
            edit = None if self.preloaded else self._edit()
            if self.preloaded:
                ontology, report = self.preloaded
            elif edit:
                ontology, affected = edit
                # SHACL on what the edit touched; everything, if the last build had findings (warnings elsewhere
                # would otherwise drop off the Quality page)
                report = validate_project(ontology, focus=None if self.previous.findings else affected)
            else:
                ontology = load(ontology_root)
                report = validate_project(ontology)  # query files too: the SPARQL pages run them
        except OntologyError as error:
            if self.serving:
                return self._show_findings(config, ontology_root, error.report)
            raise PluginError(f"the ontology cannot be read:\n{error.report.text()}") from None
        if not report.conforms:
            if self.serving:
                return self._show_findings(config, ontology_root, report)
            raise PluginError(f"the ontology does not validate:\n{report.text()}")
        self.ontology_dir = ontology.root
        self.ontology, self.report = ontology, report
        gc.freeze()  # the glossary lives as long as the build: spare the collector walking it again on every pass
        glossary = build(ontology.data, ontology.shapes)
        dataset = self.preloaded_dataset  # serialised once per build: the downloads, their DCAT sizes, the dist export
        if dataset is None or dataset.graph is not ontology.data:
            dataset = DatasetFiles(ontology.data)
        self.builder = SiteBuilder(glossary, ontology.data, config.repo_url or "", config.site_url or "", dataset)
        self.extension = extend(SiteContext(ontology, glossary, report, Path(config.config_file_path).parent, dataset))
        self.builder.extra_pages = self.extension.pages
        self.all_pages: list[SitePage] = self.builder.pages()
        self.kept = self._unaffected(edit[1]) if edit else []
        kept = set(self.kept)
        resources = {page.path for page in self.all_pages if page.alternates}
        self.pages: dict[str, SitePage] = {
            page.src_uri: page for page in self.all_pages if incremental.owner(page.path, resources) not in kept
        }
        if edit:
            log.info(f"glossary: after the edit, {len(self.pages)} of {len(self.all_pages)} pages are built again")
        self.theme_cache = ThemeCache(enabled=self.config.theme_cache)
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"assets/{asset}" not in [str(x) for x in target]:
                target.append(f"assets/{asset}")
        return config

    def _show_findings(self, config, ontology_root: Path, report: Report):
        """Under `mkdocs serve`, broken data builds a site whose pages list the findings (site/findings_site.py),
        rather than a failed build that leaves the server hanging. The next build is a full one."""
        lift_strict_mode()  # the hand-written pages' links to glossary pages not built this time are no error
        log.warning(f"glossary: the ontology has errors; every page shows them:\n{report.text()}")
        if self.previous:
            self.shown_paths = self.previous.page_paths
        site = FindingsSite(ontology_root, report, self.shown_paths)
        self.previous = self.pending_edit = None
        self.ontology_dir, self.ontology, self.report = ontology_root, site.ontology, report
        self.builder, self.extension, self.kept = site, site.extension, []
        self.all_pages = site.pages()
        self.pages = {page.src_uri: page for page in self.all_pages}
        self.theme_cache = ThemeCache(enabled=False)
        return config

    def _stamps(self, config, ontology_root: Path) -> dict[Path, tuple[int, int]]:
        package = resources.files("mcglossary.site")
        watched = [ontology_root, Path(config.docs_dir).resolve(), Path(config.config_file_path).resolve()]
        return incremental.stamps([*watched, Path(str(package.joinpath("templates"))), Path(str(package / "assets"))])

    def _edit(self) -> tuple[Ontology, set[URIRef]] | None:
        """Under `mkdocs serve`, after an edit to ontology data files only: the glossary read again from the changed
        files, and the resources the edit can show on. None means a full build."""
        if not (self.serving and self.previous):
            return None
        changed = incremental.changed_files(self.previous, self.watched)
        if not incremental.only_data_changed(self.previous, changed):
            shown = ", ".join(str(path) for path in changed[:3]) + (", ..." if len(changed) > 3 else "")
            log.info(f"glossary: full build (changed: {shown}; only edits to ontology data files are incremental)")
            return None
        previous = self.previous.ontology
        file_triples = reread(previous, changed)
        nodes = incremental.changed_nodes(previous.file_triples, file_triples, changed)
        if incremental.needs_full_build(nodes):
            log.info("glossary: full build (the edit changes the glossary's description or its own vocabulary)")
            return None
        ontology = updated(previous, file_triples, changed)  # the previous build's graph, changed in place
        self.pending_edit = (ontology, changed)
        return ontology, incremental.within_reach(ontology.data, nodes)

    def _unaffected(self, affected: set[URIRef]) -> list[str]:
        """The folders of resource pages an edit cannot change; empty (build all) when the set of pages changed."""
        if self.previous is None or {page.path for page in self.all_pages} != self.previous.page_paths:
            return []
        return sorted(page.path for page in self.all_pages if page.alternates and URIRef(page.iri) not in affected)

    def on_pre_build(self, config) -> None:
        self.site_dir = Path(config.site_dir)
        if self.kept:
            self.stashed = incremental.stash(self.site_dir)

    def on_files(self, files: Files, config) -> Files:
        # in path order, which the sitemap follows: a renamed term keeps its place, so `mkdocs serve` can carry the
        # sitemap over from the previous build (see incremental.carry_over)
        for page in sorted(self.pages.values(), key=lambda page: page.src_uri):
            files.append(File.generated(config, page.src_uri, content=front_matter(page)))
        for path, data in self.extension.files:
            # INCLUDED: mkdocs would otherwise drop dot files such as the site's .htaccess
            files.append(File.generated(config, path, content=data, inclusion=InclusionLevel.INCLUDED))
        turtle = next(f for f in FORMATS if f.extension == "ttl")
        files.append(File.generated(config, "downloads/shapes.ttl", content=serialize(self.ontology.shapes, turtle)))
        for asset in (*ASSETS, SEARCH_WORKER):
            content = resources.files("mcglossary.site").joinpath("assets", asset).read_bytes()
            files.append(File.generated(config, f"assets/{asset}", content=content))
        for path, data in index_files(self.all_pages):
            files.append(File.generated(config, path, content=data))
        return files

    def on_env(self, env, config, files):
        env.globals["glossary_cache"] = uncached  # docs/overrides/main.html calls it on every page
        env.bytecode_cache = TEMPLATE_CODE  # a new environment on every `mkdocs serve` rebuild, the same templates
        return env

    def on_nav(self, nav, config, files: Files):
        for spec in self.pages.values():
            file = files.get_file_from_path(spec.src_uri)
            if file is not None and file.page is None:  # outside the navigation: no Markdown to read
                GeneratedPage(file, config, page_meta(spec))
        return nav

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
        return with_glossary_search(output)

    def on_post_template(self, output: str, template_name: str, config) -> str:
        return with_glossary_search(output)  # 404.html has the search box too

    def on_post_build(self, config) -> None:
        site = Path(config.site_dir)
        for path, data in self.builder.files(list(self.pages.values())):
            target = inside(site, path)  # an IRI's files never land outside the site, whatever the data says
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if self.stashed:
            incremental.carry_over(self.stashed, site, self.kept)
            self.stashed = None
        if self.serving:
            paths = frozenset(page.path for page in self.all_pages)
            self.previous = incremental.Snapshot(self.watched, self.ontology, paths, len(self.report.findings))
            if not self.report.conforms:
                self.previous = None  # a findings-only site (see _show_findings) is nothing to build on
            self.pending_edit = None
            # the previous builds' leftovers, frozen with the rest, are collected once this build shows, rather than
            # while the next one is waited for
            collector = threading.Timer(COLLECT_AFTER, collect_leftovers)
            collector.daemon = True
            collector.start()
        else:
            gc.unfreeze()  # frozen in on_config for the build's length; whatever runs next in this process

    def on_build_error(self, error: Exception) -> None:
        gc.unfreeze()  # frozen in on_config (a failed serve build's leftovers are then collected as usual)
        if self.pending_edit:  # the edit did not build: give the previous build its graph back for the next try
            ontology, changed = self.pending_edit
            updated(ontology, self.previous.ontology.file_triples, changed)
            self.pending_edit = None
        if self.stashed:
            incremental.put_back(self.stashed, self.site_dir)
            self.stashed = None

    def on_serve(self, server, config, builder):
        server.watch(str(self.ontology_dir))
        return server


def collect_leftovers() -> None:
    """Give back what builds froze (see on_config) and collect what no build uses any more."""
    gc.unfreeze()
    gc.collect()


def with_glossary_search(html_text: str) -> str:
    """The page with the glossary's search worker in the theme's configuration, in place of Material's."""
    return _MATERIAL_WORKER.sub(f"assets/{SEARCH_WORKER}", html_text, count=1)


def front_matter(page: SitePage) -> str:
    """The page's metadata as YAML front matter (JSON is YAML)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in page_meta(page).items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def page_meta(page: SitePage) -> dict:
    """The page's metadata for mkdocs and the theme, with the title and description already HTML-escaped,
    because the theme prints them without escaping. Generated pages stay out of Material's search index: the
    glossary's own index (site/search_index.py) holds them."""
    meta: dict = {"title": html.escape(page.title), "description": html.escape(page.description[:300])}
    meta["search"] = {"exclude": True}
    if page.hide:
        meta["hide"] = list(page.hide)
    return meta


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
