"""The site's publishing features: content negotiation configs, the extra downloads and the versions pages.

What the site needs to be published as linked data: server configs for content negotiation, the extra downloads
(shapes, CSV, the VocPub vocabulary, DCAT) and the versions with their changelog; pipeline.FEATURES lists them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from rdflib import Graph

from mcglossary.data.downloads import (
    CATALOGUE,
    CONTEXT,
    DOWNLOADS,
    SHAPES,
    TABLE,
    VOCABULARY,
    WHOLE_GLOSSARY,
    Download,
    context_file,
)
from mcglossary.data.export import (
    DATASET_NAME,
    FORMAT_BY_EXTENSION,
    FORMATS,
    DatasetFiles,
    describe,
    published,
    serialize,
    serialize_all,
)
from mcglossary.data.namespaces import BASE, TOPIC_SCHEME
from mcglossary.publish import conneg
from mcglossary.publish.catalogue import dcat_graph, terms_csv
from mcglossary.publish.changelog import diff, history, releases, snapshot
from mcglossary.publish.vocpub import MAIN_DOWNLOAD_DIFFERENCES, vocabulary_triples
from mcglossary.site import schema_org
from mcglossary.site.features import Extension, SiteContext
from mcglossary.site.model import Glossary
from mcglossary.site.pages import SitePage, with_data

Files = list[tuple[str, bytes]]
TURTLE = FORMAT_BY_EXTENSION["ttl"]


def base_path(glossary: Glossary) -> str:
    """The path the site is served under, from the glossary's IRI (its site URL): `/microcredential-glossary/`."""
    return urlparse(glossary.metadata.iri).path or "/"


# --- content negotiation --------------------------------------------------------------------------------------
def minted_paths(glossary: Glossary, root: Path) -> list[str]:
    """The path after the base of every IRI the glossary mints that content negotiation answers."""
    resources = [
        *glossary.terms,
        *glossary.topics,
        *glossary.organisations,
        *glossary.initiatives,
        *glossary.examples,
        *glossary.references,
        *glossary.definitions,
        *glossary.collections,
        *glossary.own,
    ]
    paths = ["", "topics", "def/", *(r.ref.iri[len(BASE) :] for r in resources)]
    paths += [shape.iri[len(BASE) :] for shape in glossary.shapes if shape.path]
    paths += [f"query/{query.stem}" for query in sorted((root / "queries").glob("*.rq"))]
    return [*paths, *releases(root)]


def conneg_part(glossary: Glossary, data: Graph, root: Path) -> tuple[list[SitePage], Files]:
    path = base_path(glossary)
    site = glossary.metadata.iri
    htaccess, nginx = conneg.apache_htaccess(path), conneg.nginx_conf(path)
    w3id = conneg.w3id_htaccess(conneg.SITE_HOST, minted_paths(glossary, root))
    files: Files = [
        (".htaccess", htaccess.encode()),
        (conneg.NOT_ACCEPTABLE_PAGE, conneg.not_acceptable_page(site).encode()),
        ("publish/htaccess.txt", htaccess.encode()),
        ("publish/nginx.conf", nginx.encode()),
        ("publish/w3id.htaccess.txt", w3id.encode()),
        (f"publish/{conneg.NEGOTIATE_JS}", conneg.negotiate_js().encode()),
    ]
    # The topic scheme's IRI (<base>topics) is negotiated to the Topics page or to these files.
    scheme = serialize_all(describe(data, TOPIC_SCHEME))
    files += [(f"topics/index.{f.extension}", scheme[f.extension]) for f in FORMATS]
    table = [
        {"accept": accept, "result": result}
        for accept, result in (
            ("text/html, a browser's header, */*, or no Accept header", "the HTML page"),
            *((f.media_type, f"the resource's {f.label}") for f in FORMATS),
            ("application/json", "the resource's JSON-LD"),
            ("text/plain", "the resource's N-Triples"),
            ("text/turtle;q=0.05, text/html;q=0.01", "Turtle: the highest q wins"),
            ("text/html;q=0, */*", "Turtle: HTML refused, the first of the rest in our order"),
            ("application/pdf (nothing we serve)", "406 Not Acceptable, with the list of what we serve"),
            ("any Accept, for an IRI the glossary never minted", "404 Not Found, with the site's 404 page"),
        )
    ]
    page = SitePage(
        "publish/",
        "Hosting and content negotiation",
        "publish.html",
        {
            "table": table,
            "htaccess": htaccess,
            "nginx": nginx,
            "w3id": w3id,
            "site_host": conneg.SITE_HOST,
            "base_path": path,
            "kinds": conneg.KINDS,
        },
        "How the glossary's IRIs are served: content negotiation rules for Apache, nginx and w3id.org.",
    )
    return [page], files


# --- downloads ------------------------------------------------------------------------------------------------
def downloads_part(
    data: Graph,
    shapes: Graph,
    glossary: Glossary,
    dataset: DatasetFiles | None = None,
    elsewhere: dict[Download, bytes] | None = None,
) -> tuple[Files, dict[str, int]]:
    """The shapes, the CSV, the VocPub vocabulary and the DCAT catalogue, which gives the size of every download:
    those of the whole glossary come from `dataset` (the build's, so the glossary is not serialised again), those
    another feature writes from `elsewhere` (the example queries', which sparql/ makes). Also the size in bytes of
    every download, by its key, for the downloads page."""
    dataset = dataset if dataset is not None else DatasetFiles(data)
    made = {
        SHAPES: serialize(shapes, TURTLE),
        VOCABULARY: serialize(vocabulary_triples(data), TURTLE),
        TABLE: terms_csv(glossary),
    }
    sizes = [(d, len(dataset[d.rdf_format])) for d in WHOLE_GLOSSARY]
    sizes.append((CONTEXT, len(context_file())))
    sizes += [(d, len(made[d])) for d in DOWNLOADS if d in made]
    sizes += [(d, len(file)) for d, file in (elsewhere or {}).items()]
    made[CATALOGUE] = serialize(dcat_graph(glossary, glossary.metadata.iri, sizes), TURTLE)
    by_key = {d.key: size for d, size in sizes}
    by_key[CATALOGUE.key] = len(made[CATALOGUE])
    return [(d.path, data) for d, data in made.items()], by_key


# --- versions -------------------------------------------------------------------------------------------------
def versions_part(root: Path, data: Graph) -> tuple[list[SitePage], Files]:
    entries = history(root)
    done = releases(root)
    unreleased = diff(snapshot(root, done[-1]), data) if done else None
    files: Files = []
    pages: list[SitePage] = []
    for entry in entries:
        released = serialize_all(published(snapshot(root, entry.version)))  # sorted once for every format
        files += [(f"versions/{entry.version}/{DATASET_NAME}.{f.extension}", released[f.extension]) for f in FORMATS]
        page = SitePage(
            f"versions/{entry.version}/",
            f"Version {entry.version}",
            "version.html",
            {"entry": entry, "formats": FORMATS, "dataset": DATASET_NAME},
            f"Release {entry.version} of the glossary: its files and what changed.",
            iri=entry.iri,
            crumbs=(("Versions", "versions/"),),
        )
        description = schema_org.release(entry.iri, page.title, page.description, entry.version, entry.date)
        pages.append(with_data(page, description))
    pages.insert(
        0,
        SitePage(
            "versions/",
            "Versions and changelog",
            "versions.html",
            {"entries": entries, "unreleased": unreleased, "latest": done[-1] if done else None},
            "Every release of the glossary, its version IRI and files, and what changed in it.",
        ),
    )
    return pages, files


# --- the features (listed in pipeline.FEATURES) -----------------------------------------------------------------
def publishing_feature(context: SiteContext) -> Extension:
    """.htaccess, the 406 page, the nginx and w3id configs and the page that explains them."""
    pages, files = conneg_part(context.glossary, context.ontology.data, context.ontology.root)
    return Extension(pages, files)


def catalogue_feature(context: SiteContext, elsewhere: dict[Download, bytes] | None = None) -> Extension:
    """The terms as CSV, the VocPub vocabulary (and the page on how the main download differs from it), the DCAT
    description of every download, and the downloads page, with each file's size; `elsewhere`: the downloads other
    features write (pipeline.FEATURES passes them)."""
    ontology = context.ontology
    files, sizes = downloads_part(ontology.data, ontology.shapes, context.glossary, context.dataset, elsewhere)
    downloads = SitePage(
        "downloads/",
        "Downloads",
        "downloads.html",
        {"downloads": DOWNLOADS, "sizes": sizes},
        "The whole glossary in Turtle, JSON-LD, RDF/XML and N-Triples.",
    )
    page = SitePage(
        "downloads/vocpub/",
        "The VocPub download, and how the main download differs",
        "vocpub.html",
        {"differences": MAIN_DOWNLOAD_DIFFERENCES, "vocabulary": VOCABULARY.name, "dataset": DATASET_NAME},
        "Which rules of the VocPub profile the main download does not follow, and why.",
        crumbs=(("Downloads", "downloads/"),),
    )
    return Extension([downloads, page], files)


def versions_feature(context: SiteContext) -> Extension:
    """The changelog page, a page per release and each release's files under versions/<version>/."""
    pages, files = versions_part(context.ontology.root, context.ontology.data)
    return Extension(pages, files)
