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
