"""A page and RDF for each example query's IRI (`<base>query/<slug>`, as minted in downloads/queries.ttl): what the
query is, its text and a link to its results on the SPARQL example page."""

from __future__ import annotations

from rdflib import URIRef

from mcglossary.data.export import FORMATS, describe, serialize_all
from mcglossary.data.namespaces import page_path
from mcglossary.site import schema_org
from mcglossary.site.features import Extension, SiteContext
from mcglossary.site.pages import SitePage, with_data
from mcglossary.sparql.queries_rdf import QUERY, queries_graph
from mcglossary.sparql.query import load_examples
from mcglossary.sparql.query_editor import RUN, run_link


def query_feature(context: SiteContext) -> Extension:
    folder = context.ontology.root / "queries"
    if not folder.is_dir():
        return Extension()
    graph = queries_graph(folder)
    extension = Extension()
    for example in load_examples(folder):
        iri = URIRef(QUERY[example.slug])
        path = page_path(iri)
        page = SitePage(
            path,
            f"Query: {example.title}",
            "query.html",
            {
                "example": example,
                "results": f"sparql/{example.slug}/",
                "run_page": RUN,
                "run_fragment": run_link(example.text),
            },
            example.question,
            iri=str(iri),
            own_files=True,
            crumbs=(("SPARQL examples", "sparql/"),),
        )
        extension.pages.append(with_data(page, schema_org.query(str(iri), page.title, example.question, example.text)))
        files = serialize_all(describe(graph, iri))
        extension.files += [(f"{path}index.{fmt.extension}", files[fmt.extension]) for fmt in FORMATS]
    return extension
