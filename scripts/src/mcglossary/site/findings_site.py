"""Under `mkdocs serve`, a glossary whose data is broken still gets a site: each of its pages shows what is wrong.

mkdocs serve stops answering while a rebuild fails ("the server will appear stuck until build errors are
resolved"), so a curator who saves a broken file sees a page that never loads. Instead, the home page and every page
the last build had list the findings at their own address; once the file is fixed and saved, the browser reloads
the glossary there. `mkdocs build` and `mcg build` still fail on the same findings.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import Graph

from mcglossary.data.load import Ontology
from mcglossary.data.report import Report, relative
from mcglossary.site.pages import SitePage

TITLE = "The glossary's data has errors"
MOST_SHOWN = 200  # findings on the page; the rest are counted


class FindingsSite:
    """Stands in for the pipeline's SiteBuild (pages, to_build, html, head, files, write) while the data is broken:
    no glossary, no RDF files, one page of findings at each address."""

    glossary = None  # hand-written pages keep their figures marker: there are no figures to show

    def __init__(self, root: Path, report: Report, paths: Iterable[str]) -> None:
        self.root = root
        self.report = report
        self.ontology = Ontology(root, Graph(), Graph(), [])
        description = f"{len(report.violations)} violation(s) stop the build"
        self.pages = [
            SitePage(path, TITLE, "", description=description, searchable=False) for path in sorted({"", *paths})
        ]
        self.to_build: dict[str, SitePage] = {page.src_uri: page for page in self.pages}

    def html(self, page: SitePage) -> str:
        findings = self.report.findings
        items = "".join(f"<li><code>{html.escape(f.format_line())}</code></li>" for f in findings[:MOST_SHOWN])
        more = f"<p>… and {len(findings) - MOST_SHOWN} more.</p>" if len(findings) > MOST_SHOWN else ""
        folder = html.escape(relative(self.root, self.root.parent))
        return (
            f'<h1 id="findings">{TITLE}</h1>\n'
            f"<p>The glossary cannot be built from <code>{folder}/</code> until what follows is fixed "
            "(<code>mcg validate</code> lists the same). Save the fixed file and this page reloads.</p>\n"
            f'<ol class="mcg-findings">{items}</ol>\n{more}'
        )

    def head(self, page: SitePage, after_links: tuple[str, ...] = ()) -> str:
        return ""

    def files(self) -> Iterator[tuple[str, bytes]]:
        return iter(())  # no downloads, assets or search index: there is no glossary to describe

    def write(self, site: Path) -> None:
        """No RDF beside the pages."""
