"""The `mcg` command: a thin layer over the library's functions."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from mcglossary import __version__
from mcglossary.adapters.material import END_OF_LIFE_NOTICE
from mcglossary.data.blank_nesting import MAX_NESTING
from mcglossary.data.canonical_turtle import format_files, too_deep, unformatted
from mcglossary.data.downloads import export_dataset
from mcglossary.data.load import load
from mcglossary.data.message_text import shown
from mcglossary.data.output_folders import UnsafeOutput, check_output_folder, mark
from mcglossary.data.report import OntologyError, Report
from mcglossary.pipeline import BuildError, build_project, check, load_checked
from mcglossary.publish.linkcheck import add_linkcheck_arguments, linkcheck_command
from mcglossary.publish.release import add_release_command
from mcglossary.site.figures import figures
from mcglossary.site.model import build as build_model
from mcglossary.sparql.endpoint import add_serve_arguments, serve_command
from mcglossary.sparql.query import OUTPUT_FORMATS, query_command
from mcglossary.sparql.safety import SERVICE_FLAG

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_SITE_FAILED = 0, 1, 2, 3
EXIT_BUG = 70  # sysexits' EX_SOFTWARE: an error in mcg itself, not in what it was given
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
TRACEBACK = "MCG_TRACEBACK"  # set to 1 to see where an unexpected error happened


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Every failure ends as one line on stderr (or the report) and an exit code, never a
    traceback; only `mcg validate` prints its report on stdout, where it is the command's output."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except OntologyError as error:
        stream = sys.stdout if args.handler is _validate else sys.stderr
        _print_report(error.report, getattr(args, "format", "text"), stream)
        return error.exit_code
    except UnsafeOutput as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:  # an output path that cannot be written, a folder that cannot be read, ...
        where = f"{shown(str(error.filename), 200)}: " if error.filename else ""
        print(f"error: {where}{shown(error.strerror or str(error), 300)}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED  # Ctrl-C: the user knows; a traceback would only hide the prompt
    except Exception as error:
        if os.environ.get(TRACEBACK):
            raise
        print(
            f"error: unexpected {type(error).__name__}: {shown(str(error), 300)} (a bug in mcg; please report it "
            f"with the command that caused it; {TRACEBACK}=1 shows where it happened)",
            file=sys.stderr,
        )
        return EXIT_BUG


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mcg",
        description="Validate, export and publish the Microcredential Glossary (a SKOS/OWL vocabulary in Turtle).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--ontology", type=Path, default=Path("ontology"), help="the ontology folder (default: ./ontology)"
        )
        sub.set_defaults(handler=handler)
        return sub

    check = command("validate", _validate, "Validate the ontology with its SHACL shapes and vocabulary checks.")
    check.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")

    export = command(
        "export", _export, "Validate, then write the whole glossary as Turtle, JSON-LD, RDF/XML, N-Triples."
    )
    export.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: ./dist)")

    fmt = command("format", _format, "Rewrite the ontology's Turtle files in canonical form (or --check them).")
    fmt.add_argument("--check", action="store_true", help="only list files not in canonical form; exit 1 if any")

    query = command(
        "query", query_command, "Run a SPARQL query file against the glossary (in-process) or a SPARQL endpoint."
    )
    query.add_argument("file", metavar="FILE", help="the query file (.rq), or - to read the query from stdin")
    query.add_argument("--endpoint", metavar="URL", help="query this SPARQL endpoint instead of the ontology folder")
    query.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="table",
        help="SELECT/ASK output (default: table; json = SPARQL 1.1 results JSON); CONSTRUCT/DESCRIBE print Turtle",
    )
    query.add_argument(
        SERVICE_FLAG,
        action="store_true",
        help="RISK: run SERVICE clauses in-process, so the query makes this machine send requests to the addresses "
        "it names (off by default: such a query exits 2)",
    )

    serve = command("serve", serve_command, "Serve the glossary as a read-only SPARQL 1.1 endpoint until Ctrl-C.")
    add_serve_arguments(serve)
    add_release_command(command)
    build = command("build", _build, "Validate, write the downloads and build the site; swapped in on success.")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs config (default: mkdocs.yml)")
    build.add_argument("--site", type=Path, help="site folder (default: site/ beside the mkdocs config)")
    build.add_argument("--dist", type=Path, default=Path("dist"), help="downloads folder (default: ./dist)")
    command("figures", _figures, "Print the glossary's headline figures as a Markdown table (as in the README).")
    links = command("linkcheck", linkcheck_command, "Check every internal link and anchor of a built site.")
    add_linkcheck_arguments(links)
    return parser


def _validate(args: argparse.Namespace) -> int:
    report = check(load(args.ontology))  # the query files (ontology/queries/*.rq) too
    _print_report(report, args.format)
    return EXIT_OK if not report.findings else EXIT_FINDINGS


def _build(args: argparse.Namespace) -> int:
    """Validation findings come back as OntologyError (printed by `main`)."""
    config = Path(args.config).resolve()
    site = Path(args.site) if args.site else config.parent / "site"
    try:
        build_project(config, args.ontology, site, args.dist)
    except BuildError as error:
        print(error, file=sys.stderr)
        return EXIT_SITE_FAILED
    print(f"built {site} (the site) and {args.dist} (the downloads)")
    print(END_OF_LIFE_NOTICE, file=sys.stderr)  # once a build, where the person running it sees it
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    check_output_folder(args.out, Path.cwd(), "--out")
    ontology = load_checked(args.ontology).ontology
    Path(args.out).mkdir(parents=True, exist_ok=True)
    mark(Path(args.out))
    for path in export_dataset(ontology.data, args.out):
        print(f"wrote {path}")
    return EXIT_OK


def _figures(args: argparse.Namespace) -> int:
    ontology = load_checked(args.ontology).ontology
    print(figures(build_model(ontology.data, ontology.shapes)).markdown())
    return EXIT_OK


def _format(args: argparse.Namespace) -> int:
    load(args.ontology)  # every file must parse before any is rewritten
    deep = too_deep(args.ontology)
    for path, depth in deep.items():
        print(
            f"{path}: blank nodes nested {depth} deep, more than the canonical form can be written for "
            f"({MAX_NESTING}); give the inner ones IRIs of their own",
            file=sys.stderr,
        )
    if args.check:
        stale = unformatted(args.ontology)
        for path in stale:
            print(f"{path}: not in canonical form; run `mcg format`")
        return EXIT_FINDINGS if stale or deep else EXIT_OK
    for path in format_files(args.ontology):
        print(f"formatted {path}")
    return EXIT_FINDINGS if deep else EXIT_OK


def _print_report(report: Report, fmt: str, stream: TextIO | None = None) -> None:
    print(report.json() if fmt == "json" else report.text(), file=stream or sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
