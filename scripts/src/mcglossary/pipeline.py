"""The build: load, validate, write the downloads, build the site, and only then put the results in place.

Both outputs (the downloads folder and the site folder) are built into one staging folder and swapped in as a pair
once every stage has succeeded (publish/output_swap.py), so a build that fails at any stage leaves the previous
outputs as they were, and one killed while swapping is finished at the next start. The build is reproducible: mkdocs
stamps sitemap.xml (and the gzip header of sitemap.xml.gz) with the build date, so the date is pinned to the
glossary's own dcterms:modified through SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

from mcglossary.data.export import DatasetFiles, export_dataset
from mcglossary.data.load import Ontology, load
from mcglossary.data.namespaces import GLOSSARY
from mcglossary.data.output_folders import check_output_folder, check_output_pair, mark
from mcglossary.data.report import OntologyError, Report
from mcglossary.data.validate import validate_project
from mcglossary.mkdocs_plugin import GlossaryPlugin
from mcglossary.publish.output_swap import OutputSwap, recover

EXIT_OK, EXIT_SITE_FAILED = 0, 3


class BuildError(Exception):
    """A stage after validation failed; carries what that stage printed."""


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
        report = validate_project(loaded)
        if not report.conforms:
            raise OntologyError(report, exit_code=1)
        with OutputSwap(site, dist) as staged:
            dataset = DatasetFiles(loaded.data)  # the whole glossary, serialised once: dist/ and the downloads
            export_dataset(loaded.data, staged.dist, dataset)
            _mkdocs_build(config, staged.site, source_date_epoch(loaded.data), loaded, report, dataset)
            mark(staged.dist)
            mark(staged.site)
            staged.commit()
    finally:
        gc.unfreeze()  # (a caller that goes on in this process gets its collector back as it was)
    return [site, dist]


def source_date_epoch(data: Graph) -> str:
    """The glossary's dcterms:modified as seconds since the epoch (midnight UTC), unless SOURCE_DATE_EPOCH is set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    modified = data.value(GLOSSARY, DCTERMS.modified)
    day = modified.toPython() if isinstance(modified, Literal) else None
    if not isinstance(day, date):
        day = date(1970, 1, 1)  # validation requires the date; this only keeps an odd input deterministic
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))


def _mkdocs_build(
    config: Path, site_dir: Path, epoch: str, ontology: Ontology, report: Report, dataset: DatasetFiles
) -> None:
    """Build the site in this process, from the ontology already loaded and validated (loading it again in a
    second process would double the time and the memory of a large glossary)."""
    with _environment(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch), _captured_log() as messages:
        try:
            settings = load_config(str(config), site_dir=str(site_dir))
            plugins = [p for p in settings.plugins.values() if isinstance(p, GlossaryPlugin)]
            if not plugins:
                raise BuildError(f"{config} does not use the glossary plugin (plugins: - glossary)")
            settings.plugins.on_startup(command="build", dirty=False)
            plugins[0].use(ontology, report, dataset)
            mkdocs_build(settings)
        except (MkDocsException, SystemExit) as error:  # mkdocs' Abort (strict mode) is a SystemExit too
            details = "\n".join([*messages, str(error)]).strip()
            raise BuildError(f"the site build (mkdocs) failed:\n{details}") from None


@contextmanager
def _environment(**values: str) -> Iterator[None]:
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
    """mkdocs' warnings and errors during the build, for the error message (strict mode fails on warnings)."""
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(f"{record.levelname}: {record.getMessage()}")
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def build_command(args: argparse.Namespace) -> int:
    """The `mcg build` handler: validation findings come back as OntologyError (printed by the CLI)."""
    config = Path(args.config).resolve()
    site = Path(args.site) if args.site else config.parent / "site"
    try:
        build_project(config, args.ontology, site, args.dist)
    except BuildError as error:
        print(error, file=sys.stderr)
        return EXIT_SITE_FAILED
    print(f"built {site} (the site) and {args.dist} (the downloads)")
    return EXIT_OK


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs config (default: mkdocs.yml)")
    parser.add_argument("--site", type=Path, help="site folder (default: site/ beside the mkdocs config)")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="downloads folder (default: ./dist)")
