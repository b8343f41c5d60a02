"""Content negotiation for the published site, written out for Apache (.htaccess), a w3id.org-style redirect and
nginx (with its njs module), each deciding as publish/accept.py does (RFC 9110), following the W3C "Best Practice
Recipes for Publishing RDF Vocabularies".

A resource IRI (`<base>term/x`, no trailing slash) is answered with 303 See Other to a document about it:
`term/x/` (HTML) or `term/x/index.ttl` (and .jsonld, .rdf, .nt). The vocabulary IRI (`<base>`) and the namespace
document (`<base>def/`) are pages themselves: HTML is served directly, RDF clients get 303 to their RDF. A version
IRI (`<base>0.1.0`) goes to `versions/0.1.0/`. An IRI the glossary never minted gets 404 at once, with the site's
404 page; an Accept header naming nothing we have gets 406 and a page listing what we serve.

mod_rewrite has no loops, but it has integer comparison (`RewriteCond expr "... -gt ..."`), so the Apache rules
compute what accept.weigh computes, step by step: the weight of each media range the header lists (thousandths),
then each media type's weight from its most specific listed range, each format's from its media types, and the
heaviest format, earlier formats winning ties.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources

from mcglossary.data.export import DATASET_NAME, FORMATS
from mcglossary.data.namespaces import RESOURCE_FOLDERS
from mcglossary.publish.accept import (
    HTML,
    MEDIA,
    MEDIA_TYPES,
    ORDER,
    PARAMETER,
    QVALUE,
    RANGE_PATTERN,
    WILDCARDS,
    decide,
)

__all__ = ["apache_htaccess", "decide", "negotiate_js", "nginx_conf", "not_acceptable_page", "w3id_htaccess"]

# First path segments of the glossary's resource IRIs (`<base><kind>/<slug>`), each with a page `<kind>/<slug>/`.
# every folder of resource IRIs but def/, whose class and property pages have rules of their own (below)
KINDS = tuple(kind for kind in RESOURCE_FOLDERS if kind != "def")
SCHEMES = ("topics",)  # IRIs of a single segment with a page of their own (the topic scheme)
VERSION = r"\d+\.\d+\.\d+"
RESOURCE = rf"(?:{'|'.join(KINDS)})/[^/]+|{'|'.join(SCHEMES)}"
# Our own classes and properties: `def/Name` has its page at `def/class/Name/`, `def/name` at `def/property/name/`
# (namespaces.def_page_path says why); `def/` itself is the namespace document, a page like the home page.
# (validation keeps def/ names to letters and digits, so these never match a file such as def/index.ttl)
DEF_CLASS, DEF_PROPERTY = r"def/([A-Z][A-Za-z0-9]*)", r"def/([a-z][A-Za-z0-9]*)"
NAMESPACE_DOCUMENT = "def/"
NEGOTIATED = rf"(?:|{RESOURCE}|def/[A-Za-z][A-Za-z0-9]*|{NAMESPACE_DOCUMENT}|{VERSION})"
# Where the site itself is hosted, behind the permanent w3id.org base (the w3id redirect points here).
SITE_HOST = "https://microcredential-glossary.github.io/microcredential-glossary/"
NOT_ACCEPTABLE_PAGE = "406.html"
NOT_FOUND_PAGE = "404.html"
NEGOTIATE_JS = "negotiate.js"
RDF = "|".join(f.extension for f in FORMATS)
RANGES: tuple[str, ...] = (*MEDIA_TYPES, *WILDCARDS)  # every media range whose weight matters


def _served(key: str) -> str:
    return MEDIA[key][0]


# --- Apache ---------------------------------------------------------------------------------------------------
def _listed(media: str) -> str:
    """The first well-formed listing of `media` in the Accept header; group 1 is its `;q=...` part, if any. Quotes
    are written \\x22 and \\x27 so that the pattern stays one word in Apache's configuration syntax."""
    pattern = rf"(?:^|,)\s*{re.escape(media)}\s*(?:{PARAMETER}\s*)*(;\s*q\s*=\s*{QVALUE})?\s*(?:,|$)"
    return pattern.replace('"', r"\x22").replace("'", r"\x27")


def _apache_decision() -> list[str]:
    """Rules that leave the chosen format in MCG_FORMAT (empty: nothing acceptable) for a negotiated path."""
    at = f"RewriteRule ^{NEGOTIATED}$ -"
    index = {media: i for i, media in enumerate(RANGES)}
    lines = ["# 1. Each media range's weight in thousandths: MCG_L<i> is x, plus ;q=... if given, when it is listed."]
    lines += [f"{at} [{','.join(f'E=MCG_L{i}:' for i in range(len(RANGES)))},E=MCG_FORMAT:]"]
    lines += ["RewriteCond %{HTTP_ACCEPT} ^\\s*$", f"{at} [E=MCG_L{index['*/*']}:x]"]  # no Accept: anything goes
    for i, media in enumerate(RANGES):
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} {_listed(media)} [NC]",
            f"{at} [E=MCG_L{i}:x%1]",
            f"RewriteCond %{{ENV:MCG_L{i}}} ^x(?:;\\s*q\\s*=\\s*1.*)?$",
            f"{at} [E=MCG_W{i}:1000]",
            f"RewriteCond %{{ENV:MCG_L{i}}}000 ^x;\\s*q\\s*=\\s*0\\.?(\\d)(\\d)(\\d)",
            f"{at} [E=MCG_W{i}:%1%2%3]",
        ]
    lines += [
        "# 2. Each media type's weight: that of the most specific range listed (type/sub, type/*, */*) for the type",
        "# a format is served as; another name of a format (application/json, ...) counts only when listed itself.",
    ]
    for media in MEDIA_TYPES:
        own, family, anything = index[media], index[f"{media.split('/')[0]}/*"], index["*/*"]
        lines += [f"{at} [E=MCG_M{own}:0]"]
        unlisted: list[str] = []
        served = any(MEDIA[key][0] == media for key in ORDER)
        for source in (own, family, anything) if served else (own,):
            weight = f"{at} [E=MCG_M{own}:%{{ENV:MCG_W{source}}}]"
            lines += [*unlisted, f"RewriteCond %{{ENV:MCG_L{source}}} ^x", weight]
            unlisted.append(f"RewriteCond %{{ENV:MCG_L{source}}} ^$")
    lines += ["# 3. Each format's weight (the highest of its media types'), then the heaviest format; ties: ours."]
    for key in ORDER:
        first, *others = (index[m] for m in MEDIA[key])
        lines += [f"{at} [E=MCG_F_{key}:%{{ENV:MCG_M{first}}}]"]
        for other in others:
            lines += [
                f"RewriteCond expr \"reqenv('MCG_M{other}') -gt reqenv('MCG_F_{key}')\"",
                f"{at} [E=MCG_F_{key}:%{{ENV:MCG_M{other}}}]",
            ]
    lines += [f"{at} [E=MCG_Q:0]"]
    for key in ORDER:
        lines += [
            f"RewriteCond expr \"reqenv('MCG_F_{key}') -gt reqenv('MCG_Q')\"",
            f"{at} [E=MCG_Q:%{{ENV:MCG_F_{key}}},E=MCG_FORMAT:{key}]",
        ]
    return lines


def _apache_missing() -> list[str]:
    """404 at once for an IRI under the base that has no page in the built site."""
    return [
        "# 2. An IRI the glossary did not mint: 404 at once (its page folder does not exist).",
        "RewriteCond %{REQUEST_FILENAME} !-d",
        f"RewriteRule ^(?:{RESOURCE})$ - [R=404,L]",
        "RewriteCond %{REQUEST_FILENAME} ^(.*)/def/([A-Z][A-Za-z0-9]*)$",
        "RewriteCond %1/def/class/%2 !-d",
        f"RewriteRule ^{DEF_CLASS}$ - [R=404,L]",
        "RewriteCond %{REQUEST_FILENAME} ^(.*)/def/([a-z][A-Za-z0-9]*)$",
        "RewriteCond %1/def/property/%2 !-d",
        f"RewriteRule ^{DEF_PROPERTY}$ - [R=404,L]",
        f"RewriteCond %{{REQUEST_FILENAME}} ^(.*)/({VERSION})$",
        "RewriteCond %1/versions/%2 !-d",
        f"RewriteRule ^{VERSION}$ - [R=404,L]",
    ]


def _redirects(site: str) -> list[str]:
    """303 from each negotiated IRI to its page or RDF; `site` is prepended to the targets ('' for the site)."""
    lines = ["# 4. Resource IRIs: 303 See Other to the page or to the resource's RDF."]
    for pattern, target in (
        (f"({RESOURCE})", "$1/"),
        (DEF_CLASS, "def/class/$1/"),
        (DEF_PROPERTY, "def/property/$1/"),
        (f"({VERSION})", "versions/$1/"),
    ):
        rdf_target = f"versions/$1/{DATASET_NAME}.%1" if target == "versions/$1/" else f"{target}index.%1"
        lines += [
            f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
            f"RewriteRule ^{pattern}$ {site}{target} [R=303,L]",
            f"RewriteCond %{{ENV:MCG_FORMAT}} ^({RDF})$",
            f"RewriteRule ^{pattern}$ {site}{rdf_target} [R=303,L]",
        ]
    lines += [
        "# 5. The vocabulary IRI and the def/ namespace document are pages; RDF clients get 303 to their RDF.",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({RDF})$",
        f"RewriteRule ^$ {site}downloads/{DATASET_NAME}.%1 [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({RDF})$",
        f"RewriteRule ^{NAMESPACE_DOCUMENT}$ {site}{NAMESPACE_DOCUMENT}index.%1 [R=303,L]",
    ]
    return lines


def apache_htaccess(base_path: str) -> str:
    """The `.htaccess` for the site's root folder, served at `base_path` (e.g. `/microcredential-glossary/`)."""
    lines = [
        "# Content negotiation for the Microcredential Glossary (generated by mcglossary.conneg; do not edit).",
        "# Needs mod_rewrite, mod_headers and mod_mime, and AllowOverride FileInfo Options (or All).",
        "Options -MultiViews",
        *(f"AddType {f.media_type} .{f.extension}" for f in FORMATS),
        "AddType text/csv .csv",
        "AddType application/sparql-query .rq",
        "AddCharset utf-8 " + " ".join(f".{f.extension}" for f in FORMATS) + " .csv .rq",
        "Header always merge Vary Accept",
        f"ErrorDocument 404 {base_path}{NOT_FOUND_PAGE}",
        f"ErrorDocument 406 {base_path}{NOT_ACCEPTABLE_PAGE}",
        "RewriteEngine On",
        f"RewriteBase {base_path}",
        *_apache_missing(),
        *_apache_decision(),
        *_redirects(""),
        "# 6. Nothing acceptable: 406 with the list of what we serve.",
        "RewriteCond %{ENV:MCG_FORMAT} ^$",
        f"RewriteRule ^{NEGOTIATED}$ - [R=406,L]",
    ]
    return "\n".join(lines) + "\n"


# --- w3id.org -------------------------------------------------------------------------------------------------
def _known(iris: list[str]) -> list[str]:
    """Rules marking the IRIs the glossary minted (paths after the base), a few hundred to a line: w3id.org cannot
    look at the host's files, so it is told which IRIs exist."""
    lines: list[str] = []
    chunk: list[str] = []
    for path in [*sorted(iris), None]:
        if path is not None:
            chunk.append(re.escape(path))
        if chunk and (path is None or sum(len(p) + 1 for p in chunk) > 3000):
            lines.append(f"RewriteRule ^(?:{'|'.join(chunk)})$ - [E=MCG_KNOWN:1]")
            chunk = []
    return lines


def _error_text(status: int, site: str) -> str:
    """A one-line HTML body for ErrorDocument (quoted text keeps the status; a URL there would redirect)."""
    if status == 404:
        body = "<h1>404 Not Found</h1><p>The Microcredential Glossary has no such IRI.</p>"
    else:
        kinds = ", ".join(_served(key) for key in ORDER)
        body = f"<h1>406 Not Acceptable</h1><p>This IRI can be served as: {kinds}.</p>"
    page = f"<!doctype html><title>{status}: Microcredential Glossary</title>{body}<p><a href='{site}'>Home</a></p>"
    return f'"{page}"'


def w3id_htaccess(site: str, minted: list[str] | None = None) -> str:
    """The `.htaccess` for the w3id.org repository's `microcredential-glossary/` folder: it negotiates itself (so
    the site may live on a static host without .htaccess support), answers 404 and 406 itself, and redirects
    everything else to `site`. `minted`: the paths (after the base) of every IRI the glossary mints; without it,
    no IRI is refused as unknown."""
    site = site.rstrip("/") + "/"
    known = _known(minted) if minted is not None else [f"RewriteRule ^{NEGOTIATED}$ - [E=MCG_KNOWN:1]"]
    lines = [
        "# w3id.org/microcredential-glossary/ -> the published site (generated by mcglossary.conneg; do not edit).",
        "Options +FollowSymLinks",
        "Header always merge Vary Accept",
        f"ErrorDocument 404 {_error_text(404, site)}",
        f"ErrorDocument 406 {_error_text(406, site)}",
        "RewriteEngine On",
        "# 1. The IRIs the glossary mints; any other negotiated path is answered 404 here.",
        *known,
        "RewriteCond %{ENV:MCG_KNOWN} !=1",
        f"RewriteRule ^{NEGOTIATED}$ - [R=404,L]",
        *_apache_decision(),
        *_redirects(site),
        "# The vocabulary IRI and the namespace document are pages: for HTML, moved permanently to the host's.",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^({NAMESPACE_DOCUMENT})?$ {site}$1 [R=301,L]",
        "# 6. Nothing acceptable: 406 here, with the list of what the host serves.",
        "RewriteCond %{ENV:MCG_FORMAT} ^$",
        f"RewriteRule ^{NEGOTIATED}$ - [R=406,L]",
        "# Any other path (pages, downloads, assets) is a document already: it lives on the host, permanently (the",
        "# pages' canonical links are these w3id.org addresses, and a canonical link must answer 200 or 301).",
        f"RewriteRule ^(.*)$ {site}$1 [R=301,L]",
    ]
    return "\n".join(lines) + "\n"


# --- nginx ----------------------------------------------------------------------------------------------------
def negotiate_js() -> str:
    """The njs module nginx decides with: our media types, generated from accept.py, then the algorithm."""
    table = {"order": list(ORDER), "media": {key: list(MEDIA[key]) for key in ORDER}, "range": RANGE_PATTERN}
    code = resources.files("mcglossary.publish").joinpath(NEGOTIATE_JS).read_text(encoding="utf-8")
    head = "// Generated by mcglossary.conneg from publish/negotiate.js; do not edit."
    return f"{head}\nvar TABLE = {json.dumps(table)};\n{code}"


DEFAULT_ROOT = "/srv/microcredential-glossary/site"


def nginx_conf(base_path: str, root: str = DEFAULT_ROOT) -> str:
    """The nginx equivalent, for nginx with its njs module (Debian: libnginx-mod-http-js): the first lines go in the
    `http` block, the locations in a `server` block."""
    lines = [
        "# Content negotiation for the Microcredential Glossary (generated by mcglossary.conneg; do not edit).",
        "# Needs nginx's njs module: load_module modules/ngx_http_js_module.so; (Debian: libnginx-mod-http-js).",
        "# In the http { } block (js_path: the folder of the built site's publish/negotiate.js):",
        *nginx_http_block(root),
        "",
        "# In the server { } block:",
        *nginx_server_block(base_path, root),
    ]
    return "\n".join(lines) + "\n"


def nginx_http_block(root: str = DEFAULT_ROOT) -> list[str]:
    """The lines for nginx's `http` block: the njs module decides $mcg_format."""
    return [
        f"js_path {root.rstrip('/')}/publish/;",
        f"js_import negotiate from {NEGOTIATE_JS};",
        "js_set $mcg_format negotiate.format;",
    ]


def nginx_server_block(base_path: str, root: str = DEFAULT_ROOT) -> list[str]:
    """The locations for nginx's `server` block."""
    root = root.rstrip("/")
    vary = "add_header Vary Accept always;"
    decide_lines = ['    if ($mcg_format = "") { return 406; }']

    def negotiated(match: str, folder: str, html: str, rdf: str) -> list[str]:
        return [
            f"location ~ {match} {{",
            f"    {vary}",
            f"    if (!-d {root}/{folder}) {{ return 404; }}",
            *decide_lines,
            f"    if ($mcg_format = {HTML}) {{ return 303 {base_path}{html}; }}",
            f"    return 303 {base_path}{rdf};",
            "}",
        ]

    return [
        f"error_page 404 {base_path}{NOT_FOUND_PAGE};",
        f"error_page 406 {base_path}{NOT_ACCEPTABLE_PAGE};",
        f"location {base_path} {{",
        f"    alias {root}/;",
        f"    {vary}",
        *(
            f"    location ~ \\.{f.extension}$ {{ types {{ }} default_type {f.media_type}; charset utf-8; {vary} }}"
            for f in FORMATS
        ),
        "}",
        f"location = {base_path}{NAMESPACE_DOCUMENT} {{",
        f"    alias {root}/{NAMESPACE_DOCUMENT};",
        f"    {vary}",
        *decide_lines,
        f'    if ($mcg_format ~ "^({RDF})$") {{ return 303 {base_path}{NAMESPACE_DOCUMENT}index.$mcg_format; }}',
        "}",
        f"location = {base_path} {{",
        f"    alias {root}/;",
        f"    {vary}",
        *decide_lines,
        f'    if ($mcg_format ~ "^({RDF})$") {{ return 303 {base_path}downloads/{DATASET_NAME}.$mcg_format; }}',
        "}",
        *negotiated(
            f'"^{base_path}(?<mcg_resource>{RESOURCE})$"',
            "$mcg_resource",
            "$mcg_resource/",
            "$mcg_resource/index.$mcg_format",
        ),
        *negotiated(
            f'"^{base_path}def/(?<mcg_class>[A-Z][A-Za-z0-9]*)$"',
            "def/class/$mcg_class",
            "def/class/$mcg_class/",
            "def/class/$mcg_class/index.$mcg_format",
        ),
        *negotiated(
            f'"^{base_path}def/(?<mcg_property>[a-z][A-Za-z0-9]*)$"',
            "def/property/$mcg_property",
            "def/property/$mcg_property/",
            "def/property/$mcg_property/index.$mcg_format",
        ),
        *negotiated(
            f'"^{base_path}(?<mcg_version>{VERSION})$"',
            "versions/$mcg_version",
            "versions/$mcg_version/",
            f"versions/$mcg_version/{DATASET_NAME}.$mcg_format",
        ),
    ]


# --- the 406 page ---------------------------------------------------------------------------------------------
def not_acceptable_page(site_url: str) -> str:
    """A self-contained HTML page for 406 answers: what this site can serve, and how to ask for it."""
    labels = {HTML: "HTML page", **{f.extension: f.label for f in FORMATS}}
    rows = "\n".join(
        f"<tr><td>{', '.join(f'<code>{escape(m)}</code>' for m in MEDIA[key])}</td><td>{escape(labels[key])}</td></tr>"
        for key in ORDER
    )
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>406 Not Acceptable: Microcredential Glossary</title></head>
<body>
<h1>406 Not Acceptable</h1>
<p>This resource of the Microcredential Glossary is not available in the media type your Accept header asks for.
Each term, topic, organisation and other resource can be served as:</p>
<table>
<thead><tr><th>Accept</th><th>Format</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p>For example: <code>curl -L -H "Accept: text/turtle" {escape(site_url)}term/microcredential</code>.
A browser, or <code>Accept: */*</code>, gets the HTML page.</p>
<p><a href="{escape(site_url)}">Microcredential Glossary home</a></p>
</body>
</html>
"""
