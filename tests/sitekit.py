"""Test support: build the site once, serve it on 127.0.0.1, and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# One page of every kind the site has; "kind/*" is the first page of that kind in the built site.
PAGE_KINDS = {
    "home": "",
    "term": "term/microcredential/",
    "compare": "term/microcredential/compare/",
    "compare index": "compare/",
    "a-z": "terms/",
    "topic": "topic/*",
    "topics": "topics/",
    "organisation": "organisation/unesco/",
    "organisations": "organisations/",
    "initiative": "initiative/european-approach-to-micro-credentials/",
    "initiatives": "initiatives/",
    "definition": "definition/*",
    "example": "example/*",
    "reference": "reference/*",
    "sources": "sources/",
    "collection": "collection/eu-mandatory-elements/",
    "map": "map/",
    "mappings": "mappings/",
    "ontology reference": "ontology/",
    "class": "def/class/Term/",
    "property": "def/property/sourceDefinition/",
    "namespace": "def/",
    "shape": "shape/*",
    "downloads": "downloads/",
    "vocpub": "downloads/vocpub/",
    "versions": "versions/",
    "version": "versions/*",
    "sparql examples": "sparql/",
    "sparql example": "sparql/source-definitions/",
    "example query": "query/source-definitions/",
    "query page": "sparql/run/",
    "quality": "quality/",
    "publishing": "publish/",
    "about": "about/",
    "reuse": "reuse/",
    "contributing": "contributing/",
    "404": "404.html",
}

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(project: Path, site_dir: Path, config: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` of the project into `site_dir` (a subprocess, as a user would run it)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",  # not --quiet: it would stop strict mode from failing on warnings
            "--config-file",
            str(config or project / "mkdocs.yml"),
            "--site-dir",
            str(site_dir),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_available() -> bool:
    return shutil.which(CHROMIUM) is not None or Path(CHROMIUM).is_file()


def resolve(path: str, site: Path) -> str:
    """A site path for the tests: `kind/*` is the first page of that kind in the built site (sorted by folder name);
    any other path stays as it is."""
    if not path.endswith("/*"):
        return path
    folder = path.removesuffix("/*")
    first = min(p for p in (site / folder).iterdir() if (p / "index.html").is_file())
    return f"{folder}/{first.name}/"
