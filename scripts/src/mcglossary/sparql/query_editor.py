"""The query page (`sparql/run/`): a reader edits SPARQL and runs it in the browser on the whole glossary, with
Oxigraph's WebAssembly build on the site's own N-Triples download, so it answers as `mcg query` does (one engine).

The browser code is vendored: scripts/setup-env.sh installs it from npm, pinned, into `.cache/web/dist/` (the
editor bundle, Oxigraph's web.js and .wasm, their licences); the build copies it under `assets/sparql/`, beside our
own page code (site/assets/query-page.js, query-worker.js). Only the query page loads any of it. The table rules (a
glossary IRI as its label linked to its page, another as its prefixed name) are result_cells.py's, shipped as JSON.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from urllib.parse import quote

import orjson
from rdflib import Graph

from mcglossary.data.downloads import WHOLE_GLOSSARY
from mcglossary.data.namespaces import PREFIXES
from mcglossary.site.features import Extension, SiteContext
from mcglossary.site.model import Glossary
from mcglossary.site.pages import SitePage
from mcglossary.sparql.result_cells import pages_by_iri, vocabulary_prefixes
from mcglossary.sparql.store import glossary_ntriples

RUN = "sparql/run/"  # the page; no example may take the slug `run` (example_checks.RESERVED_SLUGS)
ASSETS = "assets/sparql/"
# The set-up's output in the checkout this package runs from (an editable install: scripts/src/mcglossary/...)
VENDOR = Path(__file__).resolve().parents[4] / ".cache" / "web" / "dist"
VENDORED = ("editor.js", "oxigraph/web.js", "oxigraph/web_bg.wasm", "LICENSES.txt")
OWN_CODE = ("query-page.js", "query-worker.js")  # in site/assets/, with the site's other scripts
DATA = next(d for d in WHOLE_GLOSSARY if d.key == "nt")  # the download the browser loads: the bytes `mcg query` reads
DEFAULT_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

# Every term and its label; edit the query, then Run (Ctrl+Enter)
SELECT ?term ?label WHERE {
  ?term a skos:Concept ;
        skos:prefLabel ?label .
}
ORDER BY LCASE(?label)
LIMIT 20
"""


class VendorMissing(Exception):
    """The npm packages of the query page were not set up."""


def run_link(query: str) -> str:
    """The query page's fragment that opens `query` there (kept out of the path and query string: never sent)."""
    return "#query=" + quote(query, safe="")


def vendored_files(folder: Path | None = None) -> list[tuple[str, bytes]]:
    folder = folder or VENDOR
    missing = [name for name in VENDORED if not (folder / name).is_file()]
    if missing:
        raise VendorMissing(
            f"the query page's browser code is missing from {folder} ({', '.join(missing)}): "
            "run `bash scripts/setup-env.sh`, which installs it from npm"
        )
    return [(ASSETS + name, (folder / name).read_bytes()) for name in VENDORED]


def labels_json(glossary: Glossary, graph: Graph) -> bytes:
    """What the page needs to show an IRI as result_cells.py does: each page's label, path and kind by IRI, our
    prefixes (for the short form and for prefix help) and the mapped vocabularies' prefixes."""
    pages = pages_by_iri(glossary, graph)
    document = {
        "pages": {iri: [ref.label, ref.path, ref.kind] for iri, ref in sorted(pages.items())},
        "prefixes": {prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
        "vocabularies": dict(sorted(vocabulary_prefixes(glossary).items())),
    }
    return orjson.dumps(document)


def query_editor_feature(context: SiteContext) -> Extension:
    extension = Extension()
    extension.files.extend(vendored_files())
    code = resources.files("mcglossary.site").joinpath("assets")
    extension.files.extend((ASSETS + name, code.joinpath(name).read_bytes()) for name in OWN_CODE)
    extension.files.append((RUN + "labels.json", labels_json(context.glossary, context.ontology.data)))
    extension.pages.append(
        SitePage(
            RUN,
            "Run a SPARQL query",
            "query_editor.html",
            {
                "default_query": DEFAULT_QUERY,
                "data": DATA.path,
                "labels": RUN + "labels.json",
                "assets": ASSETS,
                "triples": glossary_ntriples(context.ontology.data, context.dataset).count(b"\n"),
            },
            "Edit and run SPARQL on the whole glossary in your browser, with nothing to install and no server.",
            hide=("toc",),
            search_tags=["SPARQL", "query", "editor"],
            crumbs=(("SPARQL examples", "sparql/"),),
        )
    )
    return extension
