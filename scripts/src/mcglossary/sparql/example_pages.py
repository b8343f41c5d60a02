"""The SPARQL examples on the site: an index, a page per example with its question, query and results
(computed at build time; IRIs shown as linked labels, result_cells.py), and the results as CSV and JSON downloads."""

from __future__ import annotations

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import SparqlLexer

from mcglossary.data.downloads import QUERIES as QUERIES_DOWNLOAD
from mcglossary.data.export import FORMAT_BY_EXTENSION, pretty_json, serialize
from mcglossary.site.features import Extension, SiteContext
from mcglossary.site.pages import SitePage
from mcglossary.sparql.example_checks import QUERIES
from mcglossary.sparql.queries_rdf import queries_file
from mcglossary.sparql.query import format_csv, load_examples, results_json, run_store
from mcglossary.sparql.query_editor import RUN, run_link
from mcglossary.sparql.result_cells import cells, pages_by_iri, vocabulary_prefixes
from mcglossary.sparql.store import glossary_store

INDEX = "sparql/"


def sparql_feature(context: SiteContext) -> Extension:
    folder = context.ontology.root / QUERIES
    examples = load_examples(folder) if folder.is_dir() else []  # the index page exists even with no example
    extension = Extension()
    entries = []
    store = glossary_store(context.ontology.data, context.dataset) if examples else None
    pages = pages_by_iri(context.glossary, context.ontology.data) if examples else {}
    prefixes = vocabulary_prefixes(context.glossary)
    for example in examples:
        result = run_store(store, example.text, example.slug)
        path = f"{INDEX}{example.slug}/"
        downloads = []
        graph_turtle = serialize(result.graph, FORMAT_BY_EXTENSION["ttl"]) if result.graph is not None else b""
        if result.graph is not None:
            downloads.append(("results.ttl", "Turtle", graph_turtle))
        else:
            if result.boolean is None:
                downloads.append(("results.csv", "CSV", format_csv(result).encode("utf-8")))
            downloads.append(("results.json", "SPARQL results JSON", pretty_json(results_json(result))))
        extension.files.extend((path + name, data) for name, _label, data in downloads)
        extension.files.append((path + f"{example.slug}.rq", example.text.encode("utf-8")))
        rows = cells(result, pages, prefixes)
        graph_text = graph_turtle.decode("utf-8") if result.graph else ""  # an empty graph shows no text
        extension.pages.append(
            SitePage(
                path,
                example.title,
                "sparql_example.html",
                {
                    "example": example,
                    "query_html": highlight(
                        example.text, SparqlLexer(), HtmlFormatter(cssclass="highlight", wrapcode=True)
                    ),
                    "result": result,
                    "rows": rows,
                    "graph_text": graph_text,
                    "downloads": [(path + name, label) for name, label, _data in downloads],
                    "query_file": path + f"{example.slug}.rq",
                    "run_page": RUN,
                    "run_fragment": run_link(example.text),
                },
                example.question,
                crumbs=(("SPARQL examples", INDEX),),
            )
        )
        entries.append({"example": example, "path": path, "count": len(result.rows)})
    extension.pages.append(
        SitePage(
            INDEX,
            "SPARQL examples",
            "sparql_index.html",
            {"entries": entries},
            "Worked SPARQL queries over the glossary, with their results.",
        )
    )
    extension.files.append((QUERIES_DOWNLOAD.path, queries_file(folder)))
    return extension
