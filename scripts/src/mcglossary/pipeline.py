"""The one pipeline: load → validate → model → render → write, for every way the site is built.

`mcg build` (build_project), the mkdocs plugin (`mkdocs build`, `mkdocs serve` and its rebuilds), the tests and
the benchmarks all run these stages:

    load_checked(root)          load the ontology folder, then validate it (graph and example query files)
    prepare(...)                the same, or `mcg build`'s result, or an edit under `mkdocs serve`; then SiteBuild
    SiteBuild(checked, ...)     the model, the page list and every other file of the site (render)
    SiteBuild.html(page)        one page's HTML, rendered when mkdocs writes that page
    SiteBuild.write(site)       the RDF files of the whole glossary and of each resource (write)

mkdocs writes the pages themselves; the plugin (mkdocs_plugin.py) only passes its events on. `mcg build` loads and
validates once, exports the downloads, then runs mkdocs in this process: it hands what it loaded to `prepare`
through `handing`, a context variable set for that one build, never through the plugin's own state.

Both outputs (the downloads folder and the site folder) are built into one staging folder and swapped in as a pair
once every stage has succeeded (publish/output_swap.py), so a build that fails at any stage leaves the previous
outputs as they were, and one killed while swapping is finished at the next start. The build is reproducible: mkdocs
stamps sitemap.xml (and the gzip header of sitemap.xml.gz) with the build date, so the date is pinned to the
glossary's own dcterms:modified through SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from jinja2 import BytecodeCache
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from mcglossary.adapters import mkdocs
from mcglossary.data.downloads import QUERIES, export_dataset
from mcglossary.data.export import DatasetFiles
from mcglossary.data.load import Ontology, load
from mcglossary.data.namespaces import GLOSSARY
from mcglossary.data.output_folders import check_output_folder, check_output_pair, inside, mark
from mcglossary.data.report import OntologyError, Report
from mcglossary.data.validate import validate
from mcglossary.publish.minted import minted_feature
from mcglossary.publish.output_swap import OutputSwap, recover
from mcglossary.publish.site_features import catalogue_feature, publishing_feature, versions_feature
from mcglossary.site.features import Extension, Feature, SiteContext, extend
from mcglossary.site.incremental import ServeSession
from mcglossary.site.model import Glossary
from mcglossary.site.model import build as build_model
from mcglossary.site.pages import ASSETS, SiteBuilder, SitePage
from mcglossary.site.quality_page import quality_feature
from mcglossary.site.search_index import ENGINE, WORKER, index_files
from mcglossary.sparql.example_checks import QUERIES as QUERY_FOLDER
from mcglossary.sparql.example_checks import query_findings
from mcglossary.sparql.example_pages import sparql_feature
from mcglossary.sparql.queries_rdf import queries_file
from mcglossary.sparql.query_editor import query_editor_feature
from mcglossary.sparql.query_pages import query_feature

PLUGIN = "glossary"  # the plugin's name in mkdocs.yml (pyproject.toml's mkdocs.plugins entry point)


def catalogue(context: SiteContext) -> Extension:
    """publish/'s catalogue, told of the download sparql/ writes (the example queries', for its size in the DCAT
    catalogue): the two layers do not import each other."""
    return catalogue_feature(context, {QUERIES: queries_file(context.ontology.root / QUERY_FOLDER)})


# What the site adds beyond the glossary's own resources, in this order.
FEATURES: tuple[Feature, ...] = (
    sparql_feature,
    query_feature,
    query_editor_feature,
    minted_feature,
    publishing_feature,
    catalogue,
    versions_feature,
    quality_feature,
)


class BuildError(Exception):
    """A stage after validation failed; carries what that stage printed."""


@dataclass(frozen=True)
class Checked:
    """The output of load → validate: the ontology and its report (which may hold warnings, never violations)."""

    ontology: Ontology
    report: Report


def check(ontology: Ontology, focus: set[URIRef] | None = None) -> Report:
    """The validation stage: SHACL and the whole-graph checks (see data/validate.py), and the example query files.
    With `focus`, SHACL checks only those resources (`mkdocs serve` after an edit)."""
    return Report(validate(ontology, focus).findings + query_findings(ontology.root))


def load_checked(root: Path) -> Checked:
    """Load → validate. Raises OntologyError: exit code 2 when a file cannot be read, 1 on a violation."""
    ontology = load(root)
    return _conforming(ontology, check(ontology))


def _conforming(ontology: Ontology, report: Report) -> Checked:
    if not report.conforms:
        raise OntologyError(report, exit_code=1)
    return Checked(ontology, report)


class SiteBuild:
    """The site of one checked glossary: its model, its pages and every other file, from one pass of the stages.

    Scale matters here (tens of thousands of pages): a page's HTML is rendered only when it is asked for (`html`,
    when mkdocs writes the page), and the RDF files of each resource are written straight to the site (`write`),
    never held in memory all at once.
    """

    def __init__(
        self,
        checked: Checked,
        project: Path,
        repo_url: str = "",
        site_url: str = "",
        dataset: DatasetFiles | None = None,
        bytecode_cache: BytecodeCache | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        """`dataset`: the graph's files, when the caller serialised them already; `glossary`: the model, when the
        caller built it already (the benchmark times the stages one by one)."""
        ontology = self.ontology = checked.ontology
        self.report = checked.report
        self.glossary: Glossary = glossary if glossary is not None else build_model(ontology.data, ontology.shapes)
        # the whole glossary serialised once per build: the dist export, the site's downloads, their DCAT sizes
        self.dataset = (
            dataset if dataset is not None and dataset.graph is ontology.data else DatasetFiles(ontology.data)
        )
        self.builder = SiteBuilder(self.glossary, ontology.data, repo_url, site_url, self.dataset, bytecode_cache)
        context = SiteContext(ontology, self.glossary, self.report, project, self.dataset)
        self.extension: Extension = extend(context, FEATURES)
        self.builder.extra_pages = self.extension.pages
        self.pages: list[SitePage] = self.builder.pages()
        # by source path: the pages to build (under `mkdocs serve`, after an edit, those it can change)
        self.to_build: dict[str, SitePage] = {page.src_uri: page for page in self.pages}

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(site path, bytes) of every file but the pages and the RDF files: the features' files (downloads
        among them), the assets and the search index."""
        yield from self.extension.files
        assets = resources.files("mcglossary.site").joinpath("assets")
        for asset in dict.fromkeys((*ASSETS, WORKER, ENGINE)):  # the worker is also a page asset
            yield f"assets/{asset}", assets.joinpath(asset).read_bytes()
        yield from index_files(self.pages)

    def html(self, page: SitePage) -> str:
        return self.builder.render(page)

    def head(self, page: SitePage, after_links: tuple[str, ...] = ()) -> str:
        return self.builder.head_extras(page, after_links)

    def rdf_files(self) -> Iterator[tuple[str, bytes]]:
        """(site path, bytes) of the whole glossary's downloads and of the RDF files of each page built."""
        return self.builder.files(list(self.to_build.values()))

    def write(self, site: Path) -> None:
        """The write stage: `rdf_files` into `site`, each proven to land inside it, whatever the data says."""
        for path, data in self.rdf_files():
            target = inside(site, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


_HANDED: ContextVar[tuple[Checked, DatasetFiles] | None] = ContextVar("mcglossary_handed", default=None)


@contextmanager
def handing(checked: Checked, dataset: DatasetFiles) -> Iterator[None]:
    """Within the block, `prepare` builds the site of `checked` (and publishes `dataset`) instead of loading."""
    token = _HANDED.set((checked, dataset))
    try:
        yield
    finally:
        _HANDED.reset(token)


def prepare(
    root: Path,
    project: Path,
    repo_url: str = "",
    site_url: str = "",
    session: ServeSession | None = None,
    bytecode_cache: BytecodeCache | None = None,
) -> SiteBuild:
    """Load → validate → model → render, for the site of `project` from the ontology folder `root`: or from what
    `mcg build` hands over (see `handing`), or, under `mkdocs serve` (`session`), from an edit applied to the
    previous build. Raises OntologyError. The glossary is frozen out of the garbage collector's walks (it lives
    as long as the build): the caller unfreezes when the build ends."""
    handed = _HANDED.get()
    edit = None
    dataset = None
    if handed is not None:
        checked, dataset = handed
    else:
        edit = session.edit() if session is not None else None
        if edit is not None:
            # SHACL on what the edit touched; everything, if the last build had findings (warnings elsewhere
            # would otherwise drop off the Quality page)
            focus = None if session.previous.findings else edit.affected
            checked = _conforming(edit.ontology, check(edit.ontology, focus))
        else:
            checked = load_checked(root)
    gc.freeze()
    site = SiteBuild(checked, project, repo_url, site_url, dataset, bytecode_cache)
    if session is not None:
        site.to_build = session.keep(site.pages, edit)
    return site


# --- `mcg build` ---------------------------------------------------------------------------------------------
def build_project(config: Path, ontology: Path, site: Path, dist: Path) -> list[Path]:
    """Validate `ontology`, export it into `dist` and build the mkdocs project of `config` into `site`.

    Raises UnsafeOutput (an output folder that is not ours to replace), OntologyError (the validation report) or
    BuildError; in every case `site` and `dist` are untouched. Returns the two output folders.
    """
    check_output_folder(site, config.parent, "--site")
    check_output_folder(dist, config.parent, "--dist")
    check_output_pair(site, dist)
    recover(site, dist)  # a build killed while swapping its outputs in is finished first
    loaded = load(ontology)
    gc.freeze()  # the glossary lives as long as the build: spare the collector walking it again on every pass
    try:
        checked = _conforming(loaded, check(loaded))
        with OutputSwap(site, dist) as staged:
            dataset = DatasetFiles(loaded.data)  # the whole glossary, serialised once: dist/ and the downloads
            export_dataset(loaded.data, staged.dist, dataset)
            with handing(checked, dataset):
                _build_site(config, staged.site, source_date_epoch(loaded.data))
            mark(staged.dist)
            mark(staged.site)
            staged.commit()
    finally:
        gc.unfreeze()  # (a caller that goes on in this process gets its collector back as it was)
    return [site, dist]


def _build_site(config: Path, site_dir: Path, epoch: str) -> None:
    try:
        mkdocs.build_site(config, site_dir, {"SOURCE_DATE_EPOCH": epoch}, PLUGIN)
    except mkdocs.PluginMissing as error:
        raise BuildError(str(error)) from None
    except mkdocs.BuildFailed as error:
        raise BuildError(f"the site build (mkdocs) failed:\n{error}") from None


def source_date_epoch(data: Graph) -> str:
    """The glossary's dcterms:modified as seconds since the epoch (midnight UTC), unless SOURCE_DATE_EPOCH is set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    modified = data.value(GLOSSARY, DCTERMS.modified)
    day = modified.toPython() if isinstance(modified, Literal) else None
    if not isinstance(day, date):
        day = date(1970, 1, 1)  # validation requires the date; this only keeps an odd input deterministic
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))
