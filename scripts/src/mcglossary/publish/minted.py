"""Pages and RDF for the IRIs the glossary mints outside its glossary resources: the `def/` namespace document
(`<base>def/`, one anchor per class and property, and its RDF) and each SHACL shape (`<base>shape/<Name>`).

A glossary resource's page gets its RDF from the data graph (pages.SiteBuilder.files); these come from elsewhere
(the shapes graph) or gather many resources (the namespace document), so this feature writes their files itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef

from mcglossary.data.export import FORMATS, descriptions, serialize_all
from mcglossary.data.namespaces import MCG, page_path
from mcglossary.site import schema_org
from mcglossary.site.features import Extension, SiteContext
from mcglossary.site.model import Glossary
from mcglossary.site.pages import SitePage, with_data

Files = list[tuple[str, bytes]]
DEF_PATH = page_path(URIRef(str(MCG)))


def rdf_files(path: str, graph: Graph, resources: Iterable[URIRef]) -> Files:
    """`<path>index.<ext>` in every format: the descriptions of `resources` in `graph`, together."""
    triples: set[tuple] = set()
    for _resource, described in descriptions(graph, sorted(resources)):
        triples |= described
    files = serialize_all(triples)
    return [(f"{path}index.{fmt.extension}", files[fmt.extension]) for fmt in FORMATS]


def def_namespace_part(glossary: Glossary, data: Graph) -> tuple[list[SitePage], Files]:
    """The namespace document: every class and property of our own on one page (an anchor each, named as the term:
    `def/#SourceDefinition`, `def/#sourceDefinition`), its RDF beside it; each term keeps a page of its own too."""
    own = glossary.own
    page = SitePage(
        DEF_PATH,
        f"The glossary's own vocabulary ({glossary.metadata.prefix or 'mcg'}:)",
        "def_namespace.html",
        {
            "classes": [d for d in own if d.kind == "class"],
            "properties": [d for d in own if d.kind != "class"],
            "namespace": str(MCG),
        },
        "The namespace document of the glossary's own classes and properties.",
        iri=str(MCG),
        own_files=True,
        crumbs=(("Ontology reference", "ontology/"),),
    )
    with_data(page, schema_org.namespace_document(glossary, str(MCG), page.title))
    return [page], rdf_files(DEF_PATH, data, [URIRef(d.ref.iri) for d in own])


def shapes_part(glossary: Glossary, shapes: Graph) -> tuple[list[SitePage], Files]:
    """A page per SHACL shape minted under the base (`shape/<Name>/`) and the shape's RDF beside it."""
    pages: list[SitePage] = []
    files: Files = []
    for shape in glossary.shapes:
        iri, path = URIRef(shape.iri), shape.path
        if not path:
            continue
        title = f"Shape: {shape.label or shape.name}"
        page = SitePage(path, title, "shape.html", {"shape": shape}, shape.comment, iri=shape.iri, own_files=True)
        page.crumbs = (("Ontology reference", "ontology/"),)
        pages.append(with_data(page, schema_org.shape(shape, title)))
        files += rdf_files(path, shapes, [iri])
    return pages, files


def minted_feature(context: SiteContext) -> Extension:
    """The def/ namespace document and the shapes' pages, each with its RDF."""
    pages, files = def_namespace_part(context.glossary, context.ontology.data)
    shape_pages, shape_files = shapes_part(context.glossary, context.ontology.shapes)
    return Extension(pages + shape_pages, files + shape_files)
