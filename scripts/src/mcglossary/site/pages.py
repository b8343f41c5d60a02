"""Rendering: the list of generated pages, their HTML (Jinja, autoescaped) and the RDF files the site serves.

Nothing here knows about mkdocs; the plugin hands these pages to it.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape
from rdflib import Graph, URIRef

from mcglossary.data.downloads import CONTEXT, WHOLE_GLOSSARY, context_file
from mcglossary.data.export import FORMATS, DatasetFiles, described_files
from mcglossary.data.namespaces import MCG, TOPIC_SCHEME
from mcglossary.site import relational_map, schema_org
from mcglossary.site.model import Glossary, Ref, Term
from mcglossary.site.term_links import TermLinker

# site/assets/ files every page links to (the plugin adds them); material-search.js is also the search worker
ASSETS = ("glossary.css", "glossary.js", "material-search.js")
# Where each kind of resource is listed: the first step of its pages' breadcrumb.
BREADCRUMB_PARENTS = {
    "term": ("Terms A–Z", "terms/"),
    "topic": ("Topics", "topics/"),
    "organisation": ("Organisations", "organisations/"),
    "initiative": ("Initiatives", "initiatives/"),
    "reference": ("Sources", "sources/"),
    "definition": ("Sources", "sources/"),
    "example": ("Terms A–Z", "terms/"),
    "collection": ("Terms A–Z", "terms/"),
}
# A table of contents at the top of a resource's page with at least this many sections, for phones and narrow
# windows: there the theme shows the contents of pages in the navigation only (glossary.css hides it on wide screens,
# where the theme's own sidebar shows it).
PAGE_CONTENTS_FROM = 4
_SECTION = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_BREAK_AFTER = re.compile(r"(/+|:(?=\w))")  # where `breakable` lets an identifier wrap


def breadcrumb(page: SitePage, url: Callable[[str], str]) -> str:
    """Where the page sits: its kind's list, then the page itself (WAI-ARIA breadcrumb pattern)."""
    steps = "".join(
        f'<li><a href="{html.escape(url(path))}">{html.escape(label)}</a></li>' for label, path in page.crumbs
    )
    here = f'<li><span aria-current="page">{html.escape(page.crumb or page.title)}</span></li>'
    return f'<nav class="mcg-breadcrumb" aria-label="Breadcrumb"><ol>{steps}{here}</ol></nav>\n'


def page_contents(body: str) -> str:
    """A list of the page's sections (its h2 headings, already escaped HTML), to put under its title."""
    sections = _SECTION.findall(body)
    if len(sections) < PAGE_CONTENTS_FROM:
        return ""
    items = "".join(f'<li><a href="#{anchor}">{_TAGS.sub("", title).strip()}</a></li>' for anchor, title in sections)
    return (
        '<details class="mcg-contents" data-search-exclude><summary>On this page</summary>'
        f'<nav aria-label="On this page"><ol>{items}</ol></nav></details>\n'
    )


def with_contents(body: str) -> str:
    """The page with its list of sections right after its title (the first h1)."""
    contents = page_contents(body)
    end = body.find("</h1>")
    if not contents or end < 0:
        return body
    end += len("</h1>")
    return body[:end] + "\n" + contents + body[end:].lstrip("\n")


@dataclass
class SitePage:
    """One generated page: where it lives, what it is called, and how to render it."""

    path: str  # "term/microcredential/" ("" for home)
    title: str
    template: str
    context: dict = field(default_factory=dict)
    description: str = ""
    iri: str = ""  # the resource the page is about, when it has one
    alternates: bool = False  # the page has RDF files of its own next to it, described from the glossary's graph
    own_files: bool = False  # it has them too, but a feature writes them (shapes, queries, the def/ namespace)
    structured_data: str = ""  # JSON-LD, already safe for a <script> element
    search_boost: float | None = None
    search_tags: list[str] = field(default_factory=list)  # more names the page is found by (search_index.py)
    search_text: list[str] = field(default_factory=list)  # more text it is found by, not shown in the results
    hide: tuple[str, ...] = ()  # parts of the theme to hide, e.g. ("navigation", "toc") for a full-width page
    crumbs: tuple[tuple[str, str], ...] = ()  # (label, site path) of the pages above this one, for its breadcrumb
    crumb: str = ""  # the page's own step of its breadcrumb, when shorter than its title
    searchable: bool = True  # pages that only repeat another page's text stay out of the search index
    # more context computed only when the page is rendered: a large glossary's pages are listed all at once, and
    # holding every term's map from then on would cost more memory than the glossary itself
    lazy_context: Callable[[], dict] | None = None

    @property
    def section(self) -> str:
        """The site path of the navigation's entry this page belongs under (its breadcrumb's first step), or ""."""
        return self.crumbs[0][1] if self.crumbs else ""

    @property
    def src_uri(self) -> str:
        return f"{self.path}index.md" if self.path else "index.md"


def environment(bytecode_cache: BytecodeCache | None = None) -> Environment:
    """The glossary's templates; `bytecode_cache` keeps their compiled code beyond this environment (see
    compiled_templates.py: `mkdocs serve` makes an environment per rebuild)."""
    env = Environment(
        loader=PackageLoader("mcglossary.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
    )
    env.filters["urlquote"] = lambda text: quote(str(text), safe="")
    env.filters["filesize"] = file_size
    env.filters["breakable"] = breakable
    return env


def breakable(text: str) -> Markup:
    """An identifier (an IRI, a prefixed name, a media type), escaped, that a narrow column may wrap after a slash or
    after its prefix's colon, never in the middle of a word."""
    return Markup(_BREAK_AFTER.sub(r"\1<wbr>", str(escape(str(text)))))


def file_size(size: int) -> str:
    """A file's size for readers: "840 bytes", "12 KB", "1.5 MB" (1 KB = 1,000 bytes)."""
    if size < 1000:
        return f"{size:,} bytes"
    for unit, scale in (("KB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        value = size / scale
        if value < 999.5 or unit == "GB":
            return f"{value:.1f} {unit}" if value < 9.95 else f"{value:,.0f} {unit}"
    raise AssertionError("unreachable")


def relative_url(here: str, target: str) -> str:
    """Link from the page at `here` to the page or file at `target` (both site paths, directory URLs)."""
    base = here.rstrip("/") or "."
    if target.endswith("/") or target == "":
        rel = posixpath.relpath(target.rstrip("/") or ".", base)
        return "./" if rel == "." else rel + "/"
    return posixpath.relpath(target, base)


def with_data(page: SitePage, description: dict) -> SitePage:
    """The page with `description` (schema.org, site/schema_org.py) as its JSON-LD."""
    page.structured_data = schema_org.script_safe(description)
    return page


def site_folders(pages: Iterable[SitePage]) -> list[str]:
    """The site's own top folders (term, terms, downloads, ...): the 404 page finds the root of the copy it is
    served from by the first of them in its address, whatever path a mirror serves the site at."""
    return sorted({page.path.split("/")[0] for page in pages if page.path})


def alternate_files(path: str) -> list[tuple[str, str, str]]:
    """(file path, media type, label) of the RDF files that sit next to a resource's page."""
    return [(f"{path}index.{f.extension}", f.media_type, f.label) for f in FORMATS]


def edit_link(repo_url: str, title: str, iri: str, page_url: str) -> str:
    """A link that opens a pre-filled issue in the repository about one resource."""
    body = (
        f"Resource: {title}\nIRI: {iri}\nPage: {page_url}\n\n"
        "What should change (a definition, a label, a link, a source)?\n\n"
        "Source for the change (publication, year, link), if any:\n"
    )
    query = urlencode({"title": f"Edit request: {title}", "body": body, "labels": "edit-request"})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


class SiteBuilder:
    """Turns the glossary model into pages and files."""

    def __init__(
        self,
        glossary: Glossary,
        graph: Graph,
        repo_url: str,
        site_url: str,
        dataset: DatasetFiles | None = None,
        bytecode_cache: BytecodeCache | None = None,
    ) -> None:
        self.glossary = glossary
        self.graph = graph
        self.dataset = dataset if dataset is not None else DatasetFiles(graph)  # shared with the build's features
        self.repo_url = repo_url
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = environment(bytecode_cache)
        self.extra_pages: list[SitePage] = []  # pages the site's features add (see features.py)
        self.incoming = relational_map.incoming_links(glossary)  # once, not once per term's map
        self.linker = TermLinker(glossary)

    # --- pages ----------------------------------------------------------------------------------------------
    def pages(self) -> list[SitePage]:
        g = self.glossary
        pages = [
            SitePage(
                "",
                g.metadata.title,
                "home.html",
                {"central": self.central_term()},
                g.metadata.description,
                structured_data=schema_org.script_safe(schema_org.defined_term_set(g)),
            ),
            SitePage(
                "terms/",
                "Terms A–Z",
                "terms.html",
                {"entries": self.index_entries()},
                "Every term of the glossary and its alternative terms, A to Z.",
                structured_data=schema_org.script_safe(schema_org.defined_term_set(g)),
            ),
            SitePage(
                "compare/",
                "Compare definitions",
                "compare_index.html",
                {"terms": self.compared_terms()},
                "The terms that two or more organisations define, each with its definitions side by side.",
            ),
            SitePage("topics/", "Topics", "topics.html", {}, "The topics that group the glossary's terms."),
            SitePage(
                "organisations/",
                "Organisations",
                "organisations.html",
                {},
                "Organisations whose definitions are quoted or who provide examples and run initiatives.",
            ),
            SitePage("initiatives/", "Initiatives", "initiatives.html", {}, "Initiatives around microcredentials."),
            SitePage(
                "sources/",
                "Sources",
                "sources.html",
                {},
                "Every document the glossary quotes or cites, with its publisher, date and link.",
            ),
            SitePage(
                "map/",
                "Relational map",
                "map.html",
                {"map": relational_map.whole_map(g), "map_id": "whole"},
                "An interactive map of the glossary: terms, topics and organisations and how they link.",
                hide=("navigation", "toc"),
            ),
            SitePage(
                "mappings/",
                "Mappings",
                "mappings.html",
                {"by_vocabulary": self.mappings_by_vocabulary()},
                "How the glossary's terms map to CTDL, ELM, ESCO, schema.org and other vocabularies.",
            ),
            SitePage(
                "ontology/",
                "Ontology reference",
                "ontology.html",
                {},
                "The glossary's own classes and properties, and what each SHACL shape requires.",
            ),
        ]
        for term in g.terms:
            pages.append(self.term_page(term))
            if len(term.source_definitions) > 1:
                pages.append(
                    SitePage(
                        f"{term.ref.path}compare/",
                        f"Compare definitions: {term.label}",
                        "compare.html",
                        {"term": term},
                        f"All definitions of {term.label} side by side, with source and year.",
                        searchable=False,
                        hide=("navigation", "toc"),  # the definitions need the whole width to stand side by side
                        crumbs=(("Compare definitions", "compare/"),),
                        crumb=term.label,
                    )
                )
        topics = (str(TOPIC_SCHEME), "Topics")
        for topic in g.topics:
            page = self.resource_page(topic.ref, topic.label, "topic.html", {"topic": topic}, topic.definition)
            pages.append(with_data(page, schema_org.topic(g, topic, *topics)))
        for org in g.organisations:
            page = self.resource_page(org.ref, org.name, "organisation.html", {"org": org}, org.description)
            page.search_tags = [org.name, *org.alternate_names]  # "HEQCO", "SUNY", "W3C" find their organisation
            pages.append(with_data(page, schema_org.organisation(org)))
        for initiative in g.initiatives:
            page = self.resource_page(
                initiative.ref, initiative.name, "initiative.html", {"initiative": initiative}, initiative.description
            )
            pages.append(with_data(page, schema_org.initiative(initiative)))
        for example in g.examples:
            context = {"example": example}
            page = self.resource_page(example.ref, example.name, "example.html", context, example.description)
            pages.append(with_data(page, schema_org.example(example)))
        for reference in g.references:
            page = self.resource_page(
                reference.ref, reference.title, "reference.html", {"reference": reference}, reference.title
            )
            pages.append(with_data(page, schema_org.reference(reference)))
        for definition in g.definitions:
            title = f"Definition by {definition.organisation.label}" + (
                f" ({definition.year})" if definition.year else ""
            )
            page = self.resource_page(
                definition.ref, title, "definition.html", {"definition": definition}, definition.quote[:200]
            )
            page.searchable = False
            pages.append(with_data(page, schema_org.quotation(definition, title)))
        for collection in g.collections:
            page = self.resource_page(
                collection.ref, collection.label, "collection.html", {"collection": collection}, collection.definition
            )
            pages.append(with_data(page, schema_org.collection(collection)))
        for own in g.own:
            page = self.resource_page(own.ref, own.label, "own.html", {"own": own}, own.definition)
            page.crumbs = (("Ontology reference", "ontology/"),)
            pages.append(with_data(page, schema_org.own_definition(own, str(MCG))))
        pages.extend(self.extra_pages)
        return pages

    def compared_terms(self) -> list[Term]:
        """The terms with two or more quoted definitions (each has a compare page), the most defined first."""
        terms = [t for t in self.glossary.terms if len(t.source_definitions) > 1]
        return sorted(terms, key=lambda t: (-len(t.source_definitions), t.label.casefold()))

    def central_term(self) -> Term | None:
        """The term with the most quoted definitions: the natural first stop for a reader."""
        terms = sorted(self.glossary.terms, key=lambda t: (-len(t.source_definitions), t.label.casefold()))
        return terms[0] if terms else None

    def term_page(self, term: Term) -> SitePage:
        page = self.resource_page(term.ref, term.label, "term.html", {"term": term}, term.ref.summary)
        page.lazy_context = lambda: {
            "map": relational_map.neighbourhood(self.glossary, term, self.incoming),
            "map_id": "neighbourhood",
        }
        page.structured_data = schema_org.script_safe(schema_org.defined_term(self.glossary, term))
        page.search_boost = 1 if term.deprecated else 3  # a term's own page outranks pages that merely mention it
        page.search_tags = [term.label, *term.alt_labels]  # so any of its names finds the term first
        # the quoted definitions and the examples' names: "nanodegree" finds microcredential through Udacity's
        page.search_text = [
            term.ecosystem,
            *(d.quote for d in term.source_definitions),
            *(e.name for e in term.examples),
        ]
        return page

    def resource_page(self, ref: Ref, title: str, template: str, context: dict, description: str) -> SitePage:
        # Pages about things other than terms (organisations, examples, ...) rank below terms in search.
        page = SitePage(ref.path, title, template, context, description, iri=ref.iri, alternates=True, search_boost=0.5)
        if ref.kind in BREADCRUMB_PARENTS:
            page.crumbs = (BREADCRUMB_PARENTS[ref.kind],)
        return page

    def index_entries(self) -> list[dict]:
        """A–Z entries: each term, and each alternative term pointing to its term, grouped by first letter."""
        entries = [{"label": t.label, "term": t, "alt": False} for t in self.glossary.terms]
        entries += [{"label": a, "term": t, "alt": True} for t in self.glossary.terms for a in t.alt_labels]
        entries.sort(key=lambda e: (e["label"].casefold(), e["alt"], e["term"].iri))
        groups: dict[str, list[dict]] = {}
        for entry in entries:
            first = entry["label"][:1].upper()
            letter = first if first.isalpha() and first.isascii() else "#"
            groups.setdefault(letter, []).append(entry)
        return [{"letter": letter, "entries": items} for letter, items in sorted(groups.items())]

    def mappings_by_vocabulary(self) -> list[dict]:
        groups: dict[str, dict] = {}
        for mapping in self.glossary.mappings:
            key = mapping.vocabulary.namespace if mapping.vocabulary else ""
            group = groups.setdefault(key, {"vocabulary": mapping.vocabulary, "mappings": []})
            group["mappings"].append(mapping)
        ordered = sorted(groups.values(), key=lambda g: g["vocabulary"].title.casefold() if g["vocabulary"] else "~")
        for group in ordered:
            group["mappings"].sort(key=lambda m: (m.term.label.casefold(), m.target))
        return ordered

    # --- HTML -----------------------------------------------------------------------------------------------
    def render(self, page: SitePage) -> str:
        template = self.env.get_template(page.template)
        here = page.path

        def url(target: str) -> str:
            return relative_url(here, target)

        body = template.render(
            page=page,
            glossary=self.glossary,
            url=url,
            linked=lambda text, term=None: self.linker.link(text, term, url),
            edit_link=self.edit_link_for(page),
            alternates=alternate_files(page.path) if page.alternates or page.own_files else [],
            **page.context,
            **(page.lazy_context() if page.lazy_context else {}),
        )
        if page.alternates and "toc" not in page.hide:  # a resource's page: outside the navigation
            body = with_contents(body)
        return breadcrumb(page, url) + body if page.crumbs else body

    def edit_link_for(self, page: SitePage) -> str:
        if not self.repo_url:
            return ""
        return edit_link(self.repo_url, page.title, page.iri or self.glossary.metadata.iri, self.site_url + page.path)

    def head_extras(self, page: SitePage, after_links: tuple[str, ...] = ()) -> str:
        """The lines the page's <head> gets: rel="alternate" links to its RDF, then `after_links` (what the theme
        needs said about them), then its JSON-LD."""
        lines = []
        here = page.path
        if page.alternates or page.own_files:
            for path, media_type, _label in alternate_files(page.path):
                lines.append(
                    f'<link rel="alternate" type="{media_type}" href="{html.escape(relative_url(here, path))}">'
                )
        else:
            for download in WHOLE_GLOSSARY:
                href = html.escape(relative_url(here, download.path))
                lines.append(f'<link rel="alternate" type="{download.media_type}" href="{href}">')
        lines.extend(after_links)
        if page.structured_data:
            lines.append(f'<script type="application/ld+json">{page.structured_data}</script>')
        return "\n".join(lines)

    # --- files ----------------------------------------------------------------------------------------------
    def files(self, pages: list[SitePage]) -> Iterator[tuple[str, bytes]]:
        """(site path, bytes) of every RDF file the site serves: the whole glossary and each resource."""
        for download in WHOLE_GLOSSARY:
            yield download.path, self.dataset[download.rdf_format]
        yield CONTEXT.path, context_file()
        resources = {URIRef(page.iri): page.path for page in pages if page.alternates and page.iri}
        for resource, serialised in described_files(self.graph, list(resources)):
            for fmt in FORMATS:
                yield f"{resources[resource]}index.{fmt.extension}", serialised[fmt.extension]
