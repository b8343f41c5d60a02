"""Content negotiation for the published site: one ordered list of Accept rules, written out for Apache, nginx
and a w3id.org-style redirect, following the W3C "Best Practice Recipes for Publishing RDF Vocabularies".

A resource IRI (`<base>term/x`, no trailing slash) is answered with 303 See Other to a document about it:
`term/x/` (HTML) or `term/x/index.ttl` (and .jsonld, .rdf, .nt). The vocabulary IRI (`<base>`) is the home
page itself: HTML is served directly, RDF clients get 303 to the whole dataset. A version IRI (`<base>0.1.0`) goes
to `versions/0.1.0/`. An Accept header naming nothing we have gets 406 and a page listing what we serve.

mod_rewrite cannot parse q-values, so each rule is one regular expression over the Accept header that matches a
media range at one q "level" (q=1, then q=0.9x, 0.8x, ... 0.1x, then 0.0x): levels are walked from high to low
and, within a level, our own order of preference (HTML first, then Turtle, JSON-LD, RDF/XML, N-Triples) breaks
ties. q=0 never matches, so a refused type is never served. The same list drives `decide()`, used by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from mcglossary.data.export import DATASET_NAME, FORMATS
from mcglossary.data.namespaces import RESOURCE_FOLDERS

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
NOT_ACCEPTABLE_PAGE = "406.html"

HTML = "html"
# format key -> the media types that ask for it (the first is the one we send)
MEDIA: dict[str, tuple[str, ...]] = {HTML: ("text/html", "application/xhtml+xml")}
MEDIA.update({f.extension: (f.media_type,) for f in FORMATS})
ORDER: tuple[str, ...] = (HTML, *(f.extension for f in FORMATS))
WILDCARDS: dict[str, tuple[str, ...]] = {
    "*/*": ORDER,
    "text/*": tuple(k for k in ORDER if MEDIA[k][0].startswith("text/")),
    "application/*": tuple(k for k in ORDER if MEDIA[k][0].startswith("application/")),
}

_PARAM = r";(?!\s*q\s*=)[^,;]*"  # a media-type parameter other than q
_LEVELS: tuple[tuple[str, str], ...] = (
    ("1", r"(?:;\s*q\s*=\s*1(?:\.0{0,3})?)?"),
    *((f"0.{d}", rf";\s*q\s*=\s*0\.{d}\d{{0,2}}") for d in range(9, 0, -1)),
    ("0.0x", r";\s*q\s*=\s*0\.0(?:[1-9]\d?|0[1-9])"),
)


@dataclass(frozen=True)
class Rule:
    """If `pattern` matches the Accept header (case-insensitively), answer in `format`."""

    pattern: str
    format: str
    why: str


def _range(media: str, q: str) -> str:
    """A media range `media` carrying the q-value pattern `q`, as one element of the Accept list."""
    return rf"(?:^|,)\s*{re.escape(media)}\s*(?:{_PARAM})*{q}(?:{_PARAM})*\s*(?:,|$)"


def _listed(media: str) -> str:
    return rf"(?:^|,)\s*{re.escape(media)}\s*(?:[;,]|$)"


def rules() -> list[Rule]:
    """The ordered decision list; the first rule that matches wins."""
    result = [Rule(r"^\s*$", HTML, "no Accept header")]
    for level, q in _LEVELS:
        for key in ORDER:
            explicit = "|".join(_range(m, q) for m in MEDIA[key])
            result.append(Rule(f"(?:{explicit})", key, f"{MEDIA[key][0]} at q={level}"))
            for wildcard, covered in WILDCARDS.items():
                if key in covered:
                    # a wildcard stands for the types the client did not name itself
                    unnamed = "".join(f"(?!.*{_listed(m)})" for m in MEDIA[key])
                    result.append(Rule(f"^{unnamed}.*{_range(wildcard, q)}", key, f"{wildcard} at q={level}"))
    return result


def decide(accept: str | None) -> str | None:
    """The format a request with this Accept header gets (None: 406), exactly as the server configs decide."""
    for rule in rules():
        if re.search(rule.pattern, accept or "", re.IGNORECASE):
            return rule.format
    return None


def _media_type(key: str) -> str:
    return MEDIA[key][0]


# --- Apache ---------------------------------------------------------------------------------------------------
def _apache_decisions() -> list[str]:
    lines = []
    for rule in rules():
        lines += [
            "RewriteCond %{ENV:MCG_FORMAT} ^$",
            f"RewriteCond %{{HTTP_ACCEPT}} {rule.pattern} [NC]",
            f"RewriteRule ^{NEGOTIATED}$ - [E=MCG_FORMAT:{rule.format}]",
        ]
    return lines


def apache_htaccess(base_path: str) -> str:
    """The `.htaccess` for the site's root folder, served at `base_path` (e.g. `/microcredential-glossary/`)."""
    rdf = "|".join(f.extension for f in FORMATS)
    lines = [
        "# Content negotiation for the Microcredential Glossary (generated by mcglossary.conneg; do not edit).",
        "# Needs mod_rewrite, mod_headers and mod_mime, and AllowOverride FileInfo Options (or All).",
        "Options -MultiViews",
        *(f"AddType {f.media_type} .{f.extension}" for f in FORMATS),
        "AddType text/csv .csv",
        "AddCharset utf-8 " + " ".join(f".{f.extension}" for f in FORMATS) + " .csv",
        "Header always merge Vary Accept",
        f"ErrorDocument 406 {base_path}{NOT_ACCEPTABLE_PAGE}",
        "RewriteEngine On",
        f"RewriteBase {base_path}",
        "# 1. Choose the format once, from the Accept header (see the comment in conneg.py on q-values).",
        *_apache_decisions(),
        "# 2. Resource IRIs: 303 See Other to the page or to the resource's RDF.",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^({RESOURCE})$ $1/ [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^({RESOURCE})$ $1/index.%1 [R=303,L]",
        *_def_rules(""),
        "# 3. The vocabulary IRI is the home page; RDF clients get 303 to the whole dataset.",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^$ downloads/{DATASET_NAME}.%1 [R=303,L]",
        "# 4. Version IRIs: the release's page or its files.",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^({VERSION})$ versions/$1/ [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^({VERSION})$ versions/$1/{DATASET_NAME}.%1 [R=303,L]",
        "# 5. Nothing acceptable: 406 with the list of what we serve.",
        "RewriteCond %{ENV:MCG_FORMAT} ^$",
        f"RewriteRule ^{NEGOTIATED}$ - [R=406,L]",
    ]
    return "\n".join(lines) + "\n"


def _def_rules(site: str) -> list[str]:
    """303 from our own classes and properties to their pages or RDF, and from the namespace document to its RDF."""
    rdf = "|".join(f.extension for f in FORMATS)
    lines = ["# Our own classes and properties (def/Name: def/class/Name/; def/name: def/property/name/)."]
    for pattern, folder in ((DEF_CLASS, "class"), (DEF_PROPERTY, "property")):
        lines += [
            f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
            f"RewriteRule ^{pattern}$ {site}def/{folder}/$1/ [R=303,L]",
            f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
            f"RewriteRule ^{pattern}$ {site}def/{folder}/$1/index.%1 [R=303,L]",
        ]
    lines += [
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^{NAMESPACE_DOCUMENT}$ {site}{NAMESPACE_DOCUMENT}index.%1 [R=303,L]",
    ]
    return lines


def w3id_htaccess(site: str) -> str:
    """The `.htaccess` for the w3id.org repository's `microcredential-glossary/` folder: it negotiates itself (so
    the site may live on a static host without .htaccess support) and redirects everything else to `site`."""
    site = site.rstrip("/") + "/"
    rdf = "|".join(f.extension for f in FORMATS)
    lines = [
        "# w3id.org/microcredential-glossary/ -> the published site (generated by mcglossary.conneg; do not edit).",
        "Options +FollowSymLinks",
        "Header always merge Vary Accept",
        "RewriteEngine On",
        *_apache_decisions(),
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^({RESOURCE})$ {site}$1/ [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^({RESOURCE})$ {site}$1/index.%1 [R=303,L]",
        *_def_rules(site),
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^{NAMESPACE_DOCUMENT}$ {site}{NAMESPACE_DOCUMENT} [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^$ {site} [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^$ {site}downloads/{DATASET_NAME}.%1 [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ={HTML}",
        f"RewriteRule ^({VERSION})$ {site}versions/$1/ [R=303,L]",
        f"RewriteCond %{{ENV:MCG_FORMAT}} ^({rdf})$",
        f"RewriteRule ^({VERSION})$ {site}versions/$1/{DATASET_NAME}.%1 [R=303,L]",
        f"RewriteRule ^{NEGOTIATED}$ {site}{NOT_ACCEPTABLE_PAGE} [R=303,L]",
        "# Any other path (pages, downloads, assets) is a document already: pass it on.",
        f"RewriteRule ^(.*)$ {site}$1 [R=302,L]",
    ]
    return "\n".join(lines) + "\n"


# --- nginx ----------------------------------------------------------------------------------------------------
def nginx_conf(base_path: str, root: str = "/srv/microcredential-glossary/site") -> str:
    """An nginx equivalent: the `map` goes in the `http` block, the locations in the `server` block."""
    rdf = "|".join(f.extension for f in FORMATS)
    maps = [f'    "~*{rule.pattern}" {rule.format};' for rule in rules()]
    lines = [
        "# Content negotiation for the Microcredential Glossary (generated by mcglossary.conneg; do not edit).",
        "# In the http { } block:",
        "map $http_accept $mcg_format {",
        '    default "";',
        *maps,
        "}",
        "",
        "# In the server { } block:",
        f"location {base_path} {{",
        f"    alias {root.rstrip('/')}/;",
        "    add_header Vary Accept always;",
        f"    error_page 406 {base_path}{NOT_ACCEPTABLE_PAGE};",
        *(
            f"    location ~ \\.{f.extension}$ {{ types {{ }} default_type {f.media_type}; charset utf-8;"
            " add_header Vary Accept always; }"
            for f in FORMATS
        ),
        "}",
        f'location ~ "^{base_path}(?<mcg_resource>{RESOURCE})$" {{',
        "    add_header Vary Accept always;",
        '    if ($mcg_format = "") { return 406; }',
        f"    if ($mcg_format = {HTML}) {{ return 303 {base_path}$mcg_resource/; }}",
        f"    return 303 {base_path}$mcg_resource/index.$mcg_format;",
        "}",
        *(
            line
            for pattern, folder in ((DEF_CLASS, "class"), (DEF_PROPERTY, "property"))
            for line in (
                f'location ~ "^{base_path}{pattern}$" {{',
                "    add_header Vary Accept always;",
                '    if ($mcg_format = "") { return 406; }',
                f"    if ($mcg_format = {HTML}) {{ return 303 {base_path}def/{folder}/$1/; }}",
                f"    return 303 {base_path}def/{folder}/$1/index.$mcg_format;",
                "}",
            )
        ),
        f"location = {base_path}{NAMESPACE_DOCUMENT} {{",
        f"    alias {root.rstrip('/')}/{NAMESPACE_DOCUMENT};",
        "    add_header Vary Accept always;",
        '    if ($mcg_format = "") { return 406; }',
        f'    if ($mcg_format ~ "^({rdf})$") {{ return 303 {base_path}{NAMESPACE_DOCUMENT}index.$mcg_format; }}',
        "}",
        f'location ~ "^{base_path}(?<mcg_version>{VERSION})$" {{',
        "    add_header Vary Accept always;",
        '    if ($mcg_format = "") { return 406; }',
        f"    if ($mcg_format = {HTML}) {{ return 303 {base_path}versions/$mcg_version/; }}",
        f"    return 303 {base_path}versions/$mcg_version/{DATASET_NAME}.$mcg_format;",
        "}",
        f"location = {base_path} {{",
        f"    alias {root.rstrip('/')}/;",
        "    add_header Vary Accept always;",
        '    if ($mcg_format = "") { return 406; }',
        f'    if ($mcg_format ~ "^({rdf})$") {{ return 303 {base_path}downloads/{DATASET_NAME}.$mcg_format; }}',
        "}",
    ]
    return "\n".join(lines) + "\n"


# --- the 406 page ---------------------------------------------------------------------------------------------
def not_acceptable_page(site_url: str) -> str:
    """A self-contained HTML page for 406 answers: what this site can serve, and how to ask for it."""
    rows = "\n".join(
        f"<tr><td><code>{escape(_media_type(key))}</code></td><td>{escape(label)}</td></tr>"
        for key, label in [(HTML, "HTML page"), *((f.extension, f.label) for f in FORMATS)]
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
