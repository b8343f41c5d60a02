"""Findings for the example query files (`ontology/queries/*.rq`): one for each file the query loader refuses."""

from __future__ import annotations

from pathlib import Path

from mcglossary.data.report import Finding, relative
from mcglossary.sparql.query import QueryError, load_example

QUERIES = "queries"  # ontology/queries/*.rq: the worked SPARQL examples
RESERVED_SLUGS = ("run",)  # sparql/run/ is the query page (query_editor.py), not an example's


def query_findings(root: Path) -> list[Finding]:
    """Each query file under `root` (the ontology folder) read with the query module's own loader."""
    findings = []
    for path in sorted((Path(root) / QUERIES).glob("*.rq")):
        if path.stem in RESERVED_SLUGS:
            message = f"an example may not be named {path.name}: sparql/{path.stem}/ is the query page"
            findings.append(Finding("query", message, file=relative(path, root.parent)))
            continue
        try:
            load_example(path)
        except QueryError as error:
            findings.append(
                Finding("query", error.message, file=relative(path, root.parent), line=error.line, column=error.column)
            )
        except UnicodeDecodeError as error:
            findings.append(
                Finding("encoding", f"the file is not UTF-8 ({error.reason})", file=relative(path, root.parent))
            )
    return findings
