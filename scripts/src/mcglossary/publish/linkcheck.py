"""Check the links of a built site: every internal link and #anchor must resolve to a file (and an id) of the site;
external links are listed in the report, never fetched (the build machine has no network, and a link check must
not depend on other people's servers)."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXIT_OK, EXIT_BROKEN, EXIT_NO_SITE = 0, 1, 2
# <link rel="..."> values whose target a browser fetches with the page (an alternate or canonical link it does not)
FETCHED_RELS = frozenset({"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"})
_LOC = re.compile(r"<loc>([^<]+)</loc>")


class PageLinks(HTMLParser):
    """What one HTML page links to (tag, URL), what of that a browser fetches with the page, the ids it defines,
    and the JSON-LD scripts it carries."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.fetched: list[tuple[str, str]] = []  # scripts, images, frames, style sheets, icons, ...
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.links.append((tag, values[name]))
        rels = set((values.get("rel") or "").lower().split())
        if tag in ("script", "img", "iframe") and values.get("src"):
            self.fetched.append((tag, values["src"]))
        elif tag == "link" and values.get("href") and rels & FETCHED_RELS:
            self.fetched.append((tag, values["href"]))
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.scripts.append(data)
            self._in_jsonld = False


def parse_page(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0  # internal links checked
    broken: list[str] = field(default_factory=list)  # "page: what is wrong"
    external: dict[str, list[str]] = field(default_factory=dict)  # URL -> pages linking to it

    @property
    def ok(self) -> bool:
        return not self.broken

    def text(self) -> str:
        lines = [f"broken: {line}" for line in self.broken]
        lines += [f"external (not fetched): {url}  ({len(pages)} page(s))" for url, pages in self.external.items()]
        lines.append(
            f"{self.pages} pages, {self.internal} internal links checked, {len(self.broken)} broken, "
            f"{len(self.external)} distinct external links listed."
        )
        return "\n".join(lines)


def site_base_path(site: Path) -> str:
    """The URL path the site is served under (e.g. /microcredential-glossary/), read from its sitemap.xml:
    absolute links such as those of 404.html start with it."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    paths = [urlsplit(loc).path for loc in _LOC.findall(sitemap.read_text(encoding="utf-8"))]
    return min(paths, key=len) if paths else "/"


def check_site(site: Path, base_path: str | None = None) -> LinkReport:
    """Resolve every href/src of every HTML page of `site` (and each #fragment against the target's ids)."""
    site = Path(site).resolve()  # pages are compared by resolved path
    base_path = base_path if base_path is not None else site_base_path(site)
    parsed = {path: parse_page(path) for path in html_files(site)}
    report = LinkReport(pages=len(parsed))
    for path, page in parsed.items():
        shown = path.relative_to(site).as_posix()
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                if parts.scheme in ("http", "https") or link.startswith("//"):
                    report.external.setdefault(link, []).append(shown)
                continue  # mailto:, javascript:, data: are not links to check
            report.internal += 1
            target = _resolve(site, path, parts.path, base_path)
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                report.broken.append(f"{shown}: {tag} {link} (no such file)")
                continue
            # a `name=value` fragment is state the page reads (the query page's #query=...), not an anchor
            if parts.fragment and "=" not in parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse_page(target).ids
                if unquote(parts.fragment) not in ids:
                    report.broken.append(f"{shown}: {tag} {link} (no id {parts.fragment!r} in the target)")
    report.external = {url: sorted(set(pages)) for url, pages in sorted(report.external.items())}
    return report


def _resolve(site: Path, page: Path, link_path: str, base_path: str) -> Path:
    if not link_path:
        return page
    if link_path.startswith("/"):
        inside = link_path[len(base_path) :] if link_path.startswith(base_path) else link_path.lstrip("/")
        return (site / unquote(inside)).resolve()
    return (page.parent / unquote(link_path)).resolve()


def linkcheck_command(args: argparse.Namespace) -> int:
    """`mcg linkcheck [SITE]`: exit 0 when every internal link resolves, 1 when one does not."""
    site = Path(args.site)
    if not site.is_dir():
        print(f"{site}: no built site here; run `mcg build` first")
        return EXIT_NO_SITE
    report = check_site(site, args.base_path)
    print(report.text())
    return EXIT_OK if report.ok else EXIT_BROKEN


def add_linkcheck_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: ./site)")
    parser.add_argument(
        "--base-path", help="the URL path the site is served under (default: read from the site's sitemap.xml)"
    )
